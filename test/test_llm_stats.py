"""The ``voice_nav: llm`` diagnostic's content, fed by a fake LLM's real metrics."""

import asyncio

from fakes import FakeLLM, FakeResponse, user
from voice_nav.metrics import Level, LLMStats, Thresholds


def _stats_after(ttft, usage=None, thresholds=Thresholds(warning_ms=100, critical_ms=200)):
    async def main():
        stats = LLMStats(thresholds)
        model = FakeLLM(default=FakeResponse(text='ok', ttft=ttft, usage=usage))
        model.on('metrics_collected', stats.add)
        for _ in range(3):
            await model.chat(chat_ctx=user('hi'), fnc_ctx=[]).collect()
        return stats.report()
    return asyncio.run(main())


def test_fast_answers_are_ok():
    """Report OK when the p95 TTFT is under the warning level."""
    level, message, values = _stats_after(0.0)
    assert level == Level.OK
    assert dict(values)['requests'] == '3'


def test_slow_first_tokens_warn_then_error():
    """Report WARN past the warning level and ERROR past the critical level, saying which."""
    level, message, _ = _stats_after(0.12)
    assert level == Level.WARN and 'warning level' in message
    level, message, _ = _stats_after(0.25)
    assert level == Level.ERROR and 'critical level' in message


def test_usage_is_reported_or_said_to_be_missing():
    """Sum reported tokens; say so when the provider reports none."""
    _, _, values = _stats_after(0.0, usage=(10, 5))
    values = dict(values)
    assert (values['prompt_tokens'], values['completion_tokens'], values['total_tokens']) == (
        '30', '15', '45')
    assert values['usage_reported'] == 'yes'
    _, _, values = _stats_after(0.0)
    assert dict(values)['usage_reported'].startswith('no')
    assert dict(values)['tokens_per_second'] == 'n/a'


def test_an_endpoints_request_is_found_by_its_id_and_model(monkeypatch):
    """Through the OpenAI provider: the model as label, the server's id as the last request."""
    from openai_server import OpenAIServer, text
    from voice_nav.plugins.openai_llm import OpenAILlm
    monkeypatch.delenv('OPENAI_BASE_URL', raising=False)

    async def main(server):
        stats = LLMStats()
        model = OpenAILlm(model='qwen2.5:1.5b', base_url=server.base_url, max_retries=0)
        model.on('metrics_collected', stats.add)
        try:
            await model.chat(chat_ctx=user('hi'), fnc_ctx=[]).collect()
        finally:
            await model.aclose()
        return stats.report()

    with OpenAIServer() as server:
        server.script(text('Hello.', first_delay=0.2, usage=(30, 8)))
        _, _, values = asyncio.run(main(server))
        request, = server.chat_requests
    values = dict(values)
    assert values['provider'] == values['last_label'] == 'qwen2.5:1.5b'
    assert values['last_request_id'] == request.response_id
    assert values['last_completion_tokens'] == '8'
    assert float(values['last_tokens_per_second']) > 0
