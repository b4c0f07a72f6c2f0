"""
One agent per name on a graph; statuses that say which robot they come from.

Two agents with the same fully qualified name both obeyed every command (speech twice,
cmd_vel at 40 Hz): the second now refuses to start. ``/diagnostics`` status names carry
the node's namespace, so that two robots on one graph can be told apart. The motion
status shows the pose as text, not a Python repr.
"""

from pathlib import Path
import re
import subprocess
import sys

from diagnostic_msgs.msg import DiagnosticArray, DiagnosticStatus
from geometry_msgs.msg import Twist
import pytest
from ros_helpers import node_process, NodeProcess, Probe, ros_env_fixture  # noqa: F401
from std_msgs.msg import String
import yaml

AGENT = 'voice_nav.ros.agent_node'
TEXT_ONLY = ('-p', 'audio_input:=none')
TIMEOUT = 60.0


def _exit_code(process, timeout=TIMEOUT):
    """Return the exit code, or None if it still runs after ``timeout`` (to show its output)."""
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


def _names(diagnostics):
    return {s.name for received in list(diagnostics) for s in received.msg.status}


def _status(diagnostics, name):
    found = [s for received in list(diagnostics) for s in received.msg.status if s.name == name]
    return found[-1] if found else None


def test_a_second_agent_of_the_same_name_refuses_to_start(ros_env):
    """The second /voice_nav exits 2 saying why; the first keeps driving alone."""
    with node_process(ros_env) as sim, \
            node_process(ros_env, '--ros-args', *TEXT_ONLY, module=AGENT) as first, \
            Probe(ros_env) as probe:
        twists = probe.subscribe(Twist, '/cmd_vel')
        speech = probe.subscribe(String, '/voice_nav/speech')
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        command = probe.publisher(String, '/voice_nav/text_command')
        assert probe.wait_for_subscribers(command, timeout=TIMEOUT), first.output
        # Its diagnostics come once it spins: after its own start-up check of the name.
        assert probe.wait_for(lambda: diagnostics, timeout=TIMEOUT), first.output
        with node_process(ros_env, '--ros-args', *TEXT_ONLY, module=AGENT) as second:
            assert _exit_code(second) == 2, second.output
        # Refused at start-up, or (discovery slower than its window) stopped soon after.
        refused = f'another node named /voice_nav is already running on ROS domain ' \
            f'{ros_env["ROS_DOMAIN_ID"]}' in second.output
        assert refused or 'another node named /voice_nav (pid ' in second.output, second.output
        assert 'Traceback' not in second.output
        assert first.returncode is None, first.output

        command.publish(String(data='move forward 0.2 meters'))
        assert probe.wait_for(lambda: twists and twists[-1].msg == Twist() and
                              any(t.msg.linear.x > 0 for t in twists), timeout=TIMEOUT)
        probe.wait_for(lambda: False, timeout=1.0)
        assert [s.msg.data for s in speech].count('Moving forward 0.2 meters.') == 1
    assert sim.returncode is not None


def test_agents_in_two_namespaces_both_start_and_their_statuses_differ(ros_env):
    """/voice_nav and /robot1/voice_nav: both run, statuses 'voice_nav: x', 'robot1/...'."""
    with node_process(ros_env, '--ros-args', *TEXT_ONLY, module=AGENT) as root, \
            node_process(ros_env, '--ros-args', *TEXT_ONLY, '-r', '__ns:=/robot1',
                         module=AGENT) as robot1, Probe(ros_env) as probe:
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        wanted = {f'{prefix}: {stage}' for prefix in ('voice_nav', 'robot1/voice_nav')
                  for stage in ('llm', 'motion', 'audio')}
        assert probe.wait_for(lambda: wanted <= _names(diagnostics), timeout=TIMEOUT), \
            (sorted(_names(diagnostics)), root.output, robot1.output)
        assert not any(n.startswith('/') for n in _names(diagnostics))
        assert root.returncode is None and robot1.returncode is None


def test_the_analyzers_match_the_status_names():
    """config/diagnostics_analyzers.yaml groups the root and the namespaced statuses."""
    path = Path(__file__).resolve().parents[1] / 'config' / 'diagnostics_analyzers.yaml'
    analyzers = yaml.safe_load(path.read_text())['analyzers']['ros__parameters']
    groups = [v for v in analyzers.values() if isinstance(v, dict)]

    def grouped(name):
        return [g for g in groups
                if any(name.startswith(p) for p in g.get('startswith', [])) or
                any(c in name for c in g.get('contains', []))]

    for name in ('voice_nav: motion', 'robot1/voice_nav: motion', 'a/b/voice_nav: llm'):
        assert len(grouped(name)) == 1, name
    assert not grouped('other_node: motion')


