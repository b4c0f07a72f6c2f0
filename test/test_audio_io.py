"""Audio in and out: WAV files of any format, folder and null sinks, the devices' errors."""

import asyncio
import builtins
import struct
import subprocess
import sys
import threading
import time
import types
import wave

import numpy as np
import pytest
from speech import read_wav, write_wav
from voice_nav.audio import AudioDeviceError, AudioFrame, SAMPLE_RATE
from voice_nav.plugins.audio_io import (AudioFileError, load_wav, MicrophoneSource, NullSink,
                                        SpeakerSink, WavFolderSink, WavSource)


def sine(frequency, seconds, rate, amplitude=0.5):
    """Return a sine as float64 samples."""
    t = np.arange(int(round(seconds * rate))) / rate
    return amplitude * np.sin(2 * np.pi * frequency * t)


def write_pcm(path, channels, rate, width):
    """
    Write ``channels`` (float arrays of one length) as a PCM WAV file of ``width`` bytes.

    Width 1 is unsigned 8-bit, 2 to 4 are signed little-endian.
    """
    data = np.stack(channels, axis=1).reshape(-1)
    if width == 1:
        raw = np.round(data * 127 + 128).astype(np.uint8).tobytes()
    else:
        ints = np.round(data * (2 ** (8 * width - 1) - 1)).astype('<i4')
        raw = ints.view(np.uint8).reshape(-1, 4)[:, :width].tobytes()
    with wave.open(str(path), 'wb') as f:
        f.setnchannels(len(channels))
        f.setsampwidth(width)
        f.setframerate(rate)
        f.writeframes(raw)


def write_float(path, channels, rate, width=4):
    """Write float samples as an IEEE-float WAV file (format tag 3) of 32 or 64 bits."""
    data = np.stack(channels, axis=1).reshape(-1).astype(f'<f{width}').tobytes()
    count = len(channels)
    fmt = struct.pack('<HHIIHH', 3, count, rate, rate * count * width, count * width, width * 8)
    body = b'WAVE' + b'fmt ' + struct.pack('<I', len(fmt)) + fmt \
        + b'data' + struct.pack('<I', len(data)) + data
    path.write_bytes(b'RIFF' + struct.pack('<I', len(body)) + body)


