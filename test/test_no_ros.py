"""
The suite without ROS: where rclpy is not installed, the tests not marked ros are collected.

A subprocess collects ``-m 'not ros'`` with every ROS package made unimportable, as in a
venv without the ros extra; a test module that needs ROS and is not recognised as such
(test/ros_collection.py) fails to import there, and this test names it.
"""

from pathlib import Path
import re
import subprocess
import sys

from ros_collection import ros_imports, ROS_PACKAGES, TEST_DIR

ROOT = TEST_DIR.parent
# A finder first in line that refuses the ROS packages, as if they were not installed.
WITHOUT_ROS = ('import sys\n'
               'hidden = set(sys.argv[1].split(","))\n'
               'class Hide:\n'
               '    def find_spec(self, name, path=None, target=None):\n'
               '        if name.partition(".")[0] in hidden:\n'
               '            raise ModuleNotFoundError(f"No module named {name!r}", name=name)\n'
               'sys.meta_path.insert(0, Hide())\n'
               'import pytest\n'
               'sys.exit(pytest.main(sys.argv[2:]))\n')
# Their pytest plugins import launch and rclpy as pytest starts.
ROS_PLUGINS = ('launch_testing', 'launch_ros')


def _ros_names():
    """Return the ROS packages to hide: ROS 2's own and every one a test module imports."""
    names = set(ROS_PACKAGES)
    for path in TEST_DIR.glob('test_*.py'):
        names |= ros_imports(path)
    return sorted(names)


def test_the_tests_not_marked_ros_are_collected_without_rclpy():
    """Collect ``-m 'not ros'`` with ROS hidden: no error, the ROS modules left out, said why."""
    names = _ros_names()
    assert 'rclpy' in names and 'geometry_msgs' in names, names
    plugins = [arg for name in ROS_PLUGINS for arg in ('-p', f'no:{name}')]
    done = subprocess.run(
        [sys.executable, '-c', WITHOUT_ROS, ','.join(names), '-m', 'not ros', '--collect-only',
         '-q', '-p', 'no:cacheprovider', *plugins, str(TEST_DIR)],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    collected = {line.split('::')[0] for line in done.stdout.splitlines() if '::' in line}
    ros_modules = {p.name for p in TEST_DIR.glob('test_*.py') if ros_imports(p)}
    assert ros_modules and not {Path(c).name for c in collected} & ros_modules
    assert 'test/test_chat_context.py' in collected and 'test/test_session.py' in collected
    count = re.search(r'(\d+)(?:/\d+)? tests? collected', done.stdout)
    assert count and int(count.group(1)) > 500, done.stdout[-2000:]


def test_the_report_header_says_why_the_ros_modules_are_left_out():
    """Show one header line naming rclpy as missing when it is."""
    done = subprocess.run(
        [sys.executable, '-c', WITHOUT_ROS, ','.join(_ros_names()), '--collect-only',
         '-p', 'no:cacheprovider', '-p', 'no:launch_testing', '-p', 'no:launch_ros',
         str(TEST_DIR / 'test_chat_context.py')],
        cwd=ROOT, capture_output=True, text=True, timeout=300)
    lines = [line for line in done.stdout.splitlines() if line.startswith('ros tests:')]
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert len(lines) == 1, done.stdout[:3000]
    assert 'not collected' in lines[0] and 'rclpy' in lines[0] and 'not installed' in lines[0]
