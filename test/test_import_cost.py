"""Importing the framework layer pulls in no heavy or ROS library."""

import subprocess
import sys

HEAVY = ('openai', 'faster_whisper', 'piper', 'rclpy', 'sounddevice', 'ctranslate2')


def test_import_voice_nav_llm_imports_no_provider_library():
    """Import voice_nav.llm in a fresh interpreter and list what came with it."""
    code = ('import sys, voice_nav.llm\n'
            f'print(",".join(m for m in {HEAVY!r} if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == ''
