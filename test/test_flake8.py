"""The ament_flake8 check of the whole package, as an ament_python package runs it."""

from pathlib import Path

from ament_flake8.main import main_with_errors
import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ['voice_nav', 'test', 'launch', 'scripts', 'setup.py']


@pytest.mark.flake8
@pytest.mark.linter
def test_flake8():
    """Check the code style with flake8."""
    rc, errors = main_with_errors(argv=[str(ROOT / p) for p in PATHS if (ROOT / p).exists()])
    assert rc == 0, 'Found %d code style errors / warnings:\n' % len(errors) + \
        '\n'.join(errors)
