"""
Failure drill, parameters: a bad ``voice_nav.yaml`` refuses start-up and names the parameter.

Each bad file is ``config/voice_nav.yaml`` itself with one value replaced, in the
ROS parameters-file form that ``--ros-args --params-file`` and ``voice-nav run
--params`` take. The parameter list comes from the config model (``AgentConfig``),
and so do the bad values: every numeric bound, minimum length, pattern and
choice gives an out-of-range value, every type gives values of other types (a
word, a boolean, a list, a number in quotes...). A new parameter is drilled
without editing this file, or, when nothing about it can be out of range, the
test asks for it to be listed in ``NO_RANGE`` with the reason.

Every case goes through the node's own start-up path in this process: an
``AgentNode`` created with ``--params-file`` (rcl parses the file, the node
declares its parameters and validates them with ``load_config``) must raise
ConfigError naming the parameter. A handful go through real processes, the
``agent`` executable and ``voice-nav run``: a non-zero exit (2), the message on
stderr, no traceback, nothing driven.
"""

import math
from pathlib import Path
import re
import subprocess
import sys
from typing import get_args, get_origin, Literal

import annotated_types
import pytest
import rclpy
from rclpy.context import Context
from rclpy.signals import SignalHandlerOptions
from ros_helpers import ros_env_fixture  # noqa: F401 (ros_env)
from voice_nav.agent.config import AgentConfig, ConfigError
from voice_nav.ros.agent_node import AgentNode
import yaml

YAML = Path(__file__).resolve().parents[1] / 'config' / 'voice_nav.yaml'

FIELDS = AgentConfig.model_fields
PROCESS_TIMEOUT = 120.0  # rclpy's import and start-up take a second or two; a loaded CI more
# Parameters with no value of their type that start-up can refuse, and why.
NO_RANGE = {
    'holonomic': 'true or false, both valid',
    'allow_open_loop': 'true or false, both valid',
    'use_stamped': 'true or false, both valid',
    'pause_motion_on_speech': 'true or false, both valid',
    'ignore_own_voice': 'true or false, both valid',
    'audio_input': "'microphone', '' or a WAV path: a missing device or file leaves the node "
                   'running on ~/text_command, by design (test_voice_node)',
    'audio_device': 'a sounddevice name or index, looked up when the voice starts (as above)',
    'audio_output': "'speaker', 'none' or any folder to write WAVs in",
    'tts_voice': "'' or a Piper .onnx path, loaded when the voice starts (as above)",
}
# Values out of range only next to another parameter.
CROSS_FIELD = {
    'ttft_critical_ms': [AgentConfig().ttft_warning_ms - 1.0],
    'ttft_warning_ms': [AgentConfig().ttft_critical_ms + 1.0],
    'vad_early_silence_ms': [AgentConfig().vad_min_silence_ms, 10.0],
}
NOT_MATCHING = ['', 'localhost:11434/v1', 'two words', 'UPPER', '1st', 'ünïcode', 'x' * 300]


def out_of_range(name):
    """Return the values of the right type that the model's constraints on ``name`` refuse."""
    info = FIELDS[name]
    kind = info.annotation
    values = list(CROSS_FIELD.get(name, []))
    if get_origin(kind) is Literal:
        values.append(f'not_{get_args(kind)[0]}')
    for item in info.metadata:
        if isinstance(item, annotated_types.Gt):
            values += [item.gt, item.gt - 1]
        elif isinstance(item, annotated_types.Ge):
            values.append(item.ge - 1)
        elif isinstance(item, annotated_types.Lt):
            values += [item.lt, item.lt + 1]
        elif isinstance(item, annotated_types.Le):
            values.append(item.le + 1)
        elif isinstance(item, annotated_types.MinLen):
            values.append('' if item.min_length == 1 else 'x' * (item.min_length - 1))
        elif getattr(item, 'pattern', None):
            values += [v for v in NOT_MATCHING if not re.fullmatch(item.pattern, v)][:3]
    if kind is float:
        values += [math.nan, math.inf, -math.inf]
    # Bounds are numbers; keep each in the field's type.
    return [float(v) if kind is float and not isinstance(v, str) else v for v in values]


def wrong_types(name):
    """Return values of other types than ``name``'s, as a YAML file can hold them."""
    kind = FIELDS[name].annotation
    default = FIELDS[name].default
    if kind is float:
        return ['fast', True, [1.0, 2.0], str(default)]
    if kind is int:
        return ['many', True, 2.5, float(default), str(default)]
    if kind is bool:
        return ['sideways', 1, 0.0, str(default).lower()]
    assert kind is str or get_origin(kind) is Literal, (name, kind)
    return [5, True, 2.5, ['a', 'b']]


def bad_values(name):
    """Return every bad value of ``name`` the drill tries."""
    return out_of_range(name) + wrong_types(name)


def params_file(tmp_path, **changes):
    """Write config/voice_nav.yaml with ``changes``; return its path."""
    document = yaml.safe_load(YAML.read_text())
    parameters = document['/**/voice_nav']['ros__parameters']
    assert set(changes) <= set(parameters)
    parameters.update(changes)
    path = tmp_path / 'voice_nav.yaml'
    path.write_text(yaml.safe_dump(document, default_flow_style=None), encoding='utf-8')
    return path


def assert_names(message, name):
    """Check that the message names ``name``, and nothing else before it."""
    assert re.search(rf'\b{name}\b', message), message
    if not message.startswith('parameters: '):  # a rule between parameters
        assert message.startswith(f"parameter '{name}': "), message