def peak_frequency(samples, rate=SAMPLE_RATE):
    """Return the frequency of the largest FFT bin."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples))))
    return np.argmax(spectrum) * rate / len(samples)


@pytest.mark.parametrize('rate, channels, kind', [
    (44100, 2, 's16'), (8000, 1, 'f32'), (48000, 1, 's24'), (22050, 1, 'u8'),
    (32000, 2, 's32'), (16000, 1, 'f64'), (11025, 1, 's16'),
])
def test_any_wav_becomes_16_khz_mono(tmp_path, rate, channels, kind):
    """A 1.5 s 440 Hz sine in any WAV format: 16 kHz mono, same duration, same frequency."""
    path = tmp_path / f'{kind}.wav'
    tone = [sine(440, 1.5, rate)] * channels
    if kind.startswith('f'):
        write_float(path, tone, rate, width=int(kind[1:]) // 8)
    else:
        write_pcm(path, tone, rate, width=int(kind[1:]) // 8)
    audio = load_wav(path)
    assert audio.sample_rate == SAMPLE_RATE
    assert audio.data.dtype == np.float32 and audio.data.ndim == 1
    assert audio.duration == pytest.approx(1.5, abs=0.002)
    assert peak_frequency(audio.data) == pytest.approx(440, abs=2)
    middle = audio.data[4000:-4000]
    assert np.sqrt(np.mean(middle ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.03)


def test_stereo_channels_are_averaged(tmp_path):
    """Left 440 Hz and right 1000 Hz: both are there at half their level."""
    path = tmp_path / 'stereo.wav'
    write_pcm(path, [sine(440, 1.0, 44100), sine(1000, 1.0, 44100)], 44100, 2)
    data = load_wav(path).data
    spectrum = np.abs(np.fft.rfft(data)) / (len(data) / 2)
    assert spectrum[440] == pytest.approx(0.25, rel=0.05)
    assert spectrum[1000] == pytest.approx(0.25, rel=0.05)
    write_pcm(path, [sine(440, 1.0, 44100), -sine(440, 1.0, 44100)], 44100, 2)
    assert np.abs(load_wav(path).data).max() < 0.01


def test_a_missing_file_is_named(tmp_path):
    """A missing file or a folder: AudioFileError naming the path."""
    missing = tmp_path / 'nothing here.wav'
    with pytest.raises(AudioFileError, match='nothing here.wav.*no such file'):
        load_wav(missing)
    with pytest.raises(AudioFileError, match='nothing here.wav'):
        WavSource(missing)
    with pytest.raises(AudioFileError, match='folder'):
        load_wav(tmp_path)


@pytest.mark.parametrize('content', [
    b'', b'hello, I am not audio\n', b'RIFF\x10\x00\x00\x00WAVEjunkjunkjunk',
    bytes(range(256)) * 8,
])
def test_a_corrupt_file_is_named(tmp_path, content):
    """Bytes that are no audio: AudioFileError naming the file."""
    path = tmp_path / 'broken.wav'
    path.write_bytes(content)
    with pytest.raises(AudioFileError, match='broken.wav'):
        load_wav(path)


async def collect(source):
    """Return the frames of ``source`` and when each came (monotonic seconds)."""
    frames, times = [], []
    async for frame in source.frames():
        frames.append(frame)
        times.append(time.monotonic())
    return frames, times


@pytest.mark.asyncio
async def test_wav_source_frames(tmp_path):
    """32 ms frames of the whole file, in order; another frame length on request."""
    path = tmp_path / 'tone.wav'
    samples = sine(300, 1.0, SAMPLE_RATE).astype(np.float32)
    write_wav(path, samples)
    frames, _ = await collect(WavSource(path))
    assert [len(f.data) for f in frames[:-1]] == [512] * (len(frames) - 1)
    joined = np.concatenate([f.data for f in frames])
    assert np.allclose(joined, read_wav(path)[0], atol=1e-6)
    frames, _ = await collect(WavSource(path, frame_ms=20))
    assert len(frames) == 50 and all(len(f.data) == 320 for f in frames)
    with pytest.raises(ValueError, match='frame_ms'):
        WavSource(path, frame_ms=0)


@pytest.mark.asyncio
async def test_wav_source_in_real_time(tmp_path):
    """Realtime frames take the audio's duration, and none comes before its end is due."""
    path = tmp_path / 'tone.wav'
    write_wav(path, sine(300, 1.0, SAMPLE_RATE).astype(np.float32))
    source = WavSource(path, realtime=True)
    start = time.monotonic()
    frames, times = await collect(source)
    assert time.monotonic() - start >= 0.9 * source.duration
    ends = np.cumsum([f.duration for f in frames])
    assert all(t - start >= end - 0.005 for t, end in zip(times, ends))


@pytest.mark.asyncio
async def test_wav_source_close_ends_the_frames(tmp_path):
    """``close()`` ends the iterator early."""
    path = tmp_path / 'tone.wav'
    write_wav(path, sine(300, 2.0, SAMPLE_RATE).astype(np.float32))
    source = WavSource(path)
    count = 0
    async for _ in source.frames():
        count += 1
        if count == 3:
            source.close()
    assert count == 3


async def tts(seconds, rate=22050, chunk=0.1, hang_after=None, sent=None):
    """Yield a sine in ``chunk``-second frames; wait forever after ``hang_after`` seconds."""
    samples = sine(220, seconds, rate).astype(np.float32)
    step = int(chunk * rate)
    for begin in range(0, len(samples), step):
        if hang_after is not None and begin >= hang_after * rate:
            await asyncio.Event().wait()
        if sent is not None:
            sent.append(begin)
        yield AudioFrame(samples[begin:begin + step], rate)


def wav_seconds(path):
    """Return the duration of a WAV file and check it is 16-bit mono."""
    with wave.open(str(path), 'rb') as f:
        assert f.getsampwidth() == 2 and f.getnchannels() == 1
        return f.getnframes() / f.getframerate()


