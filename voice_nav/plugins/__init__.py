"""Providers: LLMs, speech-to-text, text-to-speech, voice activity detection."""
