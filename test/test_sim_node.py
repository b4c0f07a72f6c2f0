"""
Tests of the simulator: its kinematics alone, and the node over real DDS in its own process.

Each ROS test gets a domain of its own (``ros_env``); timeouts are generous so
that a loaded 2-core machine passes too.
"""

import math
import signal
import time

from geometry_msgs.msg import Twist, TwistStamped
from nav_msgs.msg import Odometry
import pytest
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)

from voice_nav.motion.kinematics import integrate


def twist(vx=0.0, vy=0.0, wz=0.0):
    """Return a Twist."""
    msg = Twist()
    msg.linear.x = vx
    msg.linear.y = vy
    msg.angular.z = wz
    return msg


def pose_of(odom):
    """Return ``(x, y, yaw)`` of an Odometry."""
    p = odom.pose.pose
    return p.position.x, p.position.y, 2.0 * math.atan2(p.orientation.z, p.orientation.w)


def stamp_seconds(odom):
    """Return the header stamp of a message in seconds."""
    return odom.header.stamp.sec + odom.header.stamp.nanosec * 1e-9


def is_still(odom):
    """Tell whether an Odometry reports zero velocity."""
    t = odom.twist.twist
    return t.linear.x == 0.0 and t.linear.y == 0.0 and t.angular.z == 0.0


def connect(probe, sim, odom_topic='/odom', cmd_topic='/cmd_vel', cmd_type=Twist):
    """
    Subscribe to the sim's odometry and wait until both directions are discovered.

    :return: the list of received odometry and the command publisher.
    """
    odoms = probe.subscribe(Odometry, odom_topic)
    cmd = probe.publisher(cmd_type, cmd_topic)
    assert probe.wait_for(lambda: odoms), f'no odometry on {odom_topic}:\n{sim.output}'
    assert probe.wait_for_subscribers(cmd), f'nobody subscribes {cmd_topic}:\n{sim.output}'
    return odoms, cmd


# The kinematics, without ROS.

def test_straight_line_follows_the_heading():
    """Drive 0.2 m/s for 1 s facing +x, then facing +y."""
    assert integrate((0.0, 0.0, 0.0), 0.2, 0.0, 0.0, 1.0) == pytest.approx((0.2, 0.0, 0.0))
    x, y, yaw = integrate((1.0, 2.0, math.pi / 2), 0.2, 0.0, 0.0, 1.0)
    assert (x, y, yaw) == pytest.approx((1.0, 2.2, math.pi / 2))


def test_rotation_in_place_does_not_move_and_wraps():
    """Turn at 1 rad/s: the position stays, the yaw stays within [-pi, pi]."""
    assert integrate((0.5, 0.5, 0.0), 0.0, 0.0, 1.0, math.pi / 2) == pytest.approx(
        (0.5, 0.5, math.pi / 2))
    x, y, yaw = integrate((0.0, 0.0, 3.0), 0.0, 0.0, 1.0, 1.0)
    assert (x, y) == (0.0, 0.0)
    assert yaw == pytest.approx(4.0 - 2 * math.pi)


def test_arc_matches_the_closed_form():
    """Drive a quarter circle of radius v / w and compare with the circle; steps agree."""
    v, w = 0.5, 0.25
    radius = v / w
    duration = (math.pi / 2) / w
    assert integrate((0.0, 0.0, 0.0), v, 0.0, w, duration) == pytest.approx(
        (radius, radius, math.pi / 2))
    pose = (0.0, 0.0, 0.0)
    for _ in range(100):
        pose = integrate(pose, v, 0.0, w, duration / 100)
    assert pose == pytest.approx((radius, radius, math.pi / 2))


def test_holonomic_velocity_is_in_the_body_frame():
    """Strafe left at 0.1 m/s facing +y: the robot moves towards -x."""
    assert integrate((0.0, 0.0, math.pi / 2), 0.0, 0.1, 0.0, 2.0) == pytest.approx(
        (-0.2, 0.0, math.pi / 2))


# The node over DDS.

@pytest.mark.ros
def test_drives_forward_and_publishes_odometry(ros_env):
    """Command 0.2 m/s for 1 s (linear.y ignored), then zero: about 0.2 m in x at ~50 Hz."""
    with node_process(ros_env) as sim, Probe(ros_env) as probe:
        odoms, cmd = connect(probe, sim)
        probe.publish_for(cmd, twist(vx=0.2, vy=0.2), rate=20.0, duration=1.0)
        cmd.publish(twist())
        sent = time.monotonic()
        assert probe.wait_for(lambda: odoms[-1].at > sent + 0.2 and is_still(odoms[-1].msg))
        messages = [r.msg for r in odoms]

    x, y, yaw = pose_of(messages[-1])
    assert 0.12 < x < 0.3, sim.output
    assert y == pytest.approx(0.0, abs=1e-6)
    assert yaw == pytest.approx(0.0, abs=1e-6)
    moving = [m.twist.twist for m in messages if not is_still(m)]
    assert moving and all(t.linear.x == pytest.approx(0.2) and t.linear.y == 0.0 for t in moving)
    assert {(m.header.frame_id, m.child_frame_id) for m in messages} == {('odom', 'base_link')}
    rate = (len(messages) - 1) / (stamp_seconds(messages[-1]) - stamp_seconds(messages[0]))
    assert 25.0 < rate < 75.0


