"""
Audio as the pipeline passes it: mono float32 samples in [-1, 1] at a sample rate.

The framework only names the shapes; numpy arrays are what the plugins put in
them. Sources yield frames, sinks play them.
"""

from dataclasses import dataclass
from typing import Any

SAMPLE_RATE = 16000
"""The rate of everything between the source and the STT: VAD and Whisper want 16 kHz."""


class AudioDeviceError(RuntimeError):
    """No audio library, no device, or a device that cannot be opened; the message says which."""


@dataclass
class AudioFrame:
    """
    A run of mono samples.

    :param data: a 1-D float32 numpy array in [-1, 1].
    :param sample_rate: samples per second.
    """

    data: Any
    sample_rate: int = SAMPLE_RATE

    @property
    def duration(self):
        """Return the length in seconds."""
        return len(self.data) / self.sample_rate


class AudioSource:
    """
    Where speech comes from: ``async for frame in source.frames()``.

    Frames are 16 kHz mono. A source that ends (a WAV file) ends the iterator;
    the microphone runs until ``close()``.
    """

    sample_rate = SAMPLE_RATE

    def frames(self):
        """Return an async iterator of AudioFrames."""
        raise NotImplementedError

    def close(self):
        """Stop producing frames."""


class AudioSink:
    """
    Where the robot's voice goes: one ``play`` per utterance, ``stop`` for barge-in.

    ``play`` returns when the audio has been played (or written), or at once
    after ``stop()``; it returns True when it played to the end. ``audible``
    says whether a microphone nearby can hear it (a loudspeaker can, a file
    cannot), so whether its sound can come back as an echo.
    """

    audible = False

    async def play(self, frames):
        """Play an async iterator of AudioFrames; return False if stopped."""
        raise NotImplementedError

    def stop(self):
        """Cut the audio that is playing now."""

    def close(self):
        """Release the device or files."""
