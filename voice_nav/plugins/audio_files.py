"""
Audio from and to files: a WAV file as an AudioSource, a folder of WAV files as a sink.

Sources yield 16 kHz mono float32 AudioFrames; PyAV decodes and resamples
files and is imported when first needed.
"""

import asyncio
import contextlib
from pathlib import Path
import wave

import numpy as np

from ..audio import AudioFrame, AudioSink, AudioSource, SAMPLE_RATE


class AudioFileError(ValueError):
    """An audio file that is missing or cannot be decoded; the message names the file."""


def load_wav(path):
    """
    Read a whole audio file (any WAV: any rate, channels, sample format) as 16 kHz mono.

    Channels are averaged; the rate is converted with FFmpeg's resampler.

    :returns: an AudioFrame of float32 samples at ``SAMPLE_RATE``.
    :raises AudioFileError: the file is missing, not audio, or corrupt.
    """
    path = Path(path)
    if not path.is_file():
        reason = 'it is a folder' if path.is_dir() else 'no such file'
        raise AudioFileError(f'cannot read audio file {str(path)!r}: {reason}')
    import av
    pieces = []
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise AudioFileError(f'cannot read audio file {str(path)!r}: it has no audio')
            stream = container.streams.audio[0]
            resampler = av.AudioResampler(format='fltp', layout=None, rate=SAMPLE_RATE)
            for frame in container.decode(stream):
                pieces += [f.to_ndarray() for f in resampler.resample(frame)]
            pieces += [f.to_ndarray() for f in resampler.resample(None)]
    except av.FFmpegError as error:
        reason = getattr(error, 'strerror', None) or str(error)
        raise AudioFileError(f'cannot read audio file {str(path)!r}: {reason}') from None
    if not pieces:
        return AudioFrame(np.zeros(0, dtype=np.float32), SAMPLE_RATE)
    samples = np.concatenate(pieces, axis=1).mean(axis=0)
    return AudioFrame(np.clip(samples, -1.0, 1.0).astype(np.float32), SAMPLE_RATE)


def _frame_samples(frame_ms):
    if not 1 <= frame_ms <= 1000:
        raise ValueError(f'frame_ms must be between 1 and 1000, not {frame_ms!r}')
    return int(round(frame_ms * SAMPLE_RATE / 1000))


class WavSource(AudioSource):
    """
    An audio file as a source of 16 kHz mono frames.

    :param path: any WAV file (or anything FFmpeg decodes); read whole at once.
    :param realtime: pace the frames at the audio's own speed, like a microphone.
    :param frame_ms: the length of each frame (the last one may be shorter).
    :raises AudioFileError: the file is missing or cannot be decoded.
    """

    def __init__(self, path, realtime=False, frame_ms=32):
        self.path = Path(path)
        self.realtime = realtime
        self.frame_samples = _frame_samples(frame_ms)
        self.audio = load_wav(self.path)
        self._closed = False

    @property
    def duration(self):
        """Return the length of the file in seconds."""
        return self.audio.duration

    async def frames(self):
        """Yield the file's AudioFrames; in realtime mode each when its last sample is due."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        data = self.audio.data
        for begin in range(0, len(data), self.frame_samples):
            if self._closed:
                return
            chunk = data[begin:begin + self.frame_samples]
            if self.realtime:
                due = start + (begin + len(chunk)) / SAMPLE_RATE
                await asyncio.sleep(max(due - loop.time(), 0.0))
            else:
                await asyncio.sleep(0)
            if self._closed:
                return
            yield AudioFrame(chunk, SAMPLE_RATE)

    def close(self):
        """End the frames early."""
        self._closed = True


class _StoppableSink(AudioSink):
    """A sink whose ``play`` runs ``_play`` and returns False at once when ``stop()`` is called."""

    def __init__(self):
        self._loop = None
        self._stop_event = None
        self._stopped = False

    async def play(self, frames):
        """Play an async iterator of AudioFrames; return True at the end, False if stopped."""
        self._loop = asyncio.get_running_loop()
        self._stop_event = asyncio.Event()
        self._stopped = False
        work = asyncio.ensure_future(self._play(frames))
        stopped = asyncio.ensure_future(self._stop_event.wait())
        try:
            await asyncio.wait({work, stopped}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
            if not work.done():
                work.cancel()
                await asyncio.gather(work, return_exceptions=True)
        if self._stopped:
            if work.done() and not work.cancelled():
                work.exception()  # retrieved: a stopped play reports no error
            return False
        return work.result()

    async def _play(self, frames):
        raise NotImplementedError

    def stop(self):
        """Cut the audio that is playing now (barge-in); ``play`` returns False."""
        self._stopped = True
        self._on_stop()
        loop, event = self._loop, self._stop_event
        if loop is not None and event is not None:
            with contextlib.suppress(RuntimeError):  # the loop has closed
                loop.call_soon_threadsafe(event.set)

    def _on_stop(self):
        """Drop what is queued, right away, on the thread that called ``stop()``."""


class NullSink(_StoppableSink):
    """Plays nothing: consumes the frames at once (a text-only robot)."""

    async def _play(self, frames):
        async for _ in frames:
            pass
        return True


class WavFolderSink(_StoppableSink):
    """
    Each ``play`` writes one 16-bit WAV file, 001.wav, 002.wav..., at the frames' rate.

    :param folder: created if missing; files of an earlier run are overwritten.
    :param realtime: take the audio's duration to "play" it, so that barge-in
        and echo can be simulated; otherwise write as fast as frames come.

    ``stop()`` ends the file being written (keeping what was written) and that
    ``play`` returns False. ``paths`` lists the files written.
    """

    def __init__(self, folder, realtime=False):
        super().__init__()
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.realtime = realtime
        self.paths = []

    async def _play(self, frames):
        path = self.folder / f'{len(self.paths) + 1:03d}.wav'
        self.paths.append(path)
        loop = asyncio.get_running_loop()
        start = loop.time()
        writer = None
        written = 0
        try:
            async for frame in frames:
                if writer is None:
                    writer = _open_wav(path, frame.sample_rate)
                elif frame.sample_rate != writer.getframerate():
                    raise ValueError(f'one utterance came at {writer.getframerate()} Hz '
                                     f'and {frame.sample_rate} Hz')
                writer.writeframes(_pcm16(frame.data))
                written += len(frame.data)
                if self.realtime:
                    due = start + written / frame.sample_rate
                    await asyncio.sleep(max(due - loop.time(), 0.0))
        finally:
            if writer is None:
                writer = _open_wav(path, SAMPLE_RATE)
            writer.close()
        return True


def write_wav(path, samples, rate):
    """Write float32 samples in [-1, 1] as a 16-bit mono WAV file at ``rate``."""
    writer = _open_wav(path, rate)
    try:
        writer.writeframes(_pcm16(samples))
    finally:
        writer.close()


def _open_wav(path, rate):
    writer = wave.open(str(path), 'wb')
    writer.setnchannels(1)
    writer.setsampwidth(2)
    writer.setframerate(int(rate))
    return writer


def _pcm16(samples):
    samples = np.asarray(samples, dtype=np.float32).reshape(-1)
    return (np.clip(samples, -1.0, 1.0) * 32767.0).astype('<i2').tobytes()
