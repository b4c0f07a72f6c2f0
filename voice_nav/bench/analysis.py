"""The bench's report, made from what the agent and the simulator noted (see ``timing.py``)."""

from collections import Counter

from .report import figure, FIGURES, STAGES, summarize
from .timing import command_sample, control_loop, expected_calls, stop_sample, stt_path
from .utterances import STOP
from ..plugins.command_grammar import is_stop_command


def _in(utterances, start, until):
    return [u for u in utterances if u['speech_end'] is not None
            and start <= u['speech_end'] <= until]


def _take(name, text, turn, until, noted):
    """Return one take's row: what was heard, done, how fast, and which way."""
    row = {'take': name, 'text': text, 'heard': None, 'calls': None, 'right': False,
           'latency': None, 'stages': {}, 'endpoint': None, 'stt_path': None}
    if turn is None:
        return row
    sample = command_sample(turn, until, noted['received'], noted['published'],
                            noted['transcripts'])
    row.update(heard=turn['text'], calls=turn['calls'],
               right=turn['calls'] == expected_calls(text), endpoint=turn['endpoint'],
               stt_path=stt_path(turn, noted['decodes']))
    if sample is not None:
        row.update(latency=sample['latency'], stages=sample['stages'])
    return row


def takes_and_stops(agent, received):
    """Return a row for each command take (the drives before the stops too), and the stops."""
    noted = {'received': received, 'published': [tuple(p) for p in agent['published']],
             'transcripts': [tuple(t) for t in agent['transcripts']],
             'decodes': [tuple(d) for d in agent['decodes']]}
    utterances = sorted(agent['utterances'], key=lambda u: u['number'])
    rows, stops = [], []
    for take in agent['takes']:
        heard = _in(utterances, take['start'], take['until'])
        rows.append(_take(take['name'], take['text'], heard[0] if heard else None,
                          take['until'], noted))
    for stop in agent['stops']:
        heard = _in(utterances, stop['start'], stop['until'])
        said = [u for u in heard if is_stop_command(u['text'])]
        drives = [u for u in heard if u not in said]
        rows.append(_take(f'{stop["name"]}, before a stop', STOP[0],
                          drives[0] if drives else None, stop['until'], noted))
        if not said or not stop['starts']:
            stops.append({'error': f'{len(heard)} utterances heard, no stop among them'})
            continue
        stops.append(stop_sample(stop['starts'][-1], said[-1]['speech_end'], stop['until'],
                                 stop['driven'], received, noted['transcripts']))
    return rows, stops


def build_report(agent, received, startups, tts_alone, llms):
    """Return the figures, the stages, the takes and the rest of the report as a dict."""
    received = [tuple(r) for r in received]
    rows, stops = takes_and_stops(agent, received)
    timed = [s for s in stops if 'error' not in s]
    loop = control_loop(received, [tuple(p) for p in agent['published']], agent['busy'],
                        1.0 / agent['control_rate'])
    samples = {
        'command_latency': [r['latency'] for r in rows],
        # A stop said before the motion began is no stop during a motion.
        'stop_onset_latency': [s['onset_latency'] for s in timed if s['moving_at_onset']],
        'stop_end_latency': [s['end_latency'] for s in timed],
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
    figures = {key: figure(key, samples[key]) for key, *_ in FIGURES}
    figures['rss']['turns'] = len(agent['utterances'])
    figures['rss']['peak_mb'] = agent['peak_rss_mb']
    moved = [r for r in rows if r['latency'] is not None]
    paths = Counter(r['stt_path'] or 'not known' for r in moved)
    return {
        'figures': figures,
        'command_stages': {name: summarize(r['stages'].get(name) for r in moved)
                           for name, _ in STAGES},
        'takes': {
            'count': len(rows), 'moved': len(moved), 'right': sum(r['right'] for r in rows),
            'endpoint': dict(Counter(r['endpoint'] for r in moved)),
            'stt_path': dict(paths),
            'latency_by_stt_path': {path: summarize(r['latency'] for r in moved
                                                    if (r['stt_path'] or 'not known') == path)
                                    for path in paths},
            'latency_by_endpoint': {kind: summarize(r['latency'] for r in moved
                                                    if r['endpoint'] == kind)
                                    for kind in sorted({r['endpoint'] for r in moved})},
            'rows': rows},
        'decodes': {'count': len(agent['decodes']),
                    'redecoded': sum(bool(d[2]) for d in agent['decodes']),
                    'settled': sum(len(d) > 3 and bool(d[3]) for d in agent['decodes']),
                    'at_a_pause': agent['events']['speech_paused'],
                    'discarded': agent['events']['speech_resumed']},
        'stops': stops,
        'control_loop': {
            'published_jitter_ms': summarize(loop['published_jitter_ms']),
            'configured_rate_hz': agent['control_rate'],
            'jitter_ms_during': {k: summarize(v) for k, v in loop['during'].items()},
            'published_jitter_ms_during': {k: summarize(v)
                                           for k, v in loop['published_during'].items()}},
        'startup_stages': {
            'to_node': summarize(s['node'] for s in startups),
            'whisper_load': summarize(s['whisper_load'] for s in startups),
            # The rest: the warm-up decode, with Piper loading beside it.
            'warm_up': summarize(s['total'] - s['node'] - s['whisper_load'] for s in startups
                                 if s['node'] is not None and s['whisper_load'] is not None)},
        'tts_first_audio_alone': summarize(tts_alone),
        'agent': {'turns': len(agent['utterances']), 'dropped': agent['dropped'],
                  'llm_ttft_in_pipeline': agent['llm_ttft_in_pipeline']},
    }
