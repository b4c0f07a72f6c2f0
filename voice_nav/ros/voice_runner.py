"""
Recorded speech through the whole chain: ``voice-nav run --audio`` and ``voice-nav demo``.

Each WAV file is fed in real time, as a microphone would hear it, once the
motion of the file before has ended; a file may hold several utterances, so a
stop can arrive while the robot moves.
"""

import asyncio
import os
from pathlib import Path
import sys
import tempfile
import time

import numpy as np

from .process import spin_until
from ..app.text import call_text, ms_text, pose_text

DEMO_STEPS = [
    ['Move forward one meter.'],
    ['Turn left ninety degrees.'],
    ['Go back half a meter.'],
    ['What is your status?'],
    ['Move forward two meters.'],
    ['Stop!'],
]
"""The demo's spoken session: one list of utterances a file."""
DEMO_WHILE_MOVING = frozenset({5})
"""The demo's files spoken into a motion under way (the stop), by index."""


def _take_file(heard_in, text, path):
    """Return (and forget) the file ``text`` was first heard in; else ``path``'s name."""
    for index, (heard, name) in enumerate(heard_in):
        if heard == text:
            del heard_in[index]
            return name
    return os.path.basename(path)


def feed_audio(node, executor, shutdown, paths, log, sink=None, out=sys.stdout,
               while_moving=frozenset(), moving_for=1.0):
    """
    Feed WAV files to the agent's voice, each once the motion before has ended.

    Prints each turn: what was heard, the calls, what was said, the timings
    and the pose after it. Returns an exit code.

    :param while_moving: indices of files to feed instead ``moving_for``
        seconds into the motion the file before started (a spoken stop),
        however long that file took to be understood.
    """
    from ..plugins.audio_io import WavSource
    runtime = node.runtime
    controller = runtime.controller
    if runtime.voice is None and runtime.start_voice(sink=sink, listen=False) is None:
        return 2  # the runtime has said why
    finished = []
    runtime.on('turn_finished', lambda turn, metrics: finished.append((turn, metrics)))
    runtime.on('utterance_dropped',
               lambda text, why: log.write('dropped', text=text, reason=why))
    runtime.on('speech_started', lambda e: log.write('speech_started', audio_time=e.time))
    runtime.on('speech_ended', lambda e: log.write('speech_ended', audio_time=e.time))
    runtime.on('pipeline_metrics', lambda m: log.write('pipeline_metrics', **vars(m)))
    heard_in = []  # (text, file) in the order heard: a turn may end in a later file
    feeding = {}
    runtime.on('user_input_transcribed',
               lambda e: heard_in.append((e.text, feeding['file'])))
    printed = 0
    listening = []  # the files being heard: more than one when one speaks into a motion

    def moving():
        return controller.status().state == 'moving'

    for index, path in enumerate(paths):
        if index in while_moving:  # once the motion is under way, or its turn ended without
            spin_until(executor, lambda: moving() or len(finished) > printed, shutdown,
                       deadline=time.monotonic() + 15.0)
            if moving():
                spin_until(executor, lambda: False, shutdown,
                           deadline=time.monotonic() + moving_for)
        try:
            source = WavSource(path, realtime=True)
        except ValueError as e:  # AudioFileError: not audio, or unreadable
            print(f'voice-nav: error: {e}', file=sys.stderr)
            return 2
        feeding['file'] = os.path.basename(path)
        listening.append(runtime.listen(source))
        if index + 1 in while_moving:
            continue  # the next file speaks into the motion this one starts
        spin_until(executor, lambda: all(f.done() for f in listening), shutdown)
        if shutdown.requested:
            return 130
        spin_until(executor, lambda: controller.status().state == 'idle', shutdown)
        for future in listening:
            future.result()
        listening.clear()
        pose = controller.status().pose
        for turn, metrics in sorted(finished[printed:], key=lambda item: item[0].number):
            print(f'> "{turn.text}"  ({_take_file(heard_in, turn.text, path)})', file=out)
            for result in turn.results:
                print(f'  call: {call_text(result)}', file=out)
            for sentence in turn.said:
                print(f'  says: {sentence}', file=out)
            print(f'  time: speech-to-text {ms_text(metrics.stt_latency)}, '
                  f'first motion {ms_text(metrics.command_latency)}, '
                  f'first audio {ms_text(metrics.response_latency)}'
                  + (f', barge-in stop {ms_text(metrics.barge_in_latency)}'
                     if metrics.barge_in_latency is not None else ''), file=out)
        printed = len(finished)
        print(f'  pose: {pose_text(pose)}', file=out, flush=True)
    return 0


