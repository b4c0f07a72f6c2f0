"""``voice-nav parse`` as a user runs it: a real process, real output, exit codes."""

import json
import os
from pathlib import Path
import socket
import subprocess
import sys

VOICE_NAV = [sys.executable, '-m', 'voice_nav.cli']
ROOT = Path(__file__).resolve().parents[1]


def voice_nav(*args, stdin=None, env=None):
    """Run voice-nav with ``args`` and return the completed process."""
    return subprocess.run([*VOICE_NAV, *args], input=stdin, capture_output=True, text=True,
                          timeout=60, cwd=ROOT, env={**os.environ, **(env or {})})


def test_parse_prints_the_calls_of_one_sentence():
    """Print the navigate call for a spoken command."""
    out = voice_nav('parse', 'Move forward two meters.')
    assert out.returncode == 0, out.stderr
    assert out.stdout == "navigate(direction='forward', distance=2.0)\n"


def test_parse_json_gives_name_and_arguments():
    """Print a JSON array of calls, in spoken order."""
    out = voice_nav('parse', '--json', 'go forward 1.5 m then turn right 45 degrees')
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [
        {'name': 'navigate', 'arguments': {'direction': 'forward', 'distance': 1.5}},
        {'name': 'turn', 'arguments': {'direction': 'right', 'angle': 45.0}},
    ]


def test_parse_reads_one_utterance_a_line_from_stdin():
    """Print one line per input line, an empty line included, in order."""
    out = voice_nav('parse', '--json', stdin='turn left\n\nstop\nwhere are you\n')
    assert out.returncode == 0, out.stderr
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert lines == [
        [{'name': 'turn', 'arguments': {'direction': 'left', 'angle': 90.0}}],
        [],
        [{'name': 'stop', 'arguments': {}}],
        [{'name': 'get_status', 'arguments': {}}],
    ]


def test_parse_of_a_non_command_says_something_and_calls_nothing():
    """Answer a non-command with a spoken reply and no call."""
    out = voice_nav('parse', "what's the weather like")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith('say: ')


def test_unreachable_endpoint_is_a_one_line_error():
    """Exit non-zero with one line naming the failure, not a traceback."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    out = voice_nav('parse', '--llm', 'openai', '--base-url', f'http://127.0.0.1:{port}/v1',
                    'turn left')
    assert out.returncode != 0
    assert out.stdout == ''
    assert len(out.stderr.strip().splitlines()) == 1, out.stderr
    assert 'error' in out.stderr and 'Traceback' not in out.stderr


def test_openai_without_a_key_names_the_variable():
    """Refuse the real OpenAI endpoint without a key, naming the variable to set."""
    out = voice_nav('parse', '--llm', 'openai', '--api-key-env', 'VOICE_NAV_TEST_KEY', 'stop',
                    env={'VOICE_NAV_TEST_KEY': ''})
    assert out.returncode == 2
    assert 'VOICE_NAV_TEST_KEY' in out.stderr
    assert 'Traceback' not in out.stderr
