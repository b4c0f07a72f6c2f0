"""
Parameters that must apply or be refused, and what ``ros2 param`` shows of them.

A misspelt or unknown name, and a parameters file whose node key matches no section for
this node (``voicenav:``, or ``voice_nav:`` under a namespace), used to be ignored: the
robot ran on defaults. Each is now a start-up error naming it. The shipped
config/voice_nav.yaml is keyed ``/**/voice_nav:`` so that it applies in any namespace. On
``voice-nav run``'s command line a ``-p`` wins over ``--params``, as in ROS. The parameter
service describes each parameter with its text, its range and whether it is read-only.
"""

import json
from pathlib import Path
import re
import subprocess
import sys
import tempfile

from geometry_msgs.msg import Twist
from nav_msgs.msg import Odometry
import pytest
from rcl_interfaces.srv import DescribeParameters, SetParameters
import rclpy
from rclpy.context import Context
from rclpy.node import Node
from rclpy.parameter import Parameter
from rclpy.signals import SignalHandlerOptions
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import String
from voice_nav.agent.config import AgentConfig, ConfigError
from voice_nav.ros.agent_node import AgentNode, RUNTIME_FIELDS
from voice_nav.ros.parameters import key_matches
import yaml

ROOT = Path(__file__).resolve().parents[1]
YAML = ROOT / 'config' / 'voice_nav.yaml'
SHIPPED_KEY = '/**/voice_nav'
AGENT = 'voice_nav.ros.agent_node'
TIMEOUT = 120.0


def shipped(**changes):
    """Return the shipped parameters, with ``changes``."""
    document = yaml.safe_load(YAML.read_text())
    parameters = dict(document[SHIPPED_KEY]['ros__parameters'])
    parameters.update(changes)
    return parameters


def write_params(tmp_path, parameters, key=SHIPPED_KEY, name='params.yaml'):
    """Write a parameters file with one node section; return its path."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump({key: {'ros__parameters': parameters}}), encoding='utf-8')
    return path


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


def start(context, *args, namespace=None):
    """
    Start an AgentNode with ROS arguments in this process; stop it again.

    :return: the config it started with.
    :raises ConfigError: what the node raised at start-up.
    """
    kwargs = {} if namespace is None else {'namespace': namespace}
    try:
        node = AgentNode(context=context, cli_args=['--ros-args', *args], **kwargs)
    except ConfigError as e:
        tb = e.__traceback__
        while tb is not None:  # destroy the half-made node, so that the next starts clean
            made = tb.tb_frame.f_locals.get('self')
            if isinstance(made, AgentNode):
                made.destroy_node()
                break
            tb = tb.tb_next
        raise
    config = node.config
    node.shutdown()
    node.destroy_node()
    return config


def test_the_shipped_file_applies_in_any_namespace(context, tmp_path):
    """config/voice_nav.yaml itself, under /, /robot1 and /a/b: its values are taken."""
    path = write_params(tmp_path, shipped(audio_input='', max_linear_speed=0.11))
    for namespace in ('/', '/robot1', '/a/b'):
        config = start(context, '--params-file', str(path), namespace=namespace)
        assert config.max_linear_speed == 0.11, namespace


@pytest.mark.parametrize('name, near', [('max_linear_sped', 'max_linear_speed'),
                                        ('audio_inputs', 'audio_input'),
                                        ('wheel_radius', None)])
def test_an_unknown_name_in_the_file_is_refused_with_the_nearest_known(context, tmp_path,
                                                                       name, near):
    """A misspelt key used to leave the default speed in force; now it names both."""
    path = write_params(tmp_path, {'audio_input': '', name: 0.1})
    with pytest.raises(ConfigError) as error:
        start(context, '--params-file', str(path))
    message = str(error.value)
    assert message.startswith(f"parameter '{name}': unknown parameter"), message
    if near:
        assert f"did you mean '{near}'?" in message
    else:
        assert 'did you mean' not in message


def test_an_unknown_name_given_with_p_is_refused(context):
    """-p max_linear_sped:=0.1 on the command line: the same error."""
    with pytest.raises(ConfigError, match=r"'max_linear_sped'.*'max_linear_speed'"):
        start(context, '-p', 'audio_input:=none', '-p', 'max_linear_sped:=0.1')


@pytest.mark.parametrize('key, namespace', [('voicenav', '/'), ('voice_nav', '/robot1'),
                                            ('/robot2/voice_nav', '/robot1'),
                                            ('voice_nav_sim', '/')])
def test_a_file_without_a_section_for_the_node_is_refused(context, tmp_path, key, namespace):
    """The file's node key matches no section for this node: refused, naming the file."""
    path = write_params(tmp_path, {'max_linear_speed': 0.1}, key=key)
    with pytest.raises(ConfigError) as error:
        start(context, '-p', 'audio_input:=none', '--params-file', str(path),
              namespace=namespace)
    message = str(error.value)
    node = f'{namespace.rstrip("/")}/voice_nav'
    assert f'{str(path)!r} has no section for the node {node}' in message, message
    assert key in message and '/**/voice_nav:' in message


