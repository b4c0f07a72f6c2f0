"""
The AgentRuntime end to end without ROS: typed commands to velocities, e-stop, events.

The test drives the runtime as the node does (``submit_text``, ``update_odom``,
``set_estop``, ``step``) on a simulated clock, with the offline LLM, and
listens to its public events only. It runs in a fresh interpreter that
refuses to import rclpy, so a ROS import creeping into the app fails it.
"""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent('''
    import sys
    import time


    class NoROS:
        """Refuse rclpy and the message packages."""

        def find_spec(self, name, path=None, target=None):
            if name.split('.')[0] in ('rclpy', 'geometry_msgs', 'nav_msgs', 'std_msgs',
                                      'diagnostic_msgs', 'rcl_interfaces'):
                raise ImportError(f'{name} imported by the ROS-free runtime')
            return None


    sys.meta_path.insert(0, NoROS())

    from voice_nav.agent.config import load_config
    from voice_nav.app.runtime import AgentRuntime
    from voice_nav.motion.kinematics import moved
    from voice_nav.motion.plan import Pose2D, Velocity

    now = [0.0]
    runtime = AgentRuntime(load_config({'audio_input': '', 'audio_output': 'none'}),
                           clock=lambda: now[0])
    events = []
    velocities = []
    runtime.on('velocity_commanded', velocities.append)
    runtime.on('motion_cancelled', lambda: events.append('motion_cancelled'))
    runtime.on('user_input_transcribed', lambda e: events.append(('heard', e.text)))
    runtime.on('speech_created', lambda e: events.append(('said', e.text)))

    pose = Pose2D()


    def drive(future):
        """Step a kinematic robot at 20 Hz (simulated) until the turn and its motion end."""
        global pose
        for _ in range(2000):
            velocity = runtime.step()
            if velocity is not None:
                pose = moved(pose, velocity, 0.05)
            now[0] += 0.05
            runtime.update_odom(pose)
            if future.done() and runtime.controller.status().state == 'idle':
                return future.result()
            time.sleep(0.005)  # let the agent loop run
        raise AssertionError('the turn did not end')


    runtime.update_odom(pose)
    turn = drive(runtime.submit_text('move forward 0.5 meters'))
    assert [r.name for r in turn.results] == ['navigate'], turn.results
    assert abs(pose.x - 0.5) < 0.03, pose
    assert any(v.vx > 0.1 for v in velocities) and velocities[-1] == Velocity.ZERO
    assert ('heard', 'move forward 0.5 meters') in events

    # A command then the e-stop: the motion is cancelled and zero goes out at once.
    moving = runtime.submit_text('move forward 2 meters')
    for _ in range(2000):
        if runtime.step() not in (None, Velocity.ZERO):
            break
        now[0] += 0.05
        time.sleep(0.005)
    assert runtime.controller.status().state == 'moving'
    count = len(velocities)
    runtime.set_estop(True)
    assert runtime.estop_active and 'motion_cancelled' in events
    assert velocities[count:] == [Velocity.ZERO]
    moving.result(timeout=30)
    refused = runtime.submit_text('move forward 1 meter').result(timeout=30)
    assert runtime.controller.status().state == 'estop', refused
    assert any('Emergency stop' in r.error for r in refused.results if not r.ok), refused
    runtime.close()
    assert velocities[-1] == Velocity.ZERO
    print('ok')
''')


def test_the_runtime_drives_and_stops_without_ros():
    """Text in, velocities and events out, the e-stop obeyed: no rclpy imported."""
    done = subprocess.run([sys.executable, '-c', SCRIPT], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and done.stdout.strip().endswith('ok'), \
        done.stdout + done.stderr


def test_a_failing_status_report_is_reported_and_raises_nothing(monkeypatch):
    """A report that raises becomes an ERROR status of its stage; the robot still stops."""
    from voice_nav.agent.config import load_config
    from voice_nav.app.runtime import AgentRuntime
    from voice_nav.metrics import Level
    from voice_nav.motion.controller import Velocity

    now = [0.0]
    runtime = AgentRuntime(load_config({'audio_input': '', 'audio_output': 'none'}),
                           clock=lambda: now[0])
    try:
        def broken():
            raise ZeroDivisionError('float division by zero')

        monkeypatch.setattr(runtime.controller, 'status', broken)
        statuses = {stage: (level, message) for stage, level, message, _ in
                    runtime.diagnostics()}
        assert statuses['motion'][0] == Level.ERROR
        assert 'ZeroDivisionError' in statuses['motion'][1], statuses['motion']
        assert set(statuses) >= {'llm', 'audio'}, statuses
        assert statuses['llm'][0] != Level.ERROR, statuses['llm']
        monkeypatch.undo()
        # The controller under it still works: a stop ends in a zero velocity.
        velocities = []
        runtime.on('velocity_commanded', velocities.append)
        runtime.command(Velocity.ZERO)
        assert velocities == [Velocity.ZERO]
    finally:
        runtime.close()
