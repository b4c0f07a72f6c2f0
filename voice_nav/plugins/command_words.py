"""
The words of the command grammar: tokens, phrases, numbers and units.

``tokenize`` turns a text into lowercase tokens, with fixed phrases rewritten
to one word (``hold on`` is ``stop``, ``face the other way`` is ``turn
around``) and Whisper's usual mishearings of command words put right where the
words around them leave no doubt. ``read_items`` reads the numbers and their
units into quantities. ``unreadable_number`` finds a number written in a way
the grammar cannot read exactly (``2e-1``, ``1.2.3``, ``2,5``), which is asked
for again rather than guessed. Standard library only.
"""

import math
import re

SMALL = 'small'
"""The kind of a vague amount (a bit, a little, a few, some): asked for, never guessed."""

# What a number said in words or digits starts with, for the mishearings trusted only before one.
_NUMBER_START = (r'(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve'
                 r'|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|half|point'
                 r'|a quarter|three quarters)\b')
_ORDINAL_DIGITS = {'3rd': 'third', '4th': 'quarter', '5th': 'fifth', '6th': 'sixth',
                   '8th': 'eighth', '10th': 'tenth'}
_TURN_VERBS = r'turn|rotate|spin|pivot|swing|veer|swivel|twist|twirl'
_MOVE_VERBS = r'go|move|drive|step|head|slide|strafe|shift|roll|shimmy|crab|scuttle|zoom|zip'
# Past forms, read as the request they wrap: "I'd appreciate it if you turned left".
_PAST = {'turned': 'turn', 'rotated': 'rotate', 'spun': 'spin', 'pivoted': 'pivot',
         'moved': 'move', 'drove': 'drive', 'driven': 'drive', 'went': 'go', 'gone': 'go',
         'backed': 'back', 'reversed': 'reverse', 'stepped': 'step', 'rolled': 'roll',
         'headed': 'head', 'slid': 'slide', 'strafed': 'strafe', 'shifted': 'shift',
         'advanced': 'advance', 'came': 'come', 'scooted': 'scoot'}
_PAST_FORM = '|'.join(_PAST)
_HESITATIONS = r'(?:um|uh|uhm|ah|er|err|erm|hmm|hm|mm)'
_AXES = {**dict.fromkeys('left right clockwise counterclockwise'.split(), 'side'),
         **dict.fromkeys('forward forwards back backward backwards'.split(), 'ahead')}
_WAYS = '|'.join((*_AXES, 'ahead'))
_MOTION_SAID = re.compile(rf'\b(?:{_TURN_VERBS}|{_MOVE_VERBS}|back|forward|ahead|left|right'
                          r'|reverse|advance|\d)')
# A word a command starts with, and what a correction before a new command looks ahead to.
_COMMAND_WORD = (rf'(?:{_TURN_VERBS}|{_MOVE_VERBS}|face|look|back|reverse|advance|forward|left'
                 r'|right)\b')
# A command verb in any of its forms: "turning", "moving", "faced".
_VERB_FORM = r'(?:%s)\w*' % '|'.join(verb.removesuffix('e') for verb in (
    f'{_TURN_VERBS}|{_MOVE_VERBS}|face|look|back|reverse|advance').split('|'))
# What a request may start with before its command word: "please", "could you".
_ASKING = r'(?:(?:please|kindly|just|now|could|can|would|will|you) )*'
_COMMAND_NEXT = rf'(?= (?:, )?(?:just |instead )?{_COMMAND_WORD})'


def _scratched(m):
    """Return 'scratch that' for a take-back after a motion, else the words as they were."""
    return 'scratch that' if _MOTION_SAID.search(m.string, 0, m.start()) else m.group(0)


_TENS_SAID = r'(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)'
_DIGIT_SAID = r'(?:one|two|three|four|five|six|seven|eight|nine)'
# After a whole number of meters or feet, what is left of it: "one meter twenty", "5 foot 6".
_REST_OF = (r'\b((?:\d+|a|an|%s|ten) (?:meters?|metres?|feet|foot)) (%s(?: %s)?|ten|eleven'
            r'|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|%s|\d{1,2})'
            r'(?= (?:[,.;!?]|then\b|and\b)|$)'
            % (_DIGIT_SAID, _TENS_SAID, _DIGIT_SAID, _DIGIT_SAID))
_UNIT_WORDS = (r'(?:(?:centi|milli)?met(?:er|re)s?|feet|foot|inch(?:es)?|yards?|degrees?'
               r'|radians?)')
