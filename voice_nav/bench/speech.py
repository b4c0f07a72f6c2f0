"""
The bench's takes as WAV files: spoken by Piper, espeak-ng or flite, noise added, cached.

A take is made once and kept in the cache folder (``$VOICE_NAV_CACHE/bench``,
by default ``~/.cache/voice_nav/bench``) under a name that says what it is,
so that later runs hear the very same audio: Piper draws new noise on every
call, and a fresh take would make two runs differ. Each file is the speech
with 0.4 s of silence before and 0.8 s after, at the voice's own rate (the
agent's WAV reader resamples); the noise runs through the silence too, as a
motor's hum would.
"""

import asyncio
import os
from pathlib import Path
import re
import shutil
import subprocess
import tempfile

import numpy as np

VERSION = 1
"""Part of every cached name: raise it when the way takes are made changes."""

BEFORE, AFTER = 0.4, 0.8  # seconds of silence around the speech


class MissingVoice(RuntimeError):
    """A take's speech engine is not installed; the message says how to install it."""


def cache_folder():
    """Return the folder of the cached takes."""
    root = os.environ.get('VOICE_NAV_CACHE') or os.path.join(
        os.environ.get('XDG_CACHE_HOME') or os.path.join(os.path.expanduser('~'), '.cache'),
        'voice_nav')
    return Path(root).expanduser() / 'bench'


def take_path(take, folder=None):
    """Return the WAV of ``take``, making it first if it is not in the cache."""
    folder = Path(folder or cache_folder())
    words = re.sub(r'[^a-z0-9]+', '-', take.text.lower()).strip('-')
    name = re.sub(r'[^A-Za-z0-9.+-]+', '_', take.name)
    path = folder / f'v{VERSION}_{name}_{take.seed}_{words}.wav'
    if not path.is_file():
        from ..plugins.audio_io import write_wav
        samples, rate = speak(take)
        samples = add_noise(samples, rate, take.condition, take.seed)
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, suffix='.tmp', delete=False) as f:
            pass
        write_wav(f.name, samples, rate)
        os.replace(f.name, path)  # another run never sees half a file
    return path


def speak(take):
    """Return the speech of ``take`` (float32 samples) and its rate, with the silence around."""
    if take.engine == 'piper':
        samples, rate = _piper(take.text, take.speed)
    elif take.engine in ('espeak-ng', 'flite'):
        samples, rate = _command_line(take)
    else:
        raise ValueError(f'unknown speech engine {take.engine!r}')
    return np.concatenate([np.zeros(round(BEFORE * rate), np.float32), samples,
                           np.zeros(round(AFTER * rate), np.float32)]), rate


_piper_voices = {}


def _piper(text, length_scale):
    from ..plugins.piper_tts import PiperTTS
    tts = _piper_voices.get(length_scale)
    if tts is None:
        tts = _piper_voices[length_scale] = PiperTTS(length_scale=length_scale)

    async def frames():
        return [frame.data async for frame in tts.synthesize(text)]
    return np.concatenate(asyncio.run(frames())).astype(np.float32), tts.sample_rate


def _command_line(take):
    from ..plugins.audio_io import load_wav
    tool = take.engine
    if shutil.which(tool) is None:
        raise MissingVoice(f'{tool} is not installed (Debian: apt-get install {tool})')
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, 'take.wav')
        if tool == 'espeak-ng':
            command = ['espeak-ng', '-v', take.voice, '-s', str(take.speed), '-w', out, take.text]
        else:
            command = ['flite', '-voice', take.voice, '-t', take.text, '-o', out]
        subprocess.run(command, check=True, capture_output=True, timeout=60)
        audio = load_wav(out)  # resampled to 16 kHz
        return audio.data, audio.sample_rate


def add_noise(samples, rate, condition, seed):
    """Return ``samples`` with the noise of ``condition`` ('clean', 'white N dB', 'hum N dB')."""
    if condition == 'clean':
        return samples
    kind, snr, unit = condition.split()
    if unit != 'dB' or kind not in ('white', 'hum'):
        raise ValueError(f'unknown condition {condition!r}')
    rng = np.random.default_rng(seed)
    noise = rng.standard_normal(len(samples)) if kind == 'white' else \
        motor_hum(len(samples), rate, rng)
    voiced = samples[np.abs(samples) > 1e-3]
    power = float(np.mean(voiced ** 2)) if len(voiced) else 0.0
    scale = np.sqrt(power / 10 ** (float(snr) / 10) / float(np.mean(noise ** 2)))
    return np.clip(samples + scale * noise, -1.0, 1.0).astype(np.float32)


def motor_hum(count, rate, rng):
    """
    Return ``count`` samples of a small drive motor's hum.

    A 110 Hz fundamental that wavers a little with the load, its harmonics
    falling off, and a hiss of brush noise.
    """
    t = np.arange(count) / rate
    frequency = 110.0 * (1.0 + 0.02 * np.sin(2 * np.pi * 0.7 * t))
    phase = 2 * np.pi * np.cumsum(frequency) / rate
    hum = sum(np.sin(k * phase + rng.uniform(0, 2 * np.pi)) / k ** 1.2 for k in range(1, 12))
    return hum + 0.15 * rng.standard_normal(count)
