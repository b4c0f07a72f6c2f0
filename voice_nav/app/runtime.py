"""
The agent as one object: motion, session, voice and metrics around an asyncio loop thread.

Built from a validated AgentConfig; no rclpy here. The adapter (the ROS node)
calls ``submit_text``, ``update_odom``, ``set_estop``, ``step`` and
``reconfigure`` from its own thread and turns the events into messages.

Events, each emitted in the thread where it happens:

- ``velocity_commanded(velocity)``: a Velocity for the base, from ``step()``
  and ``command()`` (the adapter's thread).
- ``motion_cancelled()``: a motion was cancelled, paused or e-stopped; a zero
  velocity should go out at once (``command(Velocity.ZERO)`` in the adapter's
  thread). From any thread.
- ``motion_submitted()``: a motion was queued; a control step now
  (``step()`` in the adapter's thread) starts it without waiting for the
  next tick. From any thread.
- the session's ``user_input_transcribed``, ``speech_created`` and
  ``function_calls_finished`` (the agent loop).
- the voice's ``speech_started``, ``speech_ended``, ``speech_paused``,
  ``speech_resumed``, ``utterance_dropped``, ``turn_finished`` and its
  ``metrics_collected`` as ``pipeline_metrics``; the STT's and TTS's
  ``metrics_collected`` as ``stt_metrics`` and ``tts_metrics``.
"""

import asyncio
import functools
import logging
import threading
import time

from .metrics import motion_report, RuntimeMetrics
from ..agent.config import ConfigError, limits_from
from ..agent.session import Agent, AgentSession
from ..events import EventEmitter
from ..llm import CachedLLM
from ..metrics import Level
from ..motion.contract import INSTRUCTIONS
from ..motion.controller import MotionController, Velocity
from ..motion.functions import robot_functions
from ..plugins.command_grammar import is_stop_command
from ..plugins.factory import make_llm

SESSION_EVENTS = ('user_input_transcribed', 'speech_created', 'function_calls_finished')
VOICE_EVENTS = ('speech_started', 'speech_ended', 'speech_paused', 'speech_resumed',
                'utterance_dropped', 'turn_finished')
ESTOP_TEXT = {True: 'Emergency stop. I will not move until it is released.',
              False: 'Emergency stop released.'}