_PHRASES = [(re.compile(pattern), replacement) for pattern, replacement in (
    (r'\b(?:counter|anti) clockwise\b|\banticlockwise\b|\bccw\b|\bacw\b', 'counterclockwise'),
    (r'\bcw\b', 'clockwise'),
    (r'\bfwd\b', 'forward'),
    (r'\bb(?:k)?wd\b', 'backward'),
    # Typed shorthands, and a thank-you before the command: "pls", "thanks in advance".
    (r'\bpl(?:s|z)\b|\bpretty please\b', 'please'),
    (r'\bbatt\b', 'battery'),
    (r'\b(?:thanks|thank you|cheers)(?: (?:so|very) much)? in advance\b', 'thanks'),
    (_REST_OF, lambda m: _rest_of(m)),
    # "take it forward", "go on ahead", "backward motion": a motion in other words.
    (r'\b(?:take|bring) it (?=(?:forward|forwards|ahead|back|backward|backwards|left|right)\b)',
     'move '),
    (r'\bgo on (?=(?:ahead|forward|forwards)\b)', 'go '),
    (r'\b(forward|forwards|backward|backwards|back|sideways) (?:motion|movement)\b(?: of\b)?',
     r'\1'),
    # "adjust your heading left": a turn, not a question about the heading.
    (r'\b(?:nudge|shift|adjust|change|move|bring|swing|turn|rotate|alter|correct|point) '
     r'(?:your|the|its|my) (?:heading|orientation|bearing)\b', 'turn'),
    (r"\b(?:and )?(?:when|once|after) (?:(?:you're|you are|you've|you have) (?:all )?)?"
     r'(?:done|finished|through)\b(?: (?:with )?(?:that|it|this))?', 'then'),
    (r"\b(?:and )?(?:when|once|after) (?:you|we) (?:get there|arrive(?: there)?|(?:are|'re) there)"
     r'\b', 'then'),
    (r"\by'all(?= (?:left|right)\b)", 'yaw'),  # Whisper's "yaw"
    (r'\ball right\b', 'alright'),
    # Polite wrappers, not negations: "why don't you move right", "if you don't mind, ...".
    (r"\b(?:if you (?:don't|dont|do not) mind|why (?:don't|dont|do not) you"
     r'|why not|would you mind|do (?:me|us) a favou?r(?: and)?)\b', ''),
    (r'\b(?:sorry|excuse me|pardon me) to (?:bother|trouble|interrupt|disturb) you\b', 'sorry'),
    (r"\b(?:don't|dont|do not) (?:want|need) (?:you )?to\b", "don't"),
    (r'\bright (?:now|away)\b', 'now'),
    (r'\bgo ahead and\b', ''),
    # Advice and wishes that wrap a request: "you ought to turn right", "I'd love it if
    # you drove forward".
    (r'^((?:\w+ , )?)you (?:should|ought to|must|have to|gotta|got to|(?:might|may) want to'
     r"|(?:had )?better|'d better)\b ", r'\1'),
    (r"\b(?:i'd|i would|i) (?:really )?(?:appreciate it|love it|like it"
     r'|be (?:grateful|glad|happy|thankful)) (?:, )?if you (?:could |would )?'
     rf'(?:({_PAST_FORM})\b)?',
     lambda m: _PAST.get(m.group(1), '')),
    # "mind turning right?", "could you try rotating left": the request, without its wrapping.
    (r'(?<!never )\bmind (?=\w+ing\b)', ''),
    (rf'\btry (?:and |to )?(?=(?:{_TURN_VERBS}|{_MOVE_VERBS}|back|reverse)\w*\b)', ''),
    # "not left, right", "not back but forward": a correction of the way, not a negation.
    (rf'\bnot (?:to (?:the|your) )?({_WAYS}) (?:, )?(?:but )?(?:(?:to )?(?:the|your) )?'
     rf'(?!\1\b)({_WAYS})\b', r'no , \2'),
    # A hesitation between two opposite ways corrects the first: "left, um, right".
    (r'\b(left|right|clockwise|counterclockwise) (?:, )?(?:um|uh|uhm|er|erm) (?:, )?'
     r'(?:to (?:the|your) )?(?!\1\b)(left|right|clockwise|counterclockwise)\b', r'\2'),
    # After an amount, a hesitation and a new amount: "three meters, uh, two and a half".
    # Or the other way alone: "forty degrees, um, counterclockwise".
    # "thirty degrees right, um, forty": the side said after the amount stays.
    (rf'\b((?:{_UNIT_WORDS}|\d+(?:\.\d+)?)(?: (?:to (?:the|your) )?(?:{_WAYS}))?) (?:, )?'
     rf"{_HESITATIONS} (?:, )?(?:(?:let's|lets) say |say |maybe )?(?={_NUMBER_START}"
     r'|(left|right|clockwise|counterclockwise|forward|forwards|back|backward|backwards)'
     r'(?: [.!?])*$)',
     lambda m: _hesitation(m)),
    (r'\b(forward|forwards|back|backward|backwards) (?:, )?(?:um|uh|uhm|er|erm) (?:, )?'
     r'(?!\1\b)(forward|forwards|back|backward|backwards)\b', r'\2'),
    # "I want you to back up": a verb there, not a direction.
    (r'\bto (?:back up|backup)\b', 'to move back'),
    (r'\breport back\b', 'report'),
    (r'\bstraight (?:ahead|on)\b', 'forward'),
    # "forward for two meters": the distance, with its "for".
    (rf'\b(forward|forwards|ahead|back|backward|backwards|left|right) for '
     rf'(?={_NUMBER_START}|an? )', r'\1 '),
    (r'\bback it up\b', 'move back'),
    (r'\b(?:straight back|back up|backup)\b', 'back'),
    (rf'\bmarking up(?= {_NUMBER_START})', 'backing up'),
    (r'\bbacking (?:up|off|away)\b|\breversing\b', 'moving back'),
    (r'\bbacked (?:up|off|away)\b', 'backed'),
    (r'\bpull (forward|forwards|ahead|back|backward|backwards)\b', r'move \1'),
    (r'\bback (?:away|off)\b', 'move back'),
    # "to the side", "to one side": sideways, and which side is asked.
    (r'\bto (?:the|one|a|either) side\b(?! of\b)', 'sideways'),
    (r'\bu turn\b|\babout face\b', 'turn around'),
    # "spin around" is a half turn, as "turn around" is, but "once" or "all the way" is whole.
    (r'\b(spin|spinning) (?:a?round once|(?:all the way|completely|fully) a?round)\b',
     r'\1 360 degrees'),
    (r'\b(?:turn|spin|swing|rotate) (?:half ?way|halfway) (?:around|round)\b', 'turn around'),
    (r'\b(?:face|look|point) (?:back )?(?:the way|where) (?:you|we) came(?: from)?\b',
     'turn around'),
    (r'\b(?:face|look|point) (?:the )?(?:other|opposite) (?:way|direction)\b'
     r'|\bface (?:backwards?|behind you)\b', 'turn around'),
    # "I meant the other way": the motion before, reversed (or a half turn, with none).
    (r'\b(?:the |an? )?(?:other|opposite|another) (?:way|direction)\b|\bthe opposite\b',
     'opposite'),
    # "move over a meter", "scoot over": sideways, the side is asked for.
    (r'\b((?:%s|scoot|shuffle|budge|scooch|scootch)\w*) over\b(?! (?:the|there|here|it|this'
     r'|that|my|your|his|her|their|our|to (?:the|your|my) (?!left|right)))' % _MOVE_VERBS,
     r'\1 aside'),
    # "go over there": a place the robot cannot see, so the way is asked for.
    (rf'\b({_MOVE_VERBS}|come|scoot) (?:over )?(?:there|here|yonder)\b', r'\1'),
    # Whisper's "one radian" heard as "radium".
    (r'(\d|\b(?:one|two|three|half|a))\s+radi(?:um|o|ant)s?\b', r'\1 radians'),
    # Whisper writes "drive forward 2 m" as "right forward 2 m" at the start of a clause.
    (r'(^|[,.;!?] )right (forward|forwards|ahead|back|backward|backwards)'
     r'(?= (?:\d|a |an |half|point|zero|one|two|three|four|five|six|seven|eight|nine|ten))',
     r'\1drive \2'),
    # Whisper's mishearings of espeak-ng's and flite's voices (the second held-out set's spoken
    # misses): "left" as "lift" and "right" as "light" after a verb or "to the"; "turn" as
    # "tone" after a side; "back up" as "make up"; "anti" as "into"; "by" as "high";
    # "three quarters" as "freak waters"; "step" as "set" before a side.
    (rf'\b((?:{_TURN_VERBS}|{_MOVE_VERBS}|to the|to your) )lift\b', r'\1left'),
    (rf'\blift(?= {_NUMBER_START})', 'left'),
    (rf'\b((?:{_TURN_VERBS}|{_MOVE_VERBS}|to the|to your) )light\b', r'\1right'),
    # "hard left" turns (as "turn left" does); "bear left" a little, how much is asked.
    (r'\b(?:hard|sharp) (?=(?:(?:left|right) )?turn\b)', ''),
    (r'\b(?:hard|sharp) (left|right)\b', r'turn \1'),
    (r'\bbear (left|right)\b', r'turn \1 a bit'),
    (r'\b(left|right) tone\b', r'\1 turn'),
    (r'(^|[,.;!?] )tone (?=(?:clockwise|counterclockwise|left|right|around)\b)', r'\1turn '),
    # "um" as "I'm" before a command or an amount: "I'm go left", "I'm about two meters".
    (rf"(^|[,.;!?] )i'm (?=(?:go|turn|move|drive|rotate|reverse|slide|step)\b"
     rf'|(?:about|around|like|maybe) {_NUMBER_START})', r'\1'),
    # "a little" as "at little" or "that little" after a way.
    (r'\b(forward|forwards|back|backward|backwards|left|right|reverse|up) (?:at|that) '
     r'(?=(?:little|wee|tiny)\b)', r'\1 a '),
    (rf'\b(?:make|mark) up(?= {_NUMBER_START}| a (?:bit|little|tad)\b| slightly\b'
     r'| an? (?:meter|metre|foot|yard)\b)', 'back'),
    # "head forward" as "hand forward" at the start of a clause.
    (r'(^|[,.;!?] )hand (?=(?:forward|forwards|ahead|back|backward|backwards)\b)', r'\1head '),
    (rf'\bto back(?= {_NUMBER_START})', 'to move back'),
    # "I meant" as "I'm in", "I am in" or "I'm at" before a command word or a number.
    (rf"\bi(?:'m| am) (?:in|at)(?= (?:, )?(?:{_COMMAND_WORD}|forwards|backward|backwards)\b"
     rf'| (?:, )?{_NUMBER_START})', 'i mean'),
    (rf'\badvanced(?= {_NUMBER_START})', 'advance'),
    (r'\b(?:into|until) clockwise\b', 'counterclockwise'),
    # "counterclockwise" as "turn to clockwise": which way is asked again.
    (r'\bturn to clockwise\b', 'turn'),
    # "never mind" as "leave a mind"; "rather" as "run at" before a number.
    (r'\bleave a mind\b', 'never mind'),
    (rf'([,.;!?] )run at (?={_NUMBER_START})', r'\1rather '),
    (rf'\b({_TURN_VERBS}) and clockwise\b', r'\1 counterclockwise'),
    (r'\bhigh(?= \d)', 'by'),
    # "Go back to 100 and 50 millimeters" is "two hundred and fifty": after a side, "to" and
    # a number are a lost "two", and the amount is asked for.
    (r'\b(forward|forwards|ahead|back|backward|backwards|left|right) to (?:\d+(?:\.\d+)?)'
     r'(?: and \d+)?\b(?!\.\d)', r'\1 some'),
    (r'\b(?:freak|free|tree|three|3) ?,? waters?\b(?: ,)?', 'three quarters'),
    (r'\b(?:free|tree) (?=quarters?\b)', 'three '),
    # "make that two" as "make at 2" after a correction.
    (rf'\bmake at(?= {_NUMBER_START})', 'make that'),
    # "an eighth of a circle" as "on 8th of a circle".
    (r'\b(?:an?|on|one|and) (3rd|4th|5th|6th|8th|10th)(?= of\b)',
     lambda m: 'a ' + _ORDINAL_DIGITS[m.group(1)]),
    (r'\bset (?=(?:to the |to your )?(?:left|right|forward|forwards|back|backward|backwards)'
     r' (?:\d|by|one|two|three|four|five|six|seven|eight|nine|ten|a|half)\b)', 'step '),
    # Whisper writes "slide" as "side" before an amount at the start of a clause.
    (rf'(^|[,.;!?] )side (?={_NUMBER_START})', r'\1slide '),
    # Whisper writes "strafe" as "straight" before a side.
    (r'\bstraight (left|right)\b', r'strafe \1'),
    # Whisper writes "back" as "mark" or "bach" after a motion verb.
    (r'\b(go|move|drive|step|roll|head|come) (?:mark|bach)\b', r'\1 back'),
    # "a quarter of a full turn", "three quarters of the way round": fractions of a turn.
    (r'\bof (?:a|one|the) (?:full|whole|complete|entire) '
     r'(?:turn|circle|rotation|revolution|spin)\b', 'of a turn'),
    (r'\b(halves|half|quarters?|thirds?|fifths?|sixths?|eighths?) of the way a?round\b',
     r'\1 of a turn'),
    # "a full 360 degree turn": the number says it all.
    (r'\b(?:full|whole|complete|entire) (?=\d|(?:one|two|three|four|five|six|seven|eight'
     r'|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)\b)', ''),
    # "a 90 degree turn to the right": the turn is the noun of the angle, not a second turn.
    (r'\b(degrees?|radians?) (?:turn|rotation|spin)\b', r'\1'),
    # "a full turn", "one whole circle": a revolution, said as a number Whisper keeps.
    (r'\b(?:(?:a|one) )?(?:full|whole|complete|entire) '
     r'(?:turn|circle|rotation|revolution|spin)s?\b', '360 degrees'),
    (r'\b(?:a|one) (?:full|whole|entire) (meters?|metres?|foot|feet|yards?)\b', r'1 \1'),
    (r'\banother (meter|metre|foot|yard|inch|centimeter|centimetre)\b', r'1 \1'),
    (r'\bkeep (?:on )?(?:going|moving|driving|rolling)\b'
     r'(?! (?:forward|forwards|back|backward|backwards|left|right|ahead|straight|to)\b)',
     'go forward'),
    (r'\bkeep (?:on )?(?:going|moving|driving|rolling)\b', 'go'),
    # "keep reversing", "start backing up"; "start moving" alone is Whisper's "stop moving".
    (r'\b(?:keep|start|begin) (?:on )?(?=\w+ing\b)(?!moving(?: [.!?])*$)', ''),
    (r'\b(?:flip|whip|wheel|pivot) (?:yourself )?a?round\b', 'turn around'),
    (r'\bthank you\b|\bcheers\b', 'thanks'),
    # A hedge around a command: "back, I suppose", "I guess turn left".
    (r'\bi (?:think|guess|suppose|reckon)\b(?! (?:so|not)\b)', ''),
    # An answer put as a suggestion: "how about half a meter?".
    (rf'\bhow about (?=(?:{_NUMBER_START}|an? |to |{_WAYS}))', ''),
    # "back up a little, say half a meter": the amount the speaker settles on.
    (rf'(?<=, )say (?=a |an |{_NUMBER_START})', ''),
    # An answer's comment after its amount: "thirty centimeters should do".
    (r'\b((?:centi|milli)?met(?:er|re)s?|feet|foot|inch(?:es)?|yards?|degrees?|radians?) '
     r'(?:should|would|will|ought to|must) (?:do(?: it)?|work|suffice'
     r'|be (?:fine|good|great|ok|okay|right))\b', r'\1'),
    (r'\b(?:and then|after (?:that|this)|afterwards?|followed by)\b', 'then'),
    # "Go forward, never mind, turn left": before a new command, a correction.
    (rf'\bnever mind(?: (?:that|it|about (?:that|it)))?{_COMMAND_NEXT}', _scratched),
    # "Turn right, forget about turning, go back": before a new command, a correction.
    (rf'\bforget (?:about )?(?:that|it|the \w+|\w+ing(?: (?:forward|forwards|back|backward'
     rf'|backwards|left|right|around))?){_COMMAND_NEXT}', _scratched),
    # "first go back, second turn left": the steps in the order said.
    (rf'([,.;!?] )(?:second(?:ly)?|third(?:ly)?|fourth(?:ly)?|next|lastly|finally)(?: ,)? '
     rf'(?={_COMMAND_WORD})', r'\1then '),
    # "Back up a meter, no, don't do that": said after the motion, it is taken back.
    (r"\b(?:don't|dont|do not) do (?:that|it)\b(?=(?: [.!?])*$)", _scratched),
    # "Go back, wait, cancel that, turn right instead": before a new command, a correction.
    (rf'\bcancel (?:that|it)(?= (?:, )?(?:{_TURN_VERBS}|{_MOVE_VERBS}|back|reverse|advance)\b)',
     _scratched),
    # Whisper's short stops: "whoa, whoa" as "wow, wow", "halt" as "hold", "cease movement"
    # as "see movement".
    (r'\bwow (?:, )?wow\b|\bhold(?=(?: [.!?,])*$)'
     r'|\b(?:see|safe|seize) (?:, )?(?:this |the |all )?(?:movement|motion|moving)\b', 'stop'),
    (r'\bhold (?:on|it|still|up|position|your position)\b|\bhang on\b'
     r"|\b(?:don't|dont|do not) move\b|\bquit (?:moving|it)\b|\bcut it out\b|\bkill it\b"
     r'|\b(?:stand|stay|keep) still\b|\bstay (?:right )?(?:put|there|here|where you are)\b'
     r"|\bthat(?:'ll| will) do\b|\bthat(?:'s| is| will be) all\b"
     r'|\b(?:cut|kill) (?:the )?(?:motors?|engines?|power)\b'
     r"|\b(?:that(?:'s| is) )?(?:plenty|far enough)(?= ?[,.;!?]|$)",
     'stop'),
    (r'\b(?:tell|show|give) me (?=(?:your|how|where|what|which)\b)', 'what is '),
    (r'\b(?:battery|charge) (?:level|life|percentage|percent|status|state)\b'
     r'|^(?:\w+ , )?(?:(?:the|your) )?battery(?=(?: [.!?])*$)'
     r"|\b(?:how|what)(?:'s| is) (?:the|your) battery\b", 'status'),
    (r'\blet me know (?=where\b)', 'what is '),
    (r"\bwhere (?:are|r) (?:you|we)\b|\bwhere you(?: are|'re| re)\b|\bwhere is the robot\b"
     r'|\bwhere (?:you|we) (?:end|ended|wind|wound|finish|finished) up\b'
     r'|\bhow far (?:have|did) you\b|\bwhat are you (?:doing|up to)\b'
     r'|\b(?:are you|is the robot) (?:still |currently |now )?(?:moving|in motion)\b'
     r'|\bare you (?:stuck|ok|okay|alright)\b'
     r'|\b(?:your|current) (?:heading|orientation)\b'
     r"|\bwhere(?:'ve| have) you\b|\bwhereabouts\b|\bare you still \w+ing\b"
     r'|\b(?:your progress|update me|an update)\b'
     r'|\b(?:status|position|location|pose|coordinates|report)\b', 'status'),
    # "Before you turn right, go forward": the second runs first. "Once you have turned
    # right, go forward": in the order said.
    (rf'^((?:\w+ , )?)before (?:you |we )?({_VERB_FORM} .*?) , '
     rf'((?:(?:please|kindly|just|first) )?{_COMMAND_WORD}.*?)'
     r'((?: [.!?])*)$', r'\1\3 then \2\4'),
    # "Go back, but first turn around", "turn left after you back up": the second runs first.
    (rf'^((?:\w+ , )?)({_ASKING}{_COMMAND_WORD}.*?) (?:[,.;] )?but (?:first|before (?:that|this'
     rf'|you do that|doing that))(?: ,)? ({_ASKING}{_COMMAND_WORD}.*?)((?: [.!?])*)$',
     r'\1\3 then \2\4'),
    # "Back up, but turn left first", "drive ahead, face right first": the last runs first.
    (rf'^((?:\w+ , )?)({_ASKING}{_COMMAND_WORD}.*?) (?:[,.;] (?:but )?|but )'
     rf'({_ASKING}{_COMMAND_WORD}(?:(?! then ).)*?) first((?: [.!?])*)$', r'\1\3 then \2\4'),
    (rf'^((?:\w+ , )?)({_ASKING}{_COMMAND_WORD}.*?) (?:, )?after (?:, )?(?:(?:you|we)(?:\'ve'
     rf'| have)? )?({_PAST_FORM}|{_VERB_FORM})\b(.*?)((?: [.!?])*)$',
     lambda m: f'{m.group(1)}{_PAST.get(m.group(3), m.group(3))}{m.group(4)} then {m.group(2)}'
     f'{m.group(5)}'),
    (rf'^((?:\w+ , )?)(?:once|after|when) (?:you|we)(?:\'ve| have)? ({_PAST_FORM}|{_VERB_FORM})'
     r'\b(.*?) , ', lambda m: f'{m.group(1)}{_PAST.get(m.group(2), m.group(2))}'
     f'{m.group(3)} then '),
)]

