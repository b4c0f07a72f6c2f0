"""The ament_flake8 check of the whole package, as an ament_python package runs it."""

import importlib.util
from pathlib import Path
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ['voice_nav', 'test', 'launch', 'scripts', 'setup.py']

# In a process of its own: flake8 forks its workers, and a fork of a pytest process in
# which an earlier test ran Whisper or onnxruntime (their threads) hung for good.
CHECK = ('import sys\n'
         'from ament_flake8.main import main_with_errors\n'
         'rc, errors = main_with_errors(argv=sys.argv[1:])\n'
         'print("\\n".join(errors))\n'
         'sys.exit(rc)\n')


@pytest.mark.flake8
@pytest.mark.linter
@pytest.mark.skipif(importlib.util.find_spec('ament_flake8') is None,
                    reason='ament_flake8 is not installed (the test extra has it)')
def test_flake8():
    """Check the code style with flake8."""
    done = subprocess.run([sys.executable, '-c', CHECK] +
                          [str(ROOT / p) for p in PATHS if (ROOT / p).exists()],
                          capture_output=True, text=True, timeout=600)
    errors = [line for line in done.stdout.splitlines() if line.strip()]
    assert done.returncode == 0, 'Found %d code style errors / warnings:\n' % len(errors) + \
        '\n'.join(errors) + done.stderr[-2000:]