class AgentRuntime(EventEmitter):
    """
    Assemble and run the agent; the adapter's calls in, public events out.

    :param config: the validated AgentConfig.
    :param clock: the controller's monotonic clock, in seconds.
    :param logger: where to log (a logging.Logger or an rclpy logger).
    :param text_input: how the user types commands, named in log lines.
    :raises ConfigError: when the LLM the configuration names cannot be made.
    """

    def __init__(self, config, clock=time.monotonic, logger=None, text_input='typed commands'):
        super().__init__()
        self.config = config
        self.logger = logger or logging.getLogger('voice_nav')
        self.text_input = text_input
        self.controller = MotionController(limits_from(config), clock=clock)
        self.controller.on_cancel = functools.partial(self.emit, 'motion_cancelled')
        self.controller.on_submit = functools.partial(self.emit, 'motion_submitted')
        self.metrics = RuntimeMetrics(config)
        self.loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self.loop.run_forever, name='agent-loop',
                                             daemon=True)
        self._loop_thread.start()
        try:
            self.session = self.run_in_loop(self._make_session()).result()
        except ValueError as e:  # e.g. llm: openai with no key and no llm_base_url
            self.loop.call_soon_threadsafe(self.loop.stop)
            raise ConfigError(f"parameter 'llm': cannot use {config.llm!r}: {e}") from None
        self.voice = None
        self.audio_state = (Level.OK, 'text only (audio_input: none)')
        self._report_failures = {}  # stage -> the last failure of its status report, logged
        self._source = None
        self._voice_warm = False

    async def _make_session(self):
        config = self.config
        llm = make_llm(config.llm, model=config.llm_model, base_url=config.llm_base_url or None,
                       api_key_env=config.llm_api_key_env, timeout=config.llm_timeout,
                       deadline=config.llm_deadline, max_tokens=config.llm_max_tokens,
                       tool_choice=config.llm_tool_choice,
                       fallback_timeout=config.fallback_timeout)
        if config.llm_cache_ttl > 0:
            llm = CachedLLM(llm, ttl=config.llm_cache_ttl)
        llm.on('metrics_collected', self.metrics.llm_metrics)
        agent = Agent(instructions=INSTRUCTIONS, llm=llm,
                      tools=robot_functions(self.controller))
        session = AgentSession(agent, token_budget=config.chat_token_budget,
                               stop_detector=is_stop_command, motion=self.controller,
                               max_command_chars=config.max_command_chars)
        self._forward(session, SESSION_EVENTS)
        return session

    def _forward(self, emitter, events, renamed=None):
        for event in events:
            emitter.on(event, functools.partial(self.emit, renamed or event))

    def run_in_loop(self, coroutine):
        """Run ``coroutine`` in the agent loop; return a concurrent Future."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    # Commands in.
    def submit_text(self, text, source='text'):
        """
        Handle an utterance in the agent loop; return a concurrent Future of its Turn.

        Its motion permit is taken here, in the caller's thread as the command
        arrives, so that an e-stop or a stop handled after this call revokes
        it, whenever the loop gets to the turn.
        """
        permit = self.controller.issue_permit()
        return self.run_in_loop(self.session.handle_text(text, source, permit=permit))

    def update_odom(self, pose):
        """Feed an odometry pose to the controller, stamped on its clock now."""
        self.controller.update_odom(pose, self.controller.clock())

    @property
    def estop_active(self):
        """Say whether the e-stop holds."""
        return self.controller.status().estop

    def set_estop(self, active):
        """Engage (stop, refuse motion, end every pending turn) or release the e-stop."""
        self.controller.set_estop(active)
        self.command(Velocity.ZERO)
        if active:
            # The controller has refused every earlier turn's motion already; this
            # also ends their LLM requests.
            self.loop.call_soon_threadsafe(self.session.cancel_pending)
        text = ESTOP_TEXT[bool(active)]
        self.logger.warning(text)
        self.run_in_loop(self.session.say(text))

    def reconfigure(self, config):
        """Apply a changed (validated) configuration's limits and thresholds at once."""
        self.config = config
        self.controller.limits = limits_from(config)
        self.metrics.set_ttft_thresholds(config)

    # Velocities out.
    def step(self):
        """Run one control step; emit and return its velocity (None when idle)."""
        velocity = self.controller.step()
        if velocity is not None:
            self.command(velocity)
        return velocity

    def command(self, velocity):
        """Emit ``velocity_commanded`` and tell the voice whether the robot moves."""
        self.emit('velocity_commanded', velocity)
        if self.voice is not None:
            self.loop.call_soon_threadsafe(self.voice.on_velocity, velocity != Velocity.ZERO,
                                           time.monotonic())

    # The voice.
    def start_voice(self, sink=None, listen=True):
        """
        Build the voice pipeline and, with ``listen``, start on ``audio_input``.

        A microphone that cannot be opened is one clear log line: the agent
        keeps running on typed commands. Return the pipeline, or None.
        """
        from .voice import make_pipeline, make_source
        from ..audio import AudioDeviceError

        async def build():
            pipeline = make_pipeline(self.config, self.session, self.controller, sink=sink)
            pipeline.stt.on('metrics_collected', self.metrics.stt_metrics)
            pipeline.tts.on('metrics_collected', self.metrics.tts_metrics)
            pipeline.on('metrics_collected',
                        lambda m: self.metrics.pipeline_metrics(m, self.session.state))
            self._forward(pipeline, VOICE_EVENTS)
            self._forward(pipeline, ['metrics_collected'], 'pipeline_metrics')
            self._forward(pipeline.stt, ['metrics_collected'], 'stt_metrics')
            self._forward(pipeline.tts, ['metrics_collected'], 'tts_metrics')
            pipeline.start()
            return pipeline

        if listen:
            # The device first: without one, no model needs loading.
            try:
                self._source = make_source(self.config)
            except (AudioDeviceError, OSError, ValueError) as e:
                return self._voice_unavailable(
                    f'no audio input: {e} (audio_input: none for a robot without one)')
        try:
            self.voice = self.run_in_loop(build()).result()
        except ImportError as e:
            return self._voice_unavailable(
                f"the voice needs pip install 'voice_nav[voice]' ({e})")
        if listen:
            self.audio_state = (Level.OK, f'listening to {self.config.audio_input}')
            self.listen(self._source)
        return self.voice

    def _voice_unavailable(self, why):
        self.audio_state = (Level.WARN, why)
        self.logger.warning(f'{why}; still listening on {self.text_input}')
        if self._source is not None:
            self._source.close()
            self._source = None
        return None

    def listen(self, source):
        """Warm the models, then run the voice on ``source``; return a concurrent Future."""
        async def run():
            if not self._voice_warm:
                await asyncio.gather(asyncio.to_thread(self.voice.stt.warm_up),
                                     asyncio.to_thread(self.voice.tts.warm_up))
                self._voice_warm = True
                self.logger.info('voice ready: speak to the robot')
            try:
                await self.voice.run(source)
            except Exception as e:
                self.audio_state = (Level.ERROR, f'audio input failed: {e}')
                self.logger.error(f'audio input failed: {e}')
                raise

        return self.run_in_loop(run())

    # Reporting.
    def diagnostics(self):
        """
        Return ``(stage, level, message, [(key, value), ...])`` of llm, motion, audio, voice.

        A report that raises becomes an ERROR status of its stage, logged once: a fault
        in reporting must not reach the node that stops the robot.
        """
        config = self.config
        audio_level, audio_message = self.audio_state
        reports = {
            'llm': lambda: [('llm', *self.metrics.llm_report())],
            'motion': lambda: [('motion', *motion_report(self.controller.status(),
                                                         config.allow_open_loop))],
            'audio': lambda: [('audio', audio_level, audio_message,
                               [('input', config.audio_input or 'none'),
                                ('output', config.audio_output),
                                ('agent_state', self.session.state)])]}
        if self.voice is not None:
            reports['voice'] = lambda: [(k, *r) for k, r in
                                        self.metrics.voice_reports().items()]
        statuses = []
        for stage, report in reports.items():
            try:
                statuses += report()
            except Exception as e:
                failure = f'status report failed: {type(e).__name__}: {e}'
                if self._report_failures.get(stage) != failure:
                    self._report_failures[stage] = failure
                    self.logger.error(f'{stage} {failure}')
                statuses.append((stage, Level.ERROR, failure, []))
        return statuses

    def close(self):
        """Stop the robot (a final zero velocity) and end the voice, the LLM and the loop."""
        self.controller.cancel('shutdown')
        self.command(Velocity.ZERO)

        async def close():
            if self._source is not None:
                self._source.close()
            if self.voice is not None:
                await self.voice.aclose()
            await self.session.agent.llm.aclose()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        if self.loop.is_running():
            try:
                self.run_in_loop(close()).result(timeout=5.0)
            except Exception as e:  # shutting down: report, do not stop the shutdown
                self.logger.warning(f'agent loop did not close cleanly: {e!r}')
            self.loop.call_soon_threadsafe(self.loop.stop)
            self._loop_thread.join(timeout=5.0)
