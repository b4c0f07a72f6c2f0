"""
The voice of the agent, built from its configuration: audio in and out, VAD, STT and TTS.

Nothing here touches rclpy; the AgentRuntime builds it. A missing microphone
or speaker is one clear log line: the agent goes on with typed commands and
what it says on ``~/speech``.
"""

import logging
import os

from ..agent.voice import VoicePipeline
from ..audio import AudioDeviceError
from ..vad import VADOptions

logger = logging.getLogger(__name__)


def _device(text):
    """Return the sounddevice device: an index when the parameter is a number, else a name."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() else text


def make_source(config, path=None, realtime=True):
    """Return the AudioSource of ``audio_input`` (or of ``path``)."""
    from ..plugins.audio_io import MicrophoneSource, WavSource
    where = path or config.audio_input
    if where == 'microphone':
        return MicrophoneSource(device=_device(config.audio_device))
    if not os.path.isfile(where):
        raise FileNotFoundError(f'audio_input: no such WAV file: {where!r}')
    return WavSource(where, realtime=realtime)


def make_sink(config):
    """Return the AudioSink of ``audio_output``, or None for ``none``."""
    output = config.audio_output
    if output in ('', 'none'):
        return None
    from ..plugins.audio_io import SpeakerSink, WavFolderSink
    if output == 'speaker':
        return SpeakerSink(device=_device(config.audio_device))
    return WavFolderSink(output)


def vad_options(config):
    """Return the VADOptions the parameters name."""
    return VADOptions(threshold=config.vad_threshold, min_speech_ms=config.vad_min_speech_ms,
                      min_silence_ms=config.vad_min_silence_ms,
                      early_silence_ms=config.vad_early_silence_ms,
                      speech_pad_ms=config.vad_speech_pad_ms)


def make_models(config):
    """Return the VAD, STT and TTS the parameters name (models load on warm_up)."""
    from ..plugins.command_dialogue import settles
    from ..plugins.command_grammar import is_stop_command
    from ..plugins.piper_tts import PiperTTS
    from ..plugins.silero_vad import SileroVAD
    from ..plugins.whisper_stt import WhisperSTT
    # faster-whisper logs every utterance at INFO.
    logging.getLogger('faster_whisper').setLevel(logging.WARNING)
    vad = SileroVAD(vad_options(config))
    stt = WhisperSTT(model=config.stt_model, compute_type=config.stt_compute_type,
                     language=config.stt_language, beam_size=config.stt_beam_size,
                     window=config.stt_window, keep_short=is_stop_command,
                     settle=settles)
    tts = PiperTTS(voice=config.tts_voice or None)
    return vad, stt, tts


def make_pipeline(config, session, motion, sink=None, models=None):
    """
    Return a VoicePipeline for ``session``, or None when the voice cannot run.

    :param sink: the AudioSink; by default the one ``audio_output`` names. A
        speaker that cannot be opened leaves the voice on ``~/speech`` only.
    """
    if sink is None:
        try:
            sink = make_sink(config)
        except AudioDeviceError as e:
            logger.warning('no audio out (%s): the robot speaks on ~/speech only', e)
    from ..plugins.command_complete import is_complete_command
    vad, stt, tts = models or make_models(config)
    # Only a loudspeaker can be heard by the microphone: WAV files cannot echo.
    audible = getattr(sink, 'audible', False)
    return VoicePipeline(session, vad=vad, stt=stt, tts=tts, sink=sink, motion=motion,
                         pause_motion=config.pause_motion_on_speech,
                         ignore_own_voice=config.ignore_own_voice and audible,
                         complete_detector=is_complete_command)
