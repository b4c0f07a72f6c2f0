"""
Audio in and out: WAV files, the microphone, the speaker, a folder of WAV files.

Sources yield 16 kHz mono float32 AudioFrames; sinks play AudioFrames at
whatever rate they come in. PyAV decodes and resamples files, sounddevice
(PortAudio) drives the devices; both are imported when first needed, and a
missing library or device becomes an AudioDeviceError with one clear sentence.
"""

import asyncio
from collections import deque
import contextlib
from pathlib import Path
import threading
import wave

import numpy as np

from ..audio import AudioDeviceError, AudioFrame, AudioSink, AudioSource, SAMPLE_RATE


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


def _sounddevice():
    """Import sounddevice, turning a missing PortAudio into an AudioDeviceError."""
    try:
        import sounddevice
    except OSError:
        raise AudioDeviceError('no audio: the PortAudio library is missing '
                               '(apt install libportaudio2)') from None
    except ImportError:
        raise AudioDeviceError('no audio: the sounddevice package is not installed '
                               '(pip install sounddevice)') from None
    return sounddevice


def _find_device(sd, device, kind):
    """
    Return the sounddevice info dict of the input or output ``device``.

    :param device: None for the default, an index, or a name (or part of one).
    :param kind: ``input`` or ``output``.
    """
    what = 'microphone' if kind == 'input' else 'speaker'
    channels = f'max_{kind}_channels'
    try:
        usable = [d for d in sd.query_devices() if d[channels] > 0]
    except Exception as error:
        raise AudioDeviceError(f'no {what}: PortAudio cannot list the devices ({error})') from None
    if not usable:
        raise AudioDeviceError(f'no {what}: PortAudio found no {kind} device')
    if isinstance(device, str) and device.strip().isdigit():
        device = int(device)
    if device is None:
        default = sd.default.device[0 if kind == 'input' else 1]
        if default is None or default < 0:
            return usable[0]
    try:
        info = sd.query_devices(device, kind=kind)
    except (ValueError, sd.PortAudioError) as error:
        names = ', '.join(f'{d["index"]}: {d["name"]}' for d in usable)
        raise AudioDeviceError(f'no {what} {device!r} ({error}); '
                               f'the {kind} devices are {names}') from None
    if info[channels] < 1:
        raise AudioDeviceError(f'{what} {device!r} ({info["name"]}) has no {kind} channels')
    return info


class _Resampler:
    """Convert a stream of float32 mono blocks from one rate to 16 kHz, keeping filter state."""

    def __init__(self, rate):
        import av
        self._av = av
        self.rate = rate
        self._resampler = av.AudioResampler(format='flt', layout='mono', rate=SAMPLE_RATE)

    def __call__(self, samples):
        frame = self._av.AudioFrame.from_ndarray(
            np.ascontiguousarray(samples, dtype=np.float32).reshape(1, -1),
            format='flt', layout='mono')
        frame.sample_rate = self.rate
        out = [f.to_ndarray().reshape(-1) for f in self._resampler.resample(frame)]
        return np.concatenate(out) if out else np.zeros(0, dtype=np.float32)


