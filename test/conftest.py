"""
Fixtures and collection rules shared by the tests.

``ros_env`` isolates each ROS test on its own domain (test/ros_helpers.py). Every test
that needs ROS is marked ``ros``: those taking ``ros_env`` and those in a module that
imports a ROS package (test/ros_collection.py), besides the ones marked by hand. Where
rclpy is not installed, nothing here imports it, the modules that import ROS packages are
not collected, and the rest run: ``-m 'not ros'`` is the suite without ROS. The modules
whose tests take seconds each (SLOW_MODULES) are marked ``slow``: ``-m 'not ros and not
slow'`` is the quick run.
"""

import importlib.util
import logging
from pathlib import Path

import pytest
from ros_collection import importable, missing_ros, ros_imports, TEST_DIR

if importable('rclpy'):
    from ros_helpers import ros_env_fixture  # noqa: F401
else:
    @pytest.fixture(name='ros_env')
    def ros_env_fixture():
        """Skip: an isolated ROS graph needs rclpy."""
        pytest.skip('needs rclpy, which is not installed here (the ros extra: scripts/setup.sh)')

# Importing launch (launch_testing's pytest plugin does, so every colcon test does) sets
# launch.logging.LaunchLogger as the logger class, and its loggers do not propagate: the
# loggers that test modules create when they import the project, openai or httpx would never
# reach the root logger, where caplog listens. Test modules are imported after this file.
logging.setLoggerClass(logging.Logger)

LAUNCH_TESTS = 'test_launch_*.py'
# Modules whose tests take seconds each, and why: most of the suite's time.
SLOW_MODULES = {
    'test_early_voice.py': 'Whisper on Piper speech',
    'test_piper_tts.py': 'Piper voices',
    'test_silero_vad.py': 'Silero on real speech',
    'test_voice_chain.py': 'Whisper on Piper speech',
    'test_voice_node.py': 'Whisper on Piper speech',
    'test_whisper_stt.py': 'Whisper models',
    'test_drill_llm_endpoint.py': 'waits out LLM endpoint timeouts in real time',
    'test_early_endpointing.py': 'speech and silences in real time',
    'test_stop_races.py': 'stop races in real time',
    'test_voice_pipeline.py': 'speech and motion in real time',
    'test_flake8.py': 'flake8 over the whole package',
    'test_pep257.py': 'pep257 over the whole package',
    'test_types.py': 'mypy over the framework',
}


def _launch_testing_loaded(config):
    return config.pluginmanager.has_plugin('launch_testing') and all(
        importlib.util.find_spec(name) is not None for name in ('launch', 'launch_ros'))


def pytest_ignore_collect(collection_path, config):
    """
    Leave out the test modules that cannot be imported here.

    The launch tests are launch_testing's (plain pytest would run their cases bare); a
    module importing a ROS package that is not installed would fail to import.
    """
    if collection_path.match(LAUNCH_TESTS) and not _launch_testing_loaded(config):
        return True
    if collection_path.match('test_*.py') and missing_ros(collection_path):
        return True
    return None


def pytest_collection_modifyitems(config, items):
    """Mark ``ros`` the tests that take ``ros_env`` or whose module imports ROS; ``slow``."""
    for item in items:
        path = Path(item.path)
        if 'ros_env' in getattr(item, 'fixturenames', ()) or ros_imports(path):
            item.add_marker(pytest.mark.ros)
        if path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


def _ros_report():
    """Say in one line whether the test modules that import ROS are collected, and why not."""
    modules = [p for p in sorted(TEST_DIR.glob('test_*.py')) if ros_imports(p)]
    left_out = [p for p in modules if missing_ros(p)]
    if not left_out:
        return (f'ros tests: collected ({len(modules)} modules import ROS) and marked ros; '
                "-m 'not ros' leaves them out")
    missing = sorted({name for p in left_out for name in missing_ros(p)},
                     key=lambda name: (name != 'rclpy', name))
    shown = ', '.join(missing[:3]) + (', ...' if len(missing) > 3 else '')
    return (f'ros tests: {len(left_out)} of the {len(modules)} modules that import ROS not '
            f'collected: {shown} not installed (the ros extra: scripts/setup.sh)')


def pytest_report_header(config):
    """Say whether the ROS and the launch tests are collected, and why not."""
    lines = [_ros_report()]
    if _launch_testing_loaded(config):
        return lines + ['launch tests: collected by the launch_testing plugin']
    return lines + ["launch tests: not collected: launch_testing's pytest plugin is not loaded "
                    '(it comes with a ROS 2 install; scripts/setup.sh installs it from '
                    '../shared/ros2-tooling where that is present)']
