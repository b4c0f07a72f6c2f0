"""
Fresh ``agent`` processes timed until they listen, and Piper timed alone.

Start-up runs the agent node on a WAV file of silence, models cached, until
it logs that its voice is ready; the stages come from its own log lines.
Piper alone, in this process, says the agent's replies again: what the TTS
costs without the rest of the agent beside it.
"""

import asyncio
import signal
import subprocess
import sys
import threading
import time

READY_LINE = 'voice ready'  # what the agent node logs once it reads its audio input


def terminate(process, timeout=15.0):
    """End a child process: SIGTERM, then SIGKILL if it is still there after ``timeout``."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def measure_startup(env, wav, timeout=60.0):
    """
    Start the ``agent`` node on a WAV file; time it until it logs that it listens.

    Returns ``total`` (process start to the ready line), ``node`` (to the
    node's first line, when its voice pipeline is built and the models start
    loading) and ``whisper_load`` (as the STT logs it), in seconds. The node
    is stopped with SIGTERM afterwards. Raises RuntimeError, with the end of
    its output, when it does not get there within ``timeout``.
    """
    command = [sys.executable, '-m', 'voice_nav.ros.agent_node', '--ros-args',
               '-p', f'audio_input:={wav}', '-p', 'audio_output:=none']
    ready = threading.Event()
    lines = []
    start = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    seen = {}

    def read():
        for line in process.stdout:
            lines.append(line)
            if 'node' not in seen and '[voice_nav]: listening on' in line:
                seen['node'] = time.monotonic()
            if 'Whisper model' in line and ' loaded in ' in line:
                seen['whisper_load'] = float(line.rsplit(' loaded in ', 1)[1].split()[0])
            if READY_LINE in line and not ready.is_set():
                seen['at'] = time.monotonic()
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        ready.wait(timeout)
    finally:
        terminate(process)
        reader.join(timeout=5.0)
    if 'at' not in seen:
        raise RuntimeError('the agent did not start listening within '
                           f'{timeout:g} s:\n' + ''.join(lines[-20:]))
    return {'total': seen['at'] - start,
            'node': seen['node'] - start if 'node' in seen else None,
            'whisper_load': seen.get('whisper_load')}


def measure_tts_alone(texts):
    """Return Piper's time to first audio (s) for ``texts`` in this process, alone."""
    from ..plugins.piper_tts import PiperTTS
    tts = PiperTTS()
    tts.warm_up()
    metrics = []
    tts.on('metrics_collected', metrics.append)

    async def speak(text):
        async for _ in tts.synthesize(text):
            pass
    for text in texts:
        asyncio.run(speak(text))
    return [m.ttfb for m in metrics if m.ttfb >= 0]