def test_the_simulators_names_are_known_when_it_shares_the_process(context):
    """voice-nav run --sim: a -p for the simulator in the same process is no error."""
    from voice_nav.ros.sim_node import PARAMETERS
    args = ['--ros-args', '-p', 'audio_input:=none', '-p', 'publish_rate:=20.0']
    node = AgentNode(context=context, cli_args=args, also_known=PARAMETERS)
    node.shutdown()
    node.destroy_node()
    with pytest.raises(ConfigError, match="'publish_rate': unknown parameter"):
        start(context, *args[1:])


def test_a_file_with_sections_for_other_nodes_too_applies(context, tmp_path):
    """One file for the whole robot: the sim's section beside ours is no error."""
    path = tmp_path / 'robot.yaml'
    path.write_text(yaml.safe_dump({
        'voice_nav_sim': {'ros__parameters': {'publish_rate': 20.0}},
        '/**/voice_nav': {'ros__parameters': {'audio_input': '', 'max_distance': 2.0}}}))
    assert start(context, '--params-file', str(path)).max_distance == 2.0


@pytest.mark.parametrize('namespace', ['/', '/robot1', '/a/b'])
def test_node_keys_match_as_rcl_matches_them(context, tmp_path, namespace):
    """Which keys apply to the node: ours agrees with rcl's own choice, key for key."""
    keys = ['voice_nav', '/voice_nav', '/**/voice_nav', '/**', '/robot1/voice_nav',
            'robot1/voice_nav', '/*/voice_nav', 'voicenav', '/a/**', '/*', '*',
            '/**/b/voice_nav', 'robot1/*', '/a/*/voice_nav', 'a/b/voice_nav']
    for key in keys:
        path = write_params(tmp_path, {'probe_value': 1}, key=key)
        node = Node('voice_nav', namespace=namespace, context=context,
                    cli_args=['--ros-args', '--params-file', str(path)])
        try:
            # What rcl matched to the node (rclpy has no public getter for it).
            applied = 'probe_value' in node._parameter_overrides
            assert key_matches(key, node.get_fully_qualified_name()) == applied, (key, applied)
        finally:
            node.destroy_node()


def test_audio_input_none_is_text_only_by_design(context):
    """'none' (and '') say: no microphone on this robot; the node takes typed commands."""
    for value in ('none', "''"):
        assert start(context, '-p', f'audio_input:={value}').audio_input == ''


