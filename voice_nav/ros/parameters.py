"""
The agent node's ROS parameters: declared from the config model, checked, described.

A parameter that does not apply is an error, not a silent default: an unknown name
(given with ``-p`` or in a parameters file) is refused with the nearest known name, and
so is a parameters file with no section for this node, e.g. ``voice_nav:`` for a node
in the namespace ``/robot1`` (``/**/voice_nav:`` applies in any namespace). ``ros2 param
describe`` shows each parameter's description, its range (from the model's bounds) and
whether it can change while the node runs.
"""

import difflib
import sys
import time
from typing import get_args, get_origin, Literal
import weakref

import annotated_types
from rcl_interfaces.msg import FloatingPointRange, IntegerRange, ParameterDescriptor
from rclpy.utilities import remove_ros_args
import yaml

from ..agent.config import AgentConfig, ConfigError, load_config

DESCRIPTIONS = {
    'llm': 'the LLM: offline (command grammar, no network), openai (an OpenAI-compatible '
           'endpoint) or fallback (openai, then offline when it fails or is slow)',
    'llm_model': 'model name at the OpenAI-compatible endpoint',
    'llm_base_url': "'' (OpenAI) or the http(s) URL of an OpenAI-compatible endpoint",
    'llm_api_key_env': 'name of the environment variable that holds the API key',
    'llm_timeout': 'seconds an LLM read may wait (each chunk of the answer)',
    'llm_deadline': 'seconds a whole LLM request may take, retries included',
    'llm_max_tokens': 'most tokens an LLM answer may have (max_tokens)',
    'llm_tool_choice': 'tool_choice sent with the tools: auto, required, none or a function',
    'fallback_timeout': 'seconds without a first token before falling back to offline',
    'llm_cache_ttl': 'seconds an LLM answer is reused for the same words; 0: no cache',
    'chat_token_budget': 'tokens of chat history kept for the LLM',
    'max_linear_speed': 'speed limit, m/s, enforced below the LLM',
    'max_angular_speed': 'turn rate limit, rad/s, enforced below the LLM',
    'max_linear_accel': 'linear acceleration limit, m/s^2',
    'max_angular_accel': 'angular acceleration limit, rad/s^2',
    'default_linear_speed': 'speed when none is asked for, m/s (capped at max_linear_speed)',
    'default_angular_speed': 'turn rate when none is asked for, rad/s (capped at the max)',
    'max_distance': 'longest drive of one utterance, m, in all (one call or a sequence)',
    'max_angle': 'largest turn of one utterance, degrees, in all',
    'max_motion_calls': 'motions one utterance may ask for; the rest is refused out loud',
    'max_command_chars': 'a longer command text is refused whole, not parsed',
    'control_rate': 'rate of cmd_vel while moving, Hz',
    'odom_timeout': 'seconds after which odometry counts as stale',
    'odom_wait': 'seconds a motion waits for fresh odometry before it is refused',
    'stall_timeout': 'seconds without progress on odometry before a motion stops',
    'allow_open_loop': 'true: move by time when there is no odometry (turtlesim); '
                       'false: refuse motion without odometry',
    'holonomic': 'true: left/right strafe with linear.y; false: a diff-drive base turns first',
    'use_stamped': 'publish geometry_msgs/TwistStamped on cmd_vel instead of Twist',
    'base_frame': 'frame_id of TwistStamped commands',
    'audio_input': "microphone, a WAV file, or none ('' too) for text commands only",
    'audio_device': "sounddevice name, or index in quotes ('2'); '' for the default",
    'audio_output': 'speaker, none, or a folder to write the spoken answers in as WAVs',
    'vad_threshold': 'speech probability above which a frame counts as speech',
    'vad_min_speech_ms': 'shorter bursts (clicks, coughs) are not speech, ms',
    'vad_min_silence_ms': 'silence that ends an utterance, ms',
    'vad_early_silence_ms': 'silence after which the speech so far is transcribed and a whole '
                            'command acted on at once, ms; 0 turns it off',
    'vad_speech_pad_ms': 'audio kept around the speech, ms',
    'stt_model': 'base (the bundled Whisper base) or a CTranslate2 Whisper folder',
    'stt_compute_type': 'CTranslate2 compute type of Whisper',
    'stt_language': 'language code Whisper transcribes',
    'stt_beam_size': "Whisper's beam size; 1 is greedy",
    'stt_window': "Whisper encoder's window, s: 10 is three times faster than 30",
    'tts_voice': "'' for the bundled en_US-joe-medium, or a Piper .onnx voice",
    'pause_motion_on_speech': 'stop while someone speaks, until the words are understood',
    'ignore_own_voice': 'speech that starts while the robot talks is taken for its echo',
    'hardware_id': 'hardware_id of the /diagnostics statuses',
    'ttft_warning_ms': 'LLM time to first token (p95) that makes the llm status WARN, ms',
    'ttft_critical_ms': 'LLM time to first token (p95) that makes the llm status ERROR, ms',
}
# Why the speed limits stop where they do (AgentConfig): a person drives the robot by voice
# and walks beside it, and a spoken stop takes 0.15-0.7 s to act on (README, Benchmarks).
# 1.5 m/s is a brisk walk (people walk at about 1.4 m/s): at it the robot covers about a
# meter before a stop takes effect; it covers TurtleBot 3/4 (0.22-0.31 m/s) and Husky-class
# bases (1.0 m/s). 3.0 rad/s covers a TurtleBot 3 Burger's 2.84 rad/s. 3 m/s^2 is above
# nav2's default acceleration limit (2.5) and below a wheel's grip on indoor floors (about
# 5 m/s^2); 10 rad/s^2 asks each wheel of a base 0.6 m wide for 3 m/s^2 at most. A faster
# robot needs a faster way to stop than a voice.

