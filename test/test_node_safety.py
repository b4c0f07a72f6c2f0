"""
Safety of the agent node over real DDS: e-stop, TwistStamped, runtime limits, acceleration.

The agent and the simulator run in their own processes on an isolated domain;
a Probe in the test process publishes commands and records what goes out.
"""

import math
import time

from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
import pytest
from rcl_interfaces.srv import GetParameters, SetParameters
from rclpy.parameter import Parameter, parameter_value_to_python
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import Bool, String

AGENT = 'voice_nav.ros.agent_node'
MOTION_TIMEOUT = 60.0  # a 1 m motion takes about 6 s; a slow machine may need much more
STAMPED = ('--ros-args', '-p', 'use_stamped:=true')


def _yaw(odom):
    q = odom.pose.pose.orientation
    return math.atan2(2.0 * (q.w * q.z + q.x * q.y), 1.0 - 2.0 * (q.y * q.y + q.z * q.z))


def _twist(received):
    """Return the Twist of a received Twist or TwistStamped."""
    msg = received.msg
    return msg.twist if isinstance(msg, TwistStamped) else msg


def _start(probe, agent, sim, twist_type=Twist):
    """Subscribe and wait until the agent listens and the probe sees odometry."""
    odoms = probe.subscribe(Odometry, '/odom')
    twists = probe.subscribe(twist_type, '/cmd_vel')
    speech = probe.subscribe(String, '/voice_nav/speech')
    command = probe.publisher(String, '/voice_nav/text_command')
    assert probe.wait_for(lambda: odoms), sim.output
    assert probe.wait_for_subscribers(command), agent.output
    assert probe.wait_for(lambda: 'listening on' in agent.output), agent.output
    return odoms, twists, speech, command


def _settled(twists, odoms, after=0):
    """Say whether a motion started after ``twists[after]`` ended and the robot stands still."""
    return len(twists) > after and _twist(twists[-1]) == Twist() and bool(odoms) and \
        odoms[-1].msg.twist.twist.linear.x == 0.0 and odoms[-1].msg.twist.twist.angular.z == 0.0


def _said(speech, after, *words):
    """Return the first sentence said after ``speech[after]`` that holds every word."""
    for received in speech[after:]:
        if all(w in received.msg.data.lower() for w in words):
            return received.msg.data
    return None


def _call(probe, service_type, name, request):
    """Call a service of the agent from the probe's node; return the response."""
    client = probe.node.create_client(service_type, name)
    try:
        assert client.wait_for_service(timeout_sec=30.0), f'no service {name}'
        future = client.call_async(request)
        assert probe.wait_for(future.done, timeout=30.0), f'{name} did not answer'
        return future.result()
    finally:
        probe.node.destroy_client(client)


def _set_parameters(probe, *pairs):
    """Set ``(name, value)`` pairs in order through /voice_nav/set_parameters; return results."""
    request = SetParameters.Request(
        parameters=[Parameter(name, value=value).to_parameter_msg() for name, value in pairs])
    return _call(probe, SetParameters, '/voice_nav/set_parameters', request).results


def _get_parameter(probe, name):
    """Return the value of one of the agent's parameters."""
    response = _call(probe, GetParameters, '/voice_nav/get_parameters',
                     GetParameters.Request(names=[name]))
    return parameter_value_to_python(response.values[0])


