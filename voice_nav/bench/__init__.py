"""
``voice-nav bench``: what a user waits for and what the agent costs, each beside its target.

Everything runs on the offline defaults. A fixed list of takes (``utterances``:
commands of different lengths, nine voices, clean and noisy), made once and
cached (``speech``), is heard in real time by an agent process, the AgentNode
over real rclpy (``agent``), through Silero, Whisper, the offline LLM and the
MotionController; it drives the simulator, which runs in a process of its own
as a robot's base would, with a second subscription on ``cmd_vel`` that
notes when each Twist arrives. ``timing`` and ``analysis`` turn what the
processes noted into latencies, by stage; ``report`` holds the figures, their
targets and the table. The LLMs are timed in this process (``llms``), the
OpenAI provider against a local server (``openai_server``, which the tests
script too); start-up on fresh ``agent`` processes (``startup``). ``run``
puts it together.

It lives in the package so that ``voice-nav bench`` works wherever voice_nav
is installed: it measures the installed agent, not a checkout.
"""

from .run import bench_main

__all__ = ['bench_main']
