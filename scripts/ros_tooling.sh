#!/usr/bin/env bash
# Install the ROS 2 launch tooling (launch, launch_ros, launch_testing, the ros2 command) from
# ../shared/ros2-tooling into .venv, when that folder exists; quick when nothing changed.
# Exit 0 when installed, 3 when the folder is absent (a ROS 2 install has its own tooling),
# 1 when the install failed.
# Usage: scripts/ros_tooling.sh   (scripts/setup.sh calls it)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
tooling="$root/../shared/ros2-tooling"
venv="$root/.venv"
stamp="$venv/.ros-tooling-setup"

if [ ! -f "$tooling/install.sh" ]; then
  exit 3
fi
# Again after scripts/setup.sh ran pip (its stamp is part of this one): pip may have put back
# what install.sh replaces (lark-parser).
want=$( { cat "$root/scripts/ros_tooling.sh" "$tooling/install.sh" "$venv/.voice_nav-setup";
          find "$tooling/src" "$tooling/stand-ins" -maxdepth 2 -name package.xml -o \
            -maxdepth 2 -name setup.py | sort | xargs cat; } | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
echo "Installing the ROS 2 tooling from ../shared/ros2-tooling into $venv ..."
# pip builds in the source tree: build from a private copy, never in the shared folder.
copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
cp -r "$tooling/." "$copy/"
chmod -R u+w "$copy"
log="$venv/ros-tooling.log"
if ! bash "$copy/install.sh" "$venv" > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "Installing the ROS 2 tooling failed; the whole log is in $log" >&2
  exit 1
fi
echo "$want" > "$stamp"
tail -n 1 "$log"
