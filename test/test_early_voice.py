"""
Early endpointing with the real models: Silero VAD and Whisper on Piper's speech.

Judged over sets of takes (two speaking rates), not one: whole commands are
acted on at the pause, and a command with a pause before its amount ("turn
left ... thirty degrees") is always one command. The full silence is made
long here so that the transcript at the pause is ready before it even on a
loaded machine: the test is about what is decided, not how fast.
"""

import importlib.util
import time

import numpy as np
from piper_speech import piper
import pytest
import speech
from voice_nav.plugins.command_complete import is_complete_command
from voice_nav.plugins.command_grammar import is_stop_command, parse_command
from voice_nav.vad import SPEECH_RESUMED, VADOptions
from voice_rig import ArraySource, Rig

# A marker, not importorskip: a module-level skip skips every test under launch_testing.
pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ('faster_whisper', 'piper')),
    reason='the voice extra is not installed')

RATES = (1.0, 1.25)  # Piper's length scale: its own pace and a slower one

WHOLE = ['turn left forty five degrees', 'go back thirty centimeters',
         'move forward two meters', 'turn right sixty degrees', 'drive forward half a meter']

PAUSED = [('turn left', 'thirty degrees'), ('move forward', 'two meters'),
          ('go back', 'half a meter'), ('turn right', 'sixty degrees'),
          ('rotate left', 'fifteen degrees')]


@pytest.fixture(scope='module')
def stt():
    """Load Whisper once for the module, as the agent sets it up."""
    from voice_nav.plugins.whisper_stt import WhisperSTT
    model = WhisperSTT(keep_short=is_stop_command)
    model.warm_up()
    return model


def vad(min_silence_ms):
    """Return Silero with a pause at 150 ms and the utterance's end at ``min_silence_ms``."""
    from voice_nav.plugins.silero_vad import SileroVAD
    return SileroVAD(VADOptions(min_silence_ms=min_silence_ms, early_silence_ms=150.0))


def voiced(text, rate):
    """Return Piper's ``text`` at length scale ``rate`` without its silence around it."""
    samples = piper(text, length_scale=rate)
    loud = np.flatnonzero(np.abs(samples) > 0.02)
    return samples[loud[0]:loud[-1] + 1]


def calls_of(text):
    """Return the calls the grammar reads in ``text``."""
    return [(c.name, c.arguments) for c in parse_command(text).calls]


async def hear(stt, takes, min_silence_ms, gap):
    """Run the takes, ``gap`` seconds apart, through a rig in real time; return the rig."""
    rig = Rig(vad=vad(min_silence_ms), stt=stt, tts=None, complete_detector=is_complete_command)
    rig.turns = []
    rig.pipeline.on('turn_finished', lambda turn, metrics: rig.turns.append(
        (turn.number, turn.text, [(r.name, r.values) for r in turn.results], metrics)))
    rig.resumed = []
    rig.pipeline.on(SPEECH_RESUMED, lambda e: rig.resumed.append(time.monotonic()))
    await rig.run(ArraySource(speech.session(*takes, gap=gap)), timeout=300)
    rig.turns.sort(key=lambda t: t[0])
    return rig


@pytest.mark.asyncio
async def test_whole_commands_are_acted_on_at_the_pause(stt):
    """Of 10 takes of whole commands, most act at the pause on what was said."""
    texts = [text for rate in RATES for text in WHOLE]
    takes = [voiced(text, rate) for rate in RATES for text in WHOLE]
    # 3 s of silence: time for a transcript decoded twice (30 s window), under load.
    rig = await hear(stt, takes, min_silence_ms=3000.0, gap=3.5)
    report = '\n'.join(f'{text!r}: heard {heard!r} -> {calls}, {metrics.endpoint}'
                       for text, (_, heard, calls, metrics) in zip(texts, rig.turns))
    assert len(rig.turns) == len(takes), report
    early_and_right = [text for text, (_, heard, calls, metrics) in zip(texts, rig.turns)
                       if metrics.endpoint == 'early' and calls == calls_of(text)]
    assert len(early_and_right) >= 7, report
    # Nothing acted early on a transcript that is not a whole command.
    for _, heard, calls, metrics in rig.turns:
        assert metrics.endpoint != 'early' or is_complete_command(heard), report


@pytest.mark.asyncio
async def test_a_pause_before_the_amount_never_splits_the_command(stt):
    """'turn left', 1.2 s, 'thirty degrees' and the like: one turn each, never the first part."""
    pieces = [(first, rest, rate) for rate in RATES for first, rest in PAUSED]
    takes = [np.concatenate([voiced(first, rate), speech.silence(1.2), voiced(rest, rate)])
             for first, rest, rate in pieces]
    rig = await hear(stt, takes, min_silence_ms=2000.0, gap=2.6)
    report = '\n'.join(f'{first!r} + {rest!r}: heard {heard!r} -> {calls}, {metrics.endpoint}'
                       for (first, rest, _), (_, heard, calls, metrics)
                       in zip(pieces, rig.turns))
    # One utterance per take, transcribed whole: no early act on the first part.
    assert len(rig.turns) == len(takes), report
    right = 0
    for (first, rest, _), (_, heard, calls, metrics) in zip(pieces, rig.turns):
        whole = calls_of(f'{first} {rest}')
        # Judged on the words, not the calls: a misheard whole ("go back, at the
        # meter") can read as little as the first part alone does.
        assert len(heard.split()) > len(first.split()), report
        right += calls == whole
    # Most are heard right; Whisper's int8 decodes differ a little between CPUs, and
    # the CI machine misheard one "half a meter" that this one hears.
    assert right >= 7, report
    # The pause was heard as such, and every take was decoded at it.
    assert len(rig.resumed) >= len(takes), report
