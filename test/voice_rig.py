"""
A test rig for the voice: the real session, offline LLM and MotionController around a pipeline.

The controller is stepped at 20 Hz by a task and its velocities recorded, as
the agent node would publish them; ``TimedSink`` plays audio in real time.
"""

import asyncio
import time

import numpy as np
from voice_nav.agent.session import Agent, AgentSession
from voice_nav.agent.voice import VoicePipeline
from voice_nav.audio import AudioFrame, AudioSink, AudioSource
from voice_nav.motion.contract import INSTRUCTIONS
from voice_nav.motion.controller import Limits, MotionController, Velocity
from voice_nav.motion.functions import robot_functions
from voice_nav.plugins.command_grammar import is_stop_command
from voice_nav.plugins.offline_llm import OfflineLLM

RATE = 16000


class TimedSink(AudioSink):
    """Plays in real time (sleeps the audio's length); stop() cuts it."""

    def __init__(self):
        self.played = []
        self.stopped = 0  # stops that cut a playback
        self.playing = False
        self._stop = asyncio.Event()

    async def play(self, frames):
        """Sleep through each frame unless stopped; record what was played."""
        self._stop.clear()
        self.playing = True
        try:
            async for frame in frames:
                self.played.append(frame.duration)
                try:
                    await asyncio.wait_for(self._stop.wait(), frame.duration)
                    return False
                except asyncio.TimeoutError:
                    pass
            return True
        finally:
            self.playing = False

    def stop(self):
        """Cut the playback."""
        self.stopped += self.playing
        self._stop.set()


class ArraySource(AudioSource):
    """16 kHz samples as 32 ms frames, in real time or as fast as they are taken."""

    def __init__(self, samples, realtime=True):
        self.samples = samples
        self.realtime = realtime

    async def frames(self):
        """Yield the frames, each when its last sample is due in real time."""
        start = time.monotonic()
        step = 512
        for begin in range(0, len(self.samples), step):
            chunk = self.samples[begin:begin + step]
            if self.realtime:
                await asyncio.sleep(max(0.0, start + (begin + len(chunk)) / RATE
                                        - time.monotonic()))
            else:
                await asyncio.sleep(0)
            yield AudioFrame(np.asarray(chunk, dtype=np.float32), RATE)


class Rig:
    """
    A session, a pipeline and a controller stepped at 20 Hz; records every velocity.

    :param llm: the agent's LLM, the offline one by default.
    """

    def __init__(self, *, vad, stt, tts, sink=None, llm=None, **options):
        # No odometry here: the controller moves by time.
        self.controller = MotionController(Limits(allow_open_loop=True))
        self.velocities = []
        agent = Agent(instructions=INSTRUCTIONS, llm=llm or OfflineLLM(),
                      tools=robot_functions(self.controller))
        self.session = AgentSession(agent, stop_detector=is_stop_command,
                                    motion=self.controller)
        self.sink = sink or TimedSink()
        self.pipeline = VoicePipeline(self.session, vad=vad, stt=stt, tts=tts, sink=self.sink,
                                      motion=self.controller, **options)
        self.calls = []
        self.session.on('function_calls_finished',
                        lambda e: self.calls.extend((r.name, r.values) for r in e.results))
        self.metrics = []
        self.dropped = []
        self.pipeline.on('metrics_collected', self._metrics)
        self.pipeline.on('utterance_dropped', lambda text, why: self.dropped.append(why))
        self.controller.on_cancel = lambda: self._publish(Velocity.ZERO)

    def _metrics(self, metrics):
        self.metrics.append(metrics)
        self.metrics.sort(key=lambda m: m.turn)

    def _publish(self, velocity):
        self.velocities.append((time.monotonic(), velocity))
        self.pipeline.on_velocity(velocity != Velocity.ZERO, time.monotonic())

    async def _control(self):
        while True:
            velocity = self.controller.step()
            if velocity is not None:
                self._publish(velocity)
            await asyncio.sleep(0.05)

    async def run(self, source, timeout=120):
        """Run the source through the pipeline; wait for every motion to end."""
        control = asyncio.create_task(self._control())
        try:
            await asyncio.wait_for(self.pipeline.run(source), timeout)
            while self.controller.status().state not in ('idle',):
                await asyncio.sleep(0.05)
        finally:
            control.cancel()
            await self.pipeline.aclose()

    def moving_after(self, t):
        """Say whether any moving velocity went out after monotonic time t."""
        return any(v != Velocity.ZERO for at, v in self.velocities if at > t)
