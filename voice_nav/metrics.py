"""Metrics of the pipeline's stages and the rolling windows that summarise them."""

from collections import deque
from dataclasses import dataclass
import enum
import math
from typing import Deque, Dict, List, Mapping, Optional, Sequence, Tuple

DiagnosticValues = List[Tuple[str, str]]


@dataclass
class LLMMetrics:
    """
    What one LLM stream cost; emitted once per stream as ``metrics_collected``.

    ``label`` is the model (or the LLM's own name where it has none) and
    ``request_id`` the server's id of the answer when it gives one, so that a
    request can be found in the server's logs. Token counts are ``None`` when
    the provider reported no usage: an unknown count is not a zero count.
    ``tokens_per_second`` is the completion tokens over the generation time
    (``duration - ttft``), ``None`` without usage. ``ttft`` is the time to the
    first text or function-call delta, -1.0 when the stream ended without one.
    """

    label: str
    request_id: str
    timestamp: float
    duration: float
    ttft: float
    cancelled: bool
    completion_tokens: Optional[int] = None
    prompt_tokens: Optional[int] = None
    total_tokens: Optional[int] = None
    tokens_per_second: Optional[float] = None
    error: Optional[str] = None
    type: str = 'llm_metrics'  # noqa: A003 (the name is the seed API's)

    @property
    def usage_reported(self) -> bool:
        """Say whether the provider reported token usage."""
        return self.completion_tokens is not None


class Level(enum.IntEnum):
    """Severity of a latency, ordered like diagnostic_msgs' levels."""

    OK = 0
    WARN = 1
    ERROR = 2


@dataclass(frozen=True)
class Thresholds:
    """Warning and critical levels of a latency, in milliseconds."""

    warning_ms: float = 1500.0
    critical_ms: float = 2500.0

    def __post_init__(self) -> None:
        for name in ('warning_ms', 'critical_ms'):
            value = getattr(self, name)
            if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
                raise ValueError(
                    f'{name} must be a positive number of milliseconds, not {value!r}')
        if self.critical_ms < self.warning_ms:
            raise ValueError(
                f'critical_ms ({self.critical_ms}) must not be below warning_ms '
                f'({self.warning_ms})')

    def level(self, value_ms: float) -> Level:
        """Return the level of a latency in milliseconds."""
        if value_ms >= self.critical_ms:
            return Level.ERROR
        if value_ms >= self.warning_ms:
            return Level.WARN
        return Level.OK


def percentile(ordered: Sequence[float], p: float) -> Optional[float]:
    """Return the nearest-rank value at ``p`` percent of a sorted list, or None when empty."""
    if not ordered:
        return None
    # p * n first: p / 100 * n rounds 7 / 100 * 100 up to 7.000000000000001.
    rank = max(1, math.ceil(p * len(ordered) / 100.0))
    return ordered[rank - 1]


class LatencyWindow:
    """The last ``size`` samples of a latency, in seconds, with percentiles."""

    def __init__(self, size: int = 100, thresholds: Thresholds = Thresholds()) -> None:
        if size < 1:
            raise ValueError(f'size must be at least 1, not {size}')
        self._samples: Deque[float] = deque(maxlen=size)
        self.thresholds = thresholds
        self.count = 0

    def add(self, seconds: Optional[float]) -> None:
        """Record one sample; negative or non-finite ones are ignored."""
        if seconds is None or not math.isfinite(seconds) or seconds < 0:
            return
        self._samples.append(float(seconds))
        self.count += 1

    def __len__(self) -> int:
        return len(self._samples)

    @property
    def last(self) -> Optional[float]:
        """Return the newest sample, or None."""
        return self._samples[-1] if self._samples else None

    def percentile(self, p: float) -> Optional[float]:
        """Return the nearest-rank value at ``p`` percent of the window, or None."""
        return percentile(sorted(self._samples), p)

    def summary(self) -> Dict[str, Optional[float]]:
        """Return last, p50, p90 and p95 in seconds (None when empty)."""
        return {
            'last': self.last,
            'p50': self.percentile(50),
            'p90': self.percentile(90),
            'p95': self.percentile(95),
        }

    def level(self) -> Level:
        """Return the level of the p95 against the thresholds (OK when empty)."""
        p95 = self.percentile(95)
        return Level.OK if p95 is None else self.thresholds.level(p95 * 1000.0)

    def verdict(self, name: str) -> Tuple[Level, str]:
        """Return the level and the message of the p95, e.g. ``TTFT p95 812.0 ms``, and why."""
        level = self.level()
        message = f'{name} p95 {_ms(self.percentile(95))} ms'
        if level == Level.ERROR:
            message += f' is above the critical level {self.thresholds.critical_ms:g} ms'
        elif level == Level.WARN:
            message += f' is above the warning level {self.thresholds.warning_ms:g} ms'
        return level, message