STOP_WORDS = frozenset('stop stops stopping stopped halt freeze abort cancel emergency enough '
                       'whoa woah wait pause brake brakes cease desist'.split())
# Whisper's "stop", alone: Piper's "Stop." came back as "Start." in 6 of 40 takes
# and "Stop moving." as "Start moving." in 10 of 25. Neither is a command here,
# and stopping is the safe reading.
MISHEARD_STOP = (['star'], ['stahp'], ['start'], ['start', 'moving'], ['star', 'moving'])

_ONES = {word: float(n) for n, word in enumerate(
    'zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen '
    'fifteen sixteen seventeen eighteen nineteen'.split())}
_ONES['nought'] = _ONES['oh'] = 0.0
_TENS = {word: float(10 * n) for n, word in enumerate(
    'twenty thirty forty fifty sixty seventy eighty ninety'.split(), 2)}
_SCALES = {'hundred': 100.0, 'thousand': 1e3, 'million': 1e6, 'billion': 1e9}
_FRACTIONS = {'half': 0.5, 'halves': 0.5, 'quarter': 0.25, 'quarters': 0.25,
              'third': 1 / 3, 'thirds': 1 / 3}
# Ordinals are fractions only before a unit ("a fifth of a turn"), not in "the fifth door".
_ORDINALS = {'fifth': 1 / 5, 'fifths': 1 / 5, 'sixth': 1 / 6, 'sixths': 1 / 6,
             'eighth': 1 / 8, 'eighths': 1 / 8, 'tenth': 0.1, 'tenths': 0.1}