# audio_input values that mean "no microphone, by design": text commands only.
NO_AUDIO = ('', 'none')
# The ROS arguments that take a value; only --params-file matters here.
_ROS_OPTIONS = {'-r', '--remap', '-p', '--param', '--params-file', '-e', '--enclave',
                '--log-level', '--log-config-file', '--log-file-name'}
# The arguments rclpy.init was given, by context (rclpy does not keep them).
_init_args = weakref.WeakKeyDictionary()


def remember_init_args(context, args):
    """Note the arguments ``rclpy.init(args=...)`` was given for ``context`` (None: sys.argv)."""
    _init_args[context] = list(sys.argv if args is None else args)


def description(name):
    """Return the description of parameter ``name``: the model's own, or ours."""
    return AgentConfig.model_fields[name].description or DESCRIPTIONS.get(name, '')


def descriptor(name, read_only):
    """Return the ParameterDescriptor of ``name``: description, range and choices."""
    info = AgentConfig.model_fields[name]
    bounds = {}
    for item in info.metadata:
        for kind, attribute in ((annotated_types.Gt, 'gt'), (annotated_types.Ge, 'ge'),
                                (annotated_types.Lt, 'lt'), (annotated_types.Le, 'le')):
            if isinstance(item, kind):
                bounds[attribute] = getattr(item, attribute)
    constraints = [f'{symbol} {bounds[key]:g}' for key, symbol in
                   (('gt', '>'), ('ge', '>='), ('lt', '<'), ('le', '<=')) if key in bounds]
    if get_origin(info.annotation) is Literal:
        constraints.append('one of ' + ', '.join(get_args(info.annotation)))
    for item in info.metadata:
        if getattr(item, 'pattern', None):
            constraints.append(f'matches {item.pattern}')
    result = ParameterDescriptor(
        description=description(name), additional_constraints=' and '.join(constraints),
        dynamic_typing=True, read_only=read_only)
    low = bounds.get('gt', bounds.get('ge'))
    high = bounds.get('lt', bounds.get('le'))
    # ROS ranges are inclusive: an exclusive bound shows as its value, the check is ours.
    if low is not None and high is not None:
        if info.annotation is int:
            result.integer_range = [IntegerRange(from_value=int(low), to_value=int(high),
                                                 step=1)]
        elif info.annotation is float:
            result.floating_point_range = [FloatingPointRange(
                from_value=float(low), to_value=float(high), step=0.0)]
    return result


def params_files(args):
    """Return the ``--params-file`` paths among ROS arguments, in order."""
    files = []
    inside = False
    tokens = iter(args)
    for token in tokens:
        if token == '--ros-args':
            inside = True
        elif token == '--':
            inside = False
        elif inside and token in _ROS_OPTIONS:
            value = next(tokens, None)
            if token == '--params-file' and value is not None:
                files.append(value)
    return files


def node_sections(document, path=()):
    """Yield ``(node key, parameters)`` of a parameters file, nested namespaces joined."""
    if not isinstance(document, dict):
        return
    if 'ros__parameters' in document:
        yield '/'.join(path), document['ros__parameters']
        return
    for key, value in document.items():
        yield from node_sections(value, (*path, str(key)))


def key_matches(key, fully_qualified_name):
    """
    Say whether a parameters-file node key applies to a node, as rcl decides.

    A key without a leading slash is absolute; ``*`` is one name, ``**`` any number.
    """
    def match(pattern, names):
        if not pattern:
            return not names
        if pattern[0] == '**':
            return any(match(pattern[1:], names[i:]) for i in range(len(names) + 1))
        return bool(names) and pattern[0] in ('*', names[0]) and match(pattern[1:], names[1:])

    pattern = [p for p in key.strip('/').split('/') if p]
    names = [n for n in fully_qualified_name.strip('/').split('/') if n]
    return match(pattern, names)


def file_value(path, fully_qualified_name, name, default=None):
    """Return what a parameters file sets ``name`` to for a node (the last section wins)."""
    with open(path, encoding='utf-8') as f:
        document = yaml.safe_load(f)
    value = default
    for key, parameters in node_sections(document):
        if key_matches(key, fully_qualified_name) and isinstance(parameters, dict) and \
                name in parameters:
            value = parameters[name]
    return value