@pytest.fixture(name='context')
def context_fixture(ros_env):
    """Give an rclpy context of the test's own domain, shut down afterwards."""
    context = Context()
    rclpy.init(context=context, domain_id=int(ros_env['ROS_DOMAIN_ID']),
               signal_handler_options=SignalHandlerOptions.NO)
    try:
        yield context
    finally:
        context.try_shutdown()


def start(context, path):
    """
    Start an AgentNode on a parameters file as the agent executable does; stop it again.

    :raises ConfigError: what the node raises at start-up.
    """
    try:
        node = AgentNode(context=context, cli_args=['--ros-args', '--params-file', str(path)])
    except ConfigError as e:
        # The half-made node: destroy it, so that the next one starts clean.
        tb = e.__traceback__
        while tb is not None:
            made = tb.tb_frame.f_locals.get('self')
            if isinstance(made, AgentNode):
                made.destroy_node()
                break
            tb = tb.tb_next
        raise
    node.shutdown()
    node.destroy_node()


def test_every_parameter_of_the_model_is_drilled():
    """Each parameter has a bad value of its type, or a reason in NO_RANGE why none exists."""
    assert set(NO_RANGE) <= set(FIELDS), set(NO_RANGE) - set(FIELDS)
    for name in FIELDS:
        assert len(wrong_types(name)) >= 2, name
        if name in NO_RANGE:
            assert not out_of_range(name), f'{name} has a range now: drop it from NO_RANGE'
        else:
            assert out_of_range(name), \
                f'{name}: give it a bound, a pattern or a choice, or say in NO_RANGE why not'
    # The file drilled is the one shipped, parameter for parameter.
    shipped = yaml.safe_load(YAML.read_text())['/**/voice_nav']['ros__parameters']
    assert list(shipped) == list(FIELDS)


def test_the_shipped_file_starts(context, tmp_path):
    """The unchanged file starts the node: the refusals below are each the one value's."""
    start(context, params_file(tmp_path, audio_input=''))


@pytest.mark.parametrize('name', list(FIELDS))
def test_a_bad_value_refuses_start_up_naming_it(context, tmp_path, name):
    """Every out-of-range and wrong-typed value of the parameter: ConfigError naming it."""
    accepted = []
    for value in bad_values(name):
        path = params_file(tmp_path, **{name: value})
        try:
            start(context, path)
        except ConfigError as e:
            assert_names(str(e), name)
        else:
            accepted.append(value)
    assert not accepted, f'{name}: start-up accepted {accepted!r}'


def test_openai_without_a_key_refuses_start_up_naming_the_llm(context, tmp_path, monkeypatch):
    """llm: openai without llm_base_url needs the key's variable: without it, refused."""
    monkeypatch.delenv('OPENAI_API_KEY', raising=False)
    for llm in ('openai', 'fallback'):
        with pytest.raises(ConfigError) as error:
            start(context, params_file(tmp_path, llm=llm, llm_base_url=''))
        assert_names(str(error.value), 'llm')
        assert 'OPENAI_API_KEY' in str(error.value)


# Through real processes: the executable and voice-nav run.

AGENT_CASES = [
    ('max_linear_speed', True),  # a boolean speed limit used to be 1 m/s
    ('control_rate', 1.0),
    ('llm_api_key_env', 'not a name'),
]
RUN_CASES = [
    ('holonomic', 'sideways'),
    ('max_distance', math.inf),
]


def _run(env, tmp_path, *command):
    return subprocess.run([sys.executable, *command], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=PROCESS_TIMEOUT)


def _assert_refused(done, name):
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert 'Traceback' not in done.stderr, done.stderr
    line = next((x for x in done.stderr.splitlines() if 'bad parameter' in x), '')
    assert_names(line.partition('bad parameter: ')[2], name)


@pytest.mark.parametrize('name, value', AGENT_CASES)
def test_the_agent_executable_refuses_a_bad_file(ros_env, tmp_path, name, value):
    """Run the agent executable (--ros-args --params-file F): exit 2, naming the parameter."""
    path = params_file(tmp_path, **{name: value})
    done = _run(ros_env, tmp_path, '-m', 'voice_nav.ros.agent_node',
                '--ros-args', '--params-file', str(path))
    _assert_refused(done, name)
    assert 'listening on' not in done.stderr + done.stdout


def test_the_agent_executable_refuses_openai_without_a_key(ros_env, tmp_path):
    """llm: openai, no llm_base_url and no key in the environment: exit 2 naming llm."""
    env = {k: v for k, v in ros_env.items() if k not in ('OPENAI_API_KEY', 'OPENAI_BASE_URL')}
    path = params_file(tmp_path, llm='openai')
    done = _run(env, tmp_path, '-m', 'voice_nav.ros.agent_node',
                '--ros-args', '--params-file', str(path))
    _assert_refused(done, 'llm')


@pytest.mark.parametrize('name, value', RUN_CASES)
def test_voice_nav_run_refuses_a_bad_file(ros_env, tmp_path, name, value):
    """Run voice-nav run --sim --params F --text ...: exit 2, the name, no command run."""
    path = params_file(tmp_path, **{name: value})
    done = _run(ros_env, tmp_path, '-m', 'voice_nav.cli', 'run', '--sim', '--params', str(path),
                '--text', 'move forward 1 meter', '--exit-when-idle')
    _assert_refused(done, name)
    assert '> move forward' not in done.stdout