@pytest.mark.asyncio
async def test_wav_folder_sink_numbers_the_files(tmp_path):
    """Each play writes the next numbered file at the frames' rate, into a new folder."""
    sink = WavFolderSink(tmp_path / 'out' / 'speech')
    assert await sink.play(tts(0.75)) is True
    assert await sink.play(tts(0.3, rate=16000)) is True
    assert await sink.play(tts(0.0)) is True
    assert [p.name for p in sink.paths] == ['001.wav', '002.wav', '003.wav']
    assert wav_seconds(sink.paths[0]) == pytest.approx(0.75, abs=1e-3)
    assert wav_seconds(sink.paths[1]) == pytest.approx(0.3, abs=1e-3)
    assert wav_seconds(sink.paths[2]) == 0.0
    with wave.open(str(sink.paths[0]), 'rb') as f:
        assert f.getframerate() == 22050
    data = read_wav(sink.paths[1])[0]
    assert peak_frequency(data) == pytest.approx(220, abs=4)


@pytest.mark.asyncio
async def test_wav_folder_sink_stop_while_waiting_for_frames(tmp_path):
    """``stop()`` while the TTS is slow: play returns False at once, the file keeps what came."""
    sink = WavFolderSink(tmp_path)
    play = asyncio.ensure_future(sink.play(tts(2.0, hang_after=0.5)))
    await asyncio.sleep(0.2)
    sink.stop()
    assert await asyncio.wait_for(play, 5.0) is False
    assert wav_seconds(sink.paths[0]) == pytest.approx(0.5, abs=1e-3)
    assert await sink.play(tts(0.2)) is True


@pytest.mark.asyncio
async def test_wav_folder_sink_in_real_time(tmp_path):
    """Realtime: play takes the audio's duration; a stop from another thread cuts it."""
    sink = WavFolderSink(tmp_path, realtime=True)
    start = time.monotonic()
    assert await sink.play(tts(0.5)) is True
    assert time.monotonic() - start >= 0.45
    sent = []
    threading.Timer(0.3, sink.stop).start()
    assert await sink.play(tts(3.0, sent=sent)) is False
    assert wav_seconds(sink.paths[1]) < 3.0
    assert wav_seconds(sink.paths[1]) == pytest.approx(len(sent) * 0.1, abs=0.01)


@pytest.mark.asyncio
async def test_null_sink():
    """The null sink consumes everything at once; ``stop()`` makes play return False."""
    sink = NullSink()
    assert await sink.play(tts(1.0)) is True
    play = asyncio.ensure_future(sink.play(tts(1.0, hang_after=0.2)))
    await asyncio.sleep(0.05)
    sink.stop()
    assert await play is False


def has_device(kind):
    """Return True if PortAudio lists a device of ``kind`` here."""
    try:
        import sounddevice
        return any(d[f'max_{kind}_channels'] > 0 for d in sounddevice.query_devices())
    except OSError:
        return False


@pytest.mark.skipif(has_device('input'), reason='this machine has a microphone')
def test_no_microphone_is_one_clear_sentence():
    """No input device: AudioDeviceError saying so."""
    with pytest.raises(AudioDeviceError,
                       match=r'^no microphone: PortAudio found no input device$'):
        MicrophoneSource()


@pytest.mark.skipif(has_device('output'), reason='this machine has a speaker')
def test_no_speaker_is_one_clear_sentence():
    """No output device: AudioDeviceError saying so."""
    with pytest.raises(AudioDeviceError, match=r'^no speaker: PortAudio found no output device$'):
        SpeakerSink()


def test_no_portaudio(monkeypatch):
    """``import sounddevice`` raising OSError (no libportaudio2) becomes AudioDeviceError."""
    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == 'sounddevice':
            raise OSError('PortAudio library not found')
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, 'sounddevice', raising=False)
    monkeypatch.setattr(builtins, '__import__', fake_import)
    for make in (MicrophoneSource, SpeakerSink):
        with pytest.raises(AudioDeviceError, match='PortAudio library is missing'):
            make()


def test_no_sounddevice_package(monkeypatch):
    """The sounddevice package not installed: AudioDeviceError saying so."""
    monkeypatch.setitem(sys.modules, 'sounddevice', None)
    with pytest.raises(AudioDeviceError, match='sounddevice package is not installed'):
        MicrophoneSource()


