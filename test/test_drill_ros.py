"""
Failure drill, ROS side: odometry, the simulator and the agent itself fail in mid-motion.

The agent node and the simulator run as separate processes on an isolated
domain; a Probe records every TwistStamped on ``cmd_vel`` (stamped with the
agent's clock when it was published), the odometry and ``~/speech``. Each drill
starts a closed-loop drive and breaks something while the robot is at cruise
speed:

- the simulator freezes (SIGSTOP: odometry stops, the process stays): the agent
  stops with a zero Twist once its odometry is ``odom_timeout`` old, says why,
  and does not drive on when the odometry comes back;
- the simulator dies (SIGKILL): the same stop and the same words, and the agent
  drives a new simulator afterwards;
- the agent gets SIGTERM, and separately SIGINT: its last Twist is zero, the
  (patient) simulator stands still because of it, and the process exits 0.

In every drill no recorded Twist is beyond the speed limits, none is non-finite,
and once the zero came nothing but zeros follow.
"""

import math
import signal
import time

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
import pytest
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import String

from voice_nav.agent.config import AgentConfig

AGENT = 'voice_nav.ros.agent_node'
DEFAULTS = AgentConfig()
# Text only (no microphone), TwistStamped so that every command carries the agent's time.
AGENT_ARGS = ('--ros-args', '-p', 'use_stamped:=true', '-p', "audio_input:=''")
SIM_ARGS = ('--ros-args', '-p', 'use_stamped:=true')
# A simulator that keeps the last command for 30 s: only a zero Twist stops it in time.
PATIENT_SIM_ARGS = SIM_ARGS + ('-p', 'cmd_timeout:=30.0')
TIMEOUT = 30.0  # for anything that takes a second on an idle machine
CRUISE = DEFAULTS.default_linear_speed  # m/s, what a drive without a speed reaches
# How late, after the last odometry was sent, the stop may come on a loaded machine:
# odom_timeout itself, then the agent's reception and a control period or two.
STOP_SLACK = 2.0


def _stamp(header):
    return header.stamp.sec + header.stamp.nanosec * 1e-9


def _is_zero(twist):
    return all(v == 0.0 for v in (twist.linear.x, twist.linear.y, twist.linear.z,
                                  twist.angular.x, twist.angular.y, twist.angular.z))


class Rig:
    """The probe's view of the agent and the simulator: Twists, odometry, speech, commands."""

    def __init__(self, probe):
        self.probe = probe
        self.twists = probe.subscribe(TwistStamped, '/cmd_vel')
        self.odoms = probe.subscribe(Odometry, '/odom')
        self.speech = probe.subscribe(String, '/voice_nav/speech')
        self.diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        self.command = probe.publisher(String, '/voice_nav/text_command')

    def ready(self, agent, sim):
        """Wait until the agent listens and has fresh odometry (a closed loop is possible)."""
        assert self.probe.wait_for(lambda: self.odoms, timeout=TIMEOUT), sim.output
        assert self.probe.wait_for_subscribers(self.command, timeout=TIMEOUT), agent.output
        assert self.probe.wait_for(lambda: self.closed_loop_ready(), timeout=TIMEOUT), \
            agent.output

    def closed_loop_ready(self):
        """Say whether the newest motion status shows odometry younger than odom_timeout."""
        for received in reversed(list(self.diagnostics)):
            for status in received.msg.status:
                if status.name == 'voice_nav: motion':
                    values = {kv.key: kv.value for kv in status.values}
                    return values['odom_age'] != '' and \
                        float(values['odom_age']) < DEFAULTS.odom_timeout
        return False

    def drive_to_cruise(self, agent, text='go forward 3 meters'):
        """Send a long drive and wait until it is at cruise speed; return len(twists)."""
        self.command.publish(String(data=text))
        assert self.probe.wait_for(
            lambda: self.twists and self.twists[-1].msg.twist.linear.x >= CRUISE - 1e-6,
            timeout=TIMEOUT), agent.output
        return len(self.twists)

    def first_zero(self, after):
        """Return the index of the first zero Twist at or after ``after``, or None."""
        return next((i for i in range(after, len(self.twists))
                     if _is_zero(self.twists[i].msg.twist)), None)

    def said(self, *words, after=0):
        """Return the first sentence said after ``speech[after]`` holding every word."""
        for received in list(self.speech)[after:]:
            if all(w in received.msg.data for w in words):
                return received.msg.data
        return None

    def assert_safe(self, stop_index):
        """Every Twist within the limits; from ``stop_index`` on, zeros only, to the last."""
        for received in self.twists:
            t = received.msg.twist
            values = (t.linear.x, t.linear.y, t.linear.z, t.angular.x, t.angular.y, t.angular.z)
            assert all(math.isfinite(v) for v in values), t
            assert abs(t.linear.x) <= DEFAULTS.max_linear_speed + 1e-9, t
            assert abs(t.angular.z) <= DEFAULTS.max_angular_speed + 1e-9, t
            # A diff-drive base: nothing sideways, up or tilted.
            assert t.linear.y == t.linear.z == t.angular.x == t.angular.y == 0.0, t
            assert received.msg.header.frame_id == DEFAULTS.base_frame
        after = [r.msg.twist for r in self.twists[stop_index:]]
        assert after and all(_is_zero(t) for t in after), after
        assert _is_zero(self.twists[-1].msg.twist)

    def drive_small(self, agent, text='move forward 10 centimeters'):
        """Run a short drive to its end: it moves, then stops with a zero."""
        count = len(self.twists)
        self.command.publish(String(data=text))
        assert self.probe.wait_for(
            lambda: any(r.msg.twist.linear.x > 0.0 for r in self.twists[count:]),
            timeout=TIMEOUT), agent.output
        assert self.probe.wait_for(
            lambda: _is_zero(self.twists[-1].msg.twist) and self.odoms and
            self.odoms[-1].msg.twist.twist.linear.x == 0.0, timeout=TIMEOUT), agent.output
        return count


