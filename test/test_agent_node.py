"""
The agent node over real DDS: the node and the simulator in their own processes.

Typed commands move the simulated robot within tolerance, every motion ends
in a zero Twist, stop and SIGTERM stop it, diagnostics carry the llm and
motion statuses, namespaces work and a bad parameter is refused by name.
"""

import math
import os
import signal
import subprocess
import sys

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import Twist
from nav_msgs.msg import Odometry
import pytest
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import String

AGENT = 'voice_nav.ros.agent_node'


def _yaw(odom):
    q = odom.pose.pose.orientation
    return math.atan2(2.0 * (q.w * q.z + q.x * q.y), 1.0 - 2.0 * (q.y * q.y + q.z * q.z))


def _start(probe, agent, sim, ns=''):
    odoms = probe.subscribe(Odometry, f'{ns}/odom')
    twists = probe.subscribe(Twist, f'{ns}/cmd_vel')
    command = probe.publisher(String, f'{ns}/voice_nav/text_command')
    assert probe.wait_for(lambda: odoms), sim.output
    assert probe.wait_for_subscribers(command), agent.output
    # The agent must see odometry before the first command to run closed loop.
    assert probe.wait_for(lambda: 'listening on' in agent.output), agent.output
    return odoms, twists, command


def _settled(twists, odoms):
    return bool(twists) and twists[-1].msg == Twist() and odoms and \
        odoms[-1].msg.twist.twist.linear.x == 0.0


def test_forward_and_turn_end_within_tolerance_with_a_final_zero(ros_env):
    """Drive 1 m and turn 90 degrees in the simulator: within 2 cm and 1 degree."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, command = _start(probe, agent, sim)
        command.publish(String(data='move forward 1 meter'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=30), agent.output
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(1.0, abs=0.02)
        for received in twists:
            assert abs(received.msg.linear.x) <= 0.3 + 1e-6
        count = len(twists)
        command.publish(String(data='turn left 90 degrees'))
        assert probe.wait_for(lambda: len(twists) > count and _settled(twists, odoms)
                              and twists[-1].msg.angular.z == 0.0 and
                              abs(math.degrees(_yaw(odoms[-1].msg)) - 90.0) < 5, timeout=30)
        probe.wait_for(lambda: False, timeout=0.5)
        assert abs(math.degrees(_yaw(odoms[-1].msg)) - 90.0) <= 1.0
        assert twists[-1].msg == Twist()


def test_stop_mid_motion_gives_zero_and_diagnostics_report(ros_env):
    """Stop a running motion with a typed stop; read both statuses on /diagnostics."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, command = _start(probe, agent, sim)
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        command.publish(String(data='go forward 3 meters'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0.1), agent.output
        command.publish(String(data='stop'))
        assert probe.wait_for(lambda: twists[-1].msg == Twist(), timeout=5)
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=5)
        assert odoms[-1].msg.pose.pose.position.x < 2.5

        def statuses():
            return {s.name: s for s in diagnostics[-1].msg.status} if diagnostics else {}

        def llm_values():
            llm = statuses().get('voice_nav: llm')
            return {kv.key: kv.value for kv in llm.values} if llm else {}
        # The latest message, not the first: one published before the request
        # may still arrive once the subscription has matched.
        assert probe.wait_for(lambda: int(llm_values().get('requests', 0)) >= 1), \
            [s.values for s in statuses().values()]
        values = llm_values()
        assert values['provider'] == 'offline'
        assert values['usage_reported'].startswith('no')
        assert 'voice_nav: motion' in statuses()


def test_sigterm_mid_motion_publishes_a_zero_twist(ros_env):
    """End the agent with SIGTERM while it drives: the last Twist is zero, exit 0."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, command = _start(probe, agent, sim)
        command.publish(String(data='go forward 3 meters'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0.1), agent.output
        assert agent.stop(signal.SIGTERM) == 0, agent.output
        assert probe.wait_for(lambda: twists[-1].msg == Twist(), timeout=5)


def test_a_namespaced_node_publishes_under_its_namespace(ros_env):
    """Run agent and simulator under /robot1 and drive them there."""
    ns = ['--ros-args', '-r', '__ns:=/robot1']
    with node_process(ros_env, *ns) as sim, node_process(ros_env, *ns, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, command = _start(probe, agent, sim, ns='/robot1')
        command.publish(String(data='forward half a meter'))
        assert probe.wait_for(lambda: _settled(twists, odoms) and
                              odoms[-1].msg.pose.pose.position.x > 0.4, timeout=30)


def test_a_bad_parameter_stops_the_node_naming_it(ros_env):
    """Exit non-zero with the parameter's name in the message."""
    with node_process(ros_env, '--ros-args', '-p', 'max_linear_speed:=-1.0',
                      module=AGENT) as agent:
        code = agent.wait(timeout=30)
        assert code == 2, agent.output
        assert "'max_linear_speed'" in agent.output


@pytest.mark.skipif(not sys.platform.startswith('linux'), reason="glibc's mallopt")
@pytest.mark.parametrize('env, took', [({}, True), ({'MALLOC_ARENA_MAX': '4'}, False)])
def test_the_agent_caps_mallocs_heaps_unless_the_environment_does(env, took):
    """Two heaps for all threads, unless MALLOC_ARENA_MAX says otherwise."""
    clean = {k: v for k, v in os.environ.items() if k != 'MALLOC_ARENA_MAX'}
    code = ('from voice_nav.ros.process import limit_malloc_arenas; '
            'print(limit_malloc_arenas())')
    out = subprocess.run([sys.executable, '-c', code], env={**clean, **env}, check=True,
                         capture_output=True, text=True).stdout
    assert out.strip() == str(took)
