"""
``voice-nav bench``: its report has every figure with sane values; its parts do what they say.

No test asserts that a target is met: the figures depend on the machine and
its load. They assert that each figure was measured and is plausible.
"""

import asyncio
import json
import math
import os
import subprocess
import sys
import uuid

import pytest

from voice_nav.bench.llms import grammar_answer, grammar_server, KEY_ENV
from voice_nav.bench.report import FIGURES, format_report, judge, summarize
from voice_nav.bench.timing import (command_sample, gaps, LONG, SETTLED, SHORT, stop_sample,
                                    stt_path)
from voice_nav.metrics import LatencyWindow

QUICK_TIMEOUT = 400.0


def test_summarize_ranks_as_the_latency_windows_do():
    """Nearest rank: p50 of 1..10 is 5, p90 is 9, max 10; None and NaN are left out."""
    result = summarize([float(x) for x in range(10, 0, -1)] + [None, math.nan])
    assert result == {'n': 10, 'p50': 5.0, 'p90': 9.0, 'p95': 10.0, 'max': 10.0}
    assert summarize([]) == {'n': 0, 'p50': None, 'p90': None, 'p95': None, 'max': None}
    window = LatencyWindow(100)
    for x in range(1, 8):
        window.add(x / 10)
    ranked = summarize(x / 10 for x in range(1, 8))
    assert [ranked[f'p{p}'] for p in (50, 90, 95)] == [window.percentile(p) for p in (50, 90, 95)]


def test_judge_reads_the_named_statistic_and_bound():
    """A target is met or missed on its statistic; '<' is strict; no data is None."""
    figure = {'p50': 1.0, 'p95': 5.0, 'max': 2.0}
    assert judge(figure, ('p50', 1.0)) is True
    assert judge(figure, ('max', 1.5)) is False
    assert judge(figure, ('p95', 5.0, '<')) is False
    assert judge({'p50': None}, ('p50', 1.0)) is None


def test_gaps_count_only_moving_twists_within_a_motion():
    """Gaps between moving Twists; a zero Twist or a pause of 0.5 s ends a motion."""
    items = [(i * 0.05, True) for i in range(20)]  # one motion at 20 Hz
    items += [(1.0, False), (1.05, False)]  # the zeros that end it
    items += [(5.0 + i * 0.06, True) for i in range(12)]  # another, a bit slow
    found, rates = gaps(items)
    assert len(found) == 19 + 11
    assert all(g == pytest.approx(0.05) for g in found[:19])
    assert rates == [pytest.approx(20.0), pytest.approx(1 / 0.06)]


def test_a_stop_is_timed_within_its_own_take():
    """Onset and end to the zero Twists; a motion after the take is not 'moved after'."""
    received = [(t / 20.0, True) for t in range(20, 41)]  # moving from 1.0 s to 2.0 s
    received += [(2.05, False), (2.1, False), (3.3, False), (9.0, True)]  # the next take
    transcripts = [(3.29, 'Stop!'), (9.5, 'Stop.')]
    stop = stop_sample(onset=1.92, end=2.4, until=4.0, driven=0.3, received=received,
                       transcripts=transcripts)
    assert stop['moving_at_onset'] and stop['zero_twist'] and stop['cancelled']
    assert stop['onset_latency'] == pytest.approx(0.13)
    assert stop['end_latency'] == pytest.approx(0.9)
    assert not stop['moved_after_cancel']
    moved = stop_sample(1.92, 2.4, 10.0, 0.3, received, transcripts)
    assert moved['moved_after_cancel']  # the motion at 9.0 s is inside this longer take


def test_a_command_is_timed_to_the_first_moving_twist_of_its_take():
    """End of speech to the first moving Twist received, split into stages that add up."""
    received = [(0.5, False), (2.0, True), (2.05, True)]
    published = [(1.999, True)]
    turn = {'speech_end': 1.0, 'text': 'go back', 'stt_started': 0.16, 'stt_duration': 0.3}
    transcripts = [(0.9, 'go back'), (1.9, 'go back')]  # an earlier take said it too
    sample = command_sample(turn, until=3.0, received=received, published=published,
                            transcripts=transcripts)
    assert sample['latency'] == pytest.approx(1.0)
    assert sample['stages'] == pytest.approx({'endpointing': 0.16, 'stt': 0.3, 'waiting': 0.44,
                                              'llm_and_tools': 0.099, 'delivery': 0.001})
    assert sum(sample['stages'].values()) == pytest.approx(sample['latency'])
    assert command_sample(turn, 1.9, received, published, transcripts) is None  # no motion


def test_a_take_is_sorted_by_how_whisper_made_the_transcript_it_used():
    """The decode that started when the take's transcription did, within 0.1 s, names the path."""
    decodes = [(10.30, 10.6, False, False), (20.31, 21.5, True, False),
               (30.30, 30.7, False, True)]
    turn = {'speech_end': 10.0, 'stt_started': 0.3}
    assert stt_path(turn, decodes) == SHORT
    assert stt_path({'speech_end': 20.0, 'stt_started': 0.3}, decodes) == LONG
    assert stt_path({'speech_end': 30.0, 'stt_started': 0.3}, decodes) == SETTLED
    assert stt_path({'speech_end': 40.0, 'stt_started': 0.3}, decodes) is None
    assert stt_path({'speech_end': 10.0, 'stt_started': None}, decodes) is None
    assert stt_path(turn, [(10.30, 10.6, False)]) == SHORT  # a report from before settling