def synthesize_steps(steps, folder, tts=None, gap=3.0):
    """
    Speak each step's utterances with Piper into ``folder/input_NN.wav``; return the paths.

    Utterances of one step are ``gap`` seconds apart (a stop while moving). The
    default voice speaks with Piper's noise off, so every run hears the same takes (with
    it, "What is your status?" came back as no words in one run of many).
    """
    from ..plugins.audio_io import write_wav
    from ..plugins.piper_tts import PiperTTS
    tts = tts or PiperTTS(noise_scale=0.0, noise_w_scale=0.0)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, utterances in enumerate(steps, 1):
        pieces = [np.zeros(int(0.4 * tts.sample_rate), np.float32)]
        for index, text in enumerate(utterances):
            if index:
                pieces.append(np.zeros(int(gap * tts.sample_rate), np.float32))
            pieces.append(np.concatenate(asyncio.run(_speak(tts, text))))
        pieces.append(np.zeros(int(0.8 * tts.sample_rate), np.float32))
        path = folder / f'input_{number:02d}.wav'
        write_wav(path, np.concatenate(pieces), tts.sample_rate)
        paths.append(str(path))
    return paths


async def _speak(tts, text):
    return [frame.data async for frame in tts.synthesize(text)]


def run_demo(options):
    """Speak a session with Piper, run it through the whole chain and report."""
    from .agent_node import AgentNode
    from .process import run_nodes
    from .runner import EventLog, plot_path
    from .sim_node import SimNode
    from ..plugins.audio_io import WavFolderSink
    out = Path(options.out or tempfile.mkdtemp(prefix='voice-nav-demo-'))
    out.mkdir(parents=True, exist_ok=True)
    start = time.monotonic()
    print(f'Speaking the demo session with Piper into {out} ...', flush=True)
    paths = synthesize_steps(DEMO_STEPS, out)
    log = EventLog(str(out / 'events.jsonl'))

    def work(node, executor, shutdown):
        runtime = node.runtime
        log.follow(runtime)
        runtime.on('user_input_transcribed', lambda e: log.write('transcript', text=e.text))
        runtime.on('speech_created', lambda e: log.write('speech', text=e.text))
        spin_until(executor, lambda: runtime.controller.status().odom_age is not None,
                   shutdown, deadline=time.monotonic() + 5.0)
        runtime.start_voice(sink=WavFolderSink(out / 'answers'), listen=False)
        print('Running it through VAD, Whisper, the offline LLM, the motion controller and '
              'the simulator ...\n', flush=True)
        code = feed_audio(node, executor, shutdown, paths, log, while_moving=DEMO_WHILE_MOVING)
        if code:
            return code
        pose = runtime.controller.status().pose
        log.write('final_pose', x=pose.x, y=pose.y, theta=pose.theta)
        plot_path(log.path_points, str(out / 'path.png'))
        print(f'\nFinal pose: {pose_text(pose)}')
        print(f'\n{runtime.metrics.table()}\n')
        print(f'Files in {out}: input_*.wav (what was said), answers/*.wav (what the robot '
              'said), events.jsonl, path.png')
        print(f'Done in {time.monotonic() - start:.1f} s.')
        return 0

    args = ['voice-nav', '--ros-args', '-p', "audio_input:=''", '-p', 'audio_output:=none',
            *options.ros_args]
    try:
        return run_nodes(lambda: [AgentNode(), SimNode()], args=args, work=work)
    finally:
        log.close()
