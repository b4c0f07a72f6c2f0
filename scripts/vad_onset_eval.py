#!/usr/bin/env python3
"""
Count what starts an utterance in Silero VAD at several ``vad_min_speech_ms`` (issue 14).

Speech pauses a motion from its onset (the barge-in), so ``min_speech_ms``
decides both how soon a spoken "stop" stops the robot and which other sounds
stop it for a moment too. This plays sounds that are not speech (coughs,
claps, knocks, clicks, beeps, a slammed door, typing, breaths, whistles, a
motor starting), each alone with silence around it and again over a motor's
hum, and short spoken stops by espeak-ng and flite voices, through the VAD at
each setting, and counts the sounds that give ``speech_started`` and the
windows (32 ms) from a stop's onset to its ``speech_started``.

The sounds are made from seeds 100 and up: no setting was chosen on them.

``--whisper`` also transcribes what each sound started, with WhisperSTT as
the agent makes it, and says what would become of a motion the sound paused:
resumed (no words, or what Whisper writes over noise, in what the VAD doubted
was speech), kept stopped (words it wrote and doubted, ``Transcript.unsure``,
or no words where the VAD peaked at ``SURE_SPEECH`` or over), or the words it
kept. Seeds 100-149
were read when the rule on doubted words was written; 200 and up were not.
"""

import argparse
from pathlib import Path
import sys

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'test'))

RATE = 16000


def _burst(rng, seconds, decay, amplitude, smooth=1):
    n = int(seconds * RATE)
    noise = rng.standard_normal(n)
    if smooth > 1:  # a crude low-pass: a knock or a door is mostly low frequencies
        noise = np.convolve(noise, np.ones(smooth) / np.sqrt(smooth), mode='same')
    return noise * amplitude * np.exp(-np.linspace(0.0, decay, n))


def _tone(seconds, frequency, amplitude, end=None):
    t = np.arange(int(seconds * RATE)) / RATE
    f = frequency if end is None else frequency + (end - frequency) * t / seconds
    ramp = np.minimum(1.0, np.minimum(t, seconds - t) / 0.01)
    return amplitude * ramp * np.sin(2 * np.pi * np.cumsum(f) / RATE)


def sounds(seed):
    """Return {name: samples} of non-speech sounds made from ``seed``."""
    import speech
    rng = np.random.default_rng(seed)
    made = {
        'cough': speech.cough(rng.uniform(0.1, 0.4), seed=seed),
        'two coughs': np.concatenate([speech.cough(0.2, seed=seed), speech.silence(0.12),
                                      speech.cough(0.25, seed=seed + 1)]),
        'clap': _burst(rng, 0.08, 9.0, 0.6),
        'knock': np.concatenate([_burst(rng, 0.06, 7.0, 0.5, smooth=24), speech.silence(0.15),
                                 _burst(rng, 0.06, 7.0, 0.5, smooth=24)]),
        'click': _burst(rng, 0.01, 5.0, 0.8),
        'door slam': _burst(rng, 0.35, 6.0, 0.7, smooth=48),
        'typing': np.concatenate([np.concatenate([_burst(rng, 0.015, 6.0, 0.3),
                                                  speech.silence(rng.uniform(0.06, 0.2))])
                                  for _ in range(15)]),
        'breath': _burst(rng, 0.6, 1.0, 0.05, smooth=8),
        'beep': _tone(rng.uniform(0.1, 0.5), rng.uniform(400, 2500), 0.3),
        'whistle': _tone(0.6, rng.uniform(900, 1500), 0.3, end=rng.uniform(1500, 2500)),
        'motor starting': 0.1 * speech.motor_hum(2.0, seed=seed),
    }
    return {k: v.astype(np.float32) for k, v in made.items()}


def stops():
    """Return {name: samples} of spoken stops in voices other than the bench's tuning ones."""
    import speech
    made = {}
    for text in ('stop', 'halt', 'wait', 'hold on', 'no'):
        made[f'flite kal16 {text!r}'] = speech.flite(text, 'kal16')
        made[f'espeak en-gb-scotland {text!r}'] = speech.espeak(text, 'en-gb-scotland', 170)
    return made


