"""
The test set-up itself: what ``colcon test`` needs to run every test, not skip the directory.

launch_testing's pytest plugin (loaded by every ``colcon test`` on a ROS install, and here
when ../shared/ros2-tooling is installed) imports each test module while collecting, so a
module-level skip skips the whole directory; and it imports ``launch``, which makes every
logger created afterwards stop propagating to the root logger, where caplog listens.
"""

import ast
import logging
from pathlib import Path

TEST_DIR = Path(__file__).resolve().parent
SKIPPING_CALLS = {'importorskip', 'skip'}


def _module_level_skips(path):
    """Return the line numbers of pytest skip calls run when the module is imported."""
    tree = ast.parse(path.read_text(encoding='utf-8'), str(path))
    found = []
    for statement in tree.body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr in SKIPPING_CALLS and \
                    isinstance(node.func.value, ast.Name) and node.func.value.id == 'pytest':
                found.append(node.lineno)
    return found


def test_no_test_module_skips_when_imported():
    """Skip inside tests or with markers: a module-level skip skips all of colcon test."""
    offenders = {}
    for path in sorted(TEST_DIR.glob('test_*.py')):
        lines = _module_level_skips(path)
        if lines:
            offenders[path.name] = lines
    assert not offenders, f'module-level pytest skips (file: lines): {offenders}'


def test_a_logger_made_now_reaches_caplog(caplog):
    """A logger created during the run propagates to the root logger, whatever launch did."""
    logger = logging.getLogger('voice_nav.test_harness.fresh')
    assert logger.propagate, f'{type(logger).__module__}.{type(logger).__name__} does not ' \
                             'propagate'
    with caplog.at_level(logging.INFO):
        logger.info('heard by caplog')
    assert 'heard by caplog' in caplog.text


def test_the_project_loggers_reach_caplog(caplog):
    """The project's module loggers, made when test modules imported them, propagate too."""
    import voice_nav.events
    import voice_nav.llm.llm
    for logger in (voice_nav.events.logger, voice_nav.llm.llm.logger):
        assert logger.propagate, logger.name
    with caplog.at_level(logging.WARNING, logger='voice_nav.events'):
        voice_nav.events.logger.warning('events logger heard')
    assert 'events logger heard' in caplog.text
