#!/usr/bin/env bash
# Set up .venv if needed, then run the whole test suite (unit, ROS over DDS, linters).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root"
exec "$root/.venv/bin/python" -m pytest "$@"
