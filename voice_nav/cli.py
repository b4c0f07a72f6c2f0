"""The ``voice-nav`` command."""

import argparse
import asyncio
import json
import logging
import sys


def _format_call(call):
    try:
        arguments = call.parsed_arguments()
    except ValueError:
        return f'{call.name}({call.arguments})'
    inner = ', '.join(f'{k}={v!r}' for k, v in arguments.items())
    return f'{call.name}({inner})'


def _call_json(call):
    try:
        arguments = call.parsed_arguments()
    except ValueError:
        arguments = call.arguments
    return {'name': call.name, 'arguments': arguments}


async def _parse_all(args, utterances, out):
    from .llm import APIError, ChatContext, CommandGuard
    from .motion.contract import declared_functions, INSTRUCTIONS
    from .plugins.factory import make_llm

    llm = make_llm(args.llm, model=args.model, base_url=args.base_url,
                   api_key_env=args.api_key_env, deadline=args.deadline,
                   max_tokens=args.max_tokens, tool_choice=args.tool_choice,
                   fallback_timeout=args.fallback_timeout)
    if isinstance(llm, CommandGuard):
        llm = llm.llm  # show what the endpoint itself answered
    llm.on('attempt_failed', lambda e: print(
        f'voice-nav parse: {e.llm.label} failed ({e.reason})'
        + (f'; answered by {e.next_llm.label}' if e.next_llm is not None else ''),
        file=sys.stderr, flush=True))
    functions = declared_functions()
    try:
        for text in utterances:
            ctx = ChatContext().append(role='system', text=INSTRUCTIONS)
            ctx.append(role='user', text=text)
            try:
                reply, calls = await llm.chat(chat_ctx=ctx, fnc_ctx=functions).collect()
            except APIError as e:
                print(f'voice-nav parse: error: the {args.llm} LLM failed: {e}', file=sys.stderr)
                return 1
            if not reply.strip() and not calls:
                print(f'voice-nav parse: error: the {args.llm} LLM gave an empty answer to '
                      f'{text!r}', file=sys.stderr)
                return 1
            if args.json:
                out.write(json.dumps([_call_json(c) for c in calls]) + '\n')
            else:
                parts = [_format_call(c) for c in calls]
                if reply.strip():
                    parts.append(f'say: {reply.strip()}')
                out.write('; '.join(parts) + '\n')
            out.flush()
    finally:
        await llm.aclose()
    return 0


def parse_main(args):
    """Print the function calls an LLM makes for each utterance; move nothing."""
    # Retries are logged as warnings; the user gets one line if all of them fail.
    logging.basicConfig(level=logging.ERROR, format='voice-nav: %(message)s')
    if args.text is not None:
        utterances = [args.text]
    else:
        utterances = [line.rstrip('\n') for line in sys.stdin]
    try:
        return asyncio.run(_parse_all(args, utterances, sys.stdout))
    except ValueError as e:
        print(f'voice-nav parse: error: {e}', file=sys.stderr)
        return 2


def transcribe_main(args):
    """Print what Whisper hears in an audio file; with -v, timings and dropped segments too."""
    import time
    logging.basicConfig(level=logging.INFO if args.verbose else logging.ERROR,
                        format='voice-nav: %(message)s')
    logging.getLogger('faster_whisper').setLevel(logging.WARNING)
    from .plugins.audio_io import AudioFileError, load_wav
    from .plugins.whisper_stt import WhisperModelError, WhisperSTT
    try:
        audio = load_wav(args.file)
        kwargs = {} if args.beam_size is None else {'beam_size': args.beam_size}
        stt = WhisperSTT(model=args.model, **kwargs)
        metrics = []
        stt.on('metrics_collected', metrics.append)
        start = time.perf_counter()
        stt.load()
        loaded = time.perf_counter() - start
        transcript = asyncio.run(stt.recognize(audio))
    except (AudioFileError, WhisperModelError, ValueError) as e:
        print(f'voice-nav transcribe: error: {e}', file=sys.stderr)
        return 2
    print(transcript.text)
    if args.verbose:
        m = metrics[-1]
        rtf = 'n/a' if m.real_time_factor is None else f'{m.real_time_factor:.2f}'
        print(f'model {args.model} (beam {stt.beam_size}) ready in {loaded:.2f} s; '
              f'{m.audio_duration:.2f} s of audio transcribed in {m.duration:.2f} s '
              f'(real-time factor {rtf})', file=sys.stderr)
        for dropped in transcript.dropped:
            print(f'dropped {dropped}', file=sys.stderr)
    return 0


