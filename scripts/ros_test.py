#!/usr/bin/env python3
"""
The ROS 2 part of scripts/test.sh: colcon build, colcon test and the launch tests.

Builds voice_nav with colcon in a temporary workspace, runs ``colcon test`` there (the
whole suite under launch_testing's pytest plugin, as on a ROS 2 install), checks that it
ran the same tests as the plain pytest run, launch tests aside, and that the launch tests
found the installed package, then runs each ``test/test_launch_*.py`` with ``launch_test``.
Needs the launch tooling in this interpreter's venv (scripts/ros_tooling.sh).

Usage: .venv/bin/python scripts/ros_test.py PLAIN_JUNIT_XML
"""

import argparse
import os
from pathlib import Path
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = 'voice_nav'
LAUNCH_TESTS = 'test_launch_'
# Top-level entries that are not the package's source.
NOT_SOURCE = {'build', 'install', 'log', 'out'}
# A launch test skipped for this reason did not find the package it was built to test.
NOT_INSTALLED = 'voice_nav is not installed'


def _ignore(directory, names):
    skip = {n for n in names if n == '__pycache__' or n.endswith('.egg-info')}
    if Path(directory) == ROOT:
        skip |= {n for n in names if n.startswith('.') or n in NOT_SOURCE}
    return skip


def _run(command, env, cwd, log=None):
    """Run ``command`` in bash with the workspace sourced; return its exit code."""
    print(f'$ {command}', flush=True)
    done = subprocess.run(['bash', '-c', f'source install/setup.bash && {command}'],
                          cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                          stdout=log, stderr=subprocess.STDOUT if log else None)
    return done.returncode


def junit_cases(path, prefix=''):
    """
    Return ``{test id: outcome}`` of a JUnit XML file: passed, failed, error or skipped.

    :param prefix: the ``--junit-prefix`` to take off class names.
    """
    cases = {}
    for case in ElementTree.parse(path).getroot().iter('testcase'):
        classname = case.get('classname', '')
        if prefix and classname.startswith(prefix + '.'):
            classname = classname[len(prefix) + 1:]
        outcome = 'passed'
        for child in case:
            if child.tag in ('failure', 'error', 'skipped'):
                outcome = {'failure': 'failed'}.get(child.tag, child.tag)
                if child.tag == 'skipped':
                    outcome += ': ' + (child.get('message') or '')
                break
        cases[f'{classname}::{case.get("name")}'] = outcome
    return cases


def compare(plain, colcon):
    """Return the lines that say how colcon test's cases differ from the plain run's."""
    def outside(cases):
        return {k for k in cases if LAUNCH_TESTS not in k}

    problems = []
    for name, (ours, theirs) in {'only in the plain run': (plain, colcon),
                                 'only in colcon test': (colcon, plain)}.items():
        extra = sorted(outside(ours) - outside(theirs))
        if extra:
            problems.append(f'{len(extra)} tests {name}: ' + ', '.join(extra[:10]))
    for case, outcome in colcon.items():
        if LAUNCH_TESTS in case and NOT_INSTALLED in outcome:
            problems.append(f'{case} did not find the package it was built to test')
    return problems


def summary(cases):
    """Return 'N tests: a passed, b failed, ...'."""
    counts = {}
    for outcome in cases.values():
        key = outcome.split(':')[0]
        counts[key] = counts.get(key, 0) + 1
    parts = ', '.join(f'{n} {k}' for k, n in sorted(counts.items()))
    return f'{len(cases)} tests: {parts}'


def main(argv=None):
    """Build, colcon test, compare, launch_test; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('plain_junit_xml', help="the plain pytest run's --junit-xml")
    args = parser.parse_args(argv)
    venv = Path(sys.executable).parent.parent
    work = Path(tempfile.mkdtemp(prefix='voice_nav-ros-'))
    ws = work / 'ws'
    shutil.copytree(ROOT, ws / 'src' / PACKAGE, ignore=_ignore, symlinks=True)
    env = dict(os.environ)
    for name in ('COLCON_DEFAULTS_FILE', 'COLCON_LOG_PATH', 'PYTHONPATH'):
        env.pop(name, None)
    env.update({
        'VIRTUAL_ENV': str(venv),
        'PATH': f'{venv / "bin"}{os.pathsep}{env.get("PATH", "")}',
        'AMENT_PREFIX_PATH': str(venv),  # the ament index of the rclpy wheels
        'COLCON_HOME': str(work / 'colcon_home'),
        'ROS_LOG_DIR': str(work / 'ros_log'),
        'PYTHONUNBUFFERED': '1',
    })
    status = 0
    try:
        start = time.monotonic()
        build = subprocess.run(
            ['colcon', 'build', '--event-handlers', 'desktop_notification-', 'terminal_title-'],
            cwd=ws, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True)
        if build.returncode != 0:
            print(build.stdout)
            print(f'colcon build failed (exit {build.returncode})')
            return 1
        print(f'colcon build: done in {time.monotonic() - start:.0f} s', flush=True)

        start = time.monotonic()
        code = _run('colcon test --event-handlers console_direct+ desktop_notification- '
                    'terminal_title- --pytest-args -p no:cacheprovider', env, ws)
        xml = ws / 'build' / PACKAGE / 'pytest.xml'
        colcon = junit_cases(xml, PACKAGE)
        plain = junit_cases(args.plain_junit_xml)
        launch = {k: v for k, v in colcon.items() if LAUNCH_TESTS in k}
        print(f'colcon test: {summary(colcon)}, of them {len(launch)} launch tests; '
              f'{time.monotonic() - start:.0f} s')
        print(f'plain run:   {summary(plain)}')
        problems = compare(plain, colcon)
        for line in problems:
            print(f'colcon test: {line}')
        if not problems:
            print('colcon test ran every test of the plain run (launch tests aside)')
        # colcon test exits 0 even when tests fail; colcon test-result says.
        failed = [k for k, v in colcon.items() if v in ('failed', 'error')]
        if code != 0 or failed or problems:
            status = 1

        start = time.monotonic()
        for path in sorted((ws / 'src' / PACKAGE / 'test').glob(LAUNCH_TESTS + '*.py')):
            result = work / f'{path.stem}.xml'
            with open(work / f'{path.stem}.log', 'w') as log:
                code = _run(f'launch_test {path} --junit-xml {result}', env, ws, log=log)
            cases = junit_cases(result) if result.exists() else {}
            print(f'launch_test {path.name}: exit {code}, {summary(cases)}', flush=True)
            if code != 0:
                print((work / f'{path.stem}.log').read_text(errors='replace')[-6000:])
                status = 1
        print(f'launch_test: {time.monotonic() - start:.0f} s')
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return status


if __name__ == '__main__':
    sys.exit(main())
