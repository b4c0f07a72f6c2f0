"""
Launch test: agent.launch.py in a namespace with a params file; its limits hold on cmd_vel.

``namespace:=robot1 params_file:=my.yaml`` used to ignore the file (its ``voice_nav:`` key
matched no node in /robot1): the robot ran at the default 0.3 m/s cap. The file here is
the shipped one, keyed ``/**/voice_nav:``, with max_linear_speed 0.1 m/s.
"""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # launch_test loads by path

from diagnostic_msgs.msg import DiagnosticArray  # noqa: E402
from geometry_msgs.msg import Twist  # noqa: E402
import launch  # noqa: E402
from launch_helpers import graph_env, launched, missing, ROOT  # noqa: E402
import launch_testing.actions  # noqa: E402
import launch_testing.asserts  # noqa: E402
import launch_testing.markers  # noqa: E402
from nav_msgs.msg import Odometry  # noqa: E402
import pytest  # noqa: E402
from ros_helpers import Probe  # noqa: E402
from std_msgs.msg import String  # noqa: E402
import yaml  # noqa: E402

SKIP = missing('voice_nav')
LIMIT = 0.1  # m/s, below the default 0.3 and the default speed 0.2
TIMEOUT = 60.0


def params_file():
    """Write the shipped parameters with a 0.1 m/s cap and no microphone; return the path."""
    document = yaml.safe_load((ROOT / 'config' / 'voice_nav.yaml').read_text())
    parameters = document['/**/voice_nav']['ros__parameters']
    parameters.update(max_linear_speed=LIMIT, audio_input='none')
    handle, path = tempfile.mkstemp(prefix='voice_nav_params_', suffix='.yaml')
    with os.fdopen(handle, 'w') as f:
        yaml.safe_dump(document, f)
    return path


@pytest.mark.launch_test
@pytest.mark.skipif(bool(SKIP), reason=SKIP)
def generate_test_description():
    """Launch the agent and the simulator in /robot1 with the params file."""
    if SKIP:
        return launch.LaunchDescription([launch_testing.actions.ReadyToTest()]), {}
    return launched('agent.launch.py', {'sim': 'true', 'namespace': 'robot1',
                                        'params_file': params_file()})


if SKIP:  # launch_test: nothing launched, and the empty launch must not end the run
    launch_testing.markers.keep_alive(generate_test_description)


@unittest.skipIf(bool(SKIP), SKIP)
class TestNamespacedLimits(unittest.TestCase):

    def test_the_files_speed_cap_holds_on_the_namespaced_cmd_vel(self, domain_id):
        """Drive 0.3 m in /robot1: cmd_vel reaches 0.1 m/s and never more."""
        with Probe(graph_env(domain_id)) as probe:
            twists = probe.subscribe(Twist, '/robot1/cmd_vel')
            odoms = probe.subscribe(Odometry, '/robot1/odom')
            diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
            command = probe.publisher(String, '/robot1/voice_nav/text_command')
            self.assertTrue(probe.wait_for(lambda: odoms, timeout=TIMEOUT), 'no odometry')
            self.assertTrue(probe.wait_for_subscribers(command, timeout=TIMEOUT), 'no agent')
            self.assertTrue(probe.wait_for(lambda: diagnostics, timeout=TIMEOUT))
            command.publish(String(data='move forward 0.3 meters'))
            done = probe.wait_for(lambda: twists and twists[-1].msg == Twist() and
                                  odoms[-1].msg.pose.pose.position.x > 0.25, timeout=TIMEOUT)
            self.assertTrue(done, f'{len(twists)} twists')
            speeds = [t.msg.linear.x for t in twists]
            self.assertAlmostEqual(max(speeds), LIMIT, delta=1e-6)
            self.assertAlmostEqual(odoms[-1].msg.pose.pose.position.x, 0.3, delta=0.03)
            names = {s.name for r in diagnostics for s in r.msg.status}
            self.assertIn('robot1/voice_nav: motion', names)


@unittest.skipIf(bool(SKIP), SKIP)
@launch_testing.post_shutdown_test()
class TestShutdown(unittest.TestCase):

    def test_exit_codes(self, proc_info):
        """Check that every process exited cleanly."""
        launch_testing.asserts.assertExitCodes(proc_info)
