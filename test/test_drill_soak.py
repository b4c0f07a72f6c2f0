"""
Failure drill, soak: 500 typed commands in a row through a real agent node process.

The agent node and the simulator run as processes, as on a robot; the probe
sends each command on ``~/text_command`` once the one before has ended (a
process, not an in-process node, so that the memory measured is the agent's
alone and the commands take the real path: DDS, the executor, the asyncio
loop). The commands are short: turns of 3 degrees, drives of 2 cm, status
questions, a greeting, "stop" while idle and a 1 m drive cut short by "stop".
For speed the control rate and the acceleration limits are raised; the limits
in force are still asserted on every Twist.

At the end:

- resident memory grew by no more than 10 % from command 50 (after warm-up);
- no motion is left: the last Twist is zero, the motion status says idle and
  the simulated robot stands still;
- the ``voice_nav: llm`` status counts every LLM request, exactly: a command
  the LLM answers with a function call costs two requests (the call, then the
  LLM reads the function's result; a repeated command is a cache hit, counted
  too), one it answers in words costs one, "stop" takes the fast path and costs
  none, and a drive cut short by "stop" costs one (its turn is superseded, so
  the LLM never reads its result);
- every command was heard (``~/transcript``, in order) and no Twist broke a limit.
"""

import sys

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import TwistStamped
from nav_msgs.msg import Odometry
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import String

from voice_nav.agent.config import AgentConfig
from voice_nav.motion.controller import ZERO_STEPS

AGENT = 'voice_nav.ros.agent_node'
COMMANDS = 500
CHECKPOINT = 50  # after warm-up: caches, the chat history and DDS have settled
MEMORY_GROWTH = 0.10
RATE, LINEAR_ACCEL, ANGULAR_ACCEL = 50.0, 2.0, 10.0  # raised for speed, still asserted
DEFAULTS = AgentConfig()
AGENT_ARGS = ('--ros-args', '-p', 'use_stamped:=true', '-p', "audio_input:=''",
              '-p', f'control_rate:={RATE}', '-p', f'max_linear_accel:={LINEAR_ACCEL}',
              '-p', f'max_angular_accel:={ANGULAR_ACCEL}')
SIM_ARGS = ('--ros-args', '-p', 'use_stamped:=true')
TIMEOUT = 30.0  # for one command; each takes well under a second on an idle machine
# (text, kind): ten commands, repeated. A command that moves or stops supersedes the
# turns still running, and a turn whose function has just returned still has to ask
# the LLM to read the result: superseded, it would not. So that the count is exact
# without relying on timing, a greeting (answered in words, nothing to read after)
# follows every such turn before anything that moves or stops: the agent's loop runs
# the few steps left of the older turn before the many of the greeting, so once the
# greeting is heard the older turn has made its request.
CYCLE = [
    ('turn left 3 degrees', 'motion'),
    ('what is your status', 'status'),
    ('hello there', 'reply'),
    ('turn right 3 degrees', 'motion'),
    ('hello there', 'reply'),
    ('stop', 'stop_idle'),
    ('move forward 2 centimeters', 'motion'),
    ('hello there', 'reply'),
    ('go forward 1 meter', 'cut'),
    ('stop', 'stop_moving'),
]
SUPERSEDES = ('motion', 'cut', 'stop_idle', 'stop_moving')
READS_RESULTS = ('motion', 'status')
LLM_REQUESTS = {'motion': 2, 'status': 2, 'reply': 1, 'stop_idle': 0, 'cut': 1,
                'stop_moving': 0}


def _rss_kib(pid):
    """Return the resident memory of a process in KiB."""
    with open(f'/proc/{pid}/status', encoding='ascii') as status:
        for line in status:
            if line.startswith('VmRSS:'):
                return int(line.split()[1])
    raise AssertionError(f'no VmRSS for {pid}')


def _is_zero(twist):
    return twist.linear.x == twist.linear.y == twist.angular.z == 0.0


def _stamp(received):
    stamp = received.msg.header.stamp
    return stamp.sec + stamp.nanosec * 1e-9


