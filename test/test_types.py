"""The type check: mypy over the framework and the pure layers (mypy.ini), no error allowed."""

import importlib.util
from pathlib import Path
import subprocess
import sys

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(importlib.util.find_spec('mypy') is None,
                    reason='mypy is not installed (the test extra has it: scripts/setup.sh)')
def test_mypy_finds_no_type_error():
    """Run mypy with mypy.ini, in a process of its own, as scripts/test.sh does."""
    done = subprocess.run([sys.executable, '-m', 'mypy', '--config-file',
                           str(ROOT / 'mypy.ini'), '--no-incremental', '--cache-dir', '/dev/null'],
                          cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-6000:] + done.stderr[-2000:]
    assert 'Success: no issues found' in done.stdout, done.stdout
