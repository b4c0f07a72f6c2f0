"""
Audio from and to devices: the microphone and the speaker, through sounddevice (PortAudio).

sounddevice is imported when first needed, and a missing library or device
becomes an AudioDeviceError with one clear sentence.
"""

import asyncio
from collections import deque
import contextlib
import threading

import numpy as np

from .audio_files import _frame_samples, _StoppableSink
from ..audio import AudioDeviceError, AudioFrame, AudioSource, SAMPLE_RATE


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
