"""
The bench's two child processes: the agent that hears the takes, the simulator that drives.

``agent_main`` runs the AgentNode over real rclpy and feeds it the plan's WAV
files in real time, one take at a time, each once the robot is idle again.
It notes, on ``time.monotonic()``, every Twist published, the transcripts,
each utterance's PipelineMetrics and calls, and every Whisper decode.
``sim_main`` runs the simulator with a second subscription on ``cmd_vel``
that notes when each Twist arrived. Nothing here imports rclpy: the ROS side
comes from ``voice_nav.ros``.
"""

import asyncio
import json
import math
from pathlib import Path
import time

from ..audio import AudioSource

MOVING_BEFORE_STOP = 1.5  # seconds of motion before "stop" is said


class TimedSource(AudioSource):
    """
    WAV files heard one after the other, noting when each frame is handed over.

    Between two files it yields silence until ``wait()`` is true (or
    ``wait_timeout`` passes), as a person who waits for the robot to move
    before saying "stop". The pipeline dates an event of a live source
    ``now - (pushed - event.time)``; ``date`` does the same sum with the frame
    being processed.

    :param parts: WavSources, all realtime or none.
    """

    def __init__(self, parts, wait=None, wait_timeout=20.0):
        self.parts = list(parts)
        self.realtime = self.parts[0].realtime
        self.wait = wait
        self.wait_timeout = wait_timeout
        self._mark = (time.monotonic(), 0.0)
        self._closed = False
        self.span = (math.inf, -math.inf)  # when the first and the last frame were handed over

    async def frames(self):
        """Yield the parts' frames, and silence between them while waiting."""
        import numpy as np
        from ..audio import AudioFrame, SAMPLE_RATE
        pushed = 0.0
        for number, part in enumerate(self.parts):
            if number and self.wait is not None:
                start = time.monotonic()
                silence = AudioFrame(np.zeros(SAMPLE_RATE // 50, np.float32))
                count = 0
                while not self._closed and not self.wait() and \
                        time.monotonic() - start < self.wait_timeout:
                    count += 1
                    await asyncio.sleep(max(0.0, start + count * silence.duration -
                                            time.monotonic()))
                    pushed += silence.duration
                    self._note(pushed)
                    yield silence
            async for frame in part.frames():
                if self._closed:
                    return
                pushed += frame.duration
                self._note(pushed)
                yield frame

    def _note(self, pushed):
        now = time.monotonic()
        self._mark = (now, pushed)
        self.span = (min(self.span[0], now), now)

    def date(self, stream_time):
        """Return the monotonic time of a point ``stream_time`` seconds into the audio."""
        now, pushed = self._mark
        return now - (pushed - stream_time)

    def close(self):
        """Stop yielding frames."""
        self._closed = True
        for part in self.parts:
            part.close()


def _rss_mb():
    """Return this process's resident and peak resident memory in MB (None if unknown)."""
    values = {}
    try:
        with open('/proc/self/status', encoding='utf-8') as f:
            for line in f:
                key, _, rest = line.partition(':')
                if key in ('VmRSS', 'VmHWM'):
                    values[key] = int(rest.split()[0]) / 1024.0
    except OSError:
        pass
    return values.get('VmRSS'), values.get('VmHWM')


class AgentBench:
    """
    The agent process's part: feed the WAVs to the agent's voice and note when things happen.

    :param plan: ``takes`` ([name, text, path]), ``stops`` ([name, drive, stop paths]),
        ``memory`` (paths), ``turns`` and ``out``.
    """

    def __init__(self, plan):
        self.plan = plan
        self.published = []  # (t, moving) of each Twist the agent published
        self.starts = []  # dated onsets of speech
        self.events = {'speech_paused': 0, 'speech_resumed': 0}
        self.transcripts = []  # (t, text)
        self.utterances = []  # the PipelineMetrics of each turn, with its calls
        self.decodes = []  # (start, end, decoded again in 30 s, settled) of each one
        self.stt = []
        self.tts = []
        # (start, end) of each transcription, synthesis and stretch of audio fed to the VAD
        self.busy = {'stt': [], 'tts': [], 'vad': []}
        self.dropped = []
        self.source = None

    def attach(self, runtime):
        """Listen to the runtime's events: velocities, transcripts, the voice's and its STT's."""
        from ..motion.controller import Velocity
        runtime.on('velocity_commanded',
                   lambda v: self.published.append((time.monotonic(), v != Velocity.ZERO)))
        runtime.on('user_input_transcribed',
                   lambda e: self.transcripts.append((time.monotonic(), e.text)))
        runtime.on('speech_started', lambda e: self.starts.append(self.source.date(e.time)))
        for kind in self.events:
            runtime.on(kind, lambda e, kind=kind: self._count(kind))
        runtime.on('utterance_dropped', lambda text, why: self.dropped.append([text, why]))
        runtime.on('turn_finished', self._turn_finished)
        stt = runtime.voice.stt
        seen = [getattr(stt, 'redecoded', 0), getattr(stt, 'settled', 0)]

        def decoded(m):
            # Decodes run one at a time, so the counters moved for this one alone.
            counts = [getattr(stt, 'redecoded', 0), getattr(stt, 'settled', 0)]
            now = time.monotonic()
            self.decodes.append((now - m.duration, now, counts[0] > seen[0],
                                 counts[1] > seen[1]))
            seen[:] = counts
            if not m.error:
                self.stt.append([m.duration, m.real_time_factor])
                self.busy['stt'].append((now - m.duration, now))
        runtime.on('stt_metrics', decoded)

        def synthesized(m):
            now = time.monotonic()
            self.busy['tts'].append((now - m.duration, now))
            if not m.error and m.ttfb >= 0:
                self.tts.append([m.ttfb, m.real_time_factor, m.characters])
        runtime.on('tts_metrics', synthesized)

    def _count(self, kind):
        self.events[kind] += 1

    def _turn_finished(self, turn, m):
        self.utterances.append({
            'number': turn.number, 'text': turn.text, 'said': turn.said,
            'calls': [[r.name, dict(r.values)] for r in turn.results],
            'speech_end': m.speech_end, 'endpoint': m.endpoint, 'stt_started': m.stt_started,
            'stt_duration': m.stt_duration, 'stt_latency': m.stt_latency,
            'command_latency': m.command_latency})

    def moving_for(self):
        """Return for how long the agent has been publishing moving Twists without a break."""
        published = self.published[-400:]
        if not published or not published[-1][1] or time.monotonic() - published[-1][0] > 0.2:
            return 0.0
        first = published[-1][0]
        for t, moving in reversed(published):
            if not moving or first - t > 0.2:
                break
            first = t
        return published[-1][0] - first

    def feed(self, runtime, executor, shutdown, paths, realtime=True, wait=None):
        """Feed WAV files as one stream; return when it began and when the robot was idle."""
        from ..plugins.audio_io import WavSource
        from ..ros.process import spin_until
        self.source = TimedSource([WavSource(p, realtime=realtime) for p in paths], wait=wait)
        start = time.monotonic()
        future = runtime.listen(self.source)
        spin_until(executor, future.done, shutdown)
        self.busy['vad'].append(self.source.span)
        spin_until(executor, lambda: runtime.controller.status().state == 'idle', shutdown,
                   deadline=time.monotonic() + 30.0)
        if not shutdown.requested:
            future.result()
        return start, time.monotonic()

    def run(self, node, executor, shutdown):
        """Do the whole plan; return what happened when."""
        from ..plugins.audio_io import WavFolderSink
        from ..ros.process import spin_until
        runtime = node.runtime
        controller = runtime.controller
        # The simulator's process: its odometry, its subscription and the recorder's.
        spin_until(executor, lambda: controller.status().odom_age is not None and
                   node.cmd_pub.get_subscription_count() >= 2, shutdown,
                   deadline=time.monotonic() + 30.0)
        if node.cmd_pub.get_subscription_count() < 2:
            raise RuntimeError('the simulator and its cmd_vel recorder did not appear')
        runtime.start_voice(sink=WavFolderSink(Path(self.plan['out']) / 'answers'),
                            listen=False)
        self.attach(runtime)
        takes, stops = [], []
        for name, text, path in self.plan['takes']:
            start, until = self.feed(runtime, executor, shutdown, [path])
            takes.append({'name': name, 'text': text, 'start': start, 'until': until})
        for name, *paths in self.plan['stops']:
            starts = len(self.starts)
            before = controller.status().pose
            # "Stop" once the robot has driven for a while.
            start, until = self.feed(runtime, executor, shutdown, paths,
                                     wait=lambda: self.moving_for() >= MOVING_BEFORE_STOP)
            after = controller.status().pose
            stops.append({'name': name, 'start': start, 'until': until,
                          'starts': self.starts[starts:],
                          'driven': math.dist((before.x, before.y), (after.x, after.y))})
        memory = self.plan['memory']  # more turns, up to ``turns`` in all, for the memory
        for number in range(2 * self.plan['turns']):
            if len(self.utterances) >= self.plan['turns'] or shutdown.requested:
                break
            self.feed(runtime, executor, shutdown, [memory[number % len(memory)]],
                      realtime=False)
        rss, peak = _rss_mb()
        return {
            'takes': takes, 'stops': stops, 'utterances': self.utterances,
            'published': self.published, 'transcripts': self.transcripts,
            'decodes': self.decodes, 'events': self.events, 'busy': self.busy,
            'stt': self.stt, 'tts': self.tts, 'rss_mb': rss, 'peak_rss_mb': peak,
            'dropped': self.dropped,
            'llm_ttft_in_pipeline': {'n': len(runtime.metrics.llm.ttft),
                                     **runtime.metrics.llm.ttft.summary()},
            'control_rate': runtime.config.control_rate,
        }


def agent_main(plan_path, result_path):
    """Run the AgentNode, do the plan, write what happened as JSON."""
    from ..ros.agent_node import AgentNode
    from ..ros.process import run_nodes
    with open(plan_path, encoding='utf-8') as f:
        plan = json.load(f)
    bench = AgentBench(plan)

    def work(node, executor, shutdown):
        result = bench.run(node, executor, shutdown)
        with open(result_path, 'w', encoding='utf-8') as f:
            json.dump(result, f)
        return 130 if shutdown.requested else 0

    args = ['voice-nav-bench', '--ros-args', '-p', "audio_input:=''", '-p', 'audio_output:=none']
    for param in plan.get('params', []):
        args += ['-p', param]
    return run_nodes(lambda: [AgentNode()], args=args, work=work)


def sim_main(result_path):
    """
    Run the simulator with a second subscription on ``cmd_vel`` that notes each arrival.

    Until SIGTERM; then write the (t, moving) of every Twist received as JSON.
    """
    from ..ros.process import run_nodes, spin_until
    from ..ros.sim_node import SimNode
    received = []

    def record(msg):
        at = time.monotonic()
        twist = getattr(msg, 'twist', msg)  # TwistStamped or Twist
        received.append((at, any((twist.linear.x, twist.linear.y, twist.angular.z))))

    def work(sim, executor, shutdown):
        # The message type and topic of the simulator's own subscription.
        own = next(s for s in sim.subscriptions if s.topic_name.endswith('cmd_vel'))
        sim.create_subscription(own.msg_type, own.topic_name, record, 10)
        print('recording cmd_vel', flush=True)
        spin_until(executor, lambda: False, shutdown)
        with open(result_path, 'w', encoding='utf-8') as f:
            json.dump(received, f)
        return 0

    return run_nodes(lambda: [SimNode()], args=['voice-nav-bench-sim', '--ros-args'], work=work)
