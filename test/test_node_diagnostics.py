"""
The agent node's /diagnostics over real DDS: the motion status and the llm status levels.

The llm levels come from a slow OpenAI-compatible server in the test process
(``openai_server``) that answers with a tool call after a first-token delay.
"""

from diagnostic_msgs.msg import DiagnosticArray, DiagnosticStatus
from nav_msgs.msg import Odometry
from openai_server import calls, OpenAIServer, text, tool_delta
from ros_helpers import node_process, Probe, ros_env_fixture  # noqa: F401 (ros_env)
from std_msgs.msg import Bool, String

AGENT = 'voice_nav.ros.agent_node'
MOTION_TIMEOUT = 60.0
# Diagnostics come once a second; a slow machine may take a few more.
STATUS_TIMEOUT = 30.0


def _statuses(diagnostics, name):
    """Return every status called ``name`` received so far, oldest first."""
    return [s for received in list(diagnostics) for s in received.msg.status if s.name == name]


def _values(status):
    return {kv.key: kv.value for kv in status.values}


def _first(diagnostics, name, predicate, after=0):
    """Return the first status ``name`` after the first ``after`` matching ``predicate``."""
    for status in _statuses(diagnostics, name)[after:]:
        if predicate(status, _values(status)):
            return status
    return None


def _moving(diagnostics):
    return [s for s in _statuses(diagnostics, 'voice_nav: motion')
            if _values(s)['state'] == 'moving']


def test_motion_status_reports_rate_odometry_age_and_estop(ros_env):
    """While moving: ~20 Hz commands, fresh odometry, no e-stop; the e-stop turns it WARN."""
    with node_process(ros_env) as sim, node_process(ros_env, module=AGENT) as agent, \
            Probe(ros_env) as probe:
        odoms = probe.subscribe(Odometry, '/odom')
        diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
        command = probe.publisher(String, '/voice_nav/text_command')
        estop = probe.publisher(Bool, '/voice_nav/estop')
        assert probe.wait_for(lambda: odoms), sim.output
        assert probe.wait_for_subscribers(command), agent.output
        assert probe.wait_for_subscribers(estop), agent.output
        assert probe.wait_for(lambda: 'listening on' in agent.output), agent.output

        idle = probe.wait_for(lambda: _first(diagnostics, 'voice_nav: motion', lambda s, v: (
            v['state'] == 'idle' and v['odom_age'] != '')), timeout=STATUS_TIMEOUT)
        assert idle, agent.output
        values = _values(idle)
        assert idle.level == DiagnosticStatus.OK
        assert values['estop'] == 'False'
        assert float(values['rate_hz']) == 0.0  # nothing published yet

        command.publish(String(data='go forward 2 meters'))
        # The rate is an average over the last 100 control steps: wait for a status
        # a couple of seconds into the motion, so that it covers more than a few.
        moving = probe.wait_for(lambda: _moving(diagnostics)[2:], timeout=MOTION_TIMEOUT)
        assert moving, (agent.output, _moving(diagnostics))
        moving = moving[0]
        values = _values(moving)
        assert moving.level == DiagnosticStatus.OK
        assert moving.message == 'moving'
        assert values['goal'] == 'navigate forward 2 m'
        # A 20 Hz timer: the mean period holds even when single ticks are late.
        assert 16.0 <= float(values['rate_hz']) <= 24.0, values
        # The simulator publishes at 50 Hz: the newest odometry is a few tens of ms old,
        # well within odom_timeout (0.5 s), else the motion would have stopped.
        assert 0.0 <= float(values['odom_age']) < 0.25, values
        assert values['closed_loop'] == 'True'
        assert values['estop'] == 'False'
        assert float(values['jitter_ms_p95']) >= 0.0

        seen = len(_statuses(diagnostics, 'voice_nav: motion'))
        estop.publish(Bool(data=True))
        stopped = probe.wait_for(lambda: _first(
            diagnostics, 'voice_nav: motion', lambda s, v: v['estop'] == 'True', after=seen),
            timeout=STATUS_TIMEOUT)
        assert stopped, agent.output
        assert stopped.level == DiagnosticStatus.WARN
        assert stopped.message == 'e-stop active'
        assert _values(stopped)['state'] == 'estop'

        seen = len(_statuses(diagnostics, 'voice_nav: motion'))
        estop.publish(Bool(data=False))
        released = probe.wait_for(lambda: _first(
            diagnostics, 'voice_nav: motion', lambda s, v: v['estop'] == 'False', after=seen),
            timeout=STATUS_TIMEOUT)
        assert released, agent.output
        assert released.level == DiagnosticStatus.OK


