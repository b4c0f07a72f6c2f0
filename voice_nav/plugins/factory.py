"""Build the LLM that a configuration names: offline, openai, or a fallback chain."""

LLM_KINDS = ('offline', 'openai', 'fallback')
# Said instead of an endpoint's text-only answer to a robot command (llm: openai).
NOT_UNDERSTOOD = 'Sorry, I did not understand that, so I am staying where I am.'


def make_llm(kind='offline', *, model='gpt-4o-mini', base_url=None,
             api_key_env='OPENAI_API_KEY', timeout=10.0, deadline=15.0, max_tokens=256,
             tool_choice='auto', fallback_timeout=2.0):
    """
    Return a new LLM.

    :param kind: ``offline`` (the command grammar), ``openai`` (an
        OpenAI-compatible endpoint) or ``fallback`` (openai, then offline when
        the endpoint fails before answering or gives no first token within
        ``fallback_timeout``).

    What the grammar reads as a robot command must be answered with function
    calls: with ``fallback`` an endpoint's text-only or empty answer to it
    gives way to the grammar's calls; with ``openai`` it is said as not
    understood (NOT_UNDERSTOOD) and nothing moves. The other parameters are
    OpenAILlm's.
    """
    if kind == 'offline':
        from .offline_llm import OfflineLLM
        return OfflineLLM()
    if kind not in LLM_KINDS:
        raise ValueError(f'llm must be one of {", ".join(LLM_KINDS)}, not {kind!r}')
    from .offline_llm import expects_calls
    from .openai_llm import OpenAILlm
    remote = OpenAILlm(model=model, base_url=base_url, api_key_env=api_key_env,
                       timeout=timeout, deadline=deadline, max_tokens=max_tokens,
                       tool_choice=tool_choice)
    if kind == 'openai':
        from ..llm import CommandGuard
        return CommandGuard(remote, expects_calls=expects_calls, reply=NOT_UNDERSTOOD)
    from ..llm import FallbackAdapter
    from .offline_llm import OfflineLLM
    return FallbackAdapter([remote, OfflineLLM()], attempt_timeout=fallback_timeout,
                           expects_calls=expects_calls)
