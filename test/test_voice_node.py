"""
The voice in the agent node and the commands, over real DDS with the real models.

No sound card here: the node's default microphone is missing, which must be
one warning on ``/diagnostics`` with the text path still driving. Recorded
speech goes through ``voice-nav run --audio`` and the whole offline demo
through ``voice-nav demo``.
"""

import importlib.util
import json
import re
import subprocess
import sys

from diagnostic_msgs.msg import DiagnosticArray
from geometry_msgs.msg import Twist
from nav_msgs.msg import Odometry
from piper_speech import piper
import pytest
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
import speech
from std_msgs.msg import String
from voice_nav.ros.voice_runner import DEMO_STEPS

# A marker, not importorskip: a module-level skip skips every test under launch_testing.
pytestmark = pytest.mark.skipif(importlib.util.find_spec('faster_whisper') is None,
                                reason='the voice extra is not installed')
AGENT = 'voice_nav.ros.agent_node'
TIMEOUT = 240.0


def _voice_nav(env, cwd, *args):
    return subprocess.run([sys.executable, '-m', 'voice_nav.cli', *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=TIMEOUT)


def _no_microphone():
    from voice_nav.audio import AudioDeviceError
    from voice_nav.plugins.audio_io import MicrophoneSource
    try:
        MicrophoneSource().close()
    except AudioDeviceError:
        return True
    return False


def test_a_missing_microphone_leaves_the_text_path_working(ros_env):
    """The default audio_input is the microphone: without one, WARN and typed commands work."""
    if not _no_microphone():
        pytest.skip('this machine has a microphone; the test needs none')
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        odoms = probe.subscribe(Odometry, '/odom')
        twists = probe.subscribe(Twist, '/cmd_vel')
        command = probe.publisher(String, '/voice_nav/text_command')
        assert probe.wait_for(lambda: odoms), sim.output
        assert probe.wait_for_subscribers(command), agent.output

        def audio():
            for received in reversed(diagnostics):
                for status in received.msg.status:
                    if status.name == 'voice_nav: audio':
                        return status
        assert probe.wait_for(lambda: audio() is not None), agent.output
        status = audio()
        assert status.level == b'\x01'
        assert 'no audio input' in status.message and 'microphone' in status.message
        assert 'no microphone' in agent.output  # the one clear log line
        command.publish(String(data='move forward half a meter'))
        assert probe.wait_for(lambda: twists and twists[-1].msg.linear.x > 0), agent.output
        assert probe.wait_for(lambda: twists[-1].msg == Twist() and
                              odoms[-1].msg.twist.twist.linear.x == 0.0, timeout=30)
        assert odoms[-1].msg.pose.pose.position.x == pytest.approx(0.5, abs=0.03)


def test_run_audio_drives_from_recorded_speech(ros_env, tmp_path):
    """A WAV with two commands through voice-nav run --audio --sim: it drives and answers."""
    wav = tmp_path / 'commands.wav'
    speech.write_wav(wav, speech.session(piper('move forward one meter'),
                                         speech.silence(9.0), piper('turn left ninety degrees'),
                                         gap=0.5))
    out, events = tmp_path / 'answers', tmp_path / 'events.jsonl'
    done = _voice_nav(ros_env, tmp_path, 'run', '--sim', '--audio', str(wav), '--out', str(out),
                      '--exit-when-idle', '--events', str(events))
    assert done.returncode == 0, (done.stdout, done.stderr)
    assert "call: navigate(direction='forward', distance=1.0)" in done.stdout
    assert "call: turn(direction='left', angle=90.0)" in done.stdout
    pose = re.findall(r'pose: x=(\S+) m, y=(\S+) m, heading=(\S+) deg', done.stdout)[-1]
    assert float(pose[0]) == pytest.approx(1.0, abs=0.05)
    assert float(pose[2]) == pytest.approx(90.0, abs=2.0)
    answers = sorted(out.glob('*.wav'))
    assert len(answers) >= 2  # 'Moving forward...' and 'Turning left...'
    records = [json.loads(line) for line in events.read_text().splitlines()]
    metrics = [r for r in records if r['event'] == 'pipeline_metrics']
    assert len(metrics) == 2
    assert all(m['command_latency'] is not None and m['command_latency'] > 0 for m in metrics)


def test_run_audio_with_a_missing_file_is_a_clear_error(ros_env, tmp_path):
    """A WAV that is not there: exit non-zero naming it, no traceback."""
    done = _voice_nav(ros_env, tmp_path, 'run', '--audio', str(tmp_path / 'nope.wav'),
                      '--exit-when-idle')
    assert done.returncode != 0
    assert 'nope.wav' in done.stderr
    assert 'Traceback' not in done.stderr


def test_the_demo_runs_the_whole_chain_and_says_where_its_files_are(ros_env, tmp_path):
    """voice-nav demo: exit 0, every step's calls, a final pose, the metrics table and files."""
    out = tmp_path / 'demo'
    done = _voice_nav(ros_env, tmp_path, 'demo', '--out', str(out))
    assert done.returncode == 0, (done.stdout, done.stderr)
    text = done.stdout
    for call in ("turn(direction='left', angle=90.0)", "navigate(direction='back'",
                 'get_status()', 'stop()'):
        assert call in text, text
    assert 'barge-in stop' in text
    assert re.search(r'Final pose: x=\S+ m, y=\S+ m, heading=\S+ deg', text)
    assert re.search(r'^pipeline\s+command latency', text, re.M), text
    assert str(out) in text
    assert (out / 'path.png').read_bytes()[:8] == b'\x89PNG\r\n\x1a\n'
    assert len(list(out.glob('input_*.wav'))) == len(DEMO_STEPS)
    assert len(list((out / 'answers').glob('*.wav'))) >= 5