def test_slow_llm_turns_the_llm_status_warn_then_error(ros_env):
    """
    A first token after 0.6 s crosses the 200 ms warning level; after 2.0 s the 1500 ms critical.

    The p95 of fewer than 20 requests is their maximum, so the slowest request sets the
    level. The margins are wide: 0.9 s between the slow answer and the critical level,
    and the critical answer cannot come sooner than its delay.
    """
    env = {k: v for k, v in ros_env.items() if k not in ('OPENAI_API_KEY', 'OPENAI_BASE_URL')}
    status_call = tool_delta(0, call_id='call_1', name='get_status', arguments='{}')
    with OpenAIServer() as server:
        server.script(
            calls(status_call, first_delay=0.6), text('I am at the start.'),
            calls(status_call, first_delay=2.0), text('Still at the start.'))
        parameters = ['--ros-args', '-p', 'llm:=openai', '-p', f'llm_base_url:={server.base_url}',
                      '-p', 'llm_model:=test-model', '-p', 'llm_cache_ttl:=0.0',
                      '-p', 'llm_timeout:=30.0',
                      '-p', 'ttft_warning_ms:=200.0', '-p', 'ttft_critical_ms:=1500.0']
        with node_process(env, *parameters, module=AGENT) as agent, Probe(env) as probe:
            diagnostics = probe.subscribe(DiagnosticArray, '/diagnostics')
            speech = probe.subscribe(String, '/voice_nav/speech')
            command = probe.publisher(String, '/voice_nav/text_command')
            assert probe.wait_for_subscribers(command), agent.output
            assert probe.wait_for(lambda: 'listening on' in agent.output), agent.output

            first = probe.wait_for(lambda: _first(diagnostics, 'voice_nav: llm',
                                                  lambda s, v: True), timeout=STATUS_TIMEOUT)
            assert first, agent.output
            assert first.level == DiagnosticStatus.OK
            assert first.message == 'no requests yet'
            assert _values(first)['ttft_warning_ms'] == '200'
            # No odometry without a simulator: the motion status says so.
            motion = _statuses(diagnostics, 'voice_nav: motion')[0]
            assert _values(motion)['odom_age'] == ''
            assert _values(motion)['closed_loop'] == 'False'

            command.publish(String(data='where are you'))
            warn = probe.wait_for(lambda: _first(
                diagnostics, 'voice_nav: llm',
                lambda s, v: v['requests'] == '2' and s.level != DiagnosticStatus.OK),
                timeout=STATUS_TIMEOUT)
            assert warn, (agent.output, server.errors, [s.msg.data for s in speech])
            values = _values(warn)
            assert warn.level == DiagnosticStatus.WARN, (warn.message, values)
            assert 'warning level 200 ms' in warn.message
            assert 600.0 <= float(values['ttft_p95_ms']) < 1500.0, values
            assert values['provider'] == 'test-model'  # the model is the label
            assert values['errors'] == '0'
            # The newest request's own fields, its id the one the server gave.
            assert values['last_request_id'] in [r.response_id for r in server.chat_requests]
            assert values['last_label'] == 'test-model'
            assert values['last_cancelled'] == 'False'

            command.publish(String(data='and now'))
            error = probe.wait_for(lambda: _first(
                diagnostics, 'voice_nav: llm',
                lambda s, v: v['requests'] == '4'), timeout=STATUS_TIMEOUT)
            assert error, (agent.output, server.errors, [s.msg.data for s in speech])
            values = _values(error)
            assert error.level == DiagnosticStatus.ERROR, (error.message, values)
            assert 'critical level 1500 ms' in error.message
            assert float(values['ttft_p95_ms']) >= 2000.0, values
            assert values['errors'] == '0'
            assert any('start' in s.msg.data for s in speech)
        assert server.errors == []
        assert server.pending == []
        assert [r.body['model'] for r in server.chat_requests] == ['test-model'] * 4
        # The tool call went out as declared: the model was offered get_status.
        tools = server.chat_requests[0].body['tools']
        assert 'get_status' in [t['function']['name'] for t in tools]
