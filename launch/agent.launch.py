"""Launch the voice_nav agent, optionally with the diff-drive simulator."""

import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument
from launch.conditions import IfCondition
from launch.substitutions import LaunchConfiguration
from launch_ros.actions import Node


def generate_launch_description():
    """Describe the agent node and, with sim:=true, the simulator."""
    default_params = os.path.join(
        get_package_share_directory('voice_nav'), 'config', 'voice_nav.yaml')
    params_file = LaunchConfiguration('params_file')
    cmd_vel_topic = LaunchConfiguration('cmd_vel_topic')
    use_stamped = LaunchConfiguration('use_stamped')
    namespace = LaunchConfiguration('namespace')
    return LaunchDescription([
        DeclareLaunchArgument('sim', default_value='false',
                              description='also start the diff-drive simulator'),
        DeclareLaunchArgument('params_file', default_value=default_params,
                              description='parameters of the agent node'),
        DeclareLaunchArgument('cmd_vel_topic', default_value='cmd_vel',
                              description='where velocity commands go'),
        DeclareLaunchArgument('use_stamped', default_value='false',
                              description='publish geometry_msgs/TwistStamped'),
        DeclareLaunchArgument('namespace', default_value='',
                              description='namespace of the nodes'),
        Node(
            package='voice_nav', executable='agent', name='voice_nav', namespace=namespace,
            parameters=[params_file, {'use_stamped': use_stamped}],
            remappings=[('cmd_vel', cmd_vel_topic)],
            output='screen', emulate_tty=True),
        Node(
            package='voice_nav', executable='sim', name='voice_nav_sim', namespace=namespace,
            parameters=[{'use_stamped': use_stamped}],
            remappings=[('cmd_vel', cmd_vel_topic)],
            condition=IfCondition(LaunchConfiguration('sim')),
            output='screen'),
    ])