class MicrophoneSource(AudioSource):
    """
    The microphone through PortAudio: 16 kHz mono frames until ``close()``.

    :param device: None for the default input, an index, or a name.
    :param frame_ms: the length of each frame.
    :param max_queue: frames held when the consumer lags; the oldest are dropped
        beyond that and counted in ``dropped_frames``.
    :raises AudioDeviceError: no PortAudio, no input device, or no such device.

    A device that cannot record at 16 kHz records at its own rate and is
    resampled. The PortAudio callback thread hands blocks to the event loop
    with ``call_soon_threadsafe``.
    """

    def __init__(self, device=None, frame_ms=32, max_queue=64):
        self._sd = _sounddevice()
        info = _find_device(self._sd, device, 'input')
        self.device = info['index']
        self.device_name = info['name']
        self.frame_samples = _frame_samples(frame_ms)
        self.max_queue = max_queue
        self.dropped_frames = 0
        self.overflows = 0
        try:
            self._sd.check_input_settings(device=self.device, channels=1, dtype='float32',
                                          samplerate=SAMPLE_RATE)
            self.device_rate = SAMPLE_RATE
        except Exception:
            self.device_rate = int(info['default_samplerate'])
        self._loop = None
        self._queue = None
        self._closed = False

    async def frames(self):
        """Yield AudioFrames from the microphone until ``close()``."""
        self._loop = asyncio.get_running_loop()
        self._queue = asyncio.Queue()
        resample = _Resampler(self.device_rate) if self.device_rate != SAMPLE_RATE else None
        block = int(round(self.frame_samples * self.device_rate / SAMPLE_RATE))
        try:
            stream = self._sd.InputStream(samplerate=self.device_rate, blocksize=block,
                                          device=self.device, channels=1, dtype='float32',
                                          callback=self._callback)
            stream.start()
        except (self._sd.PortAudioError, ValueError) as error:
            raise AudioDeviceError(
                f'cannot open microphone {self.device_name!r}: {error}') from None
        try:
            while not self._closed:
                samples = await self._queue.get()
                if samples is None:
                    break
                if resample is not None:
                    samples = resample(samples)
                if len(samples):
                    yield AudioFrame(samples, SAMPLE_RATE)
        finally:
            with contextlib.suppress(Exception):
                stream.stop()
            with contextlib.suppress(Exception):
                stream.close()

    def _callback(self, indata, frames, time, status):
        """Run on PortAudio's thread: pass a copy of the block to the event loop."""
        if status and status.input_overflow:
            self.overflows += 1
        with contextlib.suppress(RuntimeError):  # the loop has closed
            self._loop.call_soon_threadsafe(self._put, indata[:, 0].copy())

    def _put(self, samples):
        if self._queue.qsize() >= self.max_queue:
            self._queue.get_nowait()
            self.dropped_frames += 1
        self._queue.put_nowait(samples)

    def close(self):
        """Stop recording; the frames iterator ends."""
        self._closed = True
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(self._queue.put_nowait, None)


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


class SpeakerSink(_StoppableSink):
    """
    The speaker through PortAudio, at each utterance's own sample rate.

    :param device: None for the default output, an index, or a name.
    :raises AudioDeviceError: no PortAudio, no output device, or no such device.

    The output stream opens on the first ``play`` and stays open (silent
    between utterances) until ``close()``; ``stop()`` empties its buffer at once.
    """

    audible = True

    def __init__(self, device=None):
        super().__init__()
        self._sd = _sounddevice()
        info = _find_device(self._sd, device, 'output')
        self.device = info['index']
        self.device_name = info['name']
        self._stream = None
        self._rate = None
        self._lock = threading.Lock()
        self._chunks = deque()
        self._drained = None

    async def _play(self, frames):
        try:
            async for frame in frames:
                if frame.sample_rate != self._rate:
                    await self._drain()
                    self._open(frame.sample_rate)
                samples = np.asarray(frame.data, dtype=np.float32).reshape(-1)
                with self._lock:
                    if not self._stopped:
                        self._chunks.append(samples)
            await self._drain()
        finally:
            self._on_stop()
        return True

    def _open(self, rate):
        self._close_stream()
        try:
            self._stream = self._sd.OutputStream(samplerate=rate, device=self.device, channels=1,
                                                 dtype='float32', callback=self._callback)
            self._stream.start()
        except (self._sd.PortAudioError, ValueError) as error:
            self._stream = None
            raise AudioDeviceError(f'cannot open speaker {self.device_name!r} at {rate} Hz: '
                                   f'{error}') from None
        self._rate = rate

    async def _drain(self):
        """Wait until the callback has taken every queued sample."""
        with self._lock:
            if not self._chunks or self._stream is None:
                return
            self._drained = self._loop.create_future()
            drained = self._drained
        await drained

    def _callback(self, outdata, frames, time, status):
        """Run on PortAudio's thread: fill ``outdata`` from the queue, silence after it."""
        filled = 0
        with self._lock:
            while filled < frames and self._chunks:
                chunk = self._chunks[0]
                take = min(frames - filled, len(chunk))
                outdata[filled:filled + take, 0] = chunk[:take]
                filled += take
                if take == len(chunk):
                    self._chunks.popleft()
                else:
                    self._chunks[0] = chunk[take:]
            drained = self._drained if not self._chunks else None
            if drained is not None:
                self._drained = None
        outdata[filled:] = 0
        if drained is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(_resolve, drained)

    def _on_stop(self):
        with self._lock:
            self._chunks.clear()
            drained, self._drained = self._drained, None
        if drained is not None and self._loop is not None:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(_resolve, drained)

    def _close_stream(self):
        stream, self._stream, self._rate = self._stream, None, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.stop()
            with contextlib.suppress(Exception):
                stream.close()

    def close(self):
        """Stop playing and release the device."""
        self._stopped = True
        self._on_stop()
        self._close_stream()


def _resolve(future):
    if not future.done():
        future.set_result(None)