def _assert_stopped_for_lost_odometry(rig, agent, count):
    """Check that the zero came odom_timeout after the last odometry and the robot said why."""
    assert rig.probe.wait_for(lambda: rig.first_zero(count) is not None, timeout=TIMEOUT), \
        agent.output
    stop = rig.first_zero(count)
    # The motion was cut short at cruise speed: no braking ramp, no goal reached.
    assert rig.twists[stop - 1].msg.twist.linear.x == pytest.approx(CRUISE)
    words = ('Odometry stopped', 'stopped to be safe')
    assert rig.probe.wait_for(lambda: rig.said(*words), timeout=TIMEOUT), \
        ([r.msg.data for r in rig.speech], agent.output)
    # Nothing moves after the stop, for well over a control period or two.
    rig.probe.wait_for(lambda: any(not _is_zero(r.msg.twist) for r in rig.twists[stop:]),
                       timeout=1.5)
    rig.assert_safe(stop)
    # The stop is what odom_timeout promises: not before it (another cause), not much
    # after it. Both stamps are system time on this machine, the last odometry's taken
    # by the simulator when it sent it, the zero's by the agent when it published it.
    last_odom = _stamp(rig.odoms[-1].msg.header)
    delay = _stamp(rig.twists[stop].msg.header) - last_odom
    assert DEFAULTS.odom_timeout - 0.01 <= delay <= DEFAULTS.odom_timeout + STOP_SLACK, delay
    # Between the last odometry and the stop the drive held its cruise speed: the closed
    # loop neither sped up nor braked on dead odometry.
    for received in rig.twists[count:stop]:
        assert received.msg.twist.linear.x == pytest.approx(CRUISE), received
    assert agent.returncode is None, agent.output  # the agent lives on
    return stop