def test_the_local_server_streams_the_grammar_calls_to_the_openai_provider():
    """The OpenAI provider gets navigate(...) from the local server with the key it was given."""
    from voice_nav.llm import ChatContext
    from voice_nav.motion.contract import declared_functions
    from voice_nav.plugins.openai_llm import OpenAILlm
    key = f'test-{uuid.uuid4().hex}'

    async def ask(server, api_key):
        llm = OpenAILlm(model='m', base_url=server.base_url, api_key=api_key, max_retries=0)
        try:
            ctx = ChatContext().append(role='user', text='go forward two meters')
            return await llm.chat(chat_ctx=ctx, fnc_ctx=declared_functions()).collect()
        finally:
            await llm.aclose()

    with grammar_server(key) as server:
        text, calls = asyncio.run(ask(server, key))
        assert [(c.name, c.parsed_arguments()) for c in calls] == [
            ('navigate', {'direction': 'forward', 'distance': 2.0})]
        from voice_nav.llm import APIStatusError
        with pytest.raises(APIStatusError) as error:
            asyncio.run(ask(server, 'wrong-key'))
        assert error.value.status_code == 401
        assert key not in str(error.value)
        assert server.refused == 1


def test_the_local_server_answers_a_question_with_text():
    """An utterance that asks for no motion is streamed as text, ending with 'stop'."""
    events = [e['choices'][0] for e in grammar_answer([{'role': 'user', 'content': 'hello'}])
              .events]
    assert events[-1]['finish_reason'] == 'stop'
    assert any(e['delta'].get('content') for e in events)
    after_tools = grammar_answer([{'role': 'tool', 'content': 'ok'}]).events
    assert after_tools[-1]['choices'][0]['finish_reason'] == 'stop'


@pytest.mark.ros  # the bench starts the agent and the sim over DDS
def test_bench_quick_json_has_every_figure_with_sane_values(tmp_path):
    """voice-nav bench --quick --json: every figure measured, plausible, the key never shown."""
    pytest.importorskip('faster_whisper', reason='the voice extra is not installed')
    pytest.importorskip('rclpy', reason='the ros extra is not installed')
    secret = f'bench-secret-{uuid.uuid4().hex}'
    env = dict(os.environ, **{KEY_ENV: secret})
    done = subprocess.run([sys.executable, '-m', 'voice_nav.cli', 'bench', '--quick', '--json',
                           '--out', str(tmp_path / 'bench')], env=env, capture_output=True,
                          text=True, timeout=QUICK_TIMEOUT)
    assert done.returncode == 0, (done.stdout[-3000:], done.stderr[-3000:])
    assert secret not in done.stdout and secret not in done.stderr
    report = json.loads(done.stdout)
    figures = report['figures']
    assert list(figures) == [f[0] for f in FIGURES]
    for key, figure in figures.items():
        assert figure['n'] >= 1, key
        values = [figure[s] for s in ('p50', 'p90', 'max')]
        assert all(v is not None and math.isfinite(v) and v >= 0 for v in values), (key, figure)
        assert values == sorted(values), (key, figure)
        if 'targets' in figure:
            assert isinstance(figure['met'], bool), key  # judged, whichever way
    for key in ('command_latency', 'stop_onset_latency', 'stop_end_latency', 'stt_latency',
                'tts_first_audio', 'llm_ttft_offline', 'llm_ttft_openai', 'llm_ttft_cache',
                'startup'):
        assert 0 < figures[key]['p50'] < 60, (key, figures[key])
    assert figures['command_latency']['n'] >= 4  # two commands and the drives before stops
    # Every command timed is split into stages that add up to its latency.
    takes = report['takes']
    assert takes['count'] == 4 and takes['moved'] >= 4, takes
    for row in takes['rows']:
        assert set(row['stages']) == {'endpointing', 'stt', 'waiting', 'llm_and_tools',
                                      'delivery'}, row
        assert sum(row['stages'].values()) == pytest.approx(row['latency'], abs=1e-6), row
        assert row['endpoint'] in ('early', 'reused', 'full'), row
    assert sum(takes['stt_path'].values()) == takes['moved']
    assert report['decodes']['count'] >= takes['moved']
    for stage in report['command_stages'].values():
        assert stage['n'] >= 4
    assert figures['llm_ttft_openai']['n'] == report['sizes']['openai']
    # The stops: each during a motion, a zero Twist received, nothing moved after it.
    assert len(report['stops']) == 2
    for stop in report['stops']:
        assert stop['zero_twist'] and stop['cancelled'], stop
        assert not stop['moved_after_cancel'], stop
        assert stop['driven'] < 1.9, stop  # 'two meters' was cut short
    assert figures['stop_onset_latency']['n'] >= 1
    # The control loop: 20 Hz configured, measured on the receiving side.
    assert 10.0 < figures['cmd_vel_rate']['p50'] < 30.0
    assert figures['cmd_vel_jitter']['n'] >= 20
    # The agent process.
    assert 50.0 < figures['rss']['p50'] < 4000.0
    assert figures['rss']['turns'] >= report['sizes']['turns']
    assert report['machine']['cores'] >= 1 and report['machine']['python']
    # The table prints every figure, and a verdict beside every target.
    table = format_report(report)
    for figure in figures.values():
        line = next(line for line in table.splitlines() if line.startswith(figure['label']))
        if 'targets' in figure:
            assert line.endswith(('met', 'MISSED')), line