def test_estop_stops_at_once_refuses_motion_and_releases(ros_env):
    """E-stop true mid-motion: zero at once, motion refused with a reason; false: moves again."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, speech, command = _start(probe, agent, sim)
        estop = probe.publisher(Bool, '/voice_nav/estop')
        assert probe.wait_for_subscribers(estop), agent.output

        command.publish(String(data='go forward 3 meters'))
        # Wait for cruise speed, so that a ramped stop could not pass for an immediate one.
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0.15,
                              timeout=MOTION_TIMEOUT), agent.output
        count = len(twists)
        estop.publish(Bool(data=True))
        pressed = time.monotonic()
        assert probe.wait_for(
            lambda: any(t.msg == Twist() for t in twists[count:]), timeout=5.0), agent.output
        first_zero = next(i for i in range(count, len(twists)) if twists[i].msg == Twist())
        # At once: no braking ramp, the speed goes from cruise straight to zero.
        assert twists[first_zero - 1].msg.linear.x > 0.15
        assert twists[first_zero].at - pressed < 2.0
        assert probe.wait_for(lambda: _said(speech, 0, 'emergency stop'), timeout=10.0)
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=10.0)
        stopped_x = odoms[-1].msg.pose.pose.position.x
        assert stopped_x < 2.5

        # While the e-stop holds, a motion command moves nothing and the robot says why.
        spoken = len(speech)
        command.publish(String(data='move forward 1 meter'))
        # ('active': the e-stop's own announcement and the cancelled drive's error are
        # said too, maybe later than the first words waited for above.)
        assert probe.wait_for(lambda: _said(speech, spoken, 'emergency stop', 'active'),
                              timeout=30.0), ([s.msg.data for s in speech], agent.output)
        # The refusal is said once the call has failed; give odometry a moment more to show
        # a motion that would have started anyway (the wait ends early if one does).
        probe.wait_for(lambda: any(_twist(t) != Twist() for t in twists[first_zero:]),
                       timeout=1.0)
        assert all(_twist(t) == Twist() for t in twists[first_zero:])
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(stopped_x, abs=1e-6)

        # Released: motion works again.
        spoken = len(speech)
        estop.publish(Bool(data=False))
        assert probe.wait_for(lambda: _said(speech, spoken, 'stop released'), timeout=10.0)
        count = len(twists)
        command.publish(String(data='move forward half a meter'))
        assert probe.wait_for(lambda: any(t.msg.linear.x > 0.0 for t in twists[count:]),
                              timeout=30.0), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms, count) and
                              odoms[-1].msg.pose.pose.position.x > stopped_x + 0.4,
                              timeout=MOTION_TIMEOUT), agent.output
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(stopped_x + 0.5, abs=0.03)


def test_use_stamped_publishes_twist_stamped_in_base_link(ros_env):
    """use_stamped:=true: TwistStamped in base_link with a current stamp; the sim drives 1 m."""
    with node_process(ros_env, *STAMPED) as sim, \
            node_process(ros_env, *STAMPED, module=AGENT) as agent, Probe(ros_env) as probe:
        odoms, twists, _, command = _start(probe, agent, sim, TwistStamped)
        assert probe.topic_types().get('/cmd_vel') == ['geometry_msgs/msg/TwistStamped']
        command.publish(String(data='move forward 1 meter'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.twist.linear.x > 0.1,
                              timeout=MOTION_TIMEOUT), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=MOTION_TIMEOUT)
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(1.0, abs=0.02)
        for received in twists:
            header = received.msg.header
            assert header.frame_id == 'base_link'
            stamp = header.stamp.sec + header.stamp.nanosec * 1e-9
            assert stamp > 0.0
            # Stamped with the node's (system) clock when published.
            assert abs(stamp - (time.time() - (time.monotonic() - received.at))) < 5.0


def test_max_linear_speed_changes_at_runtime_and_bad_values_are_refused(ros_env):
    """Lower max_linear_speed through the parameter service; bad values leave it unchanged."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, speech, command = _start(probe, agent, sim)

        # Below the default speed (0.2): accepted, the default is capped at it.
        result, = _set_parameters(probe, ('max_linear_speed', 0.15))
        assert result.successful, result.reason
        assert _get_parameter(probe, 'max_linear_speed') == pytest.approx(0.15)

        for value in (-1.0, 'fast', float('nan')):
            result, = _set_parameters(probe, ('max_linear_speed', value))
            assert not result.successful, value
            assert 'max_linear_speed' in result.reason, result.reason
        assert _get_parameter(probe, 'max_linear_speed') == pytest.approx(0.15)

        # A faster request is clamped to the new limit, and the robot says so.
        spoken = len(speech)
        command.publish(String(data='go forward half a meter at 0.3 meters per second'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0.1,
                              timeout=MOTION_TIMEOUT), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=MOTION_TIMEOUT)
        speeds = [t.msg.linear.x for t in twists]
        assert max(speeds) <= 0.15 + 1e-9
        assert max(speeds) == pytest.approx(0.15, abs=1e-6)  # it did reach the limit
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(0.5, abs=0.02)
        assert _said(speech, spoken, 'limited', '0.15'), [s.msg.data for s in speech]


