"""
The bench's figures, their targets, and the report as a table.

A figure is summarized by its count, p50, p90, p95 and max (nearest rank, as
the diagnostics' latency windows rank). A target names its statistic; where
the issue names none, every run must meet it, so it is judged on the max.
"""

import math

from ..metrics import percentile

# key, label, unit, what it measures, targets ((statistic, bound[, '<']), ...).
FIGURES = [
    ('command_latency', 'command latency', 's',
     'end of speech -> first non-zero Twist received on cmd_vel', (('p50', 0.5), ('p90', 0.8))),
    ('stop_onset_latency', 'stop latency from onset', 's',
     'onset of a spoken "stop" while moving -> zero Twist received', (('max', 0.15),)),
    ('stop_end_latency', 'stop latency from end', 's',
     'end of that "stop" -> the zero Twist of its cancel', ()),
    ('stt_latency', 'STT latency', 's', 'Whisper on one utterance (every decode)', ()),
    ('stt_rtf', 'STT real-time factor', '', 'processing time / speech time', ()),
    ('tts_first_audio', 'TTS time to first audio', 's', 'Piper, a reply to its first audio',
     (('max', 0.15),)),
    ('tts_rtf', 'TTS real-time factor', '', 'synthesis time / audio time', ()),
    ('llm_ttft_offline', 'LLM TTFT offline', 's', 'offline command LLM', ()),
    ('llm_ttft_openai', 'LLM TTFT openai', 's',
     'OpenAI provider, local streaming server on 127.0.0.1', ()),
    ('llm_ttft_cache', 'LLM TTFT cache hit', 's', 'CachedLLM answering a repeat', ()),
    ('cmd_vel_rate', 'cmd_vel rate', 'Hz', 'received, per motion (20 Hz configured)', ()),
    ('cmd_vel_jitter', 'cmd_vel jitter', 'ms', '|gap - 50 ms| between received Twists',
     (('p95', 5.0, '<'),)),
    ('startup', 'agent start-up', 's', 'process start -> listening, models cached',
     (('max', 5.0),)),
    ('rss', 'agent resident memory', 'MB', 'after the turns', (('max', 700.0),)),
]

STAGES = [
    ('endpointing', 'end of speech -> the transcription used starts'),
    ('stt', 'Whisper makes that transcript'),
    ('waiting', 'the transcript waits for the end of the turn'),
    ('llm_and_tools', 'transcript -> Twist published: LLM, functions, control tick'),
    ('delivery', 'Twist published -> received: DDS'),
]


def summarize(samples):
    """Return n, p50, p90, p95 and max of ``samples``; None and NaN are left out."""
    values = sorted(float(s) for s in samples if s is not None and math.isfinite(s))
    return {'n': len(values), 'p50': percentile(values, 50), 'p90': percentile(values, 90),
            'p95': percentile(values, 95), 'max': values[-1] if values else None}


def judge(figure_stats, target):
    """Return True or False for a target ``(statistic, bound[, '<'])``, None without data."""
    value = figure_stats.get(target[0])
    if value is None:
        return None
    strict = len(target) > 2 and target[2] == '<'
    return value < target[1] if strict else value <= target[1]


def figure(key, samples):
    """Return the summary of one figure with its targets and whether all are met."""
    _, label, unit, what, targets = next(f for f in FIGURES if f[0] == key)
    result = {'label': label, 'unit': unit, 'what': what, **summarize(samples)}
    if targets:
        result['targets'] = [{'statistic': t[0], 'bound': t[1], 'strict': len(t) > 2,
                              'met': judge(result, t)} for t in targets]
        verdicts = [t['met'] for t in result['targets']]
        result['met'] = None if None in verdicts else all(verdicts)
    return result


def value_text(value, unit):
    """Return a value with its unit, milliseconds for seconds."""
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


def _target_text(result):
    """Return the targets, the values they are judged on and the verdict, as text."""
    targets = result.get('targets')
    if not targets:
        return '', '', ''
    unit = result['unit']
    bounds, judged = [], []
    for target in targets:
        sign = '<' if target['strict'] else '<='
        bound = f'{target["bound"]:g} s' if unit == 's' and target['bound'] >= 1.0 else \
            value_text(target['bound'], unit)
        bounds.append(f'{target["statistic"]} {sign} {bound}')
        judged.append(value_text(result[target['statistic']], unit))
    verdict = {True: 'met', False: 'MISSED', None: 'no data'}[result['met']]
    return ', '.join(bounds), ', '.join(judged), verdict


