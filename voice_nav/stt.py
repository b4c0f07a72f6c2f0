"""
Speech-to-text: one utterance of 16 kHz audio in, its text out.

The model runs in a worker thread (``_recognize`` blocks); ``recognize`` is
the coroutine the session awaits, and emits an STTMetrics for every call.
"""

import asyncio
from dataclasses import dataclass, field
import time
from typing import List, Optional
import uuid

from .audio import AudioFrame
from .events import EventEmitter
from .metrics import STTMetrics


@dataclass(frozen=True)
class Hypothesis:
    """
    One reading of an utterance by the STT's decoder.

    :param text: what it would have written.
    :param avg_logprob: the mean log probability of its tokens (0 is sure).
    """

    text: str
    avg_logprob: float


@dataclass
class Transcript:
    """
    What an STT heard.

    :param text: the kept text, empty when nothing was said.
    :param dropped: segments thrown away as silence, noise or hallucination,
        each with the reason, for the log.
    :param alternatives: the decoder's readings of the utterance, most
        probable first, ``text`` among them; empty when the STT gives none.
        An LLM may choose among them (the offline one does, with its grammar).
    :param unsure: words the STT wrote and dropped only for its doubt about
        them (not as noise, silence or a known hallucination): somebody
        spoke, and it could not tell what. The voice keeps a motion that the
        utterance paused stopped: an unreadable stop is still a stop.
    """

    text: str
    language: str = 'en'
    dropped: List[str] = field(default_factory=list)
    alternatives: List[Hypothesis] = field(default_factory=list)
    unsure: str = ''


class STT(EventEmitter):
    """Base of the speech-to-text providers."""

    label = 'stt'

    async def recognize(self, audio: AudioFrame) -> Transcript:
        """Transcribe one AudioFrame (16 kHz mono) and return a Transcript."""
        start = time.perf_counter()
        error: Optional[str] = None
        try:
            return await asyncio.to_thread(self._recognize, audio)
        except Exception as e:
            error = f'{type(e).__name__}: {e}'
            raise
        finally:
            self.emit('metrics_collected', STTMetrics(
                label=self.label, request_id=uuid.uuid4().hex[:12], timestamp=time.time(),
                duration=time.perf_counter() - start, audio_duration=audio.duration,
                error=error))

    def _recognize(self, audio: AudioFrame) -> Transcript:
        """Transcribe in the calling thread; providers implement this."""
        raise NotImplementedError

    def warm_up(self) -> None:
        """Load the model now rather than on the first utterance."""
