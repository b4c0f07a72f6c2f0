"""
Which test modules need ROS 2 to be imported, read from their import statements.

A module needs ROS when importing it imports a ROS package (rclpy, a message package, the
launch tooling), itself or through the test helpers and voice_nav modules it imports.
Only the statements run at import time count: an import inside a function or under
``try`` does not. Nothing is imported to find out, so this works where rclpy is not
installed; the test modules that need ROS are then left out of the collection
(test/conftest.py), not skipped when imported (test_harness.py says why).
"""

import ast
import functools
import importlib.util
from pathlib import Path

TEST_DIR = Path(__file__).resolve().parent
ROOT = TEST_DIR.parent
PROJECT = 'voice_nav'
# Packages of ROS 2 itself besides the message packages (*_msgs, *_srvs).
ROS_PACKAGES = frozenset({
    'rclpy', 'rcl_interfaces', 'rosidl_runtime_py', 'launch', 'launch_ros', 'launch_testing',
    'launch_testing_ros'})


def is_ros_package(name):
    """Say whether a top-level import name is a package of ROS 2."""
    return name in ROS_PACKAGES or name.endswith(('_msgs', '_srvs'))


def _file_of(module):
    """Return the source file of a project or test-helper module, or None for others."""
    parts = module.split('.')
    if parts[0] == PROJECT:
        base = ROOT.joinpath(*parts)
    elif len(parts) == 1:
        base = TEST_DIR / parts[0]
    else:
        return None
    for candidate in (base.with_suffix('.py'), base / '__init__.py'):
        if candidate.is_file():
            return candidate
    return None


def _package_of(path):
    """Return the dotted package a project file is in ('' for the test helpers)."""
    try:
        relative = path.relative_to(ROOT)
    except ValueError:
        return ''
    if relative.parts[0] != PROJECT:
        return ''
    return '.'.join(relative.with_suffix('').parts[:-1])


def _import_time_statements(body):
    """Yield the import statements of a module body that run when it is imported."""
    for statement in body:
        if isinstance(statement, (ast.Import, ast.ImportFrom)):
            yield statement
        elif isinstance(statement, (ast.If, ast.With)):
            yield from _import_time_statements(statement.body)
            yield from _import_time_statements(getattr(statement, 'orelse', []))
        elif isinstance(statement, ast.ClassDef):
            yield from _import_time_statements(statement.body)
        # Functions run later; a try guards an import the module can do without.


def _imported_modules(path):
    """Return the absolute names of the modules a file imports when it is imported."""
    tree = ast.parse(path.read_text(encoding='utf-8'), str(path))
    package = _package_of(path)
    names = []
    for statement in _import_time_statements(tree.body):
        if isinstance(statement, ast.Import):
            names.extend(alias.name for alias in statement.names)
            continue
        base = statement.module or ''
        if statement.level:
            parent = package.split('.')[:len(package.split('.')) - statement.level + 1]
            base = '.'.join(parent + ([base] if base else []))
        names.append(base)
        # "from package import module" imports the module too.
        names.extend(f'{base}.{alias.name}' for alias in statement.names
                     if _file_of(f'{base}.{alias.name}') is not None)
    return names


@functools.lru_cache(maxsize=None)
def external_imports(path):
    """
    Return the top-level names of the packages outside the project a file imports.

    Followed through the project's modules (with their parent packages) and the test
    helpers.
    """
    found, done, todo = set(), set(), [path]
    while todo:
        source = todo.pop()
        if source in done:
            continue
        done.add(source)
        for module in _imported_modules(source):
            parts = module.split('.')
            local = [_file_of('.'.join(parts[:depth])) for depth in range(1, len(parts) + 1)]
            local = [f for f in local if f is not None]
            if local:
                todo.extend(local)
            else:
                found.add(parts[0])
    return frozenset(found)


def ros_imports(path):
    """Return the ROS packages a test module imports when it is imported, by top-level name."""
    return frozenset(name for name in external_imports(Path(path)) if is_ros_package(name))


@functools.lru_cache(maxsize=None)
def importable(name):
    """Say whether a top-level package can be found (without importing it)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a finder that refuses it
        return False


def missing_ros(path):
    """Return the ROS packages a test module imports that are not installed here."""
    return sorted(name for name in ros_imports(path) if not importable(name))