@pytest.mark.ros
def test_stops_by_itself_when_commands_stop(ros_env):
    """Command 0.5 s and go quiet: it stops about cmd_timeout later and stays put."""
    with node_process(ros_env) as sim, Probe(ros_env) as probe:
        odoms, cmd = connect(probe, sim)
        probe.publish_for(cmd, twist(vx=0.2), rate=20.0, duration=0.5)
        last_command = time.monotonic()
        assert probe.wait_for(lambda: odoms[-1].at > last_command and is_still(odoms[-1].msg),
                              timeout=5.0), sim.output
        stopped = next(r for r in odoms if r.at > last_command and is_still(r.msg))
        time.sleep(0.5)
        after = [pose_of(r.msg) for r in odoms if r.at >= stopped.at]

    assert 0.3 < stopped.at - last_command < 2.0
    assert len(after) > 5 and len(set(after)) == 1
    assert 0.12 < after[0][0] < 0.3


@pytest.mark.ros
def test_use_stamped_takes_twist_stamped_and_holonomic_strafes(ros_env):
    """With use_stamped and holonomic, a TwistStamped with linear.y moves the robot in y."""
    args = ['--ros-args', '-p', 'use_stamped:=true', '-p', 'holonomic:=true']
    with node_process(ros_env, *args) as sim, Probe(ros_env) as probe:
        odoms, cmd = connect(probe, sim, cmd_type=TwistStamped)
        assert probe.topic_types()['/cmd_vel'] == ['geometry_msgs/msg/TwistStamped']
        msg = TwistStamped()
        msg.header.frame_id = 'base_link'
        msg.twist.linear.y = 0.2
        probe.publish_for(cmd, msg, rate=20.0, duration=0.5)
        cmd.publish(TwistStamped())
        sent = time.monotonic()
        assert probe.wait_for(lambda: odoms[-1].at > sent + 0.2 and is_still(odoms[-1].msg))
        x, y, _ = pose_of(odoms[-1].msg)

    assert 0.05 < y < 0.2, sim.output
    assert x == pytest.approx(0.0, abs=1e-6)


@pytest.mark.ros
def test_namespace_and_initial_pose(ros_env):
    """Under __ns:=/robot1 it speaks on /robot1/*, starting from the initial pose."""
    args = ['--ros-args', '-r', '__ns:=/robot1',
            '-p', 'initial_x:=1.0', '-p', f'initial_yaw:={math.pi / 2}']
    with node_process(ros_env, *args) as sim, Probe(ros_env) as probe:
        odoms, cmd = connect(probe, sim, '/robot1/odom', '/robot1/cmd_vel')
        assert pose_of(odoms[0].msg) == pytest.approx((1.0, 0.0, math.pi / 2))
        assert '/odom' not in probe.topic_types()
        probe.publish_for(cmd, twist(vx=0.2), rate=20.0, duration=0.5)
        cmd.publish(twist())
        sent = time.monotonic()
        assert probe.wait_for(lambda: odoms[-1].at > sent + 0.2 and is_still(odoms[-1].msg))
        x, y, _ = pose_of(odoms[-1].msg)

    assert x == pytest.approx(1.0, abs=1e-6), sim.output
    assert 0.05 < y < 0.2


@pytest.mark.ros
@pytest.mark.parametrize('signum', [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_signal_to_the_group_ends_it_cleanly(ros_env, signum):
    """SIGTERM, SIGINT or SIGHUP to the process group: exit code 0, no traceback."""
    with node_process(ros_env) as sim, Probe(ros_env) as probe:
        odoms = probe.subscribe(Odometry, '/odom')
        assert probe.wait_for(lambda: odoms), sim.output
        code = sim.stop(signum, timeout=30.0)
        assert code == 0, sim.output
        assert not sim.killed
        assert 'Traceback' not in sim.output


@pytest.mark.ros
def test_ctrl_c_in_a_launch_twice_ends_it_cleanly(ros_env):
    """
    SIGINT twice, as Ctrl-C on ros2 launch delivers it (the terminal, then launch).

    The second used to interrupt destroy_node() with a KeyboardInterrupt traceback and
    exit -2, which ros2 launch reports as 'process has died'.
    """
    for gap in (0.0, 0.001, 0.01, 0.05):
        with node_process(ros_env) as sim, Probe(ros_env) as probe:
            odoms = probe.subscribe(Odometry, '/odom')
            assert probe.wait_for(lambda: odoms), sim.output
            sim.send_signal(signal.SIGINT)
            time.sleep(gap)
            sim.send_signal(signal.SIGINT)
            assert sim.wait(timeout=30.0) == 0, (gap, sim.output)
            assert 'Traceback' not in sim.output and 'KeyboardInterrupt' not in sim.output, gap


@pytest.mark.ros
@pytest.mark.parametrize('setting', ['publish_rate:=-1.0', 'cmd_timeout:=0.0', 'initial_x:=.nan',
                                     'use_stamped:=maybe'])
def test_bad_parameter_exits_naming_it(ros_env, setting):
    """A bad parameter value: a non-zero exit and the parameter's name in the output."""
    with node_process(ros_env, '--ros-args', '-p', setting) as sim:
        code = sim.wait(timeout=10.0)
        assert code != 0
        assert setting.split(':=')[0] in sim.output
