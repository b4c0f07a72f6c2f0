"""
Build voice_nav with colcon in a throwaway workspace, as a ROS 2 user would.

The package is copied to ``ws/src/voice_nav`` under pytest's tmp_path (so build/, install/
and log/ never land in the repo), built with ``colcon build`` and with
``colcon build --symlink-install``, and the install space is checked for what ``ros2 run``
and ``ros2 launch`` look up: the executables in ``lib/voice_nav``, the launch and config
files and package.xml in ``share/voice_nav``, and the ament index marker.
"""

import importlib.util
import json
import os
from pathlib import Path
import shutil
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = 'voice_nav'
HAVE_COLCON = (importlib.util.find_spec('colcon_core') is not None and
               importlib.util.find_spec('colcon_ros') is not None)
HAVE_AMENT_INDEX = importlib.util.find_spec('ament_index_python') is not None
# Run the colcon of this interpreter, so the installed scripts point at it too.
COLCON = [sys.executable, '-c', 'import sys; from colcon_core.command import main; '
          'sys.exit(main())']
# Top-level entries of the repo that are not part of the package's source.
SKIP_TOP = {'build', 'install', 'log', 'out'}
INSTALLED = [
    'share/voice_nav/package.xml',
    'share/voice_nav/launch/agent.launch.py',
    'share/voice_nav/launch/turtlesim.launch.py',
    'share/voice_nav/config/voice_nav.yaml',
    'share/voice_nav/config/diagnostics_analyzers.yaml',
    'share/ament_index/resource_index/packages/voice_nav',
    'lib/voice_nav/agent',
    'lib/voice_nav/sim',
]
EXECUTABLES = ['agent', 'sim']

pytestmark = pytest.mark.skipif(
    not HAVE_COLCON,
    reason='colcon is not installed: pip install -e ".[colcon]" (the test extra has it)')


def _ignore(directory, names):
    """Leave out the venvs, git, caches and build output when copying the package."""
    skip = {n for n in names if n == '__pycache__' or n.endswith('.egg-info')}
    if Path(directory) == ROOT:
        skip |= {n for n in names if n.startswith('.') or n in SKIP_TOP}
    return skip


def _colcon_env(tmp):
    """Return the environment for colcon, kept apart from the user's colcon config."""
    env = dict(os.environ)
    for name in ('COLCON_DEFAULTS_FILE', 'COLCON_LOG_PATH', 'COLCON_LOG_LEVEL'):
        env.pop(name, None)
    env['COLCON_HOME'] = str(tmp / 'colcon_home')
    return env


def _build_log(ws):
    """Return the package's build log, for a failure message."""
    log = ws / 'log' / 'latest_build' / PACKAGE / 'stdout_stderr.log'
    return log.read_text(errors='replace') if log.exists() else '(no package build log)'


@pytest.fixture(scope='module', params=['install', 'symlink-install'])
def prefix(request, tmp_path_factory):
    """Build the package in a fresh workspace; return its install prefix."""
    tmp = tmp_path_factory.mktemp('colcon-' + request.param)
    ws = tmp / 'ws'
    shutil.copytree(ROOT, ws / 'src' / PACKAGE, ignore=_ignore, symlinks=True)
    args = ['build', '--event-handlers', 'desktop_notification-', 'terminal_title-']
    if request.param == 'symlink-install':
        args.append('--symlink-install')
    proc = subprocess.run(
        COLCON + args, cwd=ws, env=_colcon_env(tmp), stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=300)
    assert proc.returncode == 0, (
        'colcon %s failed (rc %d):\n%s\n--- package log ---\n%s'
        % (' '.join(args), proc.returncode, proc.stdout, _build_log(ws)))
    return ws / 'install' / PACKAGE


def test_colcon_installs_package_files(prefix):
    """Install the launch and config files, package.xml, the index marker and executables."""
    missing = [p for p in INSTALLED if not (prefix / p).exists()]
    assert not missing, 'not in %s: %s' % (prefix, ', '.join(missing))
    for name in EXECUTABLES:
        script = prefix / 'lib' / PACKAGE / name
        assert os.access(script, os.X_OK), '%s is not executable' % script
    # colcon-ros adds this hook to ament_python packages only, not to plain Python ones.
    assert (prefix / 'share' / PACKAGE / 'hook' / 'ament_prefix_path.dsv').exists(), \
        'colcon did not build voice_nav as an ament_python package'


@pytest.mark.skipif(not HAVE_AMENT_INDEX, reason='ament_index_python is not installed')
def test_ament_index_finds_installed_package(prefix):
    """Find the share dir and executables through the ament index, as ros2 run does."""
    code = (
        'import json\n'
        'from ament_index_python.packages import get_package_prefix\n'
        'from ament_index_python.packages import get_package_share_directory\n'
        'print(json.dumps([get_package_prefix("voice_nav"),\n'
        '                  get_package_share_directory("voice_nav")]))\n')
    env = dict(os.environ, AMENT_PREFIX_PATH=str(prefix))
    proc = subprocess.run(
        [sys.executable, '-c', code], env=env, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    found_prefix, share = json.loads(proc.stdout.strip().splitlines()[-1])
    assert Path(found_prefix) == prefix
    assert Path(share) == prefix / 'share' / PACKAGE
    for name in EXECUTABLES:
        assert (Path(found_prefix) / 'lib' / PACKAGE / name).is_file()
    assert (Path(share) / 'launch' / 'agent.launch.py').is_file()
