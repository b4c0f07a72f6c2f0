"""
use_sim_time with a /clock that runs at another rate than the wall clock, as Gazebo's does.

The simulator publishes ``/clock`` at a real-time factor of 0.5 and of 2 and moves in that
time; the agent runs with ``use_sim_time:=true``. Its control timer, its TwistStamped
stamps, its odometry age and its motions must all be in simulated time: the motions end
at the right pose, the commands come at 20 Hz of simulated time, stamped near ``/clock``.
Nothing here is judged on the wall clock.
"""

import math

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
import pytest
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from rosgraph_msgs.msg import Clock
from std_msgs.msg import String

AGENT = 'voice_nav.ros.agent_node'
TIMEOUT = 120.0  # 1 m at 0.2 m/s is 5 s of simulated time, 10 s of wall time at 0.5


def _seconds(stamp):
    return stamp.sec + stamp.nanosec * 1e-9


def _yaw(odom):
    q = odom.pose.pose.orientation
    return math.atan2(2.0 * (q.w * q.z + q.x * q.y), 1.0 - 2.0 * (q.y * q.y + q.z * q.z))


def _settled(twists, odoms, after):
    return len(twists) > after and twists[-1].msg.twist == TwistStamped().twist and \
        odoms[-1].msg.twist.twist.linear.x == 0.0 and odoms[-1].msg.twist.twist.angular.z == 0.0


def _motion(twists, after):
    """Return the TwistStamped messages of the motion after ``twists[after]``."""
    return [t.msg for t in twists[after:]]


@pytest.mark.parametrize('factor', [0.5, 2.0])
def test_motions_timers_and_stamps_run_on_the_simulators_clock(ros_env, factor):
    """Drive 1 m and turn 90 degrees at a real-time factor of 0.5 and 2."""
    stamped = ['-p', 'use_stamped:=true']
    with node_process(ros_env, '--ros-args', *stamped, '-p', 'publish_clock:=true',
                      '-p', f'real_time_factor:={factor}') as sim, \
            node_process(ros_env, '--ros-args', *stamped, '-p', 'use_sim_time:=true',
                         '-p', 'audio_input:=none', module=AGENT) as agent, \
            Probe(ros_env) as probe:
        clocks = probe.subscribe(Clock, '/clock')
        odoms = probe.subscribe(Odometry, '/odom')
        twists = probe.subscribe(TwistStamped, '/cmd_vel')
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        command = probe.publisher(String, '/voice_nav/text_command')
        assert probe.wait_for(lambda: odoms and clocks, timeout=TIMEOUT), sim.output
        assert probe.wait_for_subscribers(command, timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: diagnostics, timeout=TIMEOUT), agent.output

        command.publish(String(data='move forward 1 meter'))
        # Started (a zero Twist may still come from before), then ended.
        assert probe.wait_for(lambda: any(t.msg.twist.linear.x > 0 for t in twists),
                              timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms, 0), timeout=TIMEOUT), agent.output
        drive = _motion(twists, 0)
        count = len(twists)
        command.publish(String(data='turn left 90 degrees'))
        assert probe.wait_for(lambda: any(t.msg.twist.angular.z > 0 for t in twists[count:]),
                              timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms, count), timeout=TIMEOUT), \
            agent.output
        probe.wait_for(lambda: False, timeout=0.5)

        # The motions end at the right pose.
        odom = odoms[-1].msg
        assert odom.pose.pose.position.x == pytest.approx(1.0, abs=0.02)
        assert odom.pose.pose.position.y == pytest.approx(0.0, abs=0.02)
        assert math.degrees(_yaw(odom)) == pytest.approx(90.0, abs=1.0)

        # Stamps in simulated time, which started at 0 (wall time would be ~1.7e9 s), close
        # to the /clock the command came beside; the odometry's too.
        last_clock = _seconds(clocks[-1].msg.clock)
        assert 0.0 < _seconds(drive[0].header.stamp) < last_clock
        for received in twists:
            near = [c for c in clocks if c.at <= received.at]
            assert near, 'a command before any /clock'
            lag = _seconds(near[-1].msg.clock) - _seconds(received.msg.header.stamp)
            assert -0.5 < lag < 0.5 + factor, lag
        assert abs(_seconds(odoms[-1].msg.header.stamp) - last_clock) < 1.0 + factor

        # 20 commands a second of simulated time, while the drive lasted about 5 simulated
        # seconds (1 m at 0.2 m/s, with its ramps).
        moving = [t for t in drive if t.twist.linear.x > 0.0]
        span = _seconds(moving[-1].header.stamp) - _seconds(moving[0].header.stamp)
        assert 4.5 < span < 8.0, span
        assert 15.0 < (len(moving) - 1) / span < 25.0, (len(moving), span)

        # The acceleration limit (0.5 m/s^2) holds in simulated time: the ramp is timed on
        # that clock (its /clock comes in steps of 10 ms of wall time).
        step = 0.01 * factor
        for before, after in zip(drive, drive[1:]):
            dt = _seconds(after.header.stamp) - _seconds(before.header.stamp)
            dv = abs(after.twist.linear.x - before.twist.linear.x)
            assert dv <= 0.5 * (dt + step) + 1e-9, (dv, dt)

        # The odometry stayed fresh on the simulated clock: closed loop, a small age.
        motion = [{kv.key: kv.value for kv in s.values} for r in diagnostics
                  for s in r.msg.status if s.name == 'voice_nav: motion']
        ages = [float(v['odom_age']) for v in motion if v['state'] == 'moving']
        assert ages, 'no motion status while moving'
        assert max(ages) < 0.5, ages
        assert all(v['closed_loop'] == 'True' for v in motion if v['state'] == 'moving')


@pytest.mark.parametrize('factor', [0.5, 2.0])
def test_open_loop_motion_is_timed_on_the_simulators_clock(ros_env, factor):
    """Without odometry the agent drives by time: simulated time, or 2x or 0.5x the distance."""
    with node_process(ros_env, '--ros-args', '-p', 'publish_clock:=true',
                      '-p', f'real_time_factor:={factor}') as sim, \
            node_process(ros_env, '--ros-args', '-p', 'use_sim_time:=true', '-r',
                         'odom:=/no_odom', '-p', 'allow_open_loop:=true',
                         '-p', 'audio_input:=none', module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms = probe.subscribe(Odometry, '/odom')
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        command = probe.publisher(String, '/voice_nav/text_command')
        assert probe.wait_for(lambda: odoms, timeout=TIMEOUT), sim.output
        assert probe.wait_for_subscribers(command, timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: diagnostics, timeout=TIMEOUT), agent.output
        command.publish(String(data='move forward 1 meter'))
        assert probe.wait_for(lambda: odoms[-1].msg.twist.twist.linear.x > 0.0,
                              timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: odoms[-1].msg.twist.twist.linear.x == 0.0,
                              timeout=TIMEOUT), agent.output
        probe.wait_for(lambda: False, timeout=1.0)
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(1.0, abs=0.05)
