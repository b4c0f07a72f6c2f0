"""
Voice activity detection: where an utterance starts and where it ends.

A ``VADStream`` takes 16 kHz audio in pieces of any length and returns the
events each piece caused. It is synchronous on purpose: the microphone's
callback thread, a WAV reader and a test all push the same way.
"""

from dataclasses import dataclass
from typing import List, Optional

import numpy as np

from .audio import AudioFrame, SAMPLE_RATE
from .events import EventEmitter

SPEECH_STARTED = 'speech_started'
SPEECH_ENDED = 'speech_ended'
SPEECH_PAUSED = 'speech_paused'
"""Early silence: the utterance may be over; it ends only if the silence lasts."""
SPEECH_RESUMED = 'speech_resumed'
"""Speech again after a ``speech_paused``, before the silence ended the utterance."""


@dataclass
class VADOptions:
    """
    How speech is told from silence.

    :param threshold: speech probability above which a frame is speech.
    :param min_speech_ms: speech shorter than this (a click, a cough) is dropped.
    :param min_silence_ms: silence that ends an utterance (endpointing).
    :param early_silence_ms: silence after which a ``speech_paused`` event
        hands over the speech so far, so that it can be transcribed while the
        silence goes on; 0 for none, else less than ``min_silence_ms``.
    :param speech_pad_ms: audio kept before the onset and after the end.
    :param max_speech_s: an utterance is cut after this long.
    """

    threshold: float = 0.5
    min_speech_ms: float = 100.0
    min_silence_ms: float = 600.0
    speech_pad_ms: float = 200.0
    max_speech_s: float = 15.0
    early_silence_ms: float = 0.0

    def __post_init__(self) -> None:
        checks = {
            'threshold': 0.0 < self.threshold < 1.0,
            'min_speech_ms': 0.0 <= self.min_speech_ms <= 5000.0,
            'min_silence_ms': 50.0 <= self.min_silence_ms <= 5000.0,
            'early_silence_ms': self.early_silence_ms == 0.0 or
            32.0 <= self.early_silence_ms < self.min_silence_ms,
            'speech_pad_ms': 0.0 <= self.speech_pad_ms <= 2000.0,
            'max_speech_s': 1.0 <= self.max_speech_s <= 120.0,
        }
        for name, ok in checks.items():
            if not ok:
                raise ValueError(f'VAD option {name} is out of range: {getattr(self, name)!r}')


@dataclass
class VADEvent:
    """
    Something a VADStream found.

    :param type: ``speech_started``, ``speech_paused``, ``speech_resumed``
        or ``speech_ended``.
    :param time: stream time in seconds (from the first sample pushed) of
        the onset for ``speech_started``, of the last speech frame for
        ``speech_paused`` and ``speech_ended``, of the speech again for
        ``speech_resumed``.
    :param speech: on ``speech_ended``, the utterance with its padding; on
        ``speech_paused``, the utterance so far.
    :param probability: the speech probability of the frame that caused it.
    :param peak: on ``speech_ended`` and ``speech_paused``, the highest speech
        probability of any frame of the utterance so far; None when the VAD
        does not tell (take it for speech).
    """

    type: str  # noqa: A003 (the name of the event kind)
    time: float
    speech: Optional[AudioFrame] = None
    probability: float = 0.0
    peak: Optional[float] = None


class VADStream:
    """One stream of audio through a VAD."""

    def push(self, samples: np.ndarray) -> List[VADEvent]:
        """Add 16 kHz mono float32 samples; return the list of VADEvents they caused."""
        raise NotImplementedError

    def flush(self) -> List[VADEvent]:
        """End of input: return a ``speech_ended`` for an utterance still open, if any."""
        raise NotImplementedError

    def end_utterance(self) -> List[VADEvent]:
        """
        End the open utterance now, as if its silence had lasted; return its events.

        Called after a ``speech_paused`` whose speech was acted on: what is
        said next is a new utterance. A VAD that never pauses has nothing to end.
        """
        return []


class VAD(EventEmitter):
    """A voice activity detector: makes VADStreams."""

    sample_rate = SAMPLE_RATE

    def __init__(self, options: Optional[VADOptions] = None) -> None:
        super().__init__()
        self.options = options or VADOptions()

    def stream(self) -> VADStream:
        """Return a new VADStream."""
        raise NotImplementedError
