"""
Launch the voice_nav agent; with sim:=true the diff-drive simulator beside it.

Examples::

    ros2 launch voice_nav agent.launch.py sim:=true
    ros2 launch voice_nav agent.launch.py namespace:=robot1 params_file:=my.yaml sim:=true
    # A Gazebo robot, TurtleBot 3/4 style (README: Driving a robot in Gazebo):
    ros2 launch voice_nav agent.launch.py use_sim_time:=true use_stamped:=true
        cmd_vel_topic:=/cmd_vel odom_topic:=/odom   (one line)

use_stamped and use_sim_time set the agent's parameters when given and are left to
params_file when not. With sim:=true use_sim_time:=true the simulator publishes /clock
at real_time_factor, as Gazebo does.
"""

import os

from ament_index_python.packages import get_package_share_directory
from launch import LaunchDescription
from launch.actions import DeclareLaunchArgument, OpaqueFunction
from launch.substitutions import LaunchConfiguration
from launch_ros.actions import Node
from voice_nav.ros.parameters import file_value

FLAGS = {'true': True, 'false': False}


def _flag(name, text):
    if text.lower() not in FLAGS:
        raise ValueError(f"launch argument '{name}': true or false, not {text!r}")
    return FLAGS[text.lower()]


def _nodes(context):
    """Make the nodes from the launch arguments' values."""
    def value(name):
        return LaunchConfiguration(name).perform(context)

    namespace = value('namespace').strip('/')
    params_file = value('params_file')
    # Only the arguments given override the file.
    overrides = {name: _flag(name, value(name)) for name in ('use_stamped', 'use_sim_time')
                 if value(name)}
    remappings = [('cmd_vel', value('cmd_vel_topic')), ('odom', value('odom_topic'))]
    nodes = [Node(
        package='voice_nav', executable='agent', name='voice_nav', namespace=namespace,
        parameters=[params_file, overrides] if overrides else [params_file],
        remappings=remappings, output='screen', emulate_tty=True)]
    if _flag('sim', value('sim')):
        agent = f'/{namespace}/voice_nav' if namespace else '/voice_nav'
        sim = {'use_stamped': overrides.get(
            'use_stamped', file_value(params_file, agent, 'use_stamped', False))}
        if overrides.get('use_sim_time'):
            sim.update(publish_clock=True, real_time_factor=float(value('real_time_factor')))
        nodes.append(Node(
            package='voice_nav', executable='sim', name='voice_nav_sim', namespace=namespace,
            parameters=[sim], remappings=remappings, output='screen'))
    return nodes


def generate_launch_description():
    """Describe the agent node and, with sim:=true, the simulator."""
    default_params = os.path.join(
        get_package_share_directory('voice_nav'), 'config', 'voice_nav.yaml')
    arguments = [
        ('sim', 'false', 'also start the diff-drive simulator'),
        ('params_file', default_params, 'parameters of the agent node (key them /**/voice_nav: '
                                        'to apply in any namespace)'),
        ('namespace', '', 'namespace of the nodes'),
        ('cmd_vel_topic', 'cmd_vel', 'where velocity commands go'),
        ('odom_topic', 'odom', 'where odometry comes from'),
        ('use_stamped', '', "publish geometry_msgs/TwistStamped (true/false; '': params_file's)"),
        ('use_sim_time', '', "use the simulator's /clock (true/false; '': params_file's)"),
        ('real_time_factor', '1.0', 'with sim:=true use_sim_time:=true: simulated seconds per '
                                    'second'),
    ]
    return LaunchDescription(
        [DeclareLaunchArgument(name, default_value=default, description=text)
         for name, default, text in arguments] + [OpaqueFunction(function=_nodes)])