def check_params_files(files, fully_qualified_name):
    """
    Refuse a parameters file with no section for this node.

    :raises ConfigError: naming the file, its sections and the key that would apply.
    """
    for path in files:
        try:
            with open(path, encoding='utf-8') as f:
                document = yaml.safe_load(f)
        except (OSError, yaml.YAMLError) as e:  # rcl read it already; say so if we cannot
            raise ConfigError(f'parameters file {path!r}: cannot read it: {e}') from None
        keys = [key for key, _ in node_sections(document)]
        if not any(key_matches(key, fully_qualified_name) for key in keys):
            name = fully_qualified_name.rsplit('/', 1)[-1]
            raise ConfigError(
                f'parameters file {path!r} has no section for the node {fully_qualified_name} '
                f'(its node keys: {", ".join(keys) or "none"}); key it /**/{name}: to apply '
                f'in any namespace, or {fully_qualified_name}:')


def check_unknown(node, known):
    """
    Refuse parameters given to the node (``-p``, a file) that it does not have.

    :raises ConfigError: naming each one and the nearest known name.
    """
    # rclpy keeps the overrides that rcl matched to this node, but offers no public getter.
    unknown = sorted(n for n in node._parameter_overrides
                     if not node.has_parameter(n) and n not in known)
    declared = node.list_parameters([], 0).names
    lines = []
    for name in unknown:
        near = difflib.get_close_matches(name, [*declared, *known], n=1, cutoff=0.6)
        hint = f"; did you mean '{near[0]}'?" if near else ''
        lines.append(f"parameter '{name}': unknown parameter of {node.get_name()}{hint}")
    if lines:
        raise ConfigError('; '.join(lines))


def declare_parameters(node, runtime, cli_args=None, also_known=()):
    """
    Declare the AgentConfig parameters on ``node``, check them, describe them.

    :param runtime: names that can change while the node runs; the others are read-only.
    :param cli_args: the node's own ``cli_args``, if any.
    :param also_known: names of other nodes in the same process, which take the same
        process-wide ``-p`` arguments and files.
    :return: the validated AgentConfig.
    :raises ConfigError: naming what is wrong.
    """
    names = list(AgentConfig.model_fields)
    for name in names:
        # Typed by the pydantic model, not by rclpy, so that 1 is a valid speed and a bad
        # value gets the model's message naming it; the range comes once it is valid.
        node.declare_parameter(name, AgentConfig.model_fields[name].default, ParameterDescriptor(
            description=description(name), dynamic_typing=True))
    check_unknown(node, set(also_known))
    args = _init_args.get(node.context, sys.argv) + list(cli_args or [])
    check_params_files(params_files(args), node.get_fully_qualified_name())
    values = {name: node.get_parameter(name).value for name in names}
    if isinstance(values['audio_input'], str) and values['audio_input'].strip() in NO_AUDIO:
        values['audio_input'] = ''
    config = load_config(values)
    for name in names:
        node.set_descriptor(name, descriptor(name, read_only=name not in runtime))
    return config


def controller_clock(node):
    """
    Return the MotionController's clock in seconds: ROS time under ``use_sim_time``.

    With a simulator's ``/clock`` (Gazebo, or ``voice-nav sim`` at a real-time factor),
    motions, odometry age and timeouts then run in its time; otherwise a monotonic clock.
    """
    if node.get_parameter('use_sim_time').value:
        clock = node.get_clock()
        return lambda: clock.now().nanoseconds * 1e-9
    return time.monotonic


def command_line(prog, summary, args=None, epilog=None):
    """
    Handle an executable's own (non-ROS) arguments: ``--help`` prints the usage.

    :param epilog: the text after the usage; the agent's parameters by default.
    :return: an exit code to end with (0 after the help, 2 for a bad argument), or None
        to go on and start the node.
    """
    import argparse
    parser = argparse.ArgumentParser(
        prog=prog, description=summary, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=ROS_ARGS_HELP + (epilog or parameter_help()))
    try:
        parser.parse_args(remove_ros_args(sys.argv if args is None else args)[1:])
    except SystemExit as e:
        return e.code
    return None


ROS_ARGS_HELP = ('ROS arguments go after --ros-args, e.g.:\n'
                 '  --ros-args -p NAME:=VALUE --params-file FILE.yaml '
                 '-r __ns:=/robot1\n\n')


def parameter_help():
    """Return the usage text of the agent's parameters."""
    lines = ['parameters (ros2 param describe shows the same):']
    for name, info in AgentConfig.model_fields.items():
        constraints = descriptor(name, False).additional_constraints
        extra = f'; {constraints}' if constraints else ''
        lines.append(f'  {name} (default {info.default!r}{extra})')
        lines.append(f'      {description(name)}')
    return '\n'.join(lines)
