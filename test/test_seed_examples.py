"""
The seed's usage examples, run as written with only the import paths changed.

The seed wrote them against ``livekit.agents.llm``; here they import
``from voice_nav import llm``. They run against the offline LLM and, for the
OpenAI-shaped example, against a local fake LLM, so they need no network.
"""

import asyncio
import logging

from voice_nav import llm

logger = logging.getLogger('seed-example')


class WeatherFunction(llm.AIFunction):

    def __init__(self):
        super().__init__(
            name='get_weather',
            description='Get the current weather for a location.',
            parameters={
                'type': 'object',
                'properties': {
                    'location': {'type': 'string', 'description': 'City name'},
                },
                'required': ['location'],
            },
        )

    async def execute(self, ctx: llm.FunctionContext):
        location = ctx.values['location']
        if location.lower() == 'atlantis':
            raise llm.AIError(f'I could not find the weather for {location}.')
        return f'Sunny and 22 degrees in {location}.'


class NavigateFunction(llm.AIFunction):

    def __init__(self):
        super().__init__(
            name='navigate',
            description='Move the robot in a direction.',
            parameters={
                'type': 'object',
                'properties': {
                    'direction': {'type': 'string',
                                  'enum': ['forward', 'back', 'left', 'right']},
                    'distance': {'type': 'number', 'exclusiveMinimum': 0},
                },
                'required': ['direction', 'distance'],
            },
        )

    async def execute(self, ctx: llm.FunctionContext):
        direction = ctx.values['direction']
        distance = ctx.values['distance']
        ctx.agent.userdata['last_direction'] = direction
        await ctx.agent.say(f'Moving {direction} {distance} meters.')
        return {'status': 'ok', 'direction': direction, 'distance': distance}


class _Agent:
    """The smallest agent the seed's NavigateFunction needs: userdata and say()."""

    def __init__(self):
        self.userdata = {}
        self.said = []

    async def say(self, text):
        self.said.append(text)


def on_metrics_collected(metrics: llm.LLMMetrics):
    """Log every field of an LLMMetrics, as the seed's handler does."""
    logger.info(
        'type=%s label=%s request_id=%s timestamp=%s duration=%s ttft=%s cancelled=%s '
        'completion_tokens=%s prompt_tokens=%s total_tokens=%s tokens_per_second=%s',
        metrics.type, metrics.label, metrics.request_id, metrics.timestamp,
        metrics.duration, metrics.ttft, metrics.cancelled, metrics.completion_tokens,
        metrics.prompt_tokens, metrics.total_tokens, metrics.tokens_per_second)


async def _seed_session(model, text):
    model.on('metrics_collected', on_metrics_collected)
    functions = [WeatherFunction(), NavigateFunction()]
    chat_ctx = llm.ChatContext(
        messages=[llm.ChatMessage(role='system', content='You drive a robot.'),
                  llm.ChatMessage(role='user', content=text)],
        functions=functions)
    agent = _Agent()
    calls, text_out = [], []
    async with model.chat(chat_ctx=chat_ctx, fnc_ctx=functions) as stream:
        async for chunk in stream:
            if chunk.text:
                text_out.append(chunk.text)
            if chunk.function_call:
                calls.append(chunk.function_call)
    results = await llm.execute_calls(calls, functions, agent=agent, llm=model)
    await model.aclose()
    return agent, calls, results, ''.join(text_out)


def test_navigate_function_through_the_offline_llm(caplog):
    """Drive the seed's NavigateFunction from a spoken command and log every metric."""
    caplog.set_level(logging.INFO, logger='seed-example')
    agent, calls, results, _ = asyncio.run(
        _seed_session(llm.OfflineLLM(), 'Move forward two meters.'))
    assert [c.name for c in calls] == ['navigate']
    assert results[0].ok, results[0].error
    assert results[0].values == {'direction': 'forward', 'distance': 2.0}
    assert agent.userdata['last_direction'] == 'forward'
    assert agent.said == ['Moving forward 2.0 meters.']
    logged = [r.getMessage() for r in caplog.records if r.name == 'seed-example']
    assert len(logged) == 1
    for field in ('type=llm_metrics', 'label=offline', 'ttft=', 'cancelled=False',
                  'completion_tokens=None', 'tokens_per_second=None'):
        assert field in logged[0]


def test_weather_function_error_is_a_result_not_an_exception():
    """Return an AIError's text to the LLM instead of raising it into the session."""
    call = llm.FunctionCall(name='get_weather', arguments='{"location": "Atlantis"}')
    results = asyncio.run(llm.execute_calls([call], [WeatherFunction()]))
    assert not results[0].ok
    assert 'could not find the weather for Atlantis' in results[0].result


def test_openai_llm_is_importable_lazily_from_the_llm_package():
    """Resolve OpenAILlm through voice_nav.llm, as the seed imports it."""
    assert llm.OpenAILlm.__name__ == 'OpenAILlm'
    assert issubclass(llm.OpenAILlm, llm.LLM)
