#!/usr/bin/env bash
# Set up .venv if needed, then run the offline main job: a spoken session (made with
# Piper) through VAD, Whisper, the LLM, the motion controller and the simulator.
# Usage: scripts/demo.sh [--out DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
exec "$root/.venv/bin/voice-nav" demo "$@"