def _ms(seconds: Optional[float]) -> str:
    return 'n/a' if seconds is None else f'{seconds * 1000.0:.1f}'


class LLMStats:
    """
    Everything the ``voice_nav: llm`` diagnostic shows, fed with LLMMetrics.

    Rolling figures over the window, totals, and the fields of the newest
    request (``last_*``: its id, timestamp, label, TTFT, duration, whether
    it was cancelled, its tokens and its error).

    :param thresholds: TTFT warning and critical levels.
    :param window: how many requests the percentiles cover.
    """

    def __init__(self, thresholds: Thresholds = Thresholds(), window: int = 100) -> None:
        self.ttft = LatencyWindow(window, thresholds)
        self.duration = LatencyWindow(window)
        self.requests = 0
        self.cancelled = 0
        self.errors = 0
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.total_tokens = 0
        self.tokens_per_second: Optional[float] = None
        self.usage_reported: Optional[bool] = None
        self.provider = ''
        self.last_error = ''
        self.last: Optional[LLMMetrics] = None

    def add(self, metrics: LLMMetrics) -> None:
        """Count one LLMMetrics."""
        self.last = metrics
        self.requests += 1
        self.provider = metrics.label
        self.cancelled += bool(metrics.cancelled)
        if metrics.error:
            self.errors += 1
            self.last_error = metrics.error
        if metrics.ttft >= 0:
            self.ttft.add(metrics.ttft)
        self.duration.add(metrics.duration)
        self.usage_reported = metrics.usage_reported
        if metrics.usage_reported:
            self.prompt_tokens += metrics.prompt_tokens or 0
            self.completion_tokens += metrics.completion_tokens or 0
            self.total_tokens += metrics.total_tokens or 0
            self.tokens_per_second = metrics.tokens_per_second

    def report(self) -> Tuple[Level, str, DiagnosticValues]:
        """Return ``(level, message, [(key, value), ...])`` for a DiagnosticStatus."""
        ttft = self.ttft.summary()
        thresholds = self.ttft.thresholds
        level, message = self.ttft.verdict('TTFT')
        if not self.requests:
            message = 'no requests yet'
        usage = {None: 'n/a', True: 'yes', False: 'no (provider reports no token usage)'}
        tps = 'n/a' if self.tokens_per_second is None else f'{self.tokens_per_second:.1f}'

        def tokens(count: int) -> str:
            # Unknown is not zero: a count no request reported shows as unknown.
            return str(count) if count or self.usage_reported else 'unknown'

        values = [
            ('provider', self.provider or 'n/a'),
            ('ttft_last_ms', _ms(ttft['last'])),
            ('ttft_p50_ms', _ms(ttft['p50'])),
            ('ttft_p90_ms', _ms(ttft['p90'])),
            ('ttft_p95_ms', _ms(ttft['p95'])),
            ('duration_p50_ms', _ms(self.duration.percentile(50))),
            ('duration_p95_ms', _ms(self.duration.percentile(95))),
            ('tokens_per_second', tps),
            ('prompt_tokens', tokens(self.prompt_tokens)),
            ('completion_tokens', tokens(self.completion_tokens)),
            ('total_tokens', tokens(self.total_tokens)),
            ('usage_reported', usage[self.usage_reported]),
            ('requests', str(self.requests)),
            ('cancelled', str(self.cancelled)),
            ('errors', str(self.errors)),
            ('ttft_warning_ms', f'{thresholds.warning_ms:g}'),
            ('ttft_critical_ms', f'{thresholds.critical_ms:g}'),
        ]
        return level, message, values + self._last_request()

    def _last_request(self) -> DiagnosticValues:
        """Return the fields of the newest LLMMetrics as ``last_*`` diagnostic values."""
        m = self.last
        if m is None:
            return [('last_request_id', 'n/a')]

        def count(value: Optional[int]) -> str:
            return 'unknown' if value is None else str(value)
        tps = 'n/a' if m.tokens_per_second is None else f'{m.tokens_per_second:.1f}'
        return [
            ('last_request_id', m.request_id),
            ('last_timestamp', f'{m.timestamp:.3f}'),
            ('last_label', m.label),
            ('last_ttft_ms', _ms(m.ttft) if m.ttft >= 0 else 'n/a'),
            ('last_duration_ms', _ms(m.duration)),
            ('last_cancelled', str(bool(m.cancelled))),
            ('last_prompt_tokens', count(m.prompt_tokens)),
            ('last_completion_tokens', count(m.completion_tokens)),
            ('last_total_tokens', count(m.total_tokens)),
            ('last_tokens_per_second', tps),
            ('last_error', m.error or ''),
        ]