# Whisper's mishearings of a number, trusted only right before a unit.
_MISHEARD = {'to': 2.0, 'too': 2.0, 'for': 4.0, 'free': 3.0, 'tree': 3.0, 'won': 1.0,
             'on': 1.0}
_VAGUE = (*((a, size, what) for a in ('a', 'quite', 'some') for size in (
    'short', 'fair', 'good', 'long', 'little', 'decent') for what in (
        'way', 'bit', 'distance', 'amount')),
          ('a', 'little', 'bit'), ('a', 'tiny', 'bit'), ('a', 'little'), ('a', 'bit'),
          ('a', 'wee', 'bit'), ('a', 'wee'), ('a', 'tad'), ('a', 'touch'), ('a', 'smidge'),
          ('little', 'bit'), ('slightly',),
          ('some',), ('a', 'few'), ('few',), ('several',), ('a', 'ways'), ('a', 'while'),
          ('awhile',))
_VAGUE_BEFORE_UNIT = frozenset(['a few', 'few', 'several', 'some'])

_FRACTION_SIGNS = {'\u00bd': 'a half', '\u00bc': 'a quarter', '\u00be': 'three quarters',
                   '\u2153': 'a third', '\u2154': 'two thirds'}

REVOLUTION = 360.0
UNITS = {name: (kind, factor) for names, kind, factor in (
    ('m meter meters metre metres', 'length', 1.0),
    ('cm centimeter centimeters centimetre centimetres', 'length', 0.01),
    ('mm millimeter millimeters millimetre millimetres', 'length', 0.001),
    ('km kilometer kilometers kilometre kilometres', 'length', 1000.0),
    ('ft foot feet', 'length', 0.3048),
    ('in inch inches', 'length', 0.0254),
    ('yd yds yard yards', 'length', 0.9144),
    ('mile miles', 'length', 1609.344),
    ('deg degs degree degrees', 'angle', 1.0),
    ('rad rads radian radians', 'angle', 180.0 / math.pi),
    ('turn turns circle circles revolution revolutions rotation rotations', 'angle',
     REVOLUTION),
    ('sec secs second seconds minute minutes', 'time', 1.0),
    ('mph', 'speed', 0.44704),
) for name in names.split()}
_SINGULAR_TURNS = frozenset('turn circle revolution rotation'.split())
# "for meter" is "for a meter" with its "a" lost, not four meters: asked for.
_SINGULAR_LENGTHS = frozenset('meter metre foot yard inch centimeter centimetre'.split())
# Units that are never another word: heard without a number, the number was misheard.
MEASURES = {name: kind for name, (kind, factor) in UNITS.items()
            if kind in ('length', 'angle') and factor != REVOLUTION and len(name) > 4}