def alone_and_over_hum(seed):
    """Yield (label, samples) of every sound of ``seed``, alone and over a motor's hum."""
    import speech
    for name, samples in sounds(seed).items():
        yield name, samples
        hum = speech.motor_hum(len(samples) / RATE + 0.01, seed=seed)[:len(samples)]
        yield name + ' over hum', samples + 0.02 * hum


def transcribe_sounds(min_speech_ms, seeds):
    """Print what Whisper makes of every utterance the sounds of ``seeds`` start."""
    from collections import Counter
    from voice_nav.plugins.command_dialogue import settles
    from voice_nav.agent.voice import sure_speech
    from voice_nav.plugins.command_grammar import is_stop_command
    from voice_nav.plugins.silero_vad import SileroVAD
    from voice_nav.plugins.whisper_stt import WhisperSTT
    from voice_nav.vad import VADOptions
    vad = SileroVAD(VADOptions(min_speech_ms=min_speech_ms, early_silence_ms=150.0)).load()
    whisper = WhisperSTT(keep_short=is_stop_command, settle=settles)
    whisper.warm_up()
    fates, total = Counter(), 0
    for seed in seeds:
        for label, audio in alone_and_over_hum(seed):
            total += 1
            for event in events(vad, audio):
                if event.type != 'speech_ended' or event.speech is None:
                    continue
                heard = whisper._recognize(event.speech)
                fate = 'words' if heard.text else \
                    'kept stopped' if heard.unsure or sure_speech(event.peak) else 'resumed'
                fates[fate] += 1
                if fate != 'resumed':
                    print(f'  {label} (seed {seed}): {fate}: {heard.text or heard.unsure!r} '
                          f'(VAD peak {event.peak:.2f})')
    print(f'{total} sounds; of the utterances they started, a paused motion: '
          f'{fates["resumed"]} resumed, {fates["kept stopped"]} kept stopped (unsure words '
          'or sure speech), '
          f'{fates["words"]} took the words Whisper kept')


def events(vad, samples):
    """Return the VAD's events over ``samples`` with a second of silence around them."""
    import speech
    stream = vad.stream()
    audio = speech.session(samples, gap=1.0)
    found = []
    for start in range(0, len(audio), 512):
        found += stream.push(audio[start:start + 512])
    return found


def main(argv=None):
    """Run every sound and stop at every setting; print a table."""
    from voice_nav.plugins.silero_vad import SileroVAD
    from voice_nav.vad import VADOptions
    import speech
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--settings', default='64,96,120,160')
    parser.add_argument('--seeds', type=int, default=10)
    parser.add_argument('--first-seed', type=int, default=100)
    parser.add_argument('--whisper', action='store_true',
                        help='transcribe what the sounds started (at the first setting)')
    args = parser.parse_args(argv)
    settings = [float(s) for s in args.settings.split(',')]
    if args.whisper:
        return transcribe_sounds(settings[0], range(args.first_seed, args.first_seed + args.seeds))
    spoken = stops()
    for ms in settings:
        vad = SileroVAD(VADOptions(min_speech_ms=ms, early_silence_ms=150.0)).load()
        started, total, which = 0, 0, {}
        for seed in range(args.first_seed, args.first_seed + args.seeds):
            for label, audio in alone_and_over_hum(seed):
                total += 1
                if any(e.type == 'speech_started' for e in events(vad, audio)):
                    started += 1
                    which[label] = which.get(label, 0) + 1
        delays, heard = [], 0
        for name, samples in spoken.items():
            stream, audio = vad.stream(), speech.session(samples, gap=1.0)
            for start in range(0, len(audio), 512):
                got = [e for e in stream.push(audio[start:start + 512])
                       if e.type == 'speech_started']
                if got:  # from the onset the VAD dates to the window that reported it
                    delays.append((start + 512) / RATE - got[0].time)
                    heard += 1
                    break
        print(f'min_speech_ms {ms:5g}: {started} of {total} sounds started an utterance '
              f'({", ".join(f"{k} {v}" for k, v in sorted(which.items())) or "none"}); '
              f'{heard} of {len(spoken)} stops started one, '
              f'{1000 * np.median(delays):.0f} ms median and {1000 * max(delays):.0f} ms at '
              'most after their onset')


if __name__ == '__main__':
    main()
