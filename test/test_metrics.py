"""LatencyWindow percentiles and levels, Thresholds, and the LLM statistics."""

import math

from hypothesis import given
from hypothesis import strategies as st
import pytest

from voice_nav.metrics import LatencyWindow, Level, LLMMetrics, LLMStats, Thresholds


def nearest_rank(samples, p):
    """Return the nearest-rank percentile, with the rank in exact integer arithmetic."""
    ordered = sorted(samples)
    rank = max(1, -(-p * len(ordered) // 100))
    return ordered[rank - 1]


def window_of(samples, size=1000, thresholds=Thresholds()):
    """Return a LatencyWindow holding ``samples``."""
    window = LatencyWindow(size, thresholds)
    for sample in samples:
        window.add(sample)
    return window


def test_percentiles_of_one_to_twenty():
    """Return the textbook nearest-rank values."""
    window = window_of(range(20, 0, -1))
    assert window.percentile(50) == 10
    assert window.percentile(90) == 18
    assert window.percentile(95) == 19
    assert window.percentile(100) == 20
    assert window.percentile(0) == 1
    assert window.percentile(1) == 1


def test_percentile_p_of_one_to_a_hundred_is_p():
    """Return p for every whole percent of 1..100, with no floating-point rank error."""
    window = window_of(range(100, 0, -1))
    assert [window.percentile(p) for p in range(1, 101)] == list(range(1, 101))


@given(st.lists(st.floats(0, 100, allow_nan=False), min_size=1, max_size=150),
       st.integers(0, 100))
def test_percentiles_match_a_sorted_list(samples, p):
    """Match the nearest rank of a sorted list computed here."""
    assert window_of(samples).percentile(p) == nearest_rank(samples, p)


def test_an_empty_window_has_no_percentiles():
    """Return None for the percentiles and the last sample of an empty window."""
    window = LatencyWindow()
    assert window.percentile(95) is None
    assert window.last is None
    assert window.summary() == {'last': None, 'p50': None, 'p90': None, 'p95': None}
    assert len(window) == 0


def test_the_window_keeps_only_the_newest_samples():
    """Drop the oldest samples beyond the window's size."""
    window = window_of([10.0, 20.0, 30.0, 1.0, 2.0, 3.0], size=3)
    assert len(window) == 3
    assert window.count == 6
    assert window.last == 3.0
    assert window.percentile(100) == 3.0
    assert window.percentile(0) == 1.0
    assert window.summary() == {'last': 3.0, 'p50': 2.0, 'p90': 3.0, 'p95': 3.0}


@pytest.mark.parametrize('bad', [-0.001, -5.0, float('nan'), float('inf'), None])
def test_negative_and_non_finite_samples_are_ignored(bad):
    """Ignore negative, NaN, infinite and missing samples."""
    window = window_of([0.5, bad, 0.25])
    assert len(window) == 2
    assert window.count == 2
    assert window.last == 0.25
    assert window.percentile(100) == 0.5


def test_a_window_needs_a_size():
    """Refuse a size below one, naming it."""
    with pytest.raises(ValueError, match='size'):
        LatencyWindow(0)


def test_default_thresholds_are_1500_and_2500_ms():
    """Give OK below 1,500 ms, WARN from 1,500 ms and ERROR from 2,500 ms."""
    thresholds = Thresholds()
    assert (thresholds.warning_ms, thresholds.critical_ms) == (1500.0, 2500.0)
    assert thresholds.level(0) == Level.OK
    assert thresholds.level(1499.9) == Level.OK
    assert thresholds.level(1500) == Level.WARN
    assert thresholds.level(2499.9) == Level.WARN
    assert thresholds.level(2500) == Level.ERROR
    assert thresholds.level(60000) == Level.ERROR
    assert Level.OK < Level.WARN < Level.ERROR
    assert (int(Level.OK), int(Level.WARN), int(Level.ERROR)) == (0, 1, 2)


def test_thresholds_are_configurable():
    """Use the given levels, equal ones included."""
    thresholds = Thresholds(warning_ms=100, critical_ms=200)
    assert thresholds.level(99) == Level.OK
    assert thresholds.level(150) == Level.WARN
    assert thresholds.level(200) == Level.ERROR
    same = Thresholds(warning_ms=300, critical_ms=300)
    assert same.level(299) == Level.OK and same.level(300) == Level.ERROR


@pytest.mark.parametrize('options, named', [
    ({'warning_ms': -1}, 'warning_ms'),
    ({'warning_ms': 0}, 'warning_ms'),
    ({'warning_ms': float('nan')}, 'warning_ms'),
    ({'warning_ms': '1500'}, 'warning_ms'),
    ({'critical_ms': float('inf')}, 'critical_ms'),
    ({'critical_ms': None}, 'critical_ms'),
    ({'warning_ms': 3000, 'critical_ms': 2000}, 'critical_ms'),
])
def test_bad_thresholds_are_refused_naming_them(options, named):
    """Refuse a bad threshold with a message naming it."""
    with pytest.raises(ValueError, match=named):
        Thresholds(**options)


def test_thresholds_are_frozen():
    """Keep thresholds immutable once checked."""
    with pytest.raises(Exception):
        Thresholds().warning_ms = 1.0


def test_the_window_level_comes_from_the_p95():
    """Judge a window by its p95 against its thresholds."""
    assert LatencyWindow().level() == Level.OK
    # 20 samples: the p95 is the 19th, so one slow sample does not count.
    assert window_of([0.1] * 19 + [3.0]).level() == Level.OK
    assert window_of([0.1] * 18 + [3.0] * 2).level() == Level.ERROR
    assert window_of([0.1] * 18 + [1.6] * 2).level() == Level.WARN
    strict = Thresholds(warning_ms=50, critical_ms=90)
    assert window_of([0.06] * 20, thresholds=strict).level() == Level.WARN


def metrics(ttft=0.2, duration=0.5, usage=None, error=None, cancelled=False, label='fake'):
    """Return an LLMMetrics with ``usage`` as (prompt, completion) or None."""
    prompt, completion = usage or (None, None)
    return LLMMetrics(
        label=label, request_id='r', timestamp=0.0, duration=duration, ttft=ttft,
        cancelled=cancelled, prompt_tokens=prompt, completion_tokens=completion,
        total_tokens=None if usage is None else prompt + completion,
        tokens_per_second=None if usage is None else completion / duration, error=error)


def test_llm_stats_count_requests_tokens_and_errors():
    """Sum token counts, count errors and cancellations, skip a missing TTFT."""
    stats = LLMStats()
    stats.add(metrics(usage=(10, 5)))
    stats.add(metrics(ttft=-1.0, error='down', cancelled=True))
    stats.add(metrics(ttft=0.4, usage=(20, 10), label='other'))
    assert (stats.requests, stats.errors, stats.cancelled) == (3, 1, 1)
    assert (stats.prompt_tokens, stats.completion_tokens, stats.total_tokens) == (30, 15, 45)
    assert stats.ttft.count == 2
    assert stats.provider == 'other'
    assert stats.last_error == 'down'
    level, message, values = stats.report()
    values = dict(values)
    assert level == Level.OK
    assert message == 'TTFT p95 400.0 ms'
    assert values['ttft_last_ms'] == '400.0'
    assert values['total_tokens'] == '45'
    assert values['usage_reported'] == 'yes'
    assert math.isclose(float(values['tokens_per_second']), 20.0)


def test_llm_stats_report_a_provider_without_usage_and_slow_ttft():
    """Say usage is not reported, and warn when the TTFT p95 passes the level."""
    stats = LLMStats(Thresholds(warning_ms=100, critical_ms=1000))
    assert stats.report()[1] == 'no requests yet'
    stats.add(metrics(ttft=0.3))
    level, message, values = stats.report()
    values = dict(values)
    assert level == Level.WARN
    assert 'warning level 100 ms' in message
    assert values['usage_reported'].startswith('no')
    assert values['tokens_per_second'] == 'n/a'
    # Unknown is not zero: no count is shown as one.
    assert (values['prompt_tokens'], values['completion_tokens'], values['total_tokens']) == (
        'unknown', 'unknown', 'unknown')


def test_llm_stats_publish_the_last_requests_own_fields():
    """Report the newest request's id, timestamp, label, cancelled flag, tokens and error."""
    stats = LLMStats()
    assert dict(stats.report()[2])['last_request_id'] == 'n/a'
    stats.add(metrics(usage=(10, 5)))
    last = LLMMetrics(label='qwen2.5:1.5b', request_id='chatcmpl-42', timestamp=1700000000.25,
                      duration=0.9, ttft=0.4, cancelled=True, error='cut off')
    stats.add(last)
    values = dict(stats.report()[2])
    assert values['last_request_id'] == 'chatcmpl-42'
    assert values['last_timestamp'] == '1700000000.250'
    assert values['last_label'] == 'qwen2.5:1.5b'
    assert values['last_ttft_ms'] == '400.0'
    assert values['last_duration_ms'] == '900.0'
    assert values['last_cancelled'] == 'True'
    assert (values['last_prompt_tokens'], values['last_completion_tokens'],
            values['last_total_tokens'], values['last_tokens_per_second']) == (
        'unknown', 'unknown', 'unknown', 'n/a')
    assert values['last_error'] == 'cut off'
    # The totals keep the earlier request's tokens.
    assert values['total_tokens'] == '15'