def test_odometry_stopping_mid_motion_stops_says_why_and_does_not_resume(ros_env):
    """Freeze the simulator at cruise speed: zero Twist, words; thawed, nothing moves."""
    with node_process(ros_env, *SIM_ARGS) as sim, \
            node_process(ros_env, *AGENT_ARGS, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        rig = Rig(probe)
        rig.ready(agent, sim)
        rig.drive_to_cruise(agent)
        sim.send_signal(signal.SIGSTOP)
        try:
            frozen = time.monotonic()
            # Odometry already on its way may still arrive: count from the last of it.
            probe.wait_for(lambda: rig.odoms[-1].at < time.monotonic() - 0.3, timeout=5.0)
            count = len([r for r in rig.twists if r.at <= rig.odoms[-1].at])
            stop = _assert_stopped_for_lost_odometry(rig, agent, count)
            assert rig.twists[stop].at > frozen
        finally:
            sim.send_signal(signal.SIGCONT)

        # Odometry is back: the cancelled drive stays cancelled.
        thawed = len(rig.odoms)
        assert probe.wait_for(lambda: len(rig.odoms) > thawed + 10, timeout=TIMEOUT), sim.output
        probe.wait_for(lambda: any(not _is_zero(r.msg.twist) for r in rig.twists[stop:]),
                       timeout=1.5)
        rig.assert_safe(stop)
        # And the agent is not wedged: a new command drives, closed loop again.
        assert probe.wait_for(rig.closed_loop_ready, timeout=TIMEOUT), agent.output
        start_x = rig.odoms[-1].msg.pose.pose.position.x
        count = rig.drive_small(agent)
        rig.assert_safe(len(rig.twists) - 1)
        assert rig.odoms[-1].msg.pose.pose.position.x == pytest.approx(start_x + 0.1, abs=0.03)
        assert 'Traceback' not in agent.output


def test_simulator_killed_mid_motion_stops_the_agent_which_drives_a_new_one(ros_env):
    """SIGKILL the simulator at cruise speed: zero Twist and words; a new simulator works."""
    with node_process(ros_env, *AGENT_ARGS, module=AGENT) as agent, Probe(ros_env) as probe:
        rig = Rig(probe)
        with node_process(ros_env, *SIM_ARGS) as sim:
            rig.ready(agent, sim)
            rig.drive_to_cruise(agent)
            sim.send_signal(signal.SIGKILL)
            assert sim.wait(timeout=TIMEOUT) == -signal.SIGKILL
            # Whatever the probe received is all there will be.
            count = len([r for r in rig.twists if r.at <= rig.odoms[-1].at])
        stop = _assert_stopped_for_lost_odometry(rig, agent, count)

        with node_process(ros_env, *SIM_ARGS) as sim:
            fresh = len(rig.odoms)
            assert probe.wait_for(lambda: len(rig.odoms) > fresh, timeout=TIMEOUT), sim.output
            # A new simulator starts still: the dead one's drive does not come back to life.
            probe.wait_for(lambda: any(not _is_zero(r.msg.twist) for r in rig.twists[stop:]),
                           timeout=1.0)
            rig.assert_safe(stop)
            assert probe.wait_for(rig.closed_loop_ready, timeout=TIMEOUT), agent.output
            rig.drive_small(agent)
            rig.assert_safe(len(rig.twists) - 1)
            # Closed loop on the new simulator, which started at x = 0.
            assert rig.odoms[-1].msg.pose.pose.position.x == pytest.approx(0.1, abs=0.03)
        assert 'Traceback' not in agent.output


@pytest.mark.parametrize('signum', [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
                         ids=['SIGTERM', 'SIGINT', 'SIGHUP'])
def test_agent_signalled_mid_motion_ends_on_a_zero_twist_and_exits_0(ros_env, signum):
    """SIGTERM, SIGINT or SIGHUP at cruise speed: the last Twist is zero, the robot stands."""
    with node_process(ros_env, *PATIENT_SIM_ARGS) as sim, \
            node_process(ros_env, *AGENT_ARGS, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        rig = Rig(probe)
        rig.ready(agent, sim)
        count = rig.drive_to_cruise(agent)
        code = agent.stop(signum, timeout=TIMEOUT)
        assert code == 0, agent.output
        assert not agent.killed, agent.output
        # The process is gone: what the probe has (once DDS delivered it) is all it sent.
        assert probe.wait_for(lambda: rig.first_zero(count) is not None, timeout=TIMEOUT), \
            agent.output
        probe.wait_for(lambda: False, timeout=0.5)
        stop = rig.first_zero(count)
        rig.assert_safe(stop)
        # The simulator keeps a command for 30 s: it stands still only because of the zero.
        assert probe.wait_for(lambda: rig.odoms[-1].msg.twist.twist.linear.x == 0.0,
                              timeout=5.0), sim.output
        x = rig.odoms[-1].msg.pose.pose.position.x
        probe.wait_for(lambda: False, timeout=0.5)
        assert rig.odoms[-1].msg.pose.pose.position.x == pytest.approx(x, abs=1e-9)
        assert x < 2.5  # stopped mid-drive, not at the goal
        assert 'Traceback' not in agent.output
