"""The parameters: defaults agree with config/voice_nav.yaml and bad values are named."""

from pathlib import Path

import pytest
from voice_nav.agent.config import AgentConfig, ConfigError, limits_from, load_config
from voice_nav.motion.controller import Limits
import yaml

YAML = Path(__file__).resolve().parents[1] / 'config' / 'voice_nav.yaml'


def test_yaml_matches_the_model_defaults():
    """Keep config/voice_nav.yaml equal to the declared defaults, key for key."""
    values = yaml.safe_load(YAML.read_text())['/**/voice_nav']['ros__parameters']
    assert values == AgentConfig().model_dump()


@pytest.mark.parametrize('name, value', [
    ('max_linear_speed', -0.1), ('max_linear_speed', 'fast'), ('max_angular_speed', 0.0),
    ('max_distance', float('nan')), ('max_distance', float('inf')), ('control_rate', 1.0),
    ('llm', 'gpt'), ('llm_api_key_env', 'not a name'), ('odom_timeout', -1.0),
    ('holonomic', 'sideways'), ('chat_token_budget', 10), ('hardware_id', ''),
    ('llm_deadline', 0.0), ('llm_max_tokens', 0), ('llm_max_tokens', 2.5),
    ('llm_tool_choice', 'any'), ('llm_tool_choice', 'fly'),
])
def test_a_bad_value_is_refused_with_its_name(name, value):
    """Refuse each bad value with a message that names the parameter."""
    with pytest.raises(ConfigError) as error:
        load_config({name: value})
    assert f"'{name}'" in str(error.value)


def test_a_default_speed_above_its_maximum_is_capped_at_the_maximum():
    """A lower safety limit wins over a default speed: the Limits use the maximum."""
    limits = limits_from(load_config({'default_linear_speed': 0.5, 'max_linear_speed': 0.3,
                                      'max_angular_speed': 0.4}))
    assert limits.default_linear_speed == 0.3
    assert limits.default_angular_speed == 0.4


def test_inconsistent_thresholds_are_refused():
    """Refuse a critical TTFT level below the warning level."""
    with pytest.raises(ConfigError, match='ttft_critical_ms'):
        load_config({'ttft_warning_ms': 3000.0})


def test_unknown_parameter_is_refused():
    """Refuse a misspelt parameter instead of ignoring it."""
    with pytest.raises(ConfigError, match="'max_speed': unknown parameter"):
        load_config({'max_speed': 1.0})


def test_the_motion_limits_default_to_the_same_values():
    """Keep the MotionController's default Limits equal to the parameters' defaults."""
    assert limits_from(AgentConfig()) == Limits()


def test_the_llm_bounds_suit_a_voice_turn():
    """Default to a few hundred tokens and a deadline a few seconds past the read timeout."""
    config = AgentConfig()
    assert 16 <= config.llm_max_tokens <= 400
    assert config.llm_timeout < config.llm_deadline <= config.llm_timeout + 10.0
    assert config.llm_tool_choice == 'auto'
    assert load_config({'llm_tool_choice': 'get_status'}).llm_tool_choice == 'get_status'


def test_the_tool_choices_name_the_robot_functions():
    """Offer exactly auto, required, none and the contract's functions as llm_tool_choice."""
    from typing import get_args
    from voice_nav.motion.contract import CONTRACT
    choices = get_args(AgentConfig.model_fields['llm_tool_choice'].annotation)
    assert set(choices) == {'auto', 'required', 'none'} | {spec['name'] for spec in CONTRACT}


@pytest.mark.parametrize('values', [
    {'vad_early_silence_ms': 600.0}, {'vad_early_silence_ms': 10.0},
    {'vad_early_silence_ms': 300.0, 'vad_min_silence_ms': 250.0},
])
def test_early_silence_must_be_off_or_shorter_than_the_silence_that_ends_speech(values):
    """vad_early_silence_ms is 0 or below vad_min_silence_ms; the message names it."""
    with pytest.raises(ConfigError, match='vad_early_silence_ms'):
        load_config(values)
    assert load_config({'vad_early_silence_ms': 0.0}).vad_early_silence_ms == 0.0


def test_the_vad_defaults_are_the_agents():
    """What the evaluations measure (VADOptions' defaults) is what the agent runs with."""
    from voice_nav.vad import VADOptions
    config, options = AgentConfig(), VADOptions()
    assert (config.vad_min_silence_ms, config.vad_speech_pad_ms, config.vad_threshold) == (
        options.min_silence_ms, options.speech_pad_ms, options.threshold)