def _stamp(received):
    stamp = received.msg.header.stamp
    return stamp.sec + stamp.nanosec * 1e-9


def test_speeds_and_accelerations_stay_within_limits_over_whole_motions(ros_env):
    """
    Check every consecutive pair of commands of a drive and a turn against the limits.

    The acceleration is measured in the agent's time, from the TwistStamped stamps
    (taken in the control callback that computed the velocity), so neither DDS delivery
    jitter nor the probe's arrival times enter it. The controller integrates its ramp
    over the real time between control steps (clamped to two periods), so a late
    tick legitimately allows a larger step than ``accel / control_rate``: the bound is
    ``accel * min(dt, 2 / rate)``, with 10 ms of slack for the time between the
    controller's clock reading and the stamp. The last step to zero, from creep
    speed, is planned to fit in one period too.
    """
    rate, lin_accel, ang_accel, lin_max, ang_max = 20.0, 0.4, 1.5, 0.3, 1.0
    limits = ['-p', f'control_rate:={rate}', '-p', f'max_linear_accel:={lin_accel}',
              '-p', f'max_angular_accel:={ang_accel}', '-p', f'max_linear_speed:={lin_max}',
              '-p', f'max_angular_speed:={ang_max}']
    with node_process(ros_env, *STAMPED) as sim, \
            node_process(ros_env, *STAMPED, *limits, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms, twists, _, command = _start(probe, agent, sim, TwistStamped)
        command.publish(String(data='move forward 1 meter'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.twist.linear.x > 0.1,
                              timeout=MOTION_TIMEOUT), agent.output
        assert probe.wait_for(lambda: _settled(twists, odoms), timeout=MOTION_TIMEOUT)
        count = len(twists)
        command.publish(String(data='turn left 90 degrees'))
        # The drive's last zeros may still be arriving: wait for the turn to start first.
        assert probe.wait_for(lambda: any(t.msg.twist.angular.z > 0.0 for t in twists[count:]),
                              timeout=MOTION_TIMEOUT), agent.output
        turning = next(i for i in range(count, len(twists))
                       if twists[i].msg.twist.angular.z > 0.0)
        assert probe.wait_for(lambda: _settled(twists, odoms, turning),
                              timeout=MOTION_TIMEOUT), agent.output
        assert abs(math.degrees(_yaw(odoms[-1].msg)) - 90.0) <= 1.0

        linear = [t.msg.twist.linear.x for t in twists]
        angular = [t.msg.twist.angular.z for t in twists]
        # The motions reached their cruise speeds (defaults 0.2 m/s and 0.6 rad/s), so the
        # ramps were long enough to test.
        assert max(linear) == pytest.approx(0.2, abs=1e-6)
        assert max(angular) == pytest.approx(0.6, abs=1e-6)
        assert max(abs(v) for v in linear) <= lin_max + 1e-9
        assert max(abs(w) for w in angular) <= ang_max + 1e-9
        stamps = [_stamp(t) for t in twists]
        assert stamps == sorted(stamps)
        slack = 0.010
        for k in range(1, len(twists)):
            dt = min(stamps[k] - stamps[k - 1], 2.0 / rate) + slack
            assert abs(linear[k] - linear[k - 1]) <= lin_accel * dt + 1e-9, \
                (k, linear[k - 1], linear[k], stamps[k] - stamps[k - 1], agent.output)
            assert abs(angular[k] - angular[k - 1]) <= ang_accel * dt + 1e-9, \
                (k, angular[k - 1], angular[k], stamps[k] - stamps[k - 1])
        # At the nominal rate the steps are accel / rate: the ramp is as steep as allowed,
        # not merely slow (the median of the non-zero steps of the drive's ramp-up).
        ramp = [b - a for a, b in zip(linear, linear[1:]) if b - a > 1e-6]
        assert sorted(ramp)[len(ramp) // 2] == pytest.approx(lin_accel / rate, rel=0.2)
