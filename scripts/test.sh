#!/usr/bin/env bash
# Set up .venv if needed, type-check (mypy.ini), then run the whole test suite (unit, ROS over
# DDS, linters); a type error fails the run but does not stop the tests. Where
# ../shared/ros2-tooling is, also build the package with colcon in a temporary workspace and
# run colcon test and the launch tests (scripts/ros_test.py), as on a ROS 2 install.
# Usage: scripts/test.sh [PYTEST ARGS]   (with arguments: only that pytest run)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
if [ $# -gt 0 ]; then
  exec "$root/.venv/bin/python" -m pytest "$@"
fi
start=$(date +%s)
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT
status=0
if "$root/.venv/bin/python" -m mypy; then
  echo "mypy: no type errors"
else
  echo "mypy: type errors (above); the run fails" >&2
  status=1
fi
pytest_status=0
"$root/.venv/bin/python" -m pytest -p no:cacheprovider --junit-xml="$results/plain.xml" ||
  pytest_status=$?
[ $pytest_status -eq 0 ] || status=$pytest_status
echo "pytest: exit $pytest_status after $(( $(date +%s) - start )) s"
if [ -f "$root/../shared/ros2-tooling/install.sh" ]; then
  "$root/.venv/bin/python" "$root/scripts/ros_test.py" "$results/plain.xml" || status=1
else
  echo "ROS 2 tooling: ../shared/ros2-tooling is not here, so colcon test and the launch" \
       "tests are skipped (on a ROS 2 install: README, In a ROS 2 workspace)."
fi
echo "scripts/test.sh: exit $status after $(( $(date +%s) - start )) s"
exit $status
