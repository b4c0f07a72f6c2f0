"""
``voice-nav run --sim`` end to end: typed commands, the printed turns, the event log and the plot.

The agent and the simulator run in the command's own process, over real DDS on
an isolated domain.
"""

import json
import math
import re
import subprocess
import sys

import pytest
from ros_helpers import ros_env_fixture  # noqa: F401 (ros_env)

RUN_TIMEOUT = 180.0  # about 10 s of motion; generous for a slow machine
PNG_SIGNATURE = b'\x89PNG\r\n\x1a\n'


def _voice_nav(env, cwd, *args):
    return subprocess.run([sys.executable, '-m', 'voice_nav.cli', *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=RUN_TIMEOUT)


def test_run_with_sim_drives_logs_and_plots(ros_env, tmp_path):
    """Drive 1 m and turn left 90 degrees; check stdout, the JSONL events and the PNG."""
    events, plot = tmp_path / 'E.jsonl', tmp_path / 'P.png'
    texts = ['move forward 1 meter', 'turn left 90 degrees']
    done = _voice_nav(ros_env, tmp_path, 'run', '--sim', '--text', texts[0], '--text', texts[1],
                      '--exit-when-idle', '--events', str(events), '--plot', str(plot))
    assert done.returncode == 0, (done.stdout, done.stderr)

    # Each text, then its calls, what was said and the pose after it.
    out = done.stdout
    first, second = out.index(f'> {texts[0]}'), out.index(f'> {texts[1]}')
    assert first < second
    block1, block2 = out[first:second], out[second:]
    assert "call: navigate(direction='forward', distance=1.0)" in block1
    assert "call: turn(direction='left', angle=90.0)" in block2
    assert 'says: ' in block1 and 'says: ' in block2
    poses = [re.search(r'pose: x=(\S+) m, y=(\S+) m, heading=(\S+) deg', b)
             for b in (block1, block2)]
    assert all(poses), out
    assert float(poses[0][1]) == pytest.approx(1.0, abs=0.05)
    assert float(poses[0][3]) == pytest.approx(0.0, abs=2.0)
    assert float(poses[1][1]) == pytest.approx(1.0, abs=0.05)
    assert float(poses[1][3]) == pytest.approx(90.0, abs=2.0)
    assert f'path drawn in {plot}' in out

    # One JSON object a line, in time order.
    lines = events.read_text(encoding='utf-8').splitlines()
    records = [json.loads(line) for line in lines]
    assert all(isinstance(r, dict) and isinstance(r['t'], float) for r in records)
    assert [r['t'] for r in records] == sorted(r['t'] for r in records)
    kinds = {r['event'] for r in records}
    assert {'transcript', 'call', 'speech', 'twist', 'final_pose'} <= kinds, kinds

    assert [r['text'] for r in records if r['event'] == 'transcript'] == texts
    call_records = [r for r in records if r['event'] == 'call']
    assert [(c['name'], c['arguments'], c['ok']) for c in call_records] == [
        ('navigate', {'direction': 'forward', 'distance': 1.0}, True),
        ('turn', {'direction': 'left', 'angle': 90.0}, True)]
    assert all(isinstance(c['result'], str) and c['result'] for c in call_records)
    assert all(r['text'] for r in records if r['event'] == 'speech')

    twists = [r for r in records if r['event'] == 'twist']
    assert all(set(t) == {'t', 'event', 'linear_x', 'linear_y', 'angular_z'} for t in twists)
    assert max(t['linear_x'] for t in twists) == pytest.approx(0.2, abs=1e-6)
    assert max(t['angular_z'] for t in twists) == pytest.approx(0.6, abs=1e-6)
    assert all(t['linear_y'] == 0.0 for t in twists)
    # Every motion ends in a zero Twist.
    assert twists[-1]['linear_x'] == twists[-1]['angular_z'] == 0.0

    final, = [r for r in records if r['event'] == 'final_pose']
    # After the last call (the zero Twist of the shutdown may follow it).
    assert records.index(final) > records.index(call_records[-1])
    assert final['x'] == pytest.approx(1.0, abs=0.05)
    assert final['y'] == pytest.approx(0.0, abs=0.05)
    assert math.degrees(final['theta']) == pytest.approx(90.0, abs=2.0)

    data = plot.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 1000


def test_run_with_a_missing_params_file_fails_clearly(ros_env, tmp_path):
    """A --params file that does not exist: non-zero exit, a message naming the file."""
    missing = tmp_path / 'no_such_params.yaml'
    done = _voice_nav(ros_env, tmp_path, 'run', '--sim', '--params', str(missing),
                      '--text', 'move forward 1 meter', '--exit-when-idle')
    assert done.returncode != 0
    assert str(missing) in done.stderr
    assert 'does not exist' in done.stderr
    assert 'Traceback' not in done.stderr
    assert '> move forward' not in done.stdout  # nothing ran


def test_run_with_a_malformed_params_file_fails_clearly(ros_env, tmp_path):
    """A --params file that is not a ROS parameters YAML: non-zero exit, no traceback."""
    bad = tmp_path / 'bad.yaml'
    bad.write_text('voice_nav:\n  ros__parameters: [not closed\n', encoding='utf-8')
    done = _voice_nav(ros_env, tmp_path, 'run', '--sim', '--params', str(bad),
                      '--text', 'move forward 1 meter', '--exit-when-idle')
    assert done.returncode != 0
    assert str(bad) in done.stderr
    assert 'params file' in done.stderr
    assert 'Traceback' not in done.stderr
