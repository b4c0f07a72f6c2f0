#!/usr/bin/env bash
# Set up .venv if needed, then run the offline main job: what the robot would do for
# each example utterance (the spoken demo replaces this when it lands).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
examples="$root/examples/commands.txt"
"$root/.venv/bin/voice-nav" parse < "$examples" | paste -d '\n' "$examples" - | sed 'n;s/^/    -> /'
