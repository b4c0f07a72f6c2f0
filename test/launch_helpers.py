"""
Helpers for the launch tests (``test_launch_*.py``), which launch_testing runs.

They run under ``colcon test`` and plain pytest where launch_testing's pytest plugin is
loaded, and alone with ``launch_test test/test_launch_x.py`` (which loads the file by its
path: the file puts this folder on ``sys.path`` itself). Without the plugin, pytest does not
collect them (conftest.py).

A launch test that cannot run here (a ROS package not installed) skips: under pytest by a
``skipif`` marker on ``generate_test_description`` (launch_testing copies its markers to the
test), under ``launch_test`` by launching nothing and skipping its test cases. Each launch
gets a ROS domain of its own, localhost only, as ``ros_env`` gives the other tests, so that
runs in parallel on one machine do not see each other's topics.
"""

import os
from pathlib import Path

import launch
from launch.actions import IncludeLaunchDescription, SetEnvironmentVariable
from launch.launch_description_sources import PythonLaunchDescriptionSource
import launch_testing.actions
from voice_nav.ros.domain import claim_domain_id

ROOT = Path(__file__).resolve().parents[1]
# The domain locks, held until the process ends (they are flocks on open files).
_held_locks = []


def missing(*packages):
    """
    Return why a launch test cannot run here, or '' when it can.

    :param packages: ROS packages that must be in the ament index (AMENT_PREFIX_PATH).
    """
    try:
        from ament_index_python.packages import get_package_prefix, PackageNotFoundError
    except ImportError:
        return 'ament_index_python is not installed'
    for package in packages:
        try:
            get_package_prefix(package)
        except (PackageNotFoundError, EnvironmentError):  # EnvironmentError: no index at all
            if package == 'voice_nav':
                return ('voice_nav is not installed in a ROS workspace: colcon build, then '
                        'source install/setup.bash (scripts/test.sh does both)')
            return f'the ROS package {package} is not installed'
    return ''


def isolated_graph():
    """
    Claim a ROS domain id for this launch.

    :return: the domain id, and the launch actions that give it to the launched processes.
    """
    domain_id, lock = claim_domain_id()
    _held_locks.append(lock)
    # The test's own Probes too: localhost discovery on both sides.
    os.environ['ROS_AUTOMATIC_DISCOVERY_RANGE'] = 'LOCALHOST'
    return domain_id, [
        SetEnvironmentVariable('ROS_DOMAIN_ID', str(domain_id)),
        SetEnvironmentVariable('ROS_AUTOMATIC_DISCOVERY_RANGE', 'LOCALHOST'),
        SetEnvironmentVariable('PYTHONUNBUFFERED', '1'),
    ]


def graph_env(domain_id):
    """Return the ``env`` a Probe takes, for the launch's domain."""
    return {'ROS_DOMAIN_ID': str(domain_id)}


def launched(launch_file, arguments=None):
    """
    Return what ``generate_test_description`` returns for one of voice_nav's launch files.

    The installed ``launch_file`` included with ``arguments``, on a domain of its own, then
    ReadyToTest; the context gives the tests the ``domain_id``.

    :param arguments: the launch arguments by name, as ``ros2 launch`` takes them.
    """
    from ament_index_python.packages import get_package_share_directory
    share = get_package_share_directory('voice_nav')
    domain_id, environment = isolated_graph()
    included = IncludeLaunchDescription(
        PythonLaunchDescriptionSource(os.path.join(share, 'launch', launch_file)),
        launch_arguments=(arguments or {}).items())
    return launch.LaunchDescription([
        *environment, included, launch_testing.actions.ReadyToTest()]), {'domain_id': domain_id}
