#!/usr/bin/env python3
"""
Measure the whole chain on sentences, voices and noise it was not tuned on (issue 12).

The sentences of ``test/heldout14_sentences.py`` (``--set heldout14``, the
default; those that an earlier set holds left out), typed into the offline LLM,
and spoken by its held-out voices (espeak-ng's US English+m7, Received
Pronunciation+f1, Caribbean English+m1 and New York English+m6, flite's kal
sped up a little and kal16 slowed, Piper's joe at length scale 1.45), clean
and with white noise and a motor hum at 10 dB SNR. The next set,
``heldout15`` (written and committed on 2026-12-03 before any run), has
voices of its own: espeak-ng's US English+f2, West Midlands English+m1,
Scottish English+m2 and Caribbean English+f3, flite's slt slowed and awb
sped up, Piper's joe at length scale 0.7. The earlier sets, retired to
tuning, run with their own voices:

- ``heldout13`` (retired on 2026-12-03): espeak-ng's US English+f5, Received
  Pronunciation+m3, Caribbean English+victor and Scottish English+ed, flite's
  awb slowed and rms sped up, Piper's joe at length scale 0.75;
- ``heldout12`` (retired on 2026-12-03): espeak-ng's US English+m4,
  English+f4, Caribbean English+michel and Lancaster English+edward2, flite's
  slt slowed and kal16 sped up, Piper's joe at length scale 1.35;
- ``heldout11`` (retired on 2026-12-03): espeak-ng's US English+m2, Received
  Pronunciation+f2, Scottish English+steph3 and New York English+max, flite's
  kal and rms slowed a little, Piper's joe at length scale 1.25;
- ``heldout10`` (retired on 2026-12-03): espeak-ng's Lancaster English+iven,
  West Midlands English+norbert, US English+shelby and Received
  Pronunciation+aunty, flite's awb and slt sped up a little, Piper's joe at
  length scale 1.4;

- ``heldout9`` (retired on 2026-12-03): espeak-ng's Scottish English+robert,
  US English+travis, Caribbean English+zac and New York English+steph2,
  flite's rms (the first set's voice) and kal16 at 1.05, Piper's joe at 0.8
  (the first set's "fast");
- ``heldout8`` (2026-12-03): espeak-ng's US English+Alicia,
  Received Pronunciation+benjamin, Caribbean English+caleb and New York
  English+Lee, flite's slt slowed and kal sped up, Piper's joe at 1.2;
- ``heldout7`` (2026-12-03): espeak-ng's US English+Gene, British English,
  Caribbean English and Scottish English ("+David", "+Adam" and "+Rob" are
  no variants espeak-ng has, so they were the plain voices), flite's awb and
  kal16 slowed, Piper's joe at 0.85;
- ``heldout6`` (2026-12-03): espeak-ng's US English+Andy, West Midlands
  English+Belinda, New York English+Michael and Lancaster English+John,
  flite's rms sped up and kal slowed, Piper's joe at 1.15;
- ``heldout5`` (2026-12-02): espeak-ng's US English+Linda, Scottish
  English+Edward, English+Paul and Received Pronunciation+Quincy, flite's awb
  sped up and slt slowed, Piper's joe at 0.9;
- ``heldout4`` (2026-12-02): espeak-ng's US English+male3, Received
  Pronunciation+Annie, British English+Mike and Caribbean English+Steph,
  flite's rms slowed and kal16 sped up, Piper's joe at 1.05;
- ``heldout3`` (2026-12-02): espeak-ng's Lancaster English and its
  en-us+Andrea and en-gb+Alex variants, flite's awb slowed and slt sped up,
  Piper's joe at 0.95;
- ``heldout2`` (2026-12-02): espeak-ng's Received Pronunciation, Caribbean,
  New York and West Midlands English, flite's kal, Piper's joe at 1.1;
- ``heldout`` (2026-12-02): flite slt, rms, awb and kal16, espeak-ng's
  Scottish English and en-us+f3, Piper's joe fast and slow, with white noise
  and a hum at 20 and 10 dB;
- ``tuning``: ``test/tuning_sentences.py``, with its voices.

Each take goes through Silero VAD, WhisperSTT (as the agent node makes it:
10 s window, beam 5, the stop command as ``keep_short``) and a real
AgentSession with the offline LLM, in the VoicePipeline. Each sentence is right
(the calls it asks for, or the question or silence it deserves), asked
(nothing moved, but not right) or a wrong motion. Stops are counted on their
own line: obeyed when a stop was called and nothing moved.

The plan, to run in reasonable time on 2 cores: every sentence in every voice
clean; in each noise, every sentence in one voice, the voices taken in turn
(sentence i in voice i + c for the c-th noise). ``--sample N`` keeps every
N-th sentence. The spoken takes are made once and kept as WAV files in
``--cache``; Whisper's transcripts are kept there too, per STT setting, so
the LLM side can be measured again (``--variants``) without decoding again:

- ``text``: the LLM sees Whisper's best text only (no hypotheses);
- ``choose``: it chooses among the hypotheses, but confirms nothing;
- ``full``: as shipped, confirming a doubtful motion.

A take whose answer is a confirmation question is ``confirmed`` when a "yes"
would run the right calls (counted apart from right: it costs a turn), and
asked otherwise.

Run under ``nice -n 10``: about 30 minutes for the second set's plan with an
empty cache on the 2-core CI machine (the third set's, 1,948 takes, took an hour
with another run beside it), a minute with the transcripts cached.
"""

