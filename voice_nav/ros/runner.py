"""``voice-nav run`` and ``voice-nav sim``: the nodes in one process, commands fed in order."""

import json
import os
import sys
import threading
import time

from .agent_node import AgentNode
from .process import run_nodes, spin_until
from ..app.text import call_text, pose_text


class EventLog:
    """One JSON object a line: transcripts, calls, speech, Twists and the final pose."""

    def __init__(self, path):
        self._file = open(path, 'w', encoding='utf-8') if path else None
        self._lock = threading.Lock()
        self.start = time.monotonic()
        self.path_points = []

    def write(self, event, **fields):
        """Append one event with its time since start."""
        if self._file is None:
            return
        record = {'t': round(time.monotonic() - self.start, 4), 'event': event, **fields}
        with self._lock:
            self._file.write(json.dumps(record) + '\n')
            self._file.flush()

    def follow(self, runtime):
        """Log every velocity ``runtime`` commands, and the pose it was commanded at."""
        runtime.on('velocity_commanded', lambda v: self.write(
            'twist', linear_x=v.vx, linear_y=v.vy, angular_z=v.wz))
        runtime.on('velocity_commanded',
                   lambda v: self.path_points.append(runtime.controller.status().pose))

    def close(self):
        """Close the file."""
        if self._file is not None:
            self._file.close()


def run_commands(options):
    """Run the agent (and the simulator with ``--sim``) and feed ``--text`` commands."""
    if options.params and not os.path.isfile(options.params):
        # rcl would only say it failed to initialise, in a traceback.
        print(f'voice-nav run: error: the parameters file {options.params!r} does not exist',
              file=sys.stderr)
        return 2
    for path in options.audio:
        if not os.path.isfile(path):
            print(f'voice-nav run: error: the audio file {path!r} does not exist',
                  file=sys.stderr)
            return 2
    # In ROS the last word wins: the file, then what the options imply, then the user's own
    # ROS arguments (a -p after --ros-args beats the file, as on any ROS command line).
    ros_args = ['voice-nav', '--ros-args']
    if options.params:
        ros_args += ['--params-file', options.params]
    if options.text or options.audio:
        # The commands come from the command line, not the microphone.
        ros_args += ['-p', 'audio_input:=none']
    if options.out:
        ros_args += ['-p', f'audio_output:={options.out}']
    ros_args += options.ros_args
    log = EventLog(options.events)

    def make_nodes():
        from .sim_node import PARAMETERS
        # The simulator in this process takes the same -p arguments: its names are known.
        agent = AgentNode(also_known=PARAMETERS if options.sim else ())
        nodes = [agent]
        if options.sim:
            from .sim_node import SimNode
            nodes.append(SimNode(use_stamped=agent.config.use_stamped,
                                 holonomic=agent.config.holonomic))
        return nodes

    def work(node, executor, shutdown):
        runtime = node.runtime
        controller = runtime.controller
        runtime.on('user_input_transcribed', lambda e: log.write('transcript', text=e.text))
        runtime.on('speech_created', lambda e: log.write('speech', text=e.text))
        runtime.on('function_calls_finished', lambda e: [
            log.write('call', name=r.name, arguments=r.values, result=r.result, ok=r.ok)
            for r in e.results])
        log.follow(runtime)
        if options.sim:
            # Give discovery a moment so the first command finds odometry.
            spin_until(executor, lambda: controller.status().odom_age is not None,
                       shutdown, deadline=time.monotonic() + 3.0)
        for text in options.text:
            future = runtime.submit_text(text)
            spin_until(executor, future.done, shutdown)
            if shutdown.requested:
                return 130
            turn = future.result()
            spin_until(executor, lambda: controller.status().state == 'idle', shutdown)
            pose = controller.status().pose
            print(f'> {text}')
            for result in turn.results:
                print(f'  call: {call_text(result)}')
            for sentence in turn.said:
                print(f'  says: {sentence}')
            print(f'  pose: {pose_text(pose)}', flush=True)
        if options.audio:
            from .voice_runner import feed_audio
            code = feed_audio(node, executor, shutdown, options.audio, log)
            if code:
                return code
        pose = controller.status().pose
        log.write('final_pose', x=pose.x, y=pose.y, theta=pose.theta)
        if options.plot:
            plot_path(log.path_points, options.plot)
            print(f'path drawn in {options.plot}')
        if not options.exit_when_idle:
            spin_until(executor, lambda: False, shutdown)
        return 0

    try:
        return run_nodes(make_nodes, args=ros_args, work=work)
    finally:
        log.close()


def plot_path(points, path):
    """Draw the robot's path as a PNG."""
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(5, 5))
    xs = [p.x for p in points] or [0.0]
    ys = [p.y for p in points] or [0.0]
    ax.plot(xs, ys, '-', color='tab:blue', label='path')
    ax.plot(xs[:1], ys[:1], 'o', color='tab:green', label='start')
    ax.plot(xs[-1:], ys[-1:], 's', color='tab:red', label='end')
    ax.set_xlabel('x (m)')
    ax.set_ylabel('y (m)')
    ax.set_aspect('equal', adjustable='datalim')
    ax.grid(True)
    ax.legend()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def run_sim(options):
    """Run the simulator node alone."""
    from .sim_node import main
    return main(['voice-nav', '--ros-args', *options.ros_args])