class FakeSoundDevice(types.ModuleType):
    """
    A sounddevice stand-in with one microphone and one speaker, run by threads.

    The microphone plays back ``recording`` in blocks as fast as it can; the
    speaker pulls 256-sample blocks at real-time pace into ``played``.
    """

    class PortAudioError(Exception):
        """PortAudio's error."""

    def __init__(self, mic_rates=(16000,), recording=None):
        super().__init__('sounddevice')
        self.devices = [
            {'index': 0, 'name': 'Fake Mic', 'max_input_channels': 1,
             'max_output_channels': 0, 'default_samplerate': 48000.0},
            {'index': 1, 'name': 'Fake Speaker', 'max_input_channels': 0,
             'max_output_channels': 2, 'default_samplerate': 44100.0},
        ]
        self.default = types.SimpleNamespace(device=[0, 1])
        self.mic_rates = mic_rates
        self.recording = recording if recording is not None else np.zeros(16000, np.float32)
        self.played = []
        self.streams = []

    def query_devices(self, device=None, kind=None):
        """Return the device list, or the one device asked for."""
        if device is None and kind is None:
            return list(self.devices)
        if device is None:
            device = self.default.device[0 if kind == 'input' else 1]
        for d in self.devices:
            if device == d['index'] or (isinstance(device, str) and device in d['name']):
                if d[f'max_{kind}_channels'] < 1:
                    raise ValueError(f'Not an {kind} device: {device!r}')
                return d
        if isinstance(device, int):
            raise self.PortAudioError(f'Error querying device {device}')
        raise ValueError(f'No {kind} device matching {device!r}')

    def check_input_settings(self, device=None, channels=None, dtype=None, samplerate=None):
        """Refuse the rates the fake microphone does not have."""
        if samplerate not in self.mic_rates:
            raise self.PortAudioError('Invalid sample rate')

    def InputStream(self, **kwargs):  # noqa: N802 (sounddevice's name)
        """Return a fake input stream."""
        stream = FakeStream(self, 'input', **kwargs)
        self.streams.append(stream)
        return stream

    def OutputStream(self, **kwargs):  # noqa: N802 (sounddevice's name)
        """Return a fake output stream."""
        stream = FakeStream(self, 'output', **kwargs)
        self.streams.append(stream)
        return stream


class FakeStream:
    """A PortAudio stream whose callback runs on its own thread."""

    def __init__(self, sd, kind, samplerate, callback, blocksize=None, **kwargs):
        self.sd, self.kind, self.samplerate, self.callback = sd, kind, samplerate, callback
        self.blocksize = blocksize or 256
        self.kwargs = kwargs
        self.running = threading.Event()
        self.thread = None

    def start(self):
        """Start the callback thread."""
        self.running.set()
        self.thread = threading.Thread(target=getattr(self, f'_{self.kind}'), daemon=True)
        self.thread.start()

    def _input(self):
        data = self.sd.recording
        for begin in range(0, len(data) - self.blocksize + 1, self.blocksize):
            if not self.running.is_set():
                return
            block = data[begin:begin + self.blocksize].reshape(-1, 1)
            self.callback(block, self.blocksize, None, None)
            time.sleep(0.0005)

    def _output(self):
        start = time.monotonic()
        count = 0
        while self.running.is_set():
            out = np.full((self.blocksize, 1), np.nan, dtype=np.float32)
            self.callback(out, self.blocksize, None, None)
            self.sd.played.append(out[:, 0].copy())
            count += self.blocksize
            time.sleep(max(start + count / self.samplerate - time.monotonic(), 0))

    def stop(self):
        """Stop the callback thread."""
        self.running.clear()
        if self.thread is not None:
            self.thread.join()

    def close(self):
        """Release the fake device."""
        self.stop()


@pytest.mark.asyncio
async def test_microphone_frames_through_the_callback_thread(monkeypatch):
    """Blocks from PortAudio's thread come out as 32 ms frames at 16 kHz, in order."""
    recording = sine(500, 1.024, 16000).astype(np.float32)
    fake = FakeSoundDevice(recording=recording)
    monkeypatch.setitem(sys.modules, 'sounddevice', fake)
    mic = MicrophoneSource()
    assert (mic.device, mic.device_name, mic.device_rate) == (0, 'Fake Mic', 16000)
    got = []
    async for frame in mic.frames():
        got.append(frame.data)
        if len(got) == 32:
            mic.close()
    assert np.array_equal(np.concatenate(got), recording)
    assert fake.streams[0].blocksize == 512
    assert not fake.streams[0].running.is_set()