def build_parser():
    """Return the argument parser of ``voice-nav``."""
    parser = argparse.ArgumentParser(
        prog='voice-nav', description='Drive a ROS 2 robot by talking to it.')
    commands = parser.add_subparsers(dest='command', required=True, metavar='COMMAND')

    parse = commands.add_parser(
        'parse', help='print the function calls an LLM makes for a sentence; moves nothing',
        description='Print the function calls the chosen LLM makes for TEXT, or for each '
                    'line of standard input. Moves nothing. With --llm fallback, a line on '
                    'stderr says when the endpoint failed and the offline LLM answered; an '
                    'empty answer is an error.')
    parse.add_argument('text', nargs='?', metavar='TEXT',
                       help='the utterance; without it, one utterance a line from stdin')
    parse.add_argument('--json', action='store_true',
                       help='print a JSON array of {"name", "arguments"} per utterance')
    parse.add_argument('--llm', choices=('offline', 'openai', 'fallback'), default='offline')
    parse.add_argument('--model', default='gpt-4o-mini', help='model name for openai')
    parse.add_argument('--base-url', default=None,
                       help='an OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp)')
    parse.add_argument('--api-key-env', default='OPENAI_API_KEY',
                       help='the environment variable holding the API key')
    parse.add_argument('--tool-choice', default='auto', metavar='CHOICE',
                       help='auto, required, none or a function name (default: auto)')
    parse.add_argument('--max-tokens', type=int, default=256, metavar='N',
                       help='the most tokens an answer may have (default: 256)')
    parse.add_argument('--deadline', type=float, default=15.0, metavar='SECONDS',
                       help='the most a whole answer may take, retries included (default: 15)')
    parse.add_argument('--fallback-timeout', type=float, default=2.0, metavar='SECONDS',
                       help='with --llm fallback: how long the endpoint has to start its '
                            'answer (default: 2)')
    parse.set_defaults(func=parse_main)

    transcribe = commands.add_parser(
        'transcribe', help='print what Whisper hears in a WAV file',
        description='Transcribe one audio file (any WAV: any rate, any channels) with '
                    'Whisper, set as for spoken commands, and print the text.')
    transcribe.add_argument('file', metavar='FILE.wav', help='the audio file')
    transcribe.add_argument('--model', default='base',
                            help="'base' (bundled) or the folder of a CTranslate2 Whisper model")
    transcribe.add_argument('--beam-size', type=int, default=None, metavar='N',
                            help="1 is greedy; default: WhisperSTT's own")
    transcribe.add_argument('-v', '--verbose', action='store_true',
                            help='also print the timings and dropped segments on stderr')
    transcribe.set_defaults(func=transcribe_main)

    run = commands.add_parser(
        'run', help='run the agent node (and the simulator) and feed it commands',
        description='Run the agent node; with --sim the diff-drive simulator in the same '
                    'process. Each --text command is fed once the motion of the one before has '
                    'ended. Arguments after --ros-args go to ROS.')
    run.add_argument('--sim', action='store_true', help='also run the simulator')
    run.add_argument('--text', action='append', default=[], metavar='CMD',
                     help='a typed command (repeatable, run in order)')
    run.add_argument('--exit-when-idle', action='store_true',
                     help='exit 0 when every command is done')
    run.add_argument('--params', metavar='FILE', help='a ROS parameters YAML file')
    run.add_argument('--events', metavar='FILE.jsonl',
                     help='write one JSON object a line for each event')
    run.add_argument('--plot', metavar='FILE.png', help='draw the path as a PNG')
    run.add_argument('--audio', action='append', default=[], metavar='FILE.wav',
                     help='recorded speech, one or more utterances a file (repeatable); '
                          'without --text or --audio the microphone is used')
    run.add_argument('--out', metavar='DIR', help="write the robot's spoken answers as WAVs")
    run.set_defaults(func=_ros_command('run_commands'))

    demo = commands.add_parser(
        'demo', help='the offline demo: a spoken session through the whole chain',
        description='Speak a short session with Piper (forward, turn, back, a status '
                    'question, a stop while moving), run it through VAD, Whisper, the LLM, '
                    'the motion controller and the simulator over rclpy, and print each turn '
                    'with its timings, the final pose and a metrics table.')
    demo.add_argument('--out', metavar='DIR',
                      help='where to put the WAVs, events.jsonl and path.png '
                           '(default: a new temporary folder)')
    demo.set_defaults(func=_ros_command('run_demo', 'voice_runner'))

    bench = commands.add_parser(
        'bench', help='measure latencies, the control loop, start-up and memory against targets',
        description='Say a fixed list of 36 commands (nine voices, clean and noisy; made once '
                    'and cached) and run them through the offline agent and the simulator '
                    'over rclpy; time the LLMs (offline, OpenAI against a local server, cache '
                    'hits), the cmd_vel loop, the start-up and the memory; print median, p90 '
                    'and max of each beside its target, command latency by stage.')
    bench.add_argument('--json', action='store_true', help='print the report as JSON')
    bench.add_argument('--quick', action='store_true',
                       help='few runs: a smoke check, not stable figures')
    bench.add_argument('--out', metavar='DIR',
                       help='where to keep the logs and answers (default: a new temporary '
                            'folder)')
    bench.add_argument('--param', action='append', metavar='NAME:=VALUE',
                       help='a ROS parameter of the agent under test, e.g. '
                            'vad_early_silence_ms:=0 (repeatable)')
    bench.set_defaults(func=_bench)

    sim = commands.add_parser('sim', help='run the diff-drive simulator alone')
    sim.set_defaults(func=_ros_command('run_sim'))
    return parser


def _bench(args):
    from .bench import bench_main
    return bench_main(args)


def _ros_command(name, module='runner'):
    def run(args):
        import importlib
        try:
            runner = importlib.import_module(f'voice_nav.ros.{module}')
        except ImportError as e:
            print(f'voice-nav: error: ROS 2 is not available ({e}); install it with '
                  "pip install 'voice_nav[ros]' or source a ROS 2 install", file=sys.stderr)
            return 2
        return getattr(runner, name)(args)
    return run


def main(argv=None):
    """Run the ``voice-nav`` command."""
    argv = list(sys.argv[1:] if argv is None else argv)
    ros_args = []
    if '--ros-args' in argv:
        at = argv.index('--ros-args')
        argv, ros_args = argv[:at], argv[at + 1:]
    args = build_parser().parse_args(argv)
    args.ros_args = ros_args
    return args.func(args)


if __name__ == '__main__':
    sys.exit(main())