def test_every_parameter_is_described_with_its_range_and_mutability(ros_env):
    """ros2 param describe: a real description, ranges from the model, read-only at start-up."""
    names = list(AgentConfig.model_fields)
    with node_process(ros_env, '--ros-args', '-p', 'audio_input:=none',
                      module=AGENT) as agent, Probe(ros_env) as probe:
        client = probe.node.create_client(DescribeParameters, '/voice_nav/describe_parameters')
        assert client.wait_for_service(timeout_sec=TIMEOUT), agent.output
        future = client.call_async(DescribeParameters.Request(names=names))
        assert probe.wait_for(future.done, timeout=TIMEOUT), agent.output
        described = {d.name: d for d in future.result().descriptors}
        for name in names:
            d = described[name]
            assert len(d.description) >= 15 and ' ' in d.description, (name, d.description)
            assert d.read_only == (name not in RUNTIME_FIELDS), name
        speed = described['max_linear_speed'].floating_point_range[0]
        assert (speed.from_value, speed.to_value) == (0.0, 1.5)
        assert 'max_linear_speed' in RUNTIME_FIELDS
        budget = described['chat_token_budget'].integer_range[0]
        assert (budget.from_value, budget.to_value, budget.step) == (500, 128000, 1)
        assert 'one of offline, openai, fallback' in described['llm'].additional_constraints

        # 5 m/s used to be accepted at run time; a start-up-only parameter is read-only.
        setter = probe.node.create_client(SetParameters, '/voice_nav/set_parameters')
        assert setter.wait_for_service(timeout_sec=TIMEOUT)
        future = setter.call_async(SetParameters.Request(parameters=[
            Parameter('max_linear_speed', value=5.0).to_parameter_msg(),
            Parameter('control_rate', value=10.0).to_parameter_msg(),
            Parameter('max_linear_speed', value=1.2).to_parameter_msg()]))
        assert probe.wait_for(future.done, timeout=TIMEOUT)
        too_fast, fixed, fine = future.result().results
        assert not too_fast.successful and 'max_linear_speed' in too_fast.reason
        assert not fixed.successful and 'read-only' in fixed.reason
        assert fine.successful, fine.reason


def _ros2():
    """Return the ros2 command beside this interpreter, or None."""
    ros2 = Path(sys.executable).parent / 'ros2'
    return str(ros2) if ros2.exists() else None


@pytest.mark.skipif(_ros2() is None, reason='the ros2 command is not installed (a ROS 2 '
                    'install, or ../shared/ros2-tooling through scripts/setup.sh)')
def test_ros2_param_describe_shows_the_description_and_range(ros_env):
    """The real ros2 command line, as a user types it."""
    with node_process(ros_env, '--ros-args', '-p', 'audio_input:=none',
                      module=AGENT) as agent, Probe(ros_env) as probe:
        command = probe.publisher(String, '/voice_nav/text_command')
        assert probe.wait_for_subscribers(command, timeout=TIMEOUT), agent.output
        # No daemon: it would outlive the test, on a domain that another test takes next.
        done = subprocess.run([_ros2(), 'param', 'describe', '--no-daemon', '--spin-time', '5',
                               '--timeout', '60', '/voice_nav', 'max_linear_speed',
                               'control_rate'],
                              env=ros_env, capture_output=True, text=True, timeout=TIMEOUT)
        assert done.returncode == 0, done.stderr
        out = done.stdout
        assert 'speed limit, m/s' in out and 'Min value: 0.0' in out and 'Max value: 1.5' in out
        assert re.search(r'control_rate.*\n(.*\n)*?.*Read only: true', out), out