def table(rows):
    """Return rows of cells as text columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ['  '.join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]


def format_report(report):
    """Return the report as text: the figures beside their targets, then the details."""
    m = report['machine']
    lines = [f'voice-nav bench{" --quick" if report["quick"] else ""}: {m["cores"]} cores, '
             f'{m["cpu"]}, Python {m["python"]}; load {m["load"][0]:.2f} before, '
             f'{m["load_after"][0]:.2f} after; {report["seconds"]:.0f} s', '']
    rows = [('figure', 'n', 'median', 'p90', 'max', 'target', 'judged', '')]
    for result in report['figures'].values():
        unit = result['unit']
        rows.append((result['label'], str(result['n']), value_text(result['p50'], unit),
                     value_text(result['p90'], unit), value_text(result['max'], unit),
                     *_target_text(result)))
    lines += table(rows)
    lines += ['', 'command latency by stage:']
    rows = [('stage', 'n', 'median', 'p90', 'max')]
    for name, what in STAGES:
        s = report['command_stages'][name]
        rows.append((f'{name.replace("_", " ")} ({what})', str(s['n']),
                     *(value_text(s[k], 's') for k in ('p50', 'p90', 'max'))))
    lines += table(rows)
    takes = report['takes']
    lines += ['', f'takes: {takes["moved"]} of {takes["count"]} moved, {takes["right"]} as '
              f'their text asks; the end of the turn found {_counts(takes["endpoint"])}; '
              f'the transcript used came from {_counts(takes["stt_path"])}']
    for path, result in takes['latency_by_stt_path'].items():
        lines.append(f'  command latency, {path}: n={result["n"]}, median '
                     f'{value_text(result["p50"], "s")}, max {value_text(result["max"], "s")}')
    decodes = report['decodes']
    lines.append(f'Whisper decodes: {decodes["count"]}, {decodes["redecoded"]} of them decoded '
                 f'again in the 30 s window, {decodes.get("settled", 0)} unsure ones settled '
                 f'by the grammar; {decodes["discarded"]} made at a pause and '
                 'dropped as the speech went on')
    if takes['skipped']:
        lines.append(f'skipped takes: {"; ".join(takes["skipped"])}')
    lines += _details(report)
    return '\n'.join(lines)


def _counts(counts):
    return ', '.join(f'{k} {v}' for k, v in counts.items()) or 'none'


def _details(report):
    rss = report['figures']['rss']
    lines = [f'resident memory after {rss["turns"]} turns; peak '
             f'{value_text(rss["peak_mb"], "MB")}']
    stops = report['stops']
    zero = sum(bool(s.get('zero_twist')) for s in stops)
    loop = report['control_loop']
    lines.append(f'stops: {zero} of {len(stops)} made a zero Twist; published jitter p95 '
                 f'{value_text(loop["published_jitter_ms"]["p95"], "ms")}')
    for side, key in (('received', 'jitter_ms_during'),
                      ('published', 'published_jitter_ms_during')):
        during = loop[key]
        lines.append(f'cmd_vel jitter p95 ({side}) while ' + ', '.join(
            f'{name} {value_text(s["p95"], "ms")} (n={s["n"]})' for name, s in
            (('Whisper runs', during['stt']), ('Piper runs', during['tts']),
             ('the VAD hears audio', during['vad']), ('none of these', during['none']))))
    start = report['startup_stages']
    alone = report['tts_first_audio_alone']
    lines.append(f'start-up (median): node built {value_text(start["to_node"]["p50"], "s")}, '
                 f'Whisper load {value_text(start["whisper_load"]["p50"], "s")}, warm-up '
                 f'{value_text(start["warm_up"]["p50"], "s")}; Piper alone: first audio '
                 f'{value_text(alone["p50"], "s")} median, {value_text(alone["max"], "s")} max')
    lines.append(f'files in {report["files"]}')
    return lines
