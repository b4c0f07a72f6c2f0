"""
Silero VAD, the ONNX model that ships inside faster-whisper, run in streaming windows.

The model takes 512 new samples at 16 kHz (32 ms) plus the 64 samples before
them, and an LSTM state ``(h, c)`` it hands back after every call; it returns
the probability that the window is speech. ``SileroVADStream`` turns those
probabilities into utterances with hysteresis: a window at or above
``threshold`` opens one, windows below ``threshold - 0.15`` for
``min_silence_ms`` close it.

``speech_started`` is emitted once the open utterance holds ``min_speech_ms``
of speech, so a click or a cough that never gets that far produces no event
at all; its ``time`` is still the onset. With ``early_silence_ms``, a
silence that long inside an utterance gives ``speech_paused`` with the speech
so far, and speech before ``min_silence_ms`` gives ``speech_resumed``.
onnxruntime is imported when the model is first loaded, and faster-whisper
itself is never imported: only its package folder is looked up.
"""

from collections import deque
import importlib.util
import math
from pathlib import Path
import threading

import numpy as np

from ..audio import AudioFrame, SAMPLE_RATE
from ..vad import SPEECH_ENDED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_STARTED, VAD, VADEvent
from ..vad import VADStream

WINDOW = 512
"""New samples per model call (32 ms at 16 kHz)."""

CONTEXT = 64
"""Samples of the previous window the model sees in front of each window."""

MODEL_FILE = 'silero_vad_v6.onnx'
STATE_SHAPE = (1, 1, 128)
BATCH_WINDOWS = 256
"""Windows per model call when a push brings many (bounds the input array)."""

IDLE, PENDING, SPEAKING = 'idle', 'pending', 'speaking'


def model_path():
    """
    Return the path of the Silero model in faster-whisper's assets, without importing it.

    :raises RuntimeError: faster-whisper is not installed or has no model file.
    """
    spec = importlib.util.find_spec('faster_whisper')
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError('Silero VAD needs faster-whisper (its model ships in '
                           'faster_whisper/assets): pip install faster-whisper')
    for folder in spec.submodule_search_locations:
        path = Path(folder) / 'assets' / MODEL_FILE
        if path.is_file():
            return path
    raise RuntimeError(f'faster-whisper has no {MODEL_FILE} in its assets folder')


class SileroVAD(VAD):
    """
    Voice activity detection with Silero VAD v6 on onnxruntime.

    :param options: a VADOptions; the defaults when None.
    :param path: the ONNX model; faster-whisper's copy when None.
    :param threads: onnxruntime intra-op threads (1 leaves the other core to the STT).

    The model loads on the first ``stream()`` (about 0.3 s), or ahead of time
    with ``load()``. One model serves any number of streams, each with its own
    state.
    """

    def __init__(self, options=None, *, path=None, threads=1):
        super().__init__(options)
        self.path = Path(path) if path is not None else None
        self.threads = threads
        self._session = None
        self._lock = threading.Lock()

    def load(self):
        """Load the model now if it is not loaded yet; return self."""
        with self._lock:
            if self._session is None:
                import onnxruntime
                path = self.path or model_path()
                if not Path(path).is_file():
                    raise RuntimeError(f'Silero VAD model not found: {path}')
                opts = onnxruntime.SessionOptions()
                opts.intra_op_num_threads = self.threads
                opts.inter_op_num_threads = 1
                opts.log_severity_level = 3
                self._session = onnxruntime.InferenceSession(
                    str(path), sess_options=opts, providers=['CPUExecutionProvider'])
        return self

    def stream(self):
        """Return a new SileroVADStream (loading the model if needed)."""
        self.load()
        return SileroVADStream(self._session, self.options)