@pytest.mark.asyncio
async def test_microphone_at_another_rate_is_resampled(monkeypatch):
    """A microphone that only records at 48 kHz gives 16 kHz frames of the same sound."""
    fake = FakeSoundDevice(mic_rates=(48000,), recording=sine(500, 2.0, 48000).astype(np.float32))
    monkeypatch.setitem(sys.modules, 'sounddevice', fake)
    mic = MicrophoneSource('Fake')
    assert mic.device_rate == 48000
    got = []
    async for frame in mic.frames():
        assert frame.sample_rate == SAMPLE_RATE
        got.append(frame.data)
        if sum(map(len, got)) >= 16000:
            mic.close()
    assert fake.streams[0].blocksize == 1536
    data = np.concatenate(got)
    assert peak_frequency(data[1000:]) == pytest.approx(500, abs=3)


@pytest.mark.asyncio
async def test_microphone_drops_the_oldest_frames_when_the_consumer_lags(monkeypatch):
    """A stalled consumer: the queue holds ``max_queue`` frames, the rest are counted as drops."""
    fake = FakeSoundDevice(recording=np.arange(512 * 40, dtype=np.float32))
    monkeypatch.setitem(sys.modules, 'sounddevice', fake)
    mic = MicrophoneSource(max_queue=8)
    frames = mic.frames()
    first = await frames.__anext__()
    fake.streams[0].thread.join()  # the loop is blocked: the blocks pile up
    await asyncio.sleep(0.05)
    rest = [(await frames.__anext__()).data for _ in range(8)]
    assert mic._queue.qsize() == 0
    assert mic.dropped_frames == 40 - 1 - 8
    assert first.data[0] == 0.0 and [r[0] for r in rest] == [i * 512 for i in range(32, 40)]
    mic.close()
    assert [f async for f in frames] == []


def test_bad_device_names_are_refused(monkeypatch):
    """A device that is not there, or not of the right kind, is one AudioDeviceError."""
    monkeypatch.setitem(sys.modules, 'sounddevice', FakeSoundDevice())
    with pytest.raises(AudioDeviceError, match="no microphone 'USB'.*Fake Mic"):
        MicrophoneSource('USB')
    with pytest.raises(AudioDeviceError, match='no microphone 7'):
        MicrophoneSource('7')
    with pytest.raises(AudioDeviceError, match='no speaker 0'):
        SpeakerSink(0)
    assert SpeakerSink('Speaker').device == 1


@pytest.mark.asyncio
async def test_speaker_plays_to_the_end(monkeypatch):
    """The speaker plays every sample at the frames' rate, then silence."""
    fake = FakeSoundDevice()
    monkeypatch.setitem(sys.modules, 'sounddevice', fake)
    speaker = SpeakerSink()
    start = time.monotonic()
    assert await speaker.play(tts(0.3, rate=22050)) is True
    assert time.monotonic() - start >= 0.25
    assert fake.streams[0].samplerate == 22050
    await asyncio.sleep(0.05)
    played = np.concatenate(fake.played)
    assert not np.isnan(played).any()
    expected = sine(220, 0.3, 22050).astype(np.float32)
    begin = np.flatnonzero(played)[0] - 1  # the sine starts at 0
    assert np.array_equal(played[begin:begin + len(expected)], expected)
    speaker.close()
    assert not fake.streams[0].running.is_set()


@pytest.mark.asyncio
async def test_speaker_stop_cuts_at_once(monkeypatch):
    """``stop()`` mid-utterance: play returns False and the speaker goes silent."""
    fake = FakeSoundDevice()
    monkeypatch.setitem(sys.modules, 'sounddevice', fake)
    speaker = SpeakerSink()
    play = asyncio.ensure_future(speaker.play(tts(3.0, rate=16000)))
    await asyncio.sleep(0.3)
    speaker.stop()
    assert await play is False
    await asyncio.sleep(0.1)
    count = len(fake.played)
    await asyncio.sleep(0.1)
    assert not np.concatenate(fake.played[count:]).any()
    assert np.count_nonzero(np.concatenate(fake.played)) < 0.9 * 3.0 * 16000
    assert await speaker.play(tts(0.1, rate=16000)) is True
    speaker.close()


def test_audio_io_imports_no_device_library_at_import():
    """Importing the module pulls in neither sounddevice nor av."""
    code = ('import sys, voice_nav.plugins.audio_io\n'
            'print(",".join(m for m in ("sounddevice", "av") if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ''
