"""Silero VAD on espeak-ng speech, noise and coughs: events, timing, padding and memory."""

import functools
import subprocess
import sys

import numpy as np
import pytest
from speech import cough, espeak, RATE, session, silence, white_noise, with_noise
from voice_nav.audio import AudioFrame
from voice_nav.plugins.silero_vad import model_path, SileroVAD, WINDOW
from voice_nav.vad import SPEECH_ENDED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_STARTED
from voice_nav.vad import VADOptions

TOLERANCE = 0.15
"""Seconds an event may lie from the speech's true onset or end."""


@pytest.fixture(scope='module')
def vad():
    """Return a SileroVAD with the default options, loaded once."""
    return SileroVAD().load()


@functools.lru_cache(maxsize=None)
def say(text, words_per_minute=150):
    """Return espeak-ng speech, made once per text."""
    return espeak(text, words_per_minute=words_per_minute)


def speech_spans(samples, gap=0.3):
    """
    Return the (start, end) seconds of the voiced stretches of ``samples``.

    A 10 ms frame is voiced when its RMS exceeds 0.01; voiced frames less than
    ``gap`` apart belong to the same stretch.
    """
    hop = RATE // 100
    frames = samples[:len(samples) // hop * hop].reshape(-1, hop)
    voiced = np.flatnonzero(np.sqrt(np.mean(frames ** 2, axis=1)) > 0.01)
    spans = []
    for index in voiced:
        if spans and index - spans[-1][1] <= gap * 100:
            spans[-1][1] = index + 1
        else:
            spans.append([index, index + 1])
    return [(a / 100, b / 100) for a, b in spans]


def run(stream, samples, chunk=WINDOW, flush=True):
    """Push ``samples`` in pieces of ``chunk``; return (event, seconds pushed when it came)."""
    out = []
    for begin in range(0, len(samples), chunk):
        piece = samples[begin:begin + chunk]
        out += [(e, (begin + len(piece)) / RATE) for e in stream.push(piece)]
    if flush:
        out += [(e, len(samples) / RATE) for e in stream.flush()]
    return out


def kinds(events):
    """Return the event types in order."""
    return [e.type for e, _ in events]


def utterances():
    """Return three spoken commands of different lengths."""
    return [say('go forward two meters'), say('turn left'), say('what is your status')]


def test_session_gives_one_start_and_end_per_utterance(vad):
    """Three utterances 1 s apart: three start/end pairs near the true onsets and ends."""
    samples = session(*utterances())
    spans = speech_spans(samples)
    assert len(spans) == 3, spans
    events = run(vad.stream(), samples)
    assert kinds(events) == [SPEECH_STARTED, SPEECH_ENDED] * 3
    min_silence = vad.options.min_silence_ms / 1000
    for (onset, end), (started, _), (ended, emitted) in zip(spans, events[::2], events[1::2]):
        assert abs(started.time - onset) <= TOLERANCE, (started.time, onset)
        assert abs(ended.time - end) <= TOLERANCE, (ended.time, end)
        assert end <= emitted <= end + min_silence + TOLERANCE, (emitted, end)
        assert started.probability >= vad.options.threshold
        assert ended.probability < vad.options.threshold


def test_speech_started_comes_fast_enough_for_barge_in(vad):
    """Short commands: ``speech_started`` is emitted within about 0.25 s of the true onset."""
    for text in ('stop', 'halt', 'go', 'no'):
        samples = session(say(text))
        onset = speech_spans(samples)[0][0]
        events = run(vad.stream(), samples)
        assert kinds(events) == [SPEECH_STARTED, SPEECH_ENDED], text
        emitted = events[0][1]
        assert emitted - onset <= 0.25 + 0.04, (text, emitted - onset)


@pytest.mark.parametrize('chunk', [7, 100, 1000, 4097, 10 ** 6])
def test_push_sizes_give_the_same_events(vad, chunk):
    """Pushing in odd chunk sizes gives the events of 512-sample pushes, audio included."""
    samples = session(*utterances()[:2])
    expected = [e for e, _ in run(vad.stream(), samples)]
    got = [e for e, _ in run(vad.stream(), samples, chunk=chunk)]
    assert [(e.type, e.time) for e in got] == [(e.type, e.time) for e in expected]
    for a, b in zip(got, expected):
        assert (a.speech is None) == (b.speech is None)
        if a.speech is not None:
            assert np.array_equal(a.speech.data, b.speech.data)


@pytest.mark.parametrize('name, samples', [
    ('silence', silence(10.0)),
    ('white noise at 0.05', white_noise(10.0, amplitude=0.05)),
    ('white noise at 0.2', white_noise(10.0, amplitude=0.2, seed=3)),
    ('a cough', session(cough())),
    ('a long cough', session(cough(0.3, seed=2))),
    ('coughs', session(*[cough(seed=s) for s in range(8)], gap=0.5)),
])
def test_no_speech_gives_no_events(vad, name, samples):
    """Silence, white noise and coughs start nothing and end nothing."""
    stream = vad.stream()
    assert run(stream, samples) == [], name
    assert not stream.speaking


def test_speech_in_noise_at_20_db_snr(vad):
    """Speech with white noise 20 dB below it is still found, at the same places."""
    clean = session(*utterances()[:2])
    spans = speech_spans(clean)
    events = run(vad.stream(), with_noise(clean, 20))
    assert kinds(events) == [SPEECH_STARTED, SPEECH_ENDED] * 2
    for (onset, end), (started, _), (ended, _) in zip(spans, events[::2], events[1::2]):
        assert abs(started.time - onset) <= TOLERANCE
        assert abs(ended.time - end) <= TOLERANCE + 0.1  # the noise hides the last consonant


def test_short_speech_under_min_speech_is_dropped():
    """A word shorter than ``min_speech_ms`` gives no events, a longer one does."""
    word = session(say('go'))
    strict = SileroVAD(VADOptions(min_speech_ms=1000)).load()
    assert run(strict.stream(), word) == []
    assert kinds(run(SileroVAD().stream(), word)) == [SPEECH_STARTED, SPEECH_ENDED]


def test_max_speech_cuts_a_long_utterance():
    """An utterance longer than ``max_speech_s`` ends at the limit; the rest is a new one."""
    options = VADOptions(max_speech_s=1.0)
    samples = session(say('go forward two meters and then turn left and stop there'))
    onset, end = speech_spans(samples)[0]
    assert end - onset > 2.5
    events = run(SileroVAD(options).stream(), samples)
    assert kinds(events)[:2] == [SPEECH_STARTED, SPEECH_ENDED]
    started, ended = events[0][0], events[1][0]
    assert ended.time - started.time == pytest.approx(1.0, abs=WINDOW / RATE)
    pad = options.speech_pad_ms / 1000
    assert ended.speech.duration == pytest.approx(ended.time - started.time + pad, abs=1e-9)
    assert kinds(events).count(SPEECH_STARTED) >= 2
    assert kinds(events) == [SPEECH_STARTED, SPEECH_ENDED] * (len(events) // 2)
    for event, _ in events[1::2]:
        assert event.speech.duration <= options.max_speech_s + pad + 1e-9


def test_flush_ends_an_open_utterance(vad):
    """Input that stops mid-utterance: ``flush`` ends it; the stream then starts over."""
    words = say('turn left')
    samples = np.concatenate([silence(1.0), words])
    stream = vad.stream()
    events = run(stream, samples, flush=False)
    assert kinds(events) == [SPEECH_STARTED]
    assert stream.speaking
    ended = stream.flush()
    assert [e.type for e in ended] == [SPEECH_ENDED]
    end = speech_spans(samples)[0][1]
    assert end - TOLERANCE <= ended[0].time <= len(samples) / RATE
    assert stream.flush() == []
    assert not stream.speaking
    later = run(stream, session(words))
    assert kinds(later) == [SPEECH_STARTED, SPEECH_ENDED]
    assert later[0][0].time > len(samples) / RATE + 0.9


def test_flush_without_speech_gives_nothing(vad):
    """Flush on a fresh stream, or after silence, returns no event."""
    stream = vad.stream()
    assert stream.flush() == []
    assert run(stream, silence(1.0)) == []


@pytest.mark.parametrize('pad_ms', [0.0, 200.0, 500.0])
def test_speech_is_padded_before_and_after(pad_ms):
    """The utterance's audio is the stream from onset - pad to end + pad, exactly."""
    options = VADOptions(speech_pad_ms=pad_ms, min_silence_ms=600.0)
    samples = session(*utterances()[:2])
    events = run(SileroVAD(options).stream(), samples)
    pad = int(pad_ms * RATE / 1000)
    for (started, _), (ended, _) in zip(events[::2], events[1::2]):
        begin, end = round(started.time * RATE), round(ended.time * RATE)
        assert len(ended.speech.data) == end - begin + 2 * pad
        assert np.array_equal(ended.speech.data, samples[begin - pad:end + pad])
        assert ended.speech.sample_rate == RATE


def test_padding_is_clipped_at_the_stream_start(vad):
    """Speech 0.1 s into the stream keeps only the 0.1 s before it."""
    samples = session(say('turn left'), gap=0.1)
    samples = np.concatenate([samples, silence(1.0)])
    events = run(vad.stream(), samples)
    started, ended = events[0][0], events[1][0]
    assert started.time < 0.2
    end = round(ended.time * RATE)
    assert np.array_equal(ended.speech.data, samples[:end + 3200])


def test_push_takes_audio_frames(vad):
    """An AudioFrame at 16 kHz pushes like its samples; another rate is refused."""
    samples = session(say('turn left'))
    stream = vad.stream()
    events = stream.push(AudioFrame(samples)) + stream.flush()
    assert [e.type for e in events] == [SPEECH_STARTED, SPEECH_ENDED]
    with pytest.raises(ValueError, match='16000 Hz'):
        stream.push(AudioFrame(samples, 22050))


def test_last_probability_follows_the_audio(vad):
    """``last_probability`` is high inside speech and low in silence."""
    stream = vad.stream()
    stream.push(silence(0.5))
    assert stream.last_probability < 0.1
    stream.push(say('go forward two meters')[:8000])
    assert stream.last_probability > vad.options.threshold
    assert stream.time == pytest.approx((8000 + 8000) // WINDOW * WINDOW / RATE)


def test_ten_minutes_of_silence_keep_the_buffers_small(vad):
    """Memory is bounded: outside speech only the padding and part of a window are kept."""
    stream = vad.stream()
    pad = int(vad.options.speech_pad_ms * RATE / 1000)
    largest = 0
    second = silence(1.0)
    for _ in range(600):
        assert stream.push(second) == []
        largest = max(largest, stream.buffered_samples)
    assert largest <= pad + 2 * WINDOW
    assert stream.time == pytest.approx(600.0, abs=WINDOW / RATE)


def test_endless_speech_keeps_the_buffers_bounded():
    """Speech without pauses is cut every ``max_speech_s``; the buffer never grows past it."""
    options = VADOptions(max_speech_s=2.0)
    words = say('go forward two meters and then turn left and stop there')
    voiced = speech_spans(words)[0]
    words = words[int(voiced[0] * RATE):int(voiced[1] * RATE)]
    stream = SileroVAD(options).stream()
    largest, events = 0, []
    for _ in range(8):
        events += stream.push(words)
        largest = max(largest, stream.buffered_samples)
    pad = int(options.speech_pad_ms * RATE / 1000)
    assert largest <= options.max_speech_s * RATE + pad + 2 * WINDOW
    assert [e.type for e in events].count(SPEECH_ENDED) >= 5


EARLY = VADOptions(early_silence_ms=150.0)


def voiced(text):
    """Return espeak-ng's ``text`` without the silence it puts around it."""
    words = say(text)
    spans = speech_spans(words)
    return words[int(spans[0][0] * RATE):int(spans[-1][1] * RATE)]


def paused_command(pause=0.3):
    """Return 'turn left', ``pause`` seconds of silence, 'thirty degrees', in silence."""
    return session(np.concatenate([voiced('turn left'), silence(pause), voiced('thirty degrees')]))


def test_a_pause_shorter_than_min_silence_is_reported_and_the_utterance_goes_on():
    """'turn left', 0.3 s, 'thirty degrees': paused, resumed, then one utterance for both."""
    samples = paused_command()
    events = run(SileroVAD(EARLY).stream(), samples)
    assert kinds(events) == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_RESUMED, SPEECH_PAUSED,
                             SPEECH_ENDED]
    (started, _), (paused, paused_at), (resumed, _), (last, last_at), (ended, ended_at) = events
    (_, left_end), (thirty_onset, thirty_end) = speech_spans(samples, gap=0.2)
    assert abs(paused.time - left_end) <= TOLERANCE
    # Reported 150 ms into the silence (a window later at most), long before it ends.
    assert 0.15 <= paused_at - paused.time <= 0.15 + 2 * WINDOW / RATE
    assert abs(resumed.time - thirty_onset) <= TOLERANCE
    # The last pause is the end's: the same time, its audio the start of the end's.
    assert last.time == ended.time and abs(ended.time - thirty_end) <= TOLERANCE
    assert ended_at - last_at >= 0.2
    assert np.array_equal(last.speech.data, ended.speech.data[:len(last.speech.data)])
    # The first pause holds the utterance so far: 'turn left' from its padded onset.
    begin = round(started.time * RATE) - 3200
    assert np.array_equal(paused.speech.data, samples[begin:begin + len(paused.speech.data)])
    assert paused.speech.duration >= paused.time - started.time


def test_without_early_silence_no_pause_is_reported(vad):
    """The default options report no pause: the same events as before."""
    assert kinds(run(vad.stream(), paused_command())) == [SPEECH_STARTED, SPEECH_ENDED]


def test_end_utterance_after_a_pause_makes_what_follows_a_new_utterance():
    """end_utterance at the pause: the end now, at the pause's time; the next words start anew."""
    samples = paused_command()
    stream = SileroVAD(EARLY).stream()
    events = []
    for begin in range(0, len(samples), WINDOW):
        events += stream.push(samples[begin:begin + WINDOW])
        if events and events[-1].type == SPEECH_PAUSED:
            paused = events[-1]
            ended = stream.end_utterance()
            assert [e.type for e in ended] == [SPEECH_ENDED]
            assert ended[0].time == paused.time
            assert np.array_equal(ended[0].speech.data, paused.speech.data)
            assert not stream.speaking and stream.end_utterance() == []
            rest = run(stream, samples[begin + WINDOW:])
            assert kinds(rest) == [SPEECH_STARTED, SPEECH_PAUSED, SPEECH_ENDED]
            assert rest[0][0].time > paused.time + 0.2
            return
    pytest.fail(f'no pause in {[e.type for e in events]}')


def test_early_silence_must_be_shorter_than_min_silence():
    """early_silence_ms is 0 (off) or from one window up to below min_silence_ms."""
    for bad in (400.0, 500.0, 10.0, -1.0):
        with pytest.raises(ValueError, match='early_silence_ms'):
            VADOptions(early_silence_ms=bad, min_silence_ms=400.0)
    assert VADOptions(early_silence_ms=0.0).early_silence_ms == 0.0


def test_options_of_the_stream():
    """The stream uses the VAD's options; a bad option is refused by VADOptions."""
    vad = SileroVAD(VADOptions(threshold=0.7))
    assert vad.stream().options.threshold == 0.7
    with pytest.raises(ValueError, match='threshold'):
        VADOptions(threshold=1.5)


def test_model_is_found_without_importing_faster_whisper():
    """The model path comes from the package folder; faster_whisper and ctranslate2 stay out."""
    assert model_path().is_file()
    code = ('import sys\n'
            'from voice_nav.plugins.silero_vad import SileroVAD\n'
            'SileroVAD().stream().push([0.0] * 1024)\n'
            'print(",".join(m for m in ("faster_whisper", "ctranslate2") if m in sys.modules))')
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ''


def test_a_missing_model_is_reported(tmp_path):
    """A model path that does not exist fails with a message naming it."""
    with pytest.raises(RuntimeError, match='not found'):
        SileroVAD(path=tmp_path / 'nope.onnx').stream()


def test_the_peak_tells_spoken_stops_in_noise_from_sounds_that_start_an_utterance():
    """
    Stops in noise at 10 dB peak at SURE_SPEECH or over; coughs over a hum, a motor, mostly not.

    A motion paused by an utterance that gave no words stays stopped only
    when the VAD was sure it was speech (``voice.SURE_SPEECH``): a stop
    swamped by noise must stop, a cough must not.
    """
    from speech import motor_hum
    from voice_nav.agent.voice import SURE_SPEECH
    vad = SileroVAD(VADOptions(min_speech_ms=120.0)).load()  # the agent's setting

    def peaks(samples):
        return [e.peak for e, _ in run(vad.stream(), session(samples, gap=1.0))
                if e.type == SPEECH_ENDED]

    sounds = []
    for seed in range(100, 116):
        coughs = np.concatenate([cough(0.2, seed=seed), silence(0.12),
                                 cough(0.25, seed=seed + 1)])
        sounds += [coughs + 0.02 * motor_hum(len(coughs) / RATE, seed=seed)[:len(coughs)],
                   0.1 * motor_hum(2.0, seed=seed)]
    of_sounds = [p for s in sounds for p in peaks(s.astype(np.float32))]
    assert len(of_sounds) >= 10  # they do start utterances, or this proves nothing
    # A cough over a hum reached 0.86 (seed 103): it would keep a motion stopped.
    assert sum(p >= SURE_SPEECH for p in of_sounds) <= len(of_sounds) // 10, of_sounds
    of_stops = [p for seed, text in enumerate(('stop', 'halt', 'freeze', 'wait', 'hold on'))
                for p in peaks(with_noise(say(text), 10, seed=seed))]
    assert len(of_stops) == 5
    assert min(of_stops) >= SURE_SPEECH, of_stops


def test_a_pause_between_two_sentences_of_one_command_does_not_end_it(vad):
    """
    A command said as two sentences is one utterance: 'Turn right.' ... 'Forty five degrees.'.

    espeak-ng leaves 0.3-0.6 s between sentences (Silero's silence in them), as
    people do; at a 400 ms full silence the first sentence was an utterance of
    its own, and "turn right" turned 90 degrees before the angle was heard.
    The default full silence holds the command together.
    """
    samples = session(np.concatenate([voiced('turn right'), silence(0.5),
                                      voiced('forty five degrees')]))
    assert kinds(run(vad.stream(), samples)) == [SPEECH_STARTED, SPEECH_ENDED]
    apart = session(voiced('turn right'), voiced('forty five degrees'), gap=1.0)
    assert kinds(run(vad.stream(), apart)) == [SPEECH_STARTED, SPEECH_ENDED] * 2