class SileroVADStream(VADStream):
    """
    One audio stream through Silero VAD: ``push`` samples, get VADEvents back.

    Samples are buffered until a whole 32 ms window is there, so pushes of any
    length give the same events. Times count from the first sample pushed.
    Memory stays bounded: outside an utterance only ``speech_pad_ms`` of audio
    is kept; inside one, at most ``max_speech_s`` plus the padding.
    """

    def __init__(self, session, options):
        self._session = session
        self.options = options
        self._threshold = options.threshold
        self._neg_threshold = max(options.threshold - 0.15, 0.01)
        self._min_speech = int(math.ceil(options.min_speech_ms * SAMPLE_RATE / 1000))
        self._min_silence = int(round(options.min_silence_ms * SAMPLE_RATE / 1000))
        self._early_silence = int(round(options.early_silence_ms * SAMPLE_RATE / 1000))
        self._pad = int(round(options.speech_pad_ms * SAMPLE_RATE / 1000))
        self._max_speech = int(round(options.max_speech_s * SAMPLE_RATE))
        self._position = 0  # stream sample index of the next window
        self.last_probability = 0.0
        """The speech probability of the last window the model saw."""
        self._restart()

    def _restart(self):
        self._h = np.zeros(STATE_SHAPE, dtype=np.float32)
        self._c = np.zeros(STATE_SHAPE, dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._tail = np.zeros(0, dtype=np.float32)
        self._history = deque()  # the last processed windows, oldest first
        self._history_start = self._position
        self._state = IDLE
        self._onset = 0
        self._speech = 0
        self._peak = 0.0  # the highest probability since the onset
        self._silence_start = None
        self._paused = False  # a speech_paused was given for the silence under way

    @property
    def speaking(self):
        """Return True between ``speech_started`` and ``speech_ended``."""
        return self._state == SPEAKING

    @property
    def time(self):
        """Return the stream time in seconds up to which the model has run."""
        return self._position / SAMPLE_RATE

    @property
    def buffered_samples(self):
        """Return how many samples the stream holds (for checking that memory stays bounded)."""
        return len(self._history) * WINDOW + len(self._tail)

    def push(self, samples):
        """
        Add 16 kHz mono float32 samples (an array or an AudioFrame).

        :returns: the VADEvents the samples caused, in order.
        """
        if isinstance(samples, AudioFrame):
            if samples.sample_rate != SAMPLE_RATE:
                raise ValueError(f'Silero VAD needs {SAMPLE_RATE} Hz audio, '
                                 f'not {samples.sample_rate} Hz')
            samples = samples.data
        samples = np.asarray(samples, dtype=np.float32).reshape(-1)
        if len(self._tail):
            samples = np.concatenate([self._tail, samples])
        count = len(samples) // WINDOW
        self._tail = samples[count * WINDOW:].copy()
        events = []
        for first in range(0, count, BATCH_WINDOWS):
            last = min(first + BATCH_WINDOWS, count)
            windows = samples[first * WINDOW:last * WINDOW].reshape(-1, WINDOW)
            for window, probability in zip(windows, self._run(windows)):
                events += self._step(window, float(probability))
        return events

    def flush(self):
        """
        End of input: return a ``speech_ended`` for the utterance still open, if any.

        An utterance that has not reached ``min_speech_ms`` is dropped. The
        stream then starts over, its times going on from where they were.
        """
        events = []
        end = self._position + len(self._tail)
        if self._state == SPEAKING:
            stop = self._silence_start if self._silence_start is not None else end
            events.append(self._ended(stop, min(stop + self._pad, end)))
        self._position = end
        self._restart()
        return events

    def _run(self, windows):
        """Return the speech probability of each window, carrying the model's state."""
        batch = np.empty((len(windows), CONTEXT + WINDOW), dtype=np.float32)
        batch[0, :CONTEXT] = self._context
        batch[1:, :CONTEXT] = windows[:-1, -CONTEXT:]
        batch[:, CONTEXT:] = windows
        probabilities, self._h, self._c = self._session.run(
            None, {'input': batch, 'h': self._h, 'c': self._c})
        self._context = windows[-1, -CONTEXT:].copy()
        return np.asarray(probabilities).reshape(-1)

    def _step(self, window, probability):
        """Advance the state machine by one window; return its events."""
        start = self._position
        end = start + WINDOW
        self._history.append(window.copy())
        self._position = end
        self.last_probability = probability
        events = []
        if self._state == IDLE:
            if probability < self._threshold:
                self._trim(end - self._pad)
                return events
            self._state, self._onset, self._speech, self._silence_start = PENDING, start, 0, None
            self._peak = 0.0
        self._peak = max(self._peak, probability)
        if probability >= self._threshold:
            self._silence_start = None
            if self._paused:
                self._paused = False
                events.append(VADEvent(SPEECH_RESUMED, start / SAMPLE_RATE,
                                       probability=probability))
        elif probability < self._neg_threshold and self._silence_start is None:
            self._silence_start = start
        if self._silence_start is None:
            self._speech += WINDOW
        if self._state == PENDING and self._speech >= self._min_speech:
            self._state = SPEAKING
            events.append(VADEvent(SPEECH_STARTED, self._onset / SAMPLE_RATE,
                                   probability=probability))
        silent = end - self._silence_start if self._silence_start is not None else 0
        if self._state == SPEAKING and self._early_silence and not self._paused and \
                self._early_silence <= silent < self._min_silence:
            self._paused = True
            stop = self._silence_start
            events.append(VADEvent(SPEECH_PAUSED, stop / SAMPLE_RATE, probability=probability,
                                   speech=self._speech_so_far(min(stop + self._pad, end)),
                                   peak=self._peak))
        if self._silence_start is not None and silent >= self._min_silence:
            stop = self._silence_start
            if self._state == SPEAKING:
                events.append(self._ended(stop, min(stop + self._pad, end), probability))
            self._idle(end)
        elif end + WINDOW - self._onset > self._max_speech:  # the next window would pass it
            if self._state == SPEAKING:
                events.append(self._ended(end, end, probability))
            self._idle(end)
        return events

    def end_utterance(self):
        """
        End the open utterance now, as if its silence had lasted; return its ``speech_ended``.

        The audio after it, speech or not, belongs to what comes next. Without
        an utterance under way nothing happens and the list is empty.
        """
        events = []
        if self._state == SPEAKING:
            stop = self._silence_start if self._silence_start is not None else self._position
            events.append(self._ended(stop, min(stop + self._pad, self._position)))
        if self._state != IDLE:
            self._idle(self._position)
        return events

    def _ended(self, stop, audio_end, probability=None):
        """Return the ``speech_ended`` event of the open utterance, with its padded audio."""
        return VADEvent(SPEECH_ENDED, stop / SAMPLE_RATE, speech=self._speech_so_far(audio_end),
                        probability=self.last_probability if probability is None else probability,
                        peak=self._peak)

    def _speech_so_far(self, audio_end):
        """Return the open utterance's audio, from its padded onset to ``audio_end``."""
        audio = self._audio(max(self._onset - self._pad, 0), audio_end)
        return AudioFrame(audio, SAMPLE_RATE)

    def _idle(self, end):
        self._state = IDLE
        self._silence_start = None
        self._paused = False
        self._trim(end - self._pad)

    def _trim(self, keep_from):
        """Drop the windows that end before stream sample ``keep_from``."""
        while self._history and self._history_start + WINDOW <= keep_from:
            self._history.popleft()
            self._history_start += WINDOW

    def _audio(self, begin, end):
        """Return the samples from stream index ``begin`` to ``end`` (clipped to what is kept)."""
        kept = np.concatenate(list(self._history) + [self._tail])
        begin = max(begin - self._history_start, 0)
        return kept[begin:max(end - self._history_start, begin)].copy()