# A word with a digit in it that is one of these is read; any other is not guessed at.
_READABLE = re.compile(r'(?:\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\.\d+|\d+/\d+)'
                       r'[a-z\u00b0\u00ba]*(?:/[a-z]+)?')
_NUMERIC = re.compile(r'[\w.,+/\u00b0\u00ba-]*\d[\w.,+/\u00b0\u00ba-]*')
_MORE = frozenset(['more', 'steps', 'step', 'distance', 'time', 'ways'])
_AFTER_VAGUE = _MORE | {'then', 'and', ''}


def at(tokens, i):
    """Return the token at ``i``, or '' past the end."""
    return tokens[i] if i < len(tokens) else ''


def unreadable_number(text):
    """
    Return the first number in ``text`` that cannot be read exactly, or ''.

    Read are digits with a decimal point (``2.5``, ``.5``), thousands with
    commas (``1,000``), a fraction (``1/2``), each with a unit glued on
    (``2m``, ``90deg``, ``0.2m/s``); a range (``2-3``) or a sign is the
    tokenizer's. Not read, and so asked for again: ``2e-1``, ``1e3``,
    ``0x10``, ``1.2.3``, ``1..5``, a decimal comma (``2,5``).
    """
    for match in _NUMERIC.finditer(_fraction_signs(text.lower())):
        word = match.group().strip('.,-+/')
        for part in re.split(r'(?<=\d)-(?=\d)|-(?=[a-z])', word):
            if part and re.search(r'\d', part) and not _READABLE.fullmatch(part):
                return match.group().strip('.,')
    return ''


