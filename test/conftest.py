"""Fixtures shared by the tests: ``ros_env`` isolates each ROS test on its own domain."""

from ros_helpers import ros_env_fixture  # noqa: F401
