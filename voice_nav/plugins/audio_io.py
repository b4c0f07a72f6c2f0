"""
Audio in and out: WAV files, the microphone, the speaker, a folder of WAV files.

Sources yield 16 kHz mono float32 AudioFrames; sinks play AudioFrames at
whatever rate they come in. The files' side is ``audio_files`` (PyAV), the
devices' ``audio_devices`` (sounddevice); both libraries are imported when
first needed, and a missing library or device becomes an AudioDeviceError
with one clear sentence.
"""

from .audio_devices import MicrophoneSource, SpeakerSink
from .audio_files import AudioFileError, load_wav, NullSink, WavFolderSink, WavSource, write_wav

__all__ = ['AudioFileError', 'load_wav', 'MicrophoneSource', 'NullSink', 'SpeakerSink',
           'WavFolderSink', 'WavSource', 'write_wav']