def _rest_of(m):
    """Read "one meter twenty" as one meter and twenty centimeters, "5 foot 6" as inches."""
    small = 'inches' if m.group(1).endswith(('feet', 'foot')) else 'centimeters'
    return f'{m.group(1)} and {m.group(2)} {small}'


def _hesitation(m):
    """Read a hesitation after an amount as "I mean" before a new amount or the other way."""
    way = m.group(2)
    if way:
        said = [w for w in m.string[:m.start()].split() if w in _AXES]
        if not said or said[-1] == way or _AXES[said[-1]] != _AXES[way]:
            return m.group(0)  # "forward two meters, uh, left": a turn or a slide, unsure
    return f'{m.group(1)} , i mean '


def _fraction_signs(text):
    """Return ``text`` with its fraction signs in words: "2½ meters", "¾ m"."""
    for sign, said in _FRACTION_SIGNS.items():
        text = re.sub(rf'(\d)\s*{sign}', rf'\1 and {said} ', text).replace(sign, f' {said} ')
    return text


def tokenize(text):
    """Return the lowercase word, number and punctuation tokens of ``text``, phrases rewritten."""
    text = text.lower().replace('\u2019', "'").replace('°', ' degrees ').replace('º', ' degrees ')
    text = re.sub(r'(\d),(\d{3})\b', r'\1\2', text)  # Whisper writes 1,000
    text = _fraction_signs(text)
    # Feet and inches marks: "5' 6\"" is 5 feet 6 inches, never 5 (meters) and 6.
    text = re.sub(r'(\d)\s*["\u2033]', r'\1 inches ', text)
    text = re.sub(r"(\d)\s*['\u2032](?![a-z])", r'\1 feet ', text)
    text = re.sub(r'(?<![\w.])-(?=\.?\d)', ' minus ', text)
    text = re.sub(r'(?<![\d.])\.(\d)', r'0.\1', text)
    text = re.sub(r'(\d)(?!(?:st|nd|rd|th)\b)([a-z])', r'\1 \2', text)  # glued units: 2m
    text = re.sub(r'\bm/s\b', ' meters per second ', text)
    text = re.sub(r'\bkm/h\b', ' kilometers per hour ', text)
    text = re.sub(r'(\d|\bpi)/(\d)', r'\1 over \2', text)
    joined = ' '.join(re.findall(r"\d+(?:st|nd|rd|th)\b|\d+(?:\.\d+)?|[a-z]+(?:'[a-z]+)?"
                                 r'|[,;.!?:]', text, re.ASCII))
    for pattern, replacement in _PHRASES:
        joined = pattern.sub(replacement, joined)
    return joined.split()


