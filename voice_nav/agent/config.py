"""
The agent's parameters: one pydantic model, so a bad value gets a message naming it.

The defaults here, the ROS parameter declarations and ``config/voice_nav.yaml``
are the same values; a test keeps them equal.
"""

import math
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic import ValidationError

from ..motion.controller import Limits

LIMIT_FIELDS = ('max_linear_speed', 'max_angular_speed', 'max_linear_accel',
                'max_angular_accel', 'default_linear_speed', 'default_angular_speed',
                'max_distance', 'max_angle', 'max_motion_calls', 'control_rate',
                'odom_timeout', 'odom_wait', 'stall_timeout', 'allow_open_loop', 'holonomic')


class AgentConfig(BaseModel):
    """Every parameter of the agent node, validated."""

    # Strict: a value of another type is refused, not converted (true is no speed, '0.5'
    # no number, 1 no flag); an integer is still a valid float.
    model_config = ConfigDict(extra='forbid', validate_assignment=True, frozen=True,
                              strict=True)

    # The LLM.
    llm: Literal['offline', 'openai', 'fallback'] = 'offline'
    llm_model: str = Field('gpt-4o-mini', min_length=1)
    llm_base_url: str = Field('', pattern=r'^(https?://\S+)?$')
    llm_api_key_env: str = Field('OPENAI_API_KEY', pattern=r'^[A-Za-z_][A-Za-z0-9_]*$')
    llm_timeout: float = Field(10.0, gt=0, le=120)
    llm_deadline: float = Field(15.0, gt=0, le=300)
    llm_max_tokens: int = Field(256, ge=16, le=4096)
    # auto, required, none, or the one robot function (motion/contract.py) to call.
    llm_tool_choice: Literal['auto', 'required', 'none', 'navigate', 'turn', 'stop',
                             'get_status'] = 'auto'
    fallback_timeout: float = Field(2.0, gt=0, le=60)
    llm_cache_ttl: float = Field(600.0, ge=0)
    chat_token_budget: int = Field(4000, ge=500, le=128000)

    # Motion and safety. The upper bounds (voice_nav/ros/parameters.py says why) hold for
    # ros2 param set at run time too.
    max_linear_speed: float = Field(0.3, gt=0, le=1.5)
    max_angular_speed: float = Field(1.0, gt=0, le=3.0)
    max_linear_accel: float = Field(0.5, gt=0, le=3.0)
    max_angular_accel: float = Field(2.0, gt=0, le=10.0)
    default_linear_speed: float = Field(0.2, gt=0, le=1.5)
    default_angular_speed: float = Field(0.6, gt=0, le=3.0)
    max_distance: float = Field(5.0, gt=0, le=100.0)
    max_angle: float = Field(360.0, gt=0, le=3600.0)
    max_motion_calls: int = Field(5, ge=1, le=50)
    max_command_chars: int = Field(500, ge=20, le=10000)
    control_rate: float = Field(20.0, ge=5.0, le=200.0)
    odom_timeout: float = Field(0.5, gt=0, le=10.0)
    odom_wait: float = Field(2.0, gt=0, le=30.0)
    stall_timeout: float = Field(2.0, gt=0, le=60.0)
    allow_open_loop: bool = False
    holonomic: bool = False
    use_stamped: bool = False
    base_frame: str = Field('base_link', min_length=1)

    # The voice.
    audio_input: str = 'microphone'
    audio_device: str = ''
    audio_output: str = 'speaker'
    vad_threshold: float = Field(0.5, gt=0, lt=1)
    vad_min_speech_ms: float = Field(120.0, ge=0, le=5000)
    vad_min_silence_ms: float = Field(600.0, ge=50, le=5000)
    # Transcribe at a pause this long; act there on a whole command (0: off).
    vad_early_silence_ms: float = Field(150.0, ge=0, le=5000)
    vad_speech_pad_ms: float = Field(200.0, ge=0, le=2000)
    stt_model: str = Field('base', min_length=1)
    stt_compute_type: Literal['int8', 'int8_float32', 'float32'] = 'int8'
    stt_language: str = Field('en', pattern=r'^[a-z]{2,3}$')
    stt_beam_size: int = Field(5, ge=1, le=10)
    stt_window: float = Field(10.0, ge=1, le=30)
    tts_voice: str = ''
    pause_motion_on_speech: bool = True
    ignore_own_voice: bool = True

    # Diagnostics.
    hardware_id: str = Field('voice_nav', min_length=1)
    ttft_warning_ms: float = Field(1500.0, gt=0)
    ttft_critical_ms: float = Field(2500.0, gt=0)

    @field_validator('*', mode='after')
    @classmethod
    def _finite(cls, value, info):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f'{info.field_name} must be a finite number')
        return value

    @model_validator(mode='after')
    def _consistent(self):
        if self.ttft_critical_ms < self.ttft_warning_ms:
            raise ValueError('ttft_critical_ms must not be below ttft_warning_ms')
        early = self.vad_early_silence_ms
        if early and not 32.0 <= early < self.vad_min_silence_ms:
            raise ValueError('vad_early_silence_ms must be 0 (off), or from 32 to below '
                             'vad_min_silence_ms')
        return self


class ConfigError(ValueError):
    """A parameter has a bad value; the message names it."""


def load_config(values):
    """
    Return an AgentConfig from a dict of parameter values.

    :raises ConfigError: naming every bad parameter and what is wrong with it.
    """
    try:
        return AgentConfig(**values)
    except ValidationError as e:
        raise ConfigError(describe_errors(e)) from None


def describe_errors(error):
    """Turn a pydantic ValidationError into one line per bad parameter."""
    lines = []
    for item in error.errors():
        name = '.'.join(str(p) for p in item['loc']) or 'parameters'
        message = item['msg'].removeprefix('Value error, ')
        if item['type'] == 'extra_forbidden':
            message = 'unknown parameter'
        lines.append(f"parameter '{name}': {message} (got {item.get('input')!r})"
                     if item['loc'] else f'parameters: {message}')
    return '; '.join(lines)


def limits_from(config):
    """
    Return the motion Limits of an AgentConfig.

    A default speed above its maximum is capped at the maximum, so lowering a
    safety limit at run time is never refused because of a default.
    """
    values = {name: getattr(config, name) for name in LIMIT_FIELDS}
    values['default_linear_speed'] = min(config.default_linear_speed, config.max_linear_speed)
    values['default_angular_speed'] = min(config.default_angular_speed,
                                          config.max_angular_speed)
    return Limits(**values)