@dataclass
class STTMetrics:
    """
    What one transcription cost; emitted by an STT as ``metrics_collected``.

    ``duration`` is the processing time and ``audio_duration`` the length of
    the speech, both in seconds; ``real_time_factor`` is their ratio.
    """

    label: str
    request_id: str
    timestamp: float
    duration: float
    audio_duration: float
    error: Optional[str] = None
    type: str = 'stt_metrics'  # noqa: A003 (the name follows LLMMetrics)

    @property
    def real_time_factor(self) -> Optional[float]:
        """Return processing time over audio time (None for empty audio)."""
        return self.duration / self.audio_duration if self.audio_duration > 0 else None


@dataclass
class TTSMetrics:
    """
    What one synthesis cost; emitted by a TTS as ``metrics_collected``.

    ``ttfb`` is the time from the request to the first audio, ``duration``
    the whole synthesis time and ``audio_duration`` the length of the audio.
    """

    label: str
    request_id: str
    timestamp: float
    ttfb: float
    duration: float
    audio_duration: float
    characters: int
    cancelled: bool = False
    error: Optional[str] = None
    type: str = 'tts_metrics'  # noqa: A003 (the name follows LLMMetrics)

    @property
    def real_time_factor(self) -> Optional[float]:
        """Return synthesis time over audio time (None for no audio)."""
        return self.duration / self.audio_duration if self.audio_duration > 0 else None


@dataclass
class PipelineMetrics:
    """
    The latencies a user feels in one spoken turn, in seconds (None: did not happen).

    ``command_latency``: end of speech to the first moving Twist;
    ``response_latency``: end of speech to the first audio out;
    ``barge_in_latency``: speech onset to the zero Twist of a paused motion;
    ``stt_latency``: end of speech to the transcript.
    ``endpoint``: how the end of the utterance was found: ``full`` after the
    VAD's whole silence, ``early`` at a pause, the transcript of the speech so
    far being a whole command, ``reused`` after the whole silence with the
    transcript made at the pause; ``stt_started``: end of speech to the
    start of the transcription used, which took ``stt_duration``;
    ``speech_end``: when the speech ended, on the pipeline's clock.
    """

    turn: int
    transcript: str
    speech_duration: float
    stt_latency: float
    command_latency: Optional[float] = None
    response_latency: Optional[float] = None
    barge_in_latency: Optional[float] = None
    endpoint: str = 'full'
    stt_started: Optional[float] = None
    stt_duration: Optional[float] = None
    speech_end: Optional[float] = None
    type: str = 'pipeline_metrics'  # noqa: A003 (the name follows LLMMetrics)


class StageStats:
    """
    A diagnostic of one stage: latency windows, a count, errors and a level.

    :param windows: name -> LatencyWindow; the first one's p95 sets the level.
    """

    def __init__(self, windows: Mapping[str, LatencyWindow]) -> None:
        self.windows = dict(windows)
        self.count = 0
        self.errors = 0
        self.last_error = ''
        self.extra: Dict[str, object] = {}

    def add(self, **seconds: Optional[float]) -> None:
        """Record one event: a latency in seconds for some of the windows."""
        self.count += 1
        for name, value in seconds.items():
            self.windows[name].add(value)

    def error(self, message: str) -> None:
        """Count a failure of the stage."""
        self.errors += 1
        self.last_error = message

    def report(self) -> Tuple[Level, str, DiagnosticValues]:
        """Return ``(level, message, [(key, value), ...])`` for a DiagnosticStatus."""
        name, main = next(iter(self.windows.items()))
        level, message = main.verdict(name)
        if not self.count:
            message = 'nothing yet'
        if self.errors and level == Level.OK:
            level = Level.WARN
            message += f'; {self.errors} errors, last: {self.last_error}'
        values: DiagnosticValues = []
        for key, window in self.windows.items():
            summary = window.summary()
            values += [(f'{key}_{p}_ms', _ms(summary[p])) for p in ('last', 'p50', 'p90', 'p95')]
        values += [('count', str(self.count)), ('errors', str(self.errors))]
        values += [(k, str(v)) for k, v in self.extra.items()]
        return level, message, values