def test_the_motion_status_shows_the_pose_as_text_and_audio_none_is_ok(ros_env):
    """Show the pose as 'x=0.00 y=0.00 theta=0.0deg'; audio_input none: audio OK, text only."""
    with node_process(ros_env) as sim, \
            node_process(ros_env, '--ros-args', *TEXT_ONLY, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')

        def motion_with_odometry():
            status = _status(diagnostics, 'voice_nav: motion')
            values = {kv.key: kv.value for kv in status.values} if status else {}
            return values if values.get('odom_age') else None

        values = probe.wait_for(motion_with_odometry, timeout=TIMEOUT)
        assert values, (sim.output, agent.output)
        assert re.fullmatch(r'x=-?\d+\.\d\d y=-?\d+\.\d\d theta=-?\d+\.\ddeg', values['pose']), \
            values['pose']
        audio = _status(diagnostics, 'voice_nav: audio')
        assert audio.level == DiagnosticStatus.OK, audio.message
        assert 'text only' in audio.message
        assert {kv.key: kv.value for kv in audio.values}['input'] == 'none'


# A node guarded with no start-up window, as if discovery came only after it: it spins
# until its guard stops it, then says why. Its mode (argv[2]) breaks it as seen or feared:
# lose: its latched announcement is lost to the nodes that join later (its history
#     emptied), as one in 20 starts on a busy machine did;
# quiet: it does not announce itself again when the graph shows another of its name;
# blind: a 3 s start-up window that does not see the graph (discovery slow), so that
#     the latched announcements of the others arrive before it announces itself.
GUARDED_NODE = """
import sys, time
import rclpy
from rclpy.executors import SingleThreadedExecutor
from std_msgs.msg import String
from voice_nav.ros import node_identity
from voice_nav.ros.node_identity import NameGuard

class Shutdown:
    requested = False

mode = sys.argv[2]
rclpy.init()
node = rclpy.create_node('voice_nav')
shutdown = Shutdown()
if mode == 'quiet':
    NameGuard.graph_callback = lambda self: None
if mode == 'blind':
    count, node_identity.same_name_count = node_identity.same_name_count, lambda node: 1
    guard = NameGuard(node, shutdown, window=3.0)
    node_identity.same_name_count = count
else:
    guard = NameGuard(node, shutdown, window=0.0)
if mode == 'lose':
    node.destroy_publisher(guard._announce)
    guard._announce = node.create_publisher(String, '~/_instance', guard._announce.qos_profile)
print('guarded', flush=True)
executor = SingleThreadedExecutor()
executor.add_node(node)
end = time.monotonic() + float(sys.argv[1])
while not shutdown.requested and time.monotonic() < end:
    executor.spin_once(timeout_sec=0.05)
print('taken:', guard.taken, flush=True)
executor.shutdown()
node.destroy_node()
rclpy.try_shutdown()
sys.exit(2 if guard.taken else 0)
"""


@pytest.mark.parametrize('first_mode, second_mode', [
    ('keep', 'plain'), ('lose', 'plain'), ('quiet', 'blind')])
def test_a_second_node_found_after_its_window_stops_itself(ros_env, first_mode, second_mode):
    """
    Discovery slower than the start-up window: the later node learns it and stops.

    Also when it never got the first one's latched announcement (the first announces
    again while the graph shows another node of its name), and when that announcement
    came before its own (which must not push it out of the queue).
    """
    first = NodeProcess([sys.executable, '-c', GUARDED_NODE, str(4 * TIMEOUT), first_mode],
                        ros_env)
    try:
        assert Probe.wait_for(lambda: 'guarded' in first.output, timeout=TIMEOUT), first.output
        second = NodeProcess([sys.executable, '-c', GUARDED_NODE, str(TIMEOUT), second_mode],
                             ros_env)
        try:
            assert _exit_code(second, TIMEOUT + 30) == 2, second.output
            assert 'taken: another node named /voice_nav (pid ' in second.output
            assert 'started before this one' in second.output
        finally:
            second.close()
        # The first goes on. (It logs the second only if it discovered it before the second
        # stopped: discovery is not symmetric in time.)
        assert first.returncode is None, first.output
        assert 'taken:' not in first.output
        # Said once, though the second announced itself again while both ran.
        assert first.output.count('started after this one') <= 1, first.output
    finally:
        first.close()
