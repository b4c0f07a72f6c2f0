#!/usr/bin/env python3
"""
Measure WhisperSTT on spoken robot commands: right, asked again, wrong motion, latency.

Two sets of commands, each said by Piper and by espeak-ng voices, clean and
with white noise at 20 dB SNR, go through Silero VAD, WhisperSTT and the
offline LLM (``calls_heard`` of test/test_voice_chain.py):

- ``train``: the 16 COMMANDS of test/test_voice_chain.py;
- ``held-out``: 18 commands whose numbers are in no prompt tried, so a
  prompt that only helps the numbers it names shows here.

A command is right when the calls equal those its own text gives, asked
again when nothing is called, wrong when something else is called. The
latency is WhisperSTT's ``recognize`` time per utterance (medians over all).
The audio is made once and cached (``--cache``), so settings compare on the
same takes. Each ``--setting NAME=JSON`` gives WhisperSTT keyword arguments::

    .venv/bin/python scripts/stt_eval.py --setting now='{}' --setting w10='{"window": 10}'

Not part of the package or the tests: a measurement to run by hand (minutes).
The wider measurement of issue 12, on held-out sentences, voices and noise,
is ``scripts/heard_eval.py``.
"""

import argparse
import asyncio
import json
import os
from pathlib import Path
import statistics
import sys
import time

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'test'))

HELD_OUT = [
    'turn left twenty degrees',
    'turn right sixty degrees',
    'rotate right one hundred and twenty degrees',
    'turn left one hundred thirty five degrees',
    'turn right two hundred and seventy degrees',
    'move forward zero point three meters',
    'go back two and a half meters',
    'drive forward four meters',
    'move forward a quarter meter',
    'turn left seventy five degrees',
    'go forward five meters',
    'move back one point two meters',
    'turn right fifteen degrees',
    'go left three point five meters',
    'turn left one hundred degrees',
    'drive backward six meters',
    'turn right twenty five degrees',
    'move forward eighty centimeters',
]

VOICES = {
    'piper': None,
    'en-us-130': ('en-us', 130),
    'en-us-150': ('en-us', 150),
    'en-us-175': ('en-us', 175),
    'en-130': ('en', 130),
    'en-150': ('en', 150),
    'en-175': ('en', 175),
}


def commands():
    """Return {set name: [command text]}."""
    import test_voice_chain
    return {'train': list(test_voice_chain.COMMANDS), 'held-out': HELD_OUT}


def make_audio(cache, voices):
    """Return {(voice, condition, text): samples}, made with Piper/espeak-ng or read from cache."""
    import speech
    takes = {}
    if cache and os.path.exists(cache):
        with np.load(cache) as stored:
            takes = {tuple(json.loads(key)): stored[key] for key in stored.files}
    made = False
    for texts in commands().values():
        for number, text in enumerate(texts):
            for voice in voices:
                if (voice, 'clean', text) in takes:
                    continue
                if VOICES[voice] is None:
                    from piper_speech import piper
                    said = piper(text)
                else:
                    said = speech.espeak(text, *VOICES[voice])
                audio = speech.session(said, gap=0.6)
                # speech.with_noise makes its noise int(len / RATE * RATE) long,
                # one sample short for some lengths: add silence until it is not.
                while int(len(audio) / speech.RATE * speech.RATE) != len(audio):
                    audio = np.append(audio, np.float32(0.0))
                takes[(voice, 'clean', text)] = audio
                takes[(voice, '20dB', text)] = speech.with_noise(audio, 20, seed=number)
                made = True
    if cache and made:
        np.savez_compressed(cache, **{json.dumps(list(key)): value
                                      for key, value in takes.items()})
    return takes


def evaluate(name, kwargs, takes, voices, log):
    """Run every take through the chain with WhisperSTT(**kwargs); return the counts."""
    from test_voice_chain import calls_heard, expected_calls
    from voice_nav.plugins.silero_vad import SileroVAD
    from voice_nav.plugins.whisper_stt import WhisperSTT
    stt = WhisperSTT(**kwargs)
    stt.warm_up()
    vad = SileroVAD()
    latencies = []
    stt.on('metrics_collected', lambda m: latencies.append(m.duration))
    counts = {}
    for set_name, texts in commands().items():
        for voice in voices:
            for condition in ('clean', '20dB'):
                row = counts.setdefault((set_name, voice, condition), [0, 0, 0])
                for text in texts:
                    heard, calls = asyncio.run(
                        calls_heard((vad, stt, None), takes[(voice, condition, text)]))
                    outcome = 0 if calls == expected_calls(text) else 2 if calls else 1
                    row[outcome] += 1
                    if outcome:
                        log.write(json.dumps({'setting': name, 'set': set_name,
                                              'voice': voice, 'condition': condition,
                                              'text': text, 'heard': heard,
                                              'calls': calls}) + '\n')
    return counts, latencies, stt.redecoded


def main(argv=None):
    """Parse the arguments, run each setting, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--setting', action='append', default=[], metavar='NAME=JSON',
                        help='WhisperSTT keyword arguments to measure (repeatable)')
    parser.add_argument('--voices', default='piper,en-us-150,en-us-175,en-130',
                        help=f'comma-separated, of {", ".join(VOICES)}')
    parser.add_argument('--cache', default='/tmp/stt_eval_audio.npz',
                        help='where the spoken takes are kept between runs')
    parser.add_argument('--log', default='/tmp/stt_eval_misses.jsonl',
                        help='one JSON line for every miss')
    parser.add_argument('--json', help='write the counts and latencies here as well')
    args = parser.parse_args(argv)
    voices = args.voices.split(',')
    settings = [s.split('=', 1) for s in args.setting] or [['default', '{}']]
    takes = make_audio(args.cache, voices)
    results = {}
    with open(args.log, 'a', encoding='utf-8') as log:
        for name, text in settings:
            start = time.perf_counter()
            counts, latencies, again = evaluate(name, json.loads(text), takes, voices, log)
            results[name] = {'kwargs': json.loads(text), 'latency_p50': statistics.median(
                latencies), 'latency_p90': float(np.percentile(latencies, 90)),
                'decoded_again': again, 'counts': {'/'.join(k): v for k, v in counts.items()}}
            print(f'== {name} {text}: STT p50 {1000 * statistics.median(latencies):.0f} ms, '
                  f'p90 {1000 * np.percentile(latencies, 90):.0f} ms over {len(latencies)}, '
                  f'{again} decoded again in 30 s '
                  f'({time.perf_counter() - start:.0f} s; load {os.getloadavg()[0]:.2f})')
            for set_name in commands():
                for voice in voices:
                    cells = [counts[(set_name, voice, c)] for c in ('clean', '20dB')]
                    print(f'  {set_name:9} {voice:10} clean {"/".join(map(str, cells[0]))}'
                          f'  20dB {"/".join(map(str, cells[1]))}   (right/asked/wrong)')
                total = np.sum([v for k, v in counts.items() if k[0] == set_name], axis=0)
                print(f'  {set_name:9} {"all":10} {"/".join(map(str, total))}')
            sys.stdout.flush()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))


if __name__ == '__main__':
    main()