def _fraction(tokens, i):
    """Read ``half``, ``a quarter`` or ``three quarters`` at ``i``: (value, next) or None."""
    count = 1.0
    if tokens[i] in ('a', 'an', 'one'):
        i += 1
    elif tokens[i] in _ONES and at(tokens, i + 1) in _FRACTIONS:
        count, i = _ONES[tokens[i]], i + 1
    elif tokens[i] in _ONES and at(tokens, i + 1) in _ORDINALS:
        count, i = _ONES[tokens[i]], i + 1
    word = at(tokens, i)
    if word in _FRACTIONS:
        return count * _FRACTIONS[word], i + 1
    if word in _ORDINALS and (at(tokens, i + 1) in UNITS or at(tokens, i + 1) == 'of'):
        return count * _ORDINALS[word], i + 1
    return None


def _whole(tokens, i):
    """Read a whole number in digits or words at ``i``; return (value, next) or None."""
    word = tokens[i]
    if _is_digits(word):
        if at(tokens, i + 1) in _SCALES:
            return float(word) * _SCALES[tokens[i + 1]], i + 2
        following = at(tokens, i + 2)
        if word.isdigit() and int(word) % 100 == 0 and at(tokens, i + 1) == 'and' \
                and following.isdigit() and 0 < int(following) < 100:
            return float(word) + float(following), i + 3  # Whisper's "100 and 50 degrees"
        return float(word), i + 1
    if word == 'pi':
        return math.pi, i + 1
    total = current = 0.0
    last = None
    if word in ('a', 'an') and at(tokens, i + 1) in _SCALES:
        current, i = 1.0, i + 1
    while i < len(tokens):
        word = tokens[i]
        if word == 'oh' and last is None:
            break  # "oh" is a number only after one: "one oh five"
        if word in _ONES and last not in _ONES and not (last in _TENS and _ONES[word] >= 10):
            current += _ONES[word]
        elif word in _TENS and last in _ONES and total == 0 and current == _ONES[last] > 0:
            current = current * 100 + _TENS[word]  # "one eighty", "three sixty"
        elif word in _TENS and last not in _ONES and last not in _TENS:
            current += _TENS[word]
        elif word == 'hundred':
            current = (current or 1.0) * 100
        elif word in _SCALES:
            total, current = total + (current or 1.0) * _SCALES[word], 0.0
        elif not (word == 'and' and last in _SCALES
                  and (at(tokens, i + 1) in _ONES or at(tokens, i + 1) in _TENS)):
            break
        last, i = word, i + 1
    return (total + current, i) if last else None


def _is_digits(token):
    """Tell whether a token is a number written in digits."""
    return token[:1].isdigit() and token[-1:].isdigit()


