"""The held-out voices of scripts/heard_eval.py are the voices they are named for."""

import importlib.util
from pathlib import Path

import speech

SCRIPT = Path(__file__).resolve().parents[1] / 'scripts' / 'heard_eval.py'


def heard_eval():
    """Import the script as a module."""
    spec = importlib.util.spec_from_file_location('heard_eval', SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_held_out_espeak_variants_change_the_voice():
    """
    espeak-ng speaks its plain voice for a variant it has no file for ("+David").

    Thirteen of the third to seventh sets' voices were plain voices that way,
    three of them the very voices of an earlier set (the fifth set's "+Linda"
    was the tuning voice); the held-out set's must not be.
    """
    speech.require('espeak-ng')
    script = heard_eval()
    # The held-out set's, and the next one's (written and voiced before its first run).
    assert script.plain_variants(script.HELD_OUT_14_VOICES) == []
    assert script.plain_variants(script.HELD_OUT_15_VOICES) == []
    # The check finds them: the seventh set's "+David" was British English itself.
    assert 'espeak-gb-david-150' in script.plain_variants(script.HELD_OUT_7_VOICES)


def test_the_held_out_voices_are_new():
    """
    No voice of the held-out set spoke an earlier set.

    The ninth set's flite rms at stretch 1.0 and Piper at length scale 0.8 were
    the first set's ``('flite', 'rms')`` and ``('piper', 0.8)``: the check finds
    them, defaults and all.
    """
    script = heard_eval()
    assert script.reused_voices('heldout14') == []
    assert script.reused_voices('heldout15') == []
    assert script.reused_voices('heldout9') == ['flite-rms-1.0', 'piper-0.8']