class Soak:
    """The probe's side: send a command, wait for its end by what the agent publishes."""

    def __init__(self, probe, agent):
        self.probe = probe
        self.agent = agent
        self.twists = probe.subscribe(TwistStamped, '/cmd_vel')
        self.odoms = probe.subscribe(Odometry, '/odom')
        self.speech = probe.subscribe(String, '/voice_nav/speech')
        self.transcripts = probe.subscribe(String, '/voice_nav/transcript')
        self.diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        self.command = probe.publisher(String, '/voice_nav/text_command')

    def said(self, after, words):
        """Say whether a sentence said after ``speech[after]`` starts with ``words``."""
        return any(r.msg.data.startswith(words) for r in list(self.speech)[after:])

    def stopped(self, after):
        """Say whether a motion after ``twists[after]`` ended: its final run of zeros is out."""
        tail = self.twists[after:][-(ZERO_STEPS + 1):]
        return len(tail) == ZERO_STEPS + 1 and all(_is_zero(r.msg.twist) for r in tail)

    def run(self, text, kind):
        """Send one command and wait until it has ended."""
        spoken, moved = len(self.speech), len(self.twists)
        self.command.publish(String(data=text))

        def done():
            if kind == 'motion':
                return self.said(spoken, ('Turning', 'Moving')) and self.stopped(moved) and \
                    any(not _is_zero(r.msg.twist) for r in self.twists[moved:])
            if kind == 'cut':  # under way: the stop comes next
                return any(not _is_zero(r.msg.twist) for r in self.twists[moved:])
            if kind == 'stop_moving':
                return self.said(spoken, 'Stopping.') and self.stopped(moved)
            if kind == 'stop_idle':
                return self.said(spoken, 'Stopping.')
            if kind == 'status':
                return self.said(spoken, 'I am at')
            return self.said(spoken, '')  # reply: any words

        assert self.probe.wait_for(done, timeout=TIMEOUT), \
            (text, kind, [r.msg.data for r in self.speech[spoken:]], self.agent.output[-3000:])
        if kind == 'stop_idle':
            assert len(self.twists) == moved  # nothing moved, so no zero was needed

    def status(self, name):
        """Return the newest status ``name`` on /diagnostics as a dict, or None."""
        for received in reversed(list(self.diagnostics)):
            for status in received.msg.status:
                if status.name == name:
                    return {'message': status.message,
                            **{kv.key: kv.value for kv in status.values}}
        return None


def test_500_commands_leave_memory_motion_and_llm_counts_as_they_should(ros_env):
    """Send 500 commands one after the other; check memory, the final stop and the counts."""
    sent = [CYCLE[i % len(CYCLE)] for i in range(COMMANDS)]
    for (_, before), (_, after) in zip(sent, sent[1:]):
        assert not (before in READS_RESULTS and after in SUPERSEDES), (before, after)
    expected_requests = sum(LLM_REQUESTS[kind] for _, kind in sent)
    with node_process(ros_env, *SIM_ARGS) as sim, \
            node_process(ros_env, *AGENT_ARGS, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        soak = Soak(probe, agent)
        assert probe.wait_for(lambda: soak.odoms, timeout=TIMEOUT), sim.output
        assert probe.wait_for_subscribers(soak.command, timeout=TIMEOUT), agent.output
        assert probe.wait_for(lambda: (soak.status('voice_nav: motion') or {}).get(
            'closed_loop') == 'True', timeout=TIMEOUT), agent.output
        pid = agent.popen.pid
        memory = {}
        for number, (text, kind) in enumerate(sent, start=1):
            soak.run(text, kind)
            if number % CHECKPOINT == 0:
                memory[number] = _rss_kib(pid)
        done = len(soak.diagnostics)

        # The counts, once a status newer than the last command has come.
        def counted():
            llm = soak.status('voice_nav: llm') or {}
            return len(soak.diagnostics) > done + 1 and \
                llm.get('requests') == str(expected_requests)
        probe.wait_for(counted, timeout=TIMEOUT)
        llm = soak.status('voice_nav: llm')
        motion = soak.status('voice_nav: motion')
        assert agent.returncode is None, agent.output[-3000:]

    growth = memory[COMMANDS] / memory[CHECKPOINT] - 1.0
    assert growth <= MEMORY_GROWTH, (f'resident memory grew {growth:.1%} from command '
                                     f'{CHECKPOINT} to {COMMANDS}', memory)

    assert int(llm['requests']) == expected_requests, llm
    assert llm['errors'] == '0', llm
    assert motion['state'] == 'idle', motion
    assert motion['estop'] == 'False', motion

    assert [r.msg.data for r in soak.transcripts] == [text for text, _ in sent]
    assert _is_zero(soak.twists[-1].msg.twist)
    assert soak.odoms[-1].msg.twist.twist.linear.x == 0.0
    assert soak.odoms[-1].msg.twist.twist.angular.z == 0.0
    said = [r.msg.data for r in soak.speech]
    assert said.count('Stopping.') == sum(kind.startswith('stop') for _, kind in sent)
    assert not [s for s in said if 'Odometry stopped' in s or "can't" in s], said

    # The limits in force, on every Twist: speeds, and speeding up (a stop may drop to
    # zero at once, as a real base does). The ramp integrates the real time between
    # control steps, clamped to two periods; 10 ms for the stamp taken after the step.
    speeds = [(r.msg.twist.linear.x, r.msg.twist.angular.z) for r in soak.twists]
    assert max(abs(v) for v, _ in speeds) <= DEFAULTS.max_linear_speed + 1e-9
    assert max(abs(w) for _, w in speeds) <= DEFAULTS.max_angular_speed + 1e-9
    stamps = [_stamp(r) for r in soak.twists]
    for k in range(1, len(speeds)):
        (v0, w0), (v1, w1) = speeds[k - 1], speeds[k]
        if v1 == w1 == 0.0:
            continue
        dt = min(max(stamps[k] - stamps[k - 1], 0.0), 2.0 / RATE) + 0.010
        assert abs(v1 - v0) <= LINEAR_ACCEL * dt + 1e-9, (k, speeds[k - 1:k + 1])
        assert abs(w1 - w0) <= ANGULAR_ACCEL * dt + 1e-9, (k, speeds[k - 1:k + 1])
    print(f'soak: {COMMANDS} commands, {expected_requests} LLM requests, '
          f'{len(speeds)} Twists, RSS KiB by command {memory}', file=sys.stderr)