def _number(tokens, i):
    """Read a signed number with its fractions and decimals at ``i``; return (value, next)."""
    sign = 1.0
    if tokens[i] in ('minus', 'negative') and i + 1 < len(tokens):
        sign, i = -1.0, i + 1
    word, following = tokens[i], at(tokens, i + 1)
    kind, factor = UNITS.get(following, ('', 0.0))
    if word in _MISHEARD and kind in ('length', 'angle') and factor != REVOLUTION \
            and following != 'in' and not (word == 'for' and following in _SINGULAR_LENGTHS):
        return sign * _MISHEARD[word], i + 1
    if word in ('a', 'an') and kind and factor != REVOLUTION:
        return sign, i + 1
    j = i + 1 if word in ('a', 'an') else i
    if at(tokens, j) == 'couple':
        return sign * 2.0, j + 1
    found = _fraction(tokens, i)
    if found:
        return sign * found[0], found[1]
    found = (0.0, i) if word == 'point' else _whole(tokens, i)
    if found is None:
        return None
    value, i = found
    if at(tokens, i) == 'point':
        digits, k = '', i + 1
        while k < len(tokens) and (tokens[k].isdigit() or _ONES.get(tokens[k], 10) < 10):
            digits += tokens[k] if tokens[k].isdigit() else str(int(_ONES[tokens[k]]))
            k += 1
        if digits:
            value, i = value + float('0.' + digits), k
        elif word == 'point':
            return None
    if at(tokens, i) in _FRACTIONS:
        value, i = value * _FRACTIONS[tokens[i]], i + 1
    elif at(tokens, i) == 'and' and i + 1 < len(tokens) and _fraction(tokens, i + 1):
        found = _fraction(tokens, i + 1)
        value, i = value + found[0], found[1]
    if at(tokens, i) == 'over' and i + 1 < len(tokens):
        found = _whole(tokens, i + 1)
        if found and found[0]:
            value, i = value / found[0], found[1]
    return sign * value, i


def _unit(tokens, i, value):
    """Read the unit after a number at ``i``; return (value in base units, kind, factor, next)."""
    start = i
    if at(tokens, i) == 'of':
        i += 1
    if at(tokens, i) in ('a', 'an', 'the') and at(tokens, i + 1) in UNITS:
        i += 1
    word = at(tokens, i)
    if word == 'in' and at(tokens, i + 1) in ('a', 'an', 'the'):
        return value, None, 1.0, start  # "a quarter in a circle": a word, not inches
    kind, factor = UNITS.get(word, (None, 1.0))
    # "go forward 2 turn left" is not two revolutions: a singular turn takes fractions
    # only, and a singular circle, revolution or rotation one at most.
    too_many = value > 1 or word == 'turn' and value >= 1
    if kind is not None and word in _SINGULAR_TURNS and too_many:
        if at(tokens, start) == 'of':  # "six of the circle": a sixth misheard, not six degrees
            return value, SMALL, 1.0, i + 1
        return value, None, 1.0, start
    if kind is None:
        return value, None, 1.0, start
    value, i = value * factor, i + 1
    # "a meter and a quarter", "two metres and three quarters" (not "... and a quarter turn").
    more = _fraction(tokens, i + 1) if at(tokens, i) == 'and' and i + 1 < len(tokens) else None
    if more and at(tokens, more[1]) not in UNITS:
        value, i = value + more[0] * factor, more[1]
    if kind == 'length' and at(tokens, i) in ('per', 'a', 'an', 'each') \
            and at(tokens, i + 1) in ('second', 'sec', 'hour'):
        kind = 'speed'
        value, i = (value / 3600 if tokens[i + 1] == 'hour' else value), i + 2
    return value, kind, factor, i


def _vague(tokens, i):
    """Return the end of a vague amount ("a bit", "a few", "some") at ``i``, or 0."""
    for phrase in _VAGUE:
        if tuple(tokens[i:i + len(phrase)]) == phrase:
            end = i + len(phrase)
            if at(tokens, end) == 'of':
                end += 1
            if at(tokens, end) in ('a', 'the') and at(tokens, end + 1) in UNITS:
                end += 1
            following = at(tokens, end)
            if ' '.join(phrase) in _VAGUE_BEFORE_UNIT and following not in UNITS \
                    and following not in _AFTER_VAGUE and following not in ',;.!?':
                return 0  # "some music", "a few things"
            while at(tokens, end) in UNITS or at(tokens, end) in _MORE:
                end += 1
            return end
    return 0


def read_items(tokens):
    """
    Read the numbers of ``tokens`` into items.

    Return ('qty', value, kind, factor) for a number with its unit (value in
    meters, degrees, m/s; kind None when no unit was said, ``SMALL`` when the
    amount is vague; factor is the unit's) and ('word', token, None, None)
    for every other token.
    """
    items, i = [], 0
    while i < len(tokens):
        end = _vague(tokens, i)
        found = None if end else _number(tokens, i)
        if end:
            items.append(('qty', 1.0, SMALL, 1.0))
            i = end
        elif found is None:
            items.append(('word', tokens[i], None, None))
            i += 1
        else:
            value, kind, factor, i = _unit(tokens, found[1], found[0])
            before = items[-2] if len(items) > 1 and items[-1] == ('word', 'and', None, None) \
                else None
            if before and before[0] == 'qty' and kind == before[2] == 'length' \
                    and factor < before[3]:
                # "two meters and fifty centimeters": one length in two units.
                items[-2:] = [('qty', before[1] + value, kind, before[3])]
                continue
            items.append(('qty', value, kind, factor))
    return items
