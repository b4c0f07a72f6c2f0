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


def _env_for_local_server():
    return {'OPENAI_API_KEY': '', 'OPENAI_BASE_URL': ''}


def test_parse_says_when_it_fell_back():
    """Print the offline LLM's calls and one stderr line naming the endpoint's failure."""
    from openai_server import OpenAIServer, Status
    with OpenAIServer() as server:
        server.script(Status(404, 'model "llama3.2" not found, try pulling it first'))
        out = voice_nav('parse', '--llm', 'fallback', '--base-url', server.base_url,
                        '--model', 'llama3.2', 'turn left ten degrees',
                        env=_env_for_local_server())
    assert out.returncode == 0, out.stderr
    assert out.stdout == "turn(direction='left', angle=10.0)\n"
    line, = out.stderr.strip().splitlines()
    assert 'llama3.2 failed' in line and 'not found' in line
    assert line.endswith('answered by offline')


def test_parse_with_fallback_takes_the_grammars_call_over_words():
    """A robot command answered with words only: the grammar's call, and a line saying why."""
    from openai_server import OpenAIServer, text
    with OpenAIServer() as server:
        server.script(text('Stopping now.'))
        out = voice_nav('parse', '--llm', 'fallback', '--base-url', server.base_url, '--json',
                        'stop', env=_env_for_local_server())
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{'name': 'stop', 'arguments': {}}]
    assert 'no function call' in out.stderr


def test_an_empty_answer_is_an_error_exit():
    """An endpoint that answers 'stop' with nothing: exit 1 with a line, no empty line."""
    from openai_server import OpenAIServer, text
    with OpenAIServer() as server:
        server.script(text())
        out = voice_nav('parse', '--llm', 'openai', '--base-url', server.base_url, 'stop',
                        env=_env_for_local_server())
        request, = server.chat_requests
    assert out.returncode == 1
    assert out.stdout == ''
    assert 'empty answer' in out.stderr and 'Traceback' not in out.stderr
    assert request.body['tool_choice'] == 'auto' and request.body['max_tokens'] == 256


def test_parse_sends_the_bounds_it_is_given():
    from openai_server import calls, OpenAIServer, tool_delta
    with OpenAIServer() as server:
        server.script(calls(tool_delta(0, call_id='c', name='stop', arguments='{}')))
        out = voice_nav('parse', '--llm', 'openai', '--base-url', server.base_url,
                        '--tool-choice', 'required', '--max-tokens', '64', 'halt',
                        env=_env_for_local_server())
        request, = server.chat_requests
    assert out.returncode == 0, out.stderr
    assert out.stdout == 'stop()\n'
    assert (request.body['tool_choice'], request.body['max_tokens']) == ('required', 64)
