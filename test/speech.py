"""
Speech and noise for the voice tests, made on the spot with espeak-ng, flite and sox.

Everything returns 16 kHz mono float32 numpy arrays; ``write_wav`` saves one.
Tests that need these tools skip, saying which is missing, where they are not
installed (``scripts/setup.sh`` installs them).
"""

import shutil
import subprocess
import tempfile
import wave

import numpy as np
import pytest

RATE = 16000


def require(*tools):
    """Skip the calling test if one of ``tools`` is not on PATH."""
    for tool in tools:
        if shutil.which(tool) is None:
            pytest.skip(f'{tool} is not installed (scripts/setup.sh installs it)')


def read_wav(path):
    """Return the samples of a 16-bit mono WAV file as float32, and its rate."""
    with wave.open(str(path), 'rb') as f:
        assert f.getsampwidth() == 2 and f.getnchannels() == 1, path
        data = np.frombuffer(f.readframes(f.getnframes()), dtype='<i2')
        return data.astype(np.float32) / 32768.0, f.getframerate()


def write_wav(path, samples, rate=RATE):
    """Write float32 samples in [-1, 1] as a 16-bit mono WAV file."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype('<i2')
    with wave.open(str(path), 'wb') as f:
        f.setnchannels(1)
        f.setsampwidth(2)
        f.setframerate(rate)
        f.writeframes(pcm.tobytes())


def espeak(text, voice='en-us', words_per_minute=150):
    """Return ``text`` spoken by espeak-ng, resampled by sox to 16 kHz."""
    require('espeak-ng', 'sox')
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = f'{tmp}/raw.wav', f'{tmp}/out.wav'
        subprocess.run(['espeak-ng', '-v', voice, '-s', str(words_per_minute), '-w', raw, text],
                       check=True, capture_output=True)
        subprocess.run(['sox', raw, '-r', str(RATE), '-c', '1', '-b', '16', out],
                       check=True, capture_output=True)
        return read_wav(out)[0]


def flite(text, voice='slt', stretch=1.0):
    """
    Return ``text`` spoken by one of Debian's flite voices, resampled by sox to 16 kHz.

    :param stretch: flite's duration stretch: above 1 is slower.
    """
    require('flite', 'sox')
    with tempfile.TemporaryDirectory() as tmp:
        raw, out = f'{tmp}/raw.wav', f'{tmp}/out.wav'
        subprocess.run(['flite', '-voice', voice, '--setf', f'duration_stretch={stretch}',
                        '-t', text, '-o', raw], check=True, capture_output=True)
        subprocess.run(['sox', raw, '-r', str(RATE), '-c', '1', '-b', '16', out],
                       check=True, capture_output=True)
        return read_wav(out)[0]


def silence(seconds):
    """Return digital silence."""
    return np.zeros(round(seconds * RATE), dtype=np.float32)


def white_noise(seconds, amplitude=0.05, seed=0):
    """Return white noise with the given RMS amplitude."""
    rng = np.random.default_rng(seed)
    return (rng.standard_normal(round(seconds * RATE)) * amplitude).astype(np.float32)


def with_noise(samples, snr_db, seed=0):
    """Return ``samples`` plus white noise at ``snr_db`` below the speech's power."""
    voiced = samples[np.abs(samples) > 1e-4]
    power = float(np.mean(voiced ** 2)) if len(voiced) else 0.0
    noise = white_noise(len(samples) / RATE, amplitude=np.sqrt(power / 10 ** (snr_db / 10)),
                        seed=seed)
    return np.clip(samples + noise[:len(samples)], -1.0, 1.0).astype(np.float32)


def motor_hum(seconds, seed=0):
    """
    Return the hum of a small DC drive motor at unit RMS.

    A fundamental near 95 Hz that wanders with the load, its harmonics
    falling off as 1/k, the commutator's whine near 1.2 kHz beating with the
    rotation, and brush noise (white noise through a leaky integrator).
    """
    rng = np.random.default_rng(seed)
    t = np.arange(int(seconds * RATE)) / RATE
    speed = 95.0 + 4.0 * np.sin(2 * np.pi * 0.3 * t + rng.uniform(0, 2 * np.pi))
    phase = 2 * np.pi * np.cumsum(speed) / RATE
    hum = sum(np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k for k in range(1, 11))
    whine = 0.3 * np.sin(12 * phase) * (1 + 0.5 * np.sin(phase))
    brush = np.zeros(len(t))
    white = rng.standard_normal(len(t))
    level = 0.0
    for i in range(0, len(t), 160):  # a leaky integrator, one block of 10 ms at a time
        block = np.cumsum(white[i:i + 160]) * 0.02 + level
        brush[i:i + 160] = block
        level = block[-1] * 0.9 if len(block) else level
    total = hum + whine + 0.3 * brush / (np.std(brush) or 1.0)
    return (total / np.sqrt(np.mean(total ** 2))).astype(np.float32)


def with_hum(samples, snr_db, seed=0):
    """Return ``samples`` plus a motor's hum at ``snr_db`` below the speech's power."""
    voiced = samples[np.abs(samples) > 1e-4]
    power = float(np.mean(voiced ** 2)) if len(voiced) else 0.0
    hum = motor_hum(len(samples) / RATE + 0.01, seed=seed)[:len(samples)]
    return np.clip(samples + hum * np.sqrt(power / 10 ** (snr_db / 10)), -1.0,
                   1.0).astype(np.float32)


def cough(seconds=0.15, seed=1):
    """Return a cough-like burst: loud, short, decaying noise."""
    rng = np.random.default_rng(seed)
    n = round(seconds * RATE)
    envelope = np.exp(-np.linspace(0.0, 6.0, n))
    return (rng.standard_normal(n) * 0.4 * envelope).clip(-1, 1).astype(np.float32)


def session(*parts, gap=1.0):
    """Join utterances (arrays) with ``gap`` seconds of silence before, between and after."""
    pieces = [silence(gap)]
    for part in parts:
        pieces += [part, silence(gap)]
    return np.concatenate(pieces)