def test_the_agent_executable_prints_its_usage(tmp_path):
    """Print the usage with the parameters on agent --help, exit 0, start no node."""
    done = subprocess.run([sys.executable, '-m', AGENT, '--help'], capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('usage: agent')
    assert '--ros-args' in done.stdout and 'max_linear_speed (default 0.3' in done.stdout
    assert 'listening on' not in done.stdout + done.stderr
    # A parameter without --ros-args -p would not apply: refused.
    done = subprocess.run([sys.executable, '-m', AGENT, 'max_linear_speed:=0.1'],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path)
    assert done.returncode == 2 and 'unrecognized arguments' in done.stderr, done.stderr


def _installed():
    """Say whether voice_nav is in the ament index (a colcon install space is sourced)."""
    try:
        from ament_index_python.packages import get_package_prefix
        get_package_prefix('voice_nav')
    except (ImportError, LookupError, EnvironmentError):
        return False
    return True


@pytest.mark.skipif(_ros2() is None or not _installed(),
                    reason='needs the ros2 command and voice_nav built with colcon and sourced '
                    '(colcon test, as scripts/test.sh runs it)')
def test_ros2_run_agent_help_prints_the_usage(tmp_path):
    """Print the usage for ros2 run voice_nav agent --help, and start no node."""
    done = subprocess.run([_ros2(), 'run', 'voice_nav', 'agent', '--help'],
                          capture_output=True, text=True, timeout=TIMEOUT, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('usage: agent') and 'max_linear_speed' in done.stdout
    assert 'listening on' not in done.stdout + done.stderr


def test_p_on_the_command_line_wins_over_the_params_file(ros_env, tmp_path):
    """voice-nav run --params (0.3 m/s) --ros-args -p max_linear_speed:=0.1: 0.1 m/s."""
    path = write_params(tmp_path, shipped(max_linear_speed=0.3, default_linear_speed=0.3))
    events = tmp_path / 'events.jsonl'
    done = subprocess.run(
        [sys.executable, '-m', 'voice_nav.cli', 'run', '--sim', '--params', str(path),
         '--text', 'move forward half a meter', '--exit-when-idle', '--events', str(events),
         '--ros-args', '-p', 'max_linear_speed:=0.1'],
        env=ros_env, cwd=tmp_path, capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (done.stdout, done.stderr)
    records = [json.loads(line) for line in events.read_text().splitlines()]
    speeds = [r['linear_x'] for r in records if r['event'] == 'twist']
    assert max(speeds) == pytest.approx(0.1, abs=1e-6), max(speeds)


def test_a_namespaced_start_applies_the_files_limits_on_cmd_vel(ros_env, tmp_path):
    """__ns:=/robot1 with the shipped file at 0.1 m/s: cmd_vel never above, and reaches it."""
    path = write_params(tmp_path, shipped(audio_input='', max_linear_speed=0.1))
    ns = ['--ros-args', '-r', '__ns:=/robot1']
    with node_process(ros_env, *ns) as sim, \
            node_process(ros_env, *ns, '--params-file', str(path), module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms = probe.subscribe(Odometry, '/robot1/odom')
        twists = probe.subscribe(Twist, '/robot1/cmd_vel')
        command = probe.publisher(String, '/robot1/voice_nav/text_command')
        assert probe.wait_for(lambda: odoms, timeout=TIMEOUT), sim.output
        assert probe.wait_for_subscribers(command, timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: 'listening on' in agent.output, timeout=TIMEOUT)
        command.publish(String(data='move forward 0.3 meters'))
        assert probe.wait_for(lambda: twists and twists[-1].msg == Twist() and
                              odoms[-1].msg.pose.pose.position.x > 0.25, timeout=TIMEOUT), \
            agent.output
        speeds = [t.msg.linear.x for t in twists]
        assert max(speeds) == pytest.approx(0.1, abs=1e-6), max(speeds)


def test_the_agent_executable_refuses_a_file_for_another_namespace(ros_env, tmp_path):
    """voice_nav: under /robot1 used to run on defaults: exit 2 naming the file, no traceback."""
    path = write_params(tmp_path, shipped(max_linear_speed=0.1), key='voice_nav')
    done = subprocess.run([sys.executable, '-m', AGENT, '--ros-args', '-r', '__ns:=/robot1',
                           '--params-file', str(path)], env=ros_env, capture_output=True,
                          text=True, timeout=TIMEOUT, cwd=tempfile.gettempdir())
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert 'Traceback' not in done.stderr
    assert f'{str(path)!r} has no section for the node /robot1/voice_nav' in done.stderr
