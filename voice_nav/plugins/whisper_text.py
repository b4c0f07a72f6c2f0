"""
What Whisper writes for robot commands: its prompt, what it writes for non-speech, loops.

The measurements behind these choices are in ``docs/whisper.md``.
"""

import zlib

from ..stt import Hypothesis

ROBOT_PROMPT = ('Robot commands: move forward 0.4 meters, go back, turn left 40 degrees, '
                "turn right 35 degrees, turn around, stop, halt, wait, hold on, pause, that's "
                'enough, cancel that, what is your status? '
                'Distances in meters, angles in degrees.')
"""
The default ``initial_prompt``: the robot's words, with numbers written as digits.

Numbers in the prompt teach Whisper to expect numbers written as digits, but
a number named in it is also written for others that sound like it, so its
numbers are small and used by no test. On non-speech Whisper tends to
continue the prompt, so it ends with a sentence that asks for no motion if it
is echoed (and the echo is dropped). Measured in ``docs/whisper.md``.
"""

HALLUCINATIONS = frozenset((
    'thank you', 'thank you very much', 'thank you so much', 'thanks',
    'thank you for watching', 'thanks for watching', 'thank you for listening',
    'thanks for listening', 'please subscribe', 'subscribe to my channel',
    'like and subscribe', 'see you next time', 'see you in the next video', 'bye', 'bye bye',
    'goodbye', 'you', 'so', 'oh', 'okay', 'um', 'uh', 'hmm', 'music', 'applause', 'laughter',
    'silence', 'the end',
))
"""
What Whisper is known to write for non-speech (normalized: lowercase, no punctuation).

Such a phrase is dropped only when the audio also looks unlike speech:
``no_speech_prob`` above ``hallucination_no_speech``. A user who says
"thank you" is heard (espeak's "thank you" scores 0.03 to 0.11, "okay" up
to 0.28) and the LLM can answer it.
"""


def compression_ratio(text):
    """Return how well ``text`` compresses, as Whisper measures repetition."""
    data = text.encode('utf-8')
    return len(data) / len(zlib.compress(data)) if data else 0.0


def repeats(words):
    """
    Tell whether ``words`` look like a decoding loop.

    Some run of words comes twice in a row ("turn right turn right"), or a
    run of three or more comes twice anywhere ("turn left 180 degrees and
    turn left 180 degrees").
    """
    for size in range(1, len(words) // 2 + 1):
        for start in range(len(words) - 2 * size + 1):
            if words[start:start + size] == words[start + size:start + 2 * size]:
                return True
    runs = [tuple(words[i:i + 3]) for i in range(len(words) - 2)]
    return len(set(runs)) < len(runs)


def alternatives(hypotheses):
    """Return the hypotheses as ``Hypothesis`` objects, their texts stripped, no text twice."""
    seen, alternatives = set(), []
    for text, avg_logprob in hypotheses:
        text = text.strip()
        if text and text not in seen:
            seen.add(text)
            alternatives.append(Hypothesis(text, float(avg_logprob)))
    return alternatives
