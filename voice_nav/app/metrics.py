"""
The agent's latency statistics with their thresholds, and its diagnostics statuses.

The LLM, STT, TTS and pipeline metrics arrive from the agent loop and its
worker threads; the reports are read from the adapter's thread: one lock.
"""

import math
import threading

from .text import ms_text
from ..metrics import LatencyWindow, Level, LLMStats, StageStats, Thresholds
from ..motion.plan import Pose2D
from ..motion.status import Odometry


class RuntimeMetrics:
    """
    The LLM's and the voice stages' latency windows, fed by metrics events.

    :param config: the AgentConfig (its TTFT thresholds).
    """

    def __init__(self, config):
        self.llm = LLMStats(Thresholds(config.ttft_warning_ms, config.ttft_critical_ms))
        self.voice = {
            'stt': StageStats({'latency': LatencyWindow(100, Thresholds(1500.0, 3000.0))}),
            'tts': StageStats({'first_audio': LatencyWindow(100, Thresholds(300.0, 1000.0))}),
            'pipeline': StageStats({
                'command_latency': LatencyWindow(100, Thresholds(1500.0, 3000.0)),
                'response_latency': LatencyWindow(100),
                'barge_in_latency': LatencyWindow(100, Thresholds(250.0, 500.0)),
            }),
        }
        self._lock = threading.Lock()

    def set_ttft_thresholds(self, config):
        """Take the TTFT thresholds of a changed configuration."""
        with self._lock:
            self.llm.ttft.thresholds = Thresholds(config.ttft_warning_ms,
                                                  config.ttft_critical_ms)

    def llm_metrics(self, metrics):
        """Add an LLMMetrics."""
        with self._lock:
            self.llm.add(metrics)

    def stt_metrics(self, m):
        """Add an STTMetrics."""
        with self._lock:
            stats = self.voice['stt']
            if m.error:
                stats.error(m.error)
            stats.add(latency=m.duration)
            stats.extra['real_time_factor'] = f'{m.real_time_factor or 0.0:.3f}'

    def tts_metrics(self, m):
        """Add a TTSMetrics."""
        with self._lock:
            stats = self.voice['tts']
            if m.error:
                stats.error(m.error)
            stats.add(first_audio=m.ttfb if m.ttfb >= 0 else None)
            stats.extra['real_time_factor'] = f'{m.real_time_factor or 0.0:.3f}'
            stats.extra['characters'] = m.characters

    def pipeline_metrics(self, m, state):
        """Add a PipelineMetrics, noting the agent's ``state``."""
        with self._lock:
            self.voice['pipeline'].add(command_latency=m.command_latency,
                                       response_latency=m.response_latency,
                                       barge_in_latency=m.barge_in_latency)
            self.voice['pipeline'].extra['state'] = state

    def llm_report(self):
        """Return the LLM's ``(level, message, values)``."""
        with self._lock:
            return self.llm.report()

    def voice_reports(self):
        """Return ``{stage: (level, message, values)}`` of the voice stages."""
        with self._lock:
            return {k: v.report() for k, v in self.voice.items()}

    def table(self):
        """Return the stage latencies of the run as a text table."""
        rows = [('stage', 'metric', 'count', 'p50', 'p95', 'max')]
        windows = [('llm', 'time to first token', self.llm.ttft),
                   ('llm', 'duration', self.llm.duration)]
        for stage, stats in self.voice.items():
            windows += [(stage, name.replace('_', ' '), w) for name, w in stats.windows.items()]
        with self._lock:
            for stage, name, window in windows:
                if len(window):
                    rows.append((stage, name, str(len(window)), ms_text(window.percentile(50)),
                                 ms_text(window.percentile(95)),
                                 ms_text(window.percentile(100))))
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        return '\n'.join('  '.join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip()
                         for row in rows)


def motion_report(motion, allow_open_loop):
    """Return a MotionStatus's ``(level, message, values)``; see ``motion_level``."""
    level, message = motion_level(motion, allow_open_loop)
    return level, message, [(k, _fmt(v)) for k, v in motion.items()]


def motion_level(motion, allow_open_loop):
    """
    Return the Level and message of a MotionStatus.

    ERROR while the last motion stands stopped for a fault of the robot
    (odometry lost, no progress, no odometry to start with); WARN while the
    e-stop holds or odometry is stale, or missing where motion needs it.
    """
    if motion.fault:
        return Level.ERROR, f'{motion.state}: {motion.fault}'
    if motion.estop:
        return Level.WARN, 'e-stop active'
    if motion.odometry == Odometry.STALE:
        return Level.WARN, f'{motion.state}: odometry stale ({motion.odom_age:.1f} s)'
    if motion.odometry == Odometry.NONE and not allow_open_loop:
        return Level.WARN, f'{motion.state}: no odometry yet; motion waits for it'
    return Level.OK, str(motion.state)


def _fmt(value):
    if isinstance(value, float):
        return f'{value:.3f}'
    if isinstance(value, Pose2D):
        return f'x={value.x:.2f} y={value.y:.2f} theta={math.degrees(value.theta):.1f}deg'
    return '' if value is None else str(value)
