"""
Text-to-speech, a sentence at a time: the first sentence plays while the rest is made.

``synthesize(text)`` returns an async iterator of AudioFrames, one or more per
sentence; each sentence is made in a worker thread by the provider's
``_synthesize``. A TTSMetrics is emitted when the iterator ends or is closed.
"""

import asyncio
import re
import time
from typing import AsyncIterator, List, Optional
import uuid

from .audio import AudioFrame
from .events import EventEmitter
from .metrics import TTSMetrics

_SENTENCE_END = re.compile(r'(?<=[.!?;])\s+')


def split_sentences(text: str) -> List[str]:
    """Split text after ., !, ? and ; keeping every word."""
    return [s for s in (part.strip() for part in _SENTENCE_END.split(text)) if s]


class TTS(EventEmitter):
    """Base of the text-to-speech providers."""

    label = 'tts'
    sample_rate = 22050

    async def synthesize(self, text: str) -> AsyncIterator[AudioFrame]:
        """Yield the AudioFrames of ``text``, sentence by sentence."""
        start = time.perf_counter()
        ttfb = -1.0
        audio = 0.0
        cancelled = True
        error: Optional[str] = None
        try:
            for sentence in self._segments(text):
                frame = await asyncio.to_thread(self._synthesize, sentence)
                if ttfb < 0:
                    ttfb = time.perf_counter() - start
                audio += frame.duration
                yield frame
            cancelled = False
        except Exception as e:
            cancelled = False
            error = f'{type(e).__name__}: {e}'
            raise
        finally:
            self.emit('metrics_collected', TTSMetrics(
                label=self.label, request_id=uuid.uuid4().hex[:12], timestamp=time.time(),
                ttfb=ttfb, duration=time.perf_counter() - start, audio_duration=audio,
                characters=len(text), cancelled=cancelled, error=error))

    def _segments(self, text: str) -> List[str]:
        """Return the pieces of ``text`` to make one at a time; sentences unless overridden."""
        return split_sentences(text)

    def _synthesize(self, sentence: str) -> AudioFrame:
        """Make one sentence's AudioFrame in the calling thread; providers implement this."""
        raise NotImplementedError

    def warm_up(self) -> None:
        """Load the voice now rather than on the first sentence."""
