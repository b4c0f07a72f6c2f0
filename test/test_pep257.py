"""The ament_pep257 check of the whole package, as an ament_python package runs it."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATHS = ['voice_nav', 'test', 'launch', 'scripts', 'setup.py']


@pytest.mark.linter
@pytest.mark.pep257
@pytest.mark.skipif(importlib.util.find_spec('ament_pep257') is None,
                    reason='ament_pep257 is not installed (the test extra has it)')
def test_pep257():
    """Check the docstrings with pep257."""
    from ament_pep257.main import main
    rc = main(argv=[str(ROOT / p) for p in PATHS if (ROOT / p).exists()])
    assert rc == 0, 'Found code style errors / warnings'