import argparse
import asyncio
import collections
import hashlib
import json
import os
from pathlib import Path
import sys
import time

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'test'))

TUNING_VOICES = {
    'piper': ('piper', None),
    'espeak-us-150': ('espeak', 'en-us', 150),
    'espeak-us-175': ('espeak', 'en-us', 175),
    'espeak-en-130': ('espeak', 'en', 130),
}
TUNING_NOISES = ('clean', 'white-15dB')
# The second held-out set's voices: none of them was listened to before it was run.
HELD_OUT_2_VOICES = {
    'espeak-rp-150': ('espeak', 'en-gb-x-rp', 150),
    'espeak-caribbean-150': ('espeak', 'en-029', 150),
    'espeak-nyc-165': ('espeak', 'en-us-nyc', 165),
    'espeak-midlands-145': ('espeak', 'en-gb-x-gbcwmd', 145),
    'flite-kal': ('flite', 'kal'),
    'piper-1.1': ('piper', 1.1),
}
HELD_OUT_2_NOISES = ('clean', 'white-10dB', 'hum-10dB')
# The third held-out set's voices, none of them used before: espeak-ng's Lancaster English
# and two of its variants, flite's awb slowed and slt sped up, Piper's joe at 0.95.
HELD_OUT_3_VOICES = {
    'espeak-lancaster-150': ('espeak', 'en-gb-x-gbclan', 150),
    'espeak-us-andrea-160': ('espeak', 'en-us+Andrea', 160),
    'espeak-gb-alex-140': ('espeak', 'en-gb+Alex', 140),
    'flite-awb-slow': ('flite', 'awb', 1.15),
    'flite-slt-fast': ('flite', 'slt', 0.9),
    'piper-0.95': ('piper', 0.95),
}
# The fourth held-out set's voices, none of them used before: espeak-ng's US English with its
# male3 variant, Received Pronunciation with Annie, British English with Mike, Caribbean
# English with Steph; flite's rms slowed and kal16 sped up; Piper's joe at 1.05.
HELD_OUT_4_VOICES = {
    'espeak-us-male3-155': ('espeak', 'en-us+male3', 155),
    'espeak-rp-annie-150': ('espeak', 'en-gb-x-rp+Annie', 150),
    'espeak-gb-mike-145': ('espeak', 'en-gb+Mike', 145),
    'espeak-caribbean-steph-160': ('espeak', 'en-029+Steph', 160),
    'flite-rms-slow': ('flite', 'rms', 1.1),
    'flite-kal16-fast': ('flite', 'kal16', 0.95),
    'piper-1.05': ('piper', 1.05),
}
# The fifth held-out set's voices, none of them used before: espeak-ng's US English with
# Linda, Scottish English with Edward, English with Paul and Received Pronunciation with
# Quincy; flite's awb sped up and slt slowed (other speeds than before); Piper's joe at 0.9.
HELD_OUT_5_VOICES = {
    'espeak-us-linda-150': ('espeak', 'en-us+Linda', 150),
    'espeak-scotland-edward-145': ('espeak', 'en-gb-scotland+Edward', 145),
    'espeak-en-paul-155': ('espeak', 'en+Paul', 155),
    'espeak-rp-quincy-150': ('espeak', 'en-gb-x-rp+Quincy', 150),
    'flite-awb-fast': ('flite', 'awb', 0.95),
    'flite-slt-slow': ('flite', 'slt', 1.15),
    'piper-0.9': ('piper', 0.9),
}
# The sixth held-out set's voices, none of them used before: espeak-ng's US English with
# Andy, West Midlands English with Belinda, New York English with Michael and Lancaster
# English with John; flite's rms sped up and kal slowed (other speeds than before); Piper's
# joe at 1.15.
HELD_OUT_6_VOICES = {
    'espeak-us-andy-160': ('espeak', 'en-us+Andy', 160),
    'espeak-midlands-belinda-145': ('espeak', 'en-gb-x-gbcwmd+Belinda', 145),
    'espeak-nyc-michael-150': ('espeak', 'en-us-nyc+Michael', 150),
    'espeak-lancaster-john-155': ('espeak', 'en-gb-x-gbclan+John', 155),
    'flite-rms-fast': ('flite', 'rms', 0.9),
    'flite-kal-slow': ('flite', 'kal', 1.1),
    'piper-1.15': ('piper', 1.15),
}
# The seventh held-out set's voices: espeak-ng's US English with Gene, British, Caribbean
# and Scottish English (espeak-ng names variants by file name, case and all: "+David",
# "+Adam" and "+Rob" are none, so these were the plain voices, at speeds not used before);
# flite's awb and kal16 slowed (other speeds than before); Piper's joe at 0.85.
HELD_OUT_7_VOICES = {
    'espeak-us-gene-155': ('espeak', 'en-us+Gene', 155),
    'espeak-gb-david-150': ('espeak', 'en-gb+David', 150),
    'espeak-caribbean-adam-145': ('espeak', 'en-029+Adam', 145),
    'espeak-scotland-rob-155': ('espeak', 'en-gb-scotland+Rob', 155),
    'flite-awb-1.05': ('flite', 'awb', 1.05),
    'flite-kal16-slow': ('flite', 'kal16', 1.1),
    'piper-0.85': ('piper', 0.85),
}
# The eighth held-out set's voices, none of them used before (each espeak-ng variant checked
# to change the voice, ``plain_variants``): US English with Alicia, Received Pronunciation
# with benjamin, Caribbean English with caleb, New York English with Lee; flite's slt
# slowed and kal sped up (other speeds than before); Piper's joe at 1.2.
HELD_OUT_8_VOICES = {
    'espeak-us-alicia-150': ('espeak', 'en-us+Alicia', 150),
    'espeak-rp-benjamin-150': ('espeak', 'en-gb-x-rp+benjamin', 150),
    'espeak-caribbean-caleb-155': ('espeak', 'en-029+caleb', 155),
    'espeak-nyc-lee-160': ('espeak', 'en-us-nyc+Lee', 160),
    'flite-slt-1.05': ('flite', 'slt', 1.05),
    'flite-kal-fast': ('flite', 'kal', 0.9),
    'piper-1.2': ('piper', 1.2),
}
HELD_OUT_9_VOICES = {
    'espeak-scotland-robert-150': ('espeak', 'en-gb-scotland+robert', 150),
    'espeak-us-travis-160': ('espeak', 'en-us+travis', 160),
    'espeak-caribbean-zac-150': ('espeak', 'en-029+zac', 150),
    'espeak-nyc-steph2-155': ('espeak', 'en-us-nyc+steph2', 155),
    'flite-rms-1.0': ('flite', 'rms', 1.0),
    'flite-kal16-1.05': ('flite', 'kal16', 1.05),
    'piper-0.8': ('piper', 0.8),
}
HELD_OUT_10_VOICES = {
    'espeak-lancaster-iven-150': ('espeak', 'en-gb-x-gbclan+iven', 150),
    'espeak-midlands-norbert-155': ('espeak', 'en-gb-x-gbcwmd+norbert', 155),
    'espeak-us-shelby-150': ('espeak', 'en-us+shelby', 150),
    'espeak-rp-aunty-145': ('espeak', 'en-gb-x-rp+aunty', 145),
    'flite-awb-0.9': ('flite', 'awb', 0.9),
    'flite-slt-0.95': ('flite', 'slt', 0.95),
    'piper-1.4': ('piper', 1.4),
}
HELD_OUT_11_VOICES = {
    'espeak-us-m2-155': ('espeak', 'en-us+m2', 155),
    'espeak-rp-f2-150': ('espeak', 'en-gb-x-rp+f2', 150),
    'espeak-scotland-steph3-150': ('espeak', 'en-gb-scotland+steph3', 150),
    'espeak-nyc-max-145': ('espeak', 'en-us-nyc+max', 145),
    'flite-kal-1.05': ('flite', 'kal', 1.05),
    'flite-rms-1.05': ('flite', 'rms', 1.05),
    'piper-1.25': ('piper', 1.25),
}
HELD_OUT_12_VOICES = {
    'espeak-us-m4-150': ('espeak', 'en-us+m4', 150),
    'espeak-en-f4-150': ('espeak', 'en+f4', 150),
    'espeak-caribbean-michel-155': ('espeak', 'en-029+michel', 155),
    'espeak-lancaster-edward2-145': ('espeak', 'en-gb-x-gbclan+edward2', 145),
    'flite-slt-1.1': ('flite', 'slt', 1.1),
    'flite-kal16-0.9': ('flite', 'kal16', 0.9),
    'piper-1.35': ('piper', 1.35),
}
HELD_OUT_13_VOICES = {
    'espeak-us-f5-155': ('espeak', 'en-us+f5', 155),
    'espeak-rp-m3-150': ('espeak', 'en-gb-x-rp+m3', 150),
    'espeak-caribbean-victor-150': ('espeak', 'en-029+victor', 150),
    'espeak-scotland-ed-145': ('espeak', 'en-gb-scotland+ed', 145),
    'flite-awb-1.1': ('flite', 'awb', 1.1),
    'flite-rms-0.95': ('flite', 'rms', 0.95),
    'piper-0.75': ('piper', 0.75),
}
HELD_OUT_14_VOICES = {
    'espeak-us-m7-150': ('espeak', 'en-us+m7', 150),
    'espeak-rp-f1-145': ('espeak', 'en-gb-x-rp+f1', 145),
    'espeak-caribbean-m1-155': ('espeak', 'en-029+m1', 155),
    'espeak-nyc-m6-150': ('espeak', 'en-us-nyc+m6', 150),
    'flite-kal-0.95': ('flite', 'kal', 0.95),
    'flite-kal16-1.15': ('flite', 'kal16', 1.15),
    'piper-1.45': ('piper', 1.45),
}
HELD_OUT_15_VOICES = {
    'espeak-us-f2-145': ('espeak', 'en-us+f2', 145),
    'espeak-wmids-m1-150': ('espeak', 'en-gb-x-gbcwmd+m1', 150),
    'espeak-scotland-m2-155': ('espeak', 'en-gb-scotland+m2', 155),
    'espeak-caribbean-f3-150': ('espeak', 'en-029+f3', 150),
    'flite-slt-1.2': ('flite', 'slt', 1.2),
    'flite-awb-0.85': ('flite', 'awb', 0.85),
    'piper-0.7': ('piper', 0.7),
}
SETTINGS = {'window': 10.0}
VARIANTS = ('text', 'choose', 'full')


