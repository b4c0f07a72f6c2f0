#!/usr/bin/env bash
# Set up .venv at the repo root with voice_nav and what it needs; quick when nothing changed.
# Usage: scripts/setup.sh [EXTRAS]   (default extras: all,test)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
extras=${1:-all,test}
python=${PYTHON:-python3}
venv="$root/.venv"
stamp="$venv/.voice_nav-setup"

# Debian packages: test speech (espeak-ng, sox; flite: voices of the bench) and PortAudio
# for sounddevice.
apt_packages=()
command -v espeak-ng > /dev/null || apt_packages+=(espeak-ng)
command -v flite > /dev/null || apt_packages+=(flite)
command -v sox > /dev/null || apt_packages+=(sox)
ldconfig -p 2> /dev/null | grep -q libportaudio.so.2 || apt_packages+=(libportaudio2)
if [ ${#apt_packages[@]} -gt 0 ]; then
  sudo=$([ "$(id -u)" = 0 ] || echo sudo)
  if command -v apt-get > /dev/null && { [ -z "$sudo" ] || command -v sudo > /dev/null; }; then
    echo "Installing ${apt_packages[*]} with apt-get ..."
    if ! { $sudo apt-get update -qq && \
           DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${apt_packages[@]}"; } \
        > /tmp/voice_nav-apt.log 2>&1; then
      tail -n 20 /tmp/voice_nav-apt.log >&2
      echo "Could not install ${apt_packages[*]}; the tests that need them will skip." >&2
    fi
  else
    echo "Install ${apt_packages[*]} (no apt-get here); tests that need them will skip." >&2
  fi
fi

# The ROS 2 launch tooling from ../shared/ros2-tooling, where that folder is (exit 3: it is not).
ros_tooling() {
  "$root/scripts/ros_tooling.sh" || [ $? -eq 3 ]
}

want=$(cat "$root/setup.py" "$root/scripts/setup.sh" | sha256sum | cut -c1-16)-$extras
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  ros_tooling
  exit 0
fi

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
  echo "voice_nav needs Python 3.10 or newer; $python is $("$python" --version 2>&1)" >&2
  exit 1
fi
echo "Setting up $venv (extras: $extras) ..."
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
log="$venv/setup.log"
# pip's output goes to a log, shown only when it fails.
if ! { "$venv/bin/python" -m pip install --disable-pip-version-check --upgrade pip &&
       "$venv/bin/python" -m pip install --disable-pip-version-check -e "$root[$extras]"; } \
    > "$log" 2>&1; then
  tail -n 40 "$log" >&2
  echo "Set-up failed; the whole pip log is in $log" >&2
  exit 1
fi
echo "$want" > "$stamp"
ros_tooling
echo "Set up: $venv/bin/voice-nav"
