"""voice_nav: drive a ROS 2 robot by talking to it."""

__version__ = '0.1.0'