def say(voice, text):
    """Return ``text`` spoken by a voice of HELD_OUT_VOICES or TUNING_VOICES."""
    import speech
    kind, *rest = voice
    if kind == 'flite':
        return speech.flite(text, *rest)
    if kind == 'espeak':
        return speech.espeak(text, rest[0], rest[1])
    from piper_speech import piper
    return piper(text, length_scale=rest[0])


def plain_variants(voices):
    """
    Return the names of the espeak-ng voices whose ``+variant`` does not change the voice.

    espeak-ng finds a variant by its file name, case and all, and without one
    speaks the plain voice without a word of warning.
    """
    import subprocess

    def spoken(voice, words_per_minute):  # espeak-ng's own samples: sox would dither them
        return subprocess.run(['espeak-ng', '-v', voice, '-s', str(words_per_minute), '--stdout',
                               'go forward two meters'], check=True, capture_output=True).stdout
    return [name for name, (kind, *rest) in voices.items()
            if kind == 'espeak' and '+' in rest[0]
            and spoken(rest[0], rest[1]) == spoken(rest[0].split('+')[0], rest[1])]


def take(cache, name, voice, text):
    """Return the 16 kHz samples of ``text`` in ``voice``, made once and kept as a WAV file."""
    import speech
    digest = hashlib.sha1(text.encode()).hexdigest()[:16]
    path = Path(cache) / 'wav' / name / f'{digest}.wav'
    if path.exists():
        return speech.read_wav(path)[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    speech.write_wav(path, say(voice, text))
    # Read back: the 16-bit samples every later run reads, so --decode-cache keys match.
    return speech.read_wav(path)[0]


def noisy(samples, condition, seed):
    """Return ``samples`` padded with 0.6 s of silence, then in ``condition``'s noise."""
    import speech
    audio = speech.session(samples, gap=0.6)
    if condition == 'clean':
        return audio
    kind, level = condition.split('-')
    snr = float(level[:-2])
    if kind == 'white':
        # speech.with_noise makes its noise one sample short for some lengths.
        while int(len(audio) / speech.RATE * speech.RATE) != len(audio):
            audio = np.append(audio, np.float32(0.0))
        return speech.with_noise(audio, snr, seed=seed)
    return speech.with_hum(audio, snr, seed=seed)


def plan(cases, voices, conditions, sample):
    """Return the takes: (condition, voice name, case index) in the order they are run."""
    names = list(voices)
    chosen = [i for i in range(len(cases)) if i % sample == 0]
    takes = []
    for c, condition in enumerate(conditions):
        for i in chosen:
            if condition == 'clean':
                takes += [(condition, name, i) for name in names]
            else:
                takes.append((condition, names[(i + c) % len(names)], i))
    return takes


def stop_plan(cases, voices, conditions):
    """Return the takes of the stops: every stop sentence in every voice and condition."""
    return [(condition, name, i) for condition in conditions for name in voices
            for i, (_, expected, _) in enumerate(cases) if expected == [('stop', {})]]


def _to_json(transcript, notes):
    return {'text': transcript.text, 'dropped': transcript.dropped, 'unsure': transcript.unsure,
            'notes': notes,
            'alternatives': [[h.text, h.avg_logprob] for h in transcript.alternatives]}


def _from_json(data):
    from voice_nav.stt import Hypothesis, Transcript
    return Transcript(text=data['text'], dropped=data['dropped'], unsure=data.get('unsure', ''),
                      alternatives=[Hypothesis(t, s) for t, s in data['alternatives']])


def _variant(name):
    """Return (the transcript edit, the choose function) of an LLM variant."""
    from voice_nav.plugins import command_dialogue
    original = command_dialogue.choose
    if name == 'text':
        return (lambda t: type(t)(text=t.text, dropped=t.dropped)), original
    if name == 'choose':
        return None, lambda hypotheses: (original(hypotheses)[0], '')
    return None, original


def _confirms(expected, question):
    """Tell whether ``question`` is a confirmation that a "yes" would make right."""
    from chain_scoring import outcome
    from voice_nav.plugins.command_grammar import parse_command
    if not question.endswith('?') or isinstance(expected, str):
        return False
    calls = [(c.name, c.arguments) for c in parse_command(question).calls]
    return bool(calls) and outcome(expected, calls, []) == 'right'


class Evaluation:
    """The spoken takes, their transcripts (kept in the cache) and the counts of each variant."""

    def __init__(self, args, voices, log):
        from dataclasses import replace
        from voice_nav.agent.config import AgentConfig
        from voice_nav.app.voice import vad_options
        from voice_nav.plugins.silero_vad import SileroVAD
        self.args, self.voices, self.log = args, voices, log
        self.cases = []
        self.store = Path(args.cache) / f'transcripts-{args.set}-{args.tag}.json'
        self.transcripts = json.loads(self.store.read_text()) if self.store.exists() else {}
        # The agent's VAD, but for early endpointing: the audio is not played in real time.
        self.vad = SileroVAD(replace(vad_options(AgentConfig()), early_silence_ms=0.0))
        self.whisper = None
        self.decodes = None

    def _whisper(self):
        if self.whisper is None:
            from voice_nav.plugins.command_dialogue import settles
            from voice_nav.plugins.command_grammar import is_stop_command
            from voice_nav.plugins.whisper_stt import WhisperSTT
            self.whisper = WhisperSTT(**{**SETTINGS, **json.loads(self.args.stt)},
                                      keep_short=is_stop_command,
                                      settle=settles if self.args.settle == 'grammar' else None)
            if self.args.decode_cache:
                self.decodes = DecodeMemo(self.whisper, self.args.decode_cache)
            self.whisper.warm_up()
        return self.whisper

    def audio(self, condition, name, i):
        """Return the audio of one take: the case's utterances, said in turn, in its noise."""
        texts = self.cases[i][0]
        texts = [texts] if isinstance(texts, str) else list(texts)
        import speech
        parts = [take(self.args.cache, name, self.voices[name], text) for text in texts]
        joined = parts[0] if len(parts) == 1 else speech.session(*parts, gap=1.0)[16000:-16000]
        return noisy(joined, condition, seed=i)

    async def run(self, key, condition, name, i, variant):
        """
        Run one take with one LLM variant.

        Return its outcome, calls, what was said and the VAD's peak speech
        probability of each utterance.
        """
        from chain_scoring import outcome, RecordingSTT, ReplaySTT, spoken
        from voice_nav.plugins import command_dialogue
        edit, choose = _variant(variant)
        if key in self.transcripts:
            stt = ReplaySTT([_from_json(t) for t in self.transcripts[key]], edit)
        else:
            stt = RecordingSTT(self._whisper())
        original = command_dialogue.choose
        command_dialogue.choose = choose
        ended = []
        try:
            calls, said = await spoken(self.audio(condition, name, i), self.vad, stt,
                                       ended=ended)
        finally:
            command_dialogue.choose = original
        if isinstance(stt, RecordingSTT):
            self.transcripts[key] = [_to_json(t, n) for t, n in zip(stt.heard, stt.notes)]
            if edit is not None:  # measured with the full transcripts: run the variant again
                return await self.run(key, condition, name, i, variant)
        expected = self.cases[i][1]
        result = outcome(expected, calls, said)
        if result == 'asked' and said and _confirms(expected, said[-1]):
            result = 'confirmed'
        return result, calls, said, [e.peak for e in ended]

    def save(self):
        """Keep the transcripts (and the decodes, with ``--decode-cache``) for the next run."""
        self.store.parent.mkdir(parents=True, exist_ok=True)
        self.store.write_text(json.dumps(self.transcripts))
        if self.decodes is not None:
            self.decodes.save()

    async def count(self, cases, takes, variants, label):
        """Run the takes of ``cases`` with each variant; return {variant: {condition: Counter}}."""
        self.cases = cases
        counts = {v: collections.defaultdict(collections.Counter) for v in variants}
        start = time.perf_counter()
        for n, (condition, name, i) in enumerate(takes):
            key = json.dumps([condition, name, self.cases[i][0]])
            for variant in variants:
                result, calls, said, peaks = await self.run(key, condition, name, i, variant)
                counts[variant][condition][result] += 1
                if label == 'stops':
                    counts[variant][condition]['in motion/' + in_motion(
                        calls, self.transcripts[key], peaks)] += 1
                for note in {n for t in self.transcripts[key] for n in t.get('notes', ())}:
                    counts[variant][condition][f'{note}/{result}'] += 1
                if result != 'right':
                    self.log.write(json.dumps({
                        'label': label, 'variant': variant, 'condition': condition,
                        'voice': name, 'text': self.cases[i][0], 'outcome': result,
                        'heard': [t['text'] for t in self.transcripts.get(key, [])],
                        'calls': calls, 'said': said}) + '\n')
            if n % 50 == 49:
                self.save()
                print(f'  {label}: {n + 1}/{len(takes)} takes, '
                      f'{time.perf_counter() - start:.0f} s', flush=True)
        self.save()
        return counts


class DecodeMemo:
    """
    Keep every window's decode of a WhisperSTT in a file, keyed by its audio and window.

    The STT's choices above the decoder (a second decode or not, which
    hypothesis, the filters) can then be measured again without Whisper:
    a decode depends only on the audio, the window and the settings.
    """

    def __init__(self, whisper, path):
        self.path = Path(path)
        self.kept = json.loads(self.path.read_text()) if self.path.exists() else {}
        self.made = self.reused = 0
        settings = json.dumps([whisper.beam_size, whisper.initial_prompt, whisper.hotwords])
        decode = whisper._decode

        def remembered(model, samples, duration, frames=None):
            frames = frames or whisper.window_frames(duration)
            digest = hashlib.sha1(samples.tobytes() + settings.encode()).hexdigest()
            key = f'{digest}/{frames}'
            if key in self.kept:
                self.reused += 1
                text, no_speech, logprob, cut, hypotheses = self.kept[key]
                return text, no_speech, logprob, cut, [tuple(h) for h in hypotheses]
            self.made += 1
            result = decode(model, samples, duration, frames)
            self.kept[key] = [result[0], float(result[1]), float(result[2]), bool(result[3]),
                              [[t, float(p)] for t, p in result[4]]]
            return result
        whisper._decode = remembered

    def save(self):
        """Write the decodes kept so far."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.kept))


def in_motion(calls, transcripts, peaks):
    """
    Return what a stop take would do to a motion it paused (the barge-in), as the pipeline does.

    ``stopped``: a stop was called, or words were heard that started no
    motion (a question is answered where the robot stopped), or words too
    unsure to keep, or speech the VAD was sure of (``peaks``, one per
    utterance, at ``SURE_SPEECH`` or over) that gave no words; ``resumed``:
    no words in what the VAD doubted was speech (or it heard none);
    ``moved``: another motion was called. Before 2026-12-02 (the sixth set's
    first run) a question answered resumed the motion too, and before
    2026-12-03 (the eighth set's) so did speech with no words, sure or not.
    """
    from voice_nav.agent.voice import sure_speech
    names = [c[0] for c in calls]
    if 'stop' in names:
        return 'stopped'
    if any(n in ('navigate', 'turn') for n in names):
        return 'moved'
    if not any(t['text'].strip() or t.get('unsure') for t in transcripts) and \
            not any(sure_speech(p) for p in peaks):
        return 'resumed'
    return 'stopped'


async def typed_counts(cases):
    """Run the cases typed into one session each; return a Counter of outcomes and the misses."""
    from chain_scoring import outcome, typed
    counts, misses = collections.Counter(), []
    for text, expected, *_ in cases:
        texts = [text] if isinstance(text, str) else list(text)
        calls, said = await typed(texts)
        result = outcome(expected, calls, said)
        counts[result] += 1
        if result != 'right':
            misses.append((text, result, calls, said))
    return counts, misses


def line(counter):
    """Return 'right / confirmed / asked / wrong' as counts and percentages, and the notes."""
    names = ('right', 'confirmed', 'asked', 'wrong')
    total = sum(counter[o] for o in names) or 1
    notes = ', '.join(f'{k} {v}' for k, v in sorted(counter.items()) if '/' in k)
    return ' '.join(f'{o} {counter[o]:4d} ({100 * counter[o] / total:5.1f}%)'
                    for o in names) + f'  of {total}' + (f'  [{notes}]' if notes else '')


def reused_voices(name):
    """
    Return the names of the voices of set ``name`` that an earlier set already spoke in.

    flite's stretch and Piper's length scale default to 1.0, so ('flite', 'rms')
    and ('flite', 'rms', 1.0) are one voice.
    """
    def spec(voice):
        kind, *rest = voice
        if kind == 'flite':
            return kind, rest[0], float(rest[1] if len(rest) > 1 and rest[1] else 1.0)
        if kind == 'piper':
            return kind, float(rest[0] or 1.0)
        return tuple(voice)
    names = list(SETS)
    earlier = {spec(v) for before in names[:names.index(name)] for v in voices_of(before).values()}
    return [n for n, v in voices_of(name).items() if spec(v) in earlier]


# Each set in the order written: its voices, its noises, and whether the sentences an
# earlier set holds are left out (the blind sets from the fourth on repeat a few).
SETS = {
    'tuning': (TUNING_VOICES, TUNING_NOISES, False),
    'heldout': (None, None, False),  # its voices and noises are in its module
    'heldout2': (HELD_OUT_2_VOICES, HELD_OUT_2_NOISES, False),
    'heldout3': (HELD_OUT_3_VOICES, HELD_OUT_2_NOISES, False),
    'heldout4': (HELD_OUT_4_VOICES, HELD_OUT_2_NOISES, True),
    'heldout5': (HELD_OUT_5_VOICES, HELD_OUT_2_NOISES, True),
    'heldout6': (HELD_OUT_6_VOICES, HELD_OUT_2_NOISES, True),
    'heldout7': (HELD_OUT_7_VOICES, HELD_OUT_2_NOISES, True),
    'heldout8': (HELD_OUT_8_VOICES, HELD_OUT_2_NOISES, True),
    'heldout9': (HELD_OUT_9_VOICES, HELD_OUT_2_NOISES, True),
    'heldout10': (HELD_OUT_10_VOICES, HELD_OUT_2_NOISES, True),
    'heldout11': (HELD_OUT_11_VOICES, HELD_OUT_2_NOISES, True),
    'heldout12': (HELD_OUT_12_VOICES, HELD_OUT_2_NOISES, True),
    'heldout13': (HELD_OUT_13_VOICES, HELD_OUT_2_NOISES, True),
    'heldout14': (HELD_OUT_14_VOICES, HELD_OUT_2_NOISES, True),
    'heldout15': (HELD_OUT_15_VOICES, HELD_OUT_2_NOISES, True),
}


def sentences_of(name):
    """Return (the set's module, its cases, its dialogues, its typed-only texts)."""
    import importlib
    if name == 'tuning':
        module = importlib.import_module('tuning_sentences')
        return module, module.TUNING, module.DIALOGUES, module.TYPED_ONLY
    number = name.removeprefix('heldout')
    module = importlib.import_module(f'heldout{number}_sentences')
    suffix = f'_{number}' if number else ''
    return (module, getattr(module, 'HELD_OUT' + suffix), getattr(module, 'DIALOGUES' + suffix),
            getattr(module, 'TYPED_ONLY' + suffix))


def voices_of(name):
    """Return the voices of set ``name``."""
    voices = SETS[name][0]
    return voices if voices is not None else sentences_of(name)[0].HELD_OUT_VOICES


def new_only(cases, name):
    """
    Return the cases whose text no set before ``name`` (tuning or retired) holds.

    The sets are written blind, so some of their sentences come out as sentences of the
    earlier sets ("halt", "back up two meters": 22 of the fourth set's 200): they were
    seen, so they are not counted.
    """
    def key(text):
        return text.lower().strip(' .?!')
    earlier = list(SETS)[:list(SETS).index(name)]
    seen = {key(case[0]) for before in earlier for case in sentences_of(before)[1]}
    kept = [case for case in cases if key(case[0]) not in seen]
    print(f'{len(cases) - len(kept)} of {len(cases)} sentences left out: seen in an earlier set')
    return kept


def main(argv=None):
    """Parse the arguments, run the plan, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[1])
    parser.add_argument('--set', default='heldout14', choices=list(SETS)[::-1])
    parser.add_argument('--typed-only', action='store_true')
    parser.add_argument('--no-stops', action='store_true', help='leave out the stop line')
    parser.add_argument('--all-stops', action='store_true',
                        help='count every stop phrase of the set, also those an earlier set '
                             'holds (the voices are new)')
    parser.add_argument('--sample', type=int, default=1, help='keep every N-th sentence')
    parser.add_argument('--conditions', help="comma-separated (default: the set's)")
    parser.add_argument('--variants', default='full', help=f'comma-separated, of {VARIANTS}')
    parser.add_argument('--cache', default=os.path.expanduser('~/.cache/voice_nav/heard_eval'))
    parser.add_argument('--stt', default='{}', help='WhisperSTT keyword arguments, JSON')
    parser.add_argument('--settle', choices=('grammar', 'none'), default='grammar',
                        help='what keeps an unsure 10 s text without a second decode '
                             '(grammar: as the agent does)')
    parser.add_argument('--decode-cache',
                        help='a JSON file that keeps every Whisper decode, to measure the '
                             'choices above the decoder again without Whisper')
    parser.add_argument('--tag', default='default',
                        help='names the kept transcripts: change it when the STT changes')
    parser.add_argument('--log', default='/tmp/heard_eval_misses.jsonl')
    parser.add_argument('--json', help='write the counts here as well')
    args = parser.parse_args(argv)
    module, every, dialogues, typed_only = sentences_of(args.set)
    _, conditions, repeats = SETS[args.set]
    voices, conditions = voices_of(args.set), conditions or module.HELD_OUT_NOISES
    for name in reused_voices(args.set):
        print(f'note: {name} is a voice an earlier set already used')
    cases = new_only(every, args.set) if repeats else every
    conditions = args.conditions.split(',') if args.conditions else conditions
    variants = args.variants.split(',')
    stops_from = every if args.all_stops else cases
    report = {}
    counts, misses = asyncio.run(typed_counts(list(cases) + [(t, e) for t, e in dialogues]))
    print(f'typed     {line(counts)}')
    for text, result, calls, said in misses:
        print(f'    {result:5} {text!r}: {calls} {said}')
    report['typed'] = dict(counts)
    if args.typed_only:
        return report
    for name in plain_variants(voices):
        print(f'note: {name} is its plain espeak-ng voice (no such variant)')
    spoken_cases = [c for c in cases if c[0] not in typed_only and c[1] != [
        ('stop', {})]] + [(t, e, 'dialogue') for t, e in dialogues]
    log = open(args.log, 'w', encoding='utf-8')
    evaluation = Evaluation(args, voices, log)
    results = asyncio.run(evaluation.count(
        spoken_cases, plan(spoken_cases, voices, conditions, args.sample), variants,
        'sentences'))
    for variant in variants:
        print(f'== spoken sentences, LLM variant {variant!r}')
        for condition in conditions:
            print(f'  {condition:11} {line(results[variant][condition])}')
        report[f'spoken/{variant}'] = {c: dict(v) for c, v in results[variant].items()}
    if not args.no_stops:
        stop_cases = [c for c in stops_from if c[1] == [('stop', {})]]
        stop_results = asyncio.run(evaluation.count(
            stop_cases, stop_plan(stop_cases, voices, conditions), ['full'], 'stops'))
        print('== spoken stops (right = a stop was called and nothing moved)')
        for condition in conditions:
            print(f'  {condition:11} {line(stop_results["full"][condition])}')
        report['stops'] = {c: dict(v) for c, v in stop_results['full'].items()}
        print('== spoken stops said during a motion (the barge-in pauses it first): '
              'stopped / resumed / moved')
        for condition in conditions:
            got = stop_results['full'][condition]
            total = sum(v for k, v in got.items() if k.startswith('in motion/')) or 1
            counts = {what: got['in motion/' + what] for what in ('stopped', 'resumed', 'moved')}
            print(f'  {condition:11} ' + ' '.join(
                f'{what} {n:4d} ({100 * n / total:5.1f}%)' for what, n in counts.items()))
    log.close()
    whisper = evaluation.whisper
    if whisper is not None:
        print(f'Whisper (this run): {whisper.redecoded} texts decoded again in 30 s, '
              f'{whisper.settled} unsure ones settled by the grammar'
              + (f'; decodes made {evaluation.decodes.made}, reused {evaluation.decodes.reused}'
                 if evaluation.decodes else ''))
        report['whisper'] = {'redecoded': whisper.redecoded, 'settled': whisper.settled}
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))
    return report


if __name__ == '__main__':
    main()
