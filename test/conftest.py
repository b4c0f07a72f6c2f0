"""
Fixtures and collection rules shared by the tests.

``ros_env`` isolates each ROS test on its own domain (test/ros_helpers.py).
"""

import importlib.util
import logging

from ros_helpers import ros_env_fixture  # noqa: F401

# Importing launch (launch_testing's pytest plugin does, so every colcon test does) sets
# launch.logging.LaunchLogger as the logger class, and its loggers do not propagate: the
# loggers that test modules create when they import the project, openai or httpx would never
# reach the root logger, where caplog listens. Test modules are imported after this file.
logging.setLoggerClass(logging.Logger)

LAUNCH_TESTS = 'test_launch_*.py'


def _launch_testing_loaded(config):
    return config.pluginmanager.has_plugin('launch_testing') and all(
        importlib.util.find_spec(name) is not None for name in ('launch', 'launch_ros'))


def pytest_ignore_collect(collection_path, config):
    """Leave the launch tests to launch_testing; plain pytest would run their cases bare."""
    if collection_path.match(LAUNCH_TESTS) and not _launch_testing_loaded(config):
        return True
    return None


def pytest_report_header(config):
    """Say whether the launch tests are collected, and why not."""
    if _launch_testing_loaded(config):
        return 'launch tests: collected by the launch_testing plugin'
    return ("launch tests: not collected: launch_testing's pytest plugin is not loaded (it "
            'comes with a ROS 2 install; scripts/setup.sh installs it from '
            '../shared/ros2-tooling where that is present)')
