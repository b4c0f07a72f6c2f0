"""
From what the agent and the simulator noted, the latencies of each take and the control loop.

Every time is ``time.monotonic()``, one clock for all the processes of the
machine: the agent dates speech and transcripts, the simulator's process the
Twists it received. Twists are ``(t, moving)`` pairs; turns are the agent's
PipelineMetrics of each utterance with its calls (``agent.py``).
"""

import math

from ..plugins.command_grammar import is_stop_command, parse_command

SHORT, LONG = 'the short window only', 'decoded again in 30 s'
SETTLED = 'the short window, unsure, settled by the grammar'


def first(items, after, moving=None, until=math.inf):
    """Return the first time in ``items`` ((t, moving) pairs) from ``after`` to ``until``."""
    for t, flag in items:
        if after <= t <= until and (moving is None or flag == moving):
            return t
    return None


def expected_calls(text):
    """Return the calls the grammar reads in a take's text, as the agent reports calls."""
    return [[c.name, dict(c.arguments)] for c in parse_command(text).calls]


def transcript_time(turn, transcripts):
    """Return when the session was given ``turn``'s text (its ``user_input_transcribed``)."""
    return next((t for t, text in transcripts
                 if t >= turn['speech_end'] and ' '.join(text.split()) == turn['text']), None)


def stt_path(turn, decodes):
    """
    Return which way Whisper made the transcript ``turn`` used, or None when it is not known.

    :param decodes: ``(start, end, redecoded[, settled])`` of every transcription.
    """
    if turn.get('stt_started') is None:
        return None
    start = turn['speech_end'] + turn['stt_started']
    match = min(decodes, key=lambda d: abs(d[0] - start), default=None)
    if match is None or abs(match[0] - start) > 0.1:
        return None
    if match[2]:
        return LONG
    return SETTLED if len(match) > 3 and match[3] else SHORT


def command_sample(turn, until, received, published, transcripts):
    """
    Return the latency of the motion ``turn`` asked for, and its stages; None if nothing moved.

    :param until: when its take was over (the robot idle again).
    """
    end = turn['speech_end']
    got = first(received, end, moving=True, until=until)
    if got is None:
        return None
    sent = first(published, end, moving=True, until=until)
    heard = transcript_time(turn, transcripts)
    stages = {}
    if None not in (sent, heard, turn.get('stt_started'), turn.get('stt_duration')):
        stages = {'endpointing': turn['stt_started'], 'stt': turn['stt_duration'],
                  'waiting': heard - end - turn['stt_started'] - turn['stt_duration'],
                  'llm_and_tools': sent - heard, 'delivery': got - sent}
    return {'latency': got - end, 'stages': stages}


def stop_sample(onset, end, until, driven, received, transcripts):
    """
    Return what a "stop" spoken from ``onset`` to ``end`` did to the Twists received.

    Its cancel is when its transcript reached the session, which runs the
    stop at once.

    :param until: when its take was over (the robot idle again).
    :param driven: meters the robot drove in that take.
    """
    moving_before = [m for t, m in received if t < onset][-1:] == [True]
    zero = first(received, onset, moving=False, until=until)
    cancel = next((t for t, text in transcripts if end <= t <= until and is_stop_command(text)),
                  None)
    cancel_zero = first(received, cancel, moving=False, until=until) if cancel else None
    moved_after = first(received, cancel, moving=True, until=until) if cancel else None
    return {'moving_at_onset': moving_before,
            'onset_latency': None if zero is None else zero - onset,
            'end_latency': None if cancel_zero is None else cancel_zero - end,
            'zero_twist': zero is not None,
            'cancelled': cancel is not None,
            'moved_after_cancel': moved_after is not None,
            'driven': driven}


def gaps(items, ends=None):
    """
    Return the gaps between consecutive moving Twists and the rate of each motion.

    :param ends: a list to which the time at the end of each gap is appended.
    """
    found, rates, burst = [], [], []
    for t, moving in items + [(math.inf, False)]:
        if moving and burst and t - burst[-1] < 0.5:
            found.append(t - burst[-1])
            if ends is not None:
                ends.append(t)
            burst.append(t)
            continue
        if len(burst) >= 10:
            rates.append((len(burst) - 1) / (burst[-1] - burst[0]))
        burst = [t] if moving else []
    return found, rates


def control_loop(received, published, busy, period):
    """
    Return the jitter (ms) of the Twists received and published, and the rate of each motion.

    The received gaps are also sorted by what ran meanwhile in the agent
    (``busy``: stage -> (start, end) spans): that is where jitter comes from.
    """
    def by_stage(items):
        ends = []
        found, rates = gaps(items, ends)
        jitter = [(abs(g - period) * 1000.0, g, end) for g, end in zip(found, ends)]

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
