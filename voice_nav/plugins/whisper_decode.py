"""
One utterance through Whisper's encoder and beam search, in a window of our length.

What faster-whisper's ``transcribe`` does for one window, without timestamps
or fallback, but with the window's length ours: ``transcribe`` always pads to
3000 frames (its ``chunk_length`` option shortens the audio it takes, not the
encoder's input). The beam's hypotheses come back too: the search makes them
anyway, so they cost nothing more.
"""

import numpy as np


def max_new_tokens(duration):
    """Return how many tokens Whisper may write for ``duration`` seconds of audio."""
    # A repetition loop on noise would run on to 448 tokens: ten tokens a
    # second of audio is more than the fastest talker needs.
    return min(200, 32 + int(10 * duration))


def decoding_setup(whisper, language, initial_prompt, hotwords):
    """
    Return the tokenizer, the prompt's tokens and the suppressed tokens, made once per model.

    :param whisper: a loaded ``faster_whisper.WhisperModel``.
    """
    from faster_whisper.tokenizer import Tokenizer
    from faster_whisper.transcribe import get_suppressed_tokens
    tokenizer = Tokenizer(whisper.hf_tokenizer, whisper.model.is_multilingual,
                          task='transcribe', language=language)
    # Made by faster-whisper's own functions, as transcribe makes them.
    previous = tokenizer.encode(' ' + initial_prompt.strip()) if initial_prompt else []
    prompt = whisper.get_prompt(tokenizer, previous, without_timestamps=True, hotwords=hotwords)
    return tokenizer, prompt, list(get_suppressed_tokens(tokenizer, [-1]))


def decode(whisper, setup, samples, frames, limit, beam_size):
    """
    Decode ``samples`` in a window of ``frames`` mel frames; at most ``limit`` new tokens.

    Return the text, the no-speech probability, the mean log probability,
    whether the decoder stopped at ``limit`` rather than at the end of the
    text, and every hypothesis of the beam as (text, mean log probability),
    best first.

    :param setup: what ``decoding_setup`` returned for ``whisper``.
    """
    import ctranslate2
    tokenizer, prompt, suppress = setup
    features = whisper.feature_extractor(samples)
    window = np.zeros((1, features.shape[0], frames), dtype=np.float32)
    # The last frame is dropped, as transcribe does (it covers the padding only).
    used = min(frames, features.shape[1] - 1)
    window[0, :, :used] = features[:, :used]
    encoded = whisper.model.encode(ctranslate2.StorageView.from_array(window), to_cpu=False)
    result = whisper.model.generate(
        encoded, [prompt], beam_size=beam_size, patience=1.0, length_penalty=1.0,
        max_length=len(prompt) + limit, return_scores=True, return_no_speech_prob=True,
        suppress_blank=True, suppress_tokens=suppress, num_hypotheses=beam_size)[0]
    # The score is the mean log probability over the tokens (length
    # penalty 1); Whisper's mean counts the end-of-text token too.
    hypotheses = [(tokenizer.decode(tokens), score * len(tokens) / (len(tokens) + 1))
                  for tokens, score in zip(result.sequences_ids, result.scores)]
    text, avg_logprob = hypotheses[0]
    return (text, result.no_speech_prob, avg_logprob, len(result.sequences_ids[0]) >= limit,
            hypotheses)
