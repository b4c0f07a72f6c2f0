"""
Launch turtlesim and the voice_nav agent driving /turtle1/cmd_vel, open loop.

turtlesim publishes turtlesim/Pose, not nav_msgs/Odometry, so the agent has no odometry:
it drives open loop, timing each motion at its speed, and the turtle ends near, not at,
the goal (within a few percent).
"""

import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.substitutions import LaunchConfiguration
from launch_ros.actions import Node


def generate_launch_description():
    """Describe turtlesim_node and the agent remapped to the turtle (no odometry)."""
    default_params = os.path.join(
        get_package_share_directory('voice_nav'), 'config', 'voice_nav.yaml')
    return LaunchDescription([
        DeclareLaunchArgument('params_file', default_value=default_params,
                              description='parameters of the agent node'),
        Node(package='turtlesim', executable='turtlesim_node', name='turtlesim'),
        Node(
            package='voice_nav', executable='agent', name='voice_nav',
            # turtlesim publishes a Pose, not Odometry: the agent runs open loop, which
            # it refuses unless allowed.
            parameters=[LaunchConfiguration('params_file'), {'allow_open_loop': True}],
            remappings=[('cmd_vel', '/turtle1/cmd_vel'), ('odom', '/turtle1/no_odom')],
            output='screen', emulate_tty=True),
    ])
