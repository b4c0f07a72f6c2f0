"""Build the LLM that a configuration names: offline, openai, or a fallback chain."""

LLM_KINDS = ('offline', 'openai', 'fallback')


def make_llm(kind='offline', *, model='gpt-4o-mini', base_url=None,
             api_key_env='OPENAI_API_KEY', timeout=10.0, fallback_timeout=2.0):
    """
    Return a new LLM.

    :param kind: ``offline`` (the command grammar), ``openai`` (an
        OpenAI-compatible endpoint) or ``fallback`` (openai, then offline when
        the endpoint fails or gives no first token within ``fallback_timeout``).
    """
    if kind == 'offline':
        from .offline_llm import OfflineLLM
        return OfflineLLM()
    if kind not in LLM_KINDS:
        raise ValueError(f'llm must be one of {", ".join(LLM_KINDS)}, not {kind!r}')
    from .openai_llm import OpenAILlm
    remote = OpenAILlm(model=model, base_url=base_url, api_key_env=api_key_env,
                       timeout=timeout)
    if kind == 'openai':
        return remote
    from ..llm import FallbackAdapter
    from .offline_llm import OfflineLLM
    return FallbackAdapter([remote, OfflineLLM()], attempt_timeout=fallback_timeout)
