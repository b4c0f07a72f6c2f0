"""Functions the LLM may call: schemas, validation, the decorator and execution."""

import asyncio
from dataclasses import dataclass
import inspect
import json
import logging
import math
import re
import typing
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional, Tuple, TYPE_CHECKING

import jsonschema

from .chat_context import FunctionCall
from .exceptions import AIError

if TYPE_CHECKING:
    from .llm import LLM

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30.0
# Longest piece of an LLM's argument, and longest message, repeated in an error.
_MAX_SHOWN = 40
_MAX_MESSAGE = 200
_NUMBER_RE = re.compile(r'\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*')


class AIFunction:
    """
    A function offered to the LLM.

    :param name: the name the LLM calls it by.
    :param description: what it does, for the LLM.
    :param parameters: a JSON Schema of its arguments (an object schema).
    :param sequential: the calls of sequential functions run one at a time, in the
        order the LLM gave them; the others run concurrently beside them.
    :param supersedes: a call of it supersedes the caller's earlier unfinished
        turns (an AgentSession ends them and cancels what they started).
    :param preempts: it ends everything under way by itself, and is what a
        session runs at once, without the LLM, when its stop detector matches.
    :param timeout: seconds the execution may take before it fails.
    """

    def __init__(self, name: str, description: str,
                 parameters: Optional[Dict[str, Any]] = None, *, sequential: bool = False,
                 supersedes: bool = False, preempts: bool = False,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_-]{0,63}', name or ''):
            raise ValueError(f'invalid function name {name!r}')
        self.name = name
        self.description = description
        self.parameters = parameters or {'type': 'object', 'properties': {}}
        jsonschema.Draft202012Validator.check_schema(self.parameters)
        self._validator = jsonschema.Draft202012Validator(self.parameters)
        self.sequential = sequential
        self.supersedes = supersedes
        self.preempts = preempts
        self.timeout = timeout

    async def execute(self, ctx: 'FunctionContext') -> Any:
        """Run the function with ``ctx.values``; raise AIError for a failure to tell."""
        raise NotImplementedError

    def schema(self) -> Dict[str, Any]:
        """Return the function in the OpenAI ``tools`` format."""
        return {'type': 'function', 'function': {
            'name': self.name, 'description': self.description,
            'parameters': self.parameters}}

    def validate(self, arguments: object) -> Dict[str, Any]:
        """
        Return the arguments coerced and checked against the schema.

        Numbers that arrive as numeric strings ("2.5") become numbers first.
        Non-finite numbers are refused: JSON has none, and a NaN distance
        would slip past every comparison.

        :raises AIError: naming the argument that is wrong.
        """
        if not isinstance(arguments, dict):
            raise AIError(f'The arguments of {self.name} must be an object.')
        values = dict(arguments)
        properties = self.parameters.get('properties', {})
        for key, value in values.items():
            wanted = properties.get(key, {}).get('type')
            if wanted in ('number', 'integer') and isinstance(value, str) and \
                    _NUMBER_RE.fullmatch(value):
                number = float(value)
                values[key] = int(number) if wanted == 'integer' and number.is_integer() \
                    else number
            if isinstance(values[key], float) and not math.isfinite(values[key]):
                raise AIError(f'{self.name}: {_cut(key)} must be a finite number.')
        error = jsonschema.exceptions.best_match(self._validator.iter_errors(values))
        if error is not None:
            where = '.'.join(str(p) for p in error.absolute_path)
            if not where and error.validator == 'required':
                where = _missing_name(error.message)
            # The user hears this: an LLM's long value is cut, not read out whole.
            message = error.message.replace(repr(error.instance), _cut(repr(error.instance)))
            if len(message) > _MAX_MESSAGE:
                message = message[:_MAX_MESSAGE - 3] + '...'
            raise AIError(f'{self.name}: invalid argument {_cut(where or "(arguments)")}: '
                          f'{message}.')
        return values


def _cut(text: str) -> str:
    """Return ``text``, from an LLM's arguments, cut short enough to repeat in an error."""
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN - 3] + '...'


def _missing_name(message: str) -> str:
    """Extract the property name from jsonschema's "'x' is a required property"."""
    match = re.match(r"'([^']+)'", message)
    return match.group(1) if match else ''


class FunctionContext:
    """What a function gets when it runs: its values and the session's parts."""

    def __init__(self, values: Dict[str, Any], agent: Any = None,
                 function_tools: Iterable[AIFunction] = (), stt: Any = None, tts: Any = None,
                 llm: 'Optional[LLM]' = None) -> None:
        self.values = values
        self.agent = agent
        self.function_tools = list(function_tools)
        self.stt = stt
        self.tts = tts
        self.llm = llm

    async def call(self, name: str, arguments: Optional[Dict[str, Any]] = None) -> Any:
        """
        Call another function of the session by name (function chaining).

        :raises AIError: for an unknown name, invalid arguments or a failure.
        """
        function = _find(self.function_tools, name)
        values = function.validate(arguments or {})
        ctx = FunctionContext(values, self.agent, self.function_tools,
                              self.stt, self.tts, self.llm)
        return await asyncio.wait_for(function.execute(ctx), function.timeout)


def _find(functions: Iterable[AIFunction], name: str) -> AIFunction:
    for function in functions:
        if function.name == name:
            return function
    known = ', '.join(f.name for f in functions) or 'none'
    raise AIError(f'There is no function called {_cut(repr(name))} (known: {known}).')


@dataclass
class FunctionResult:
    """The outcome of one call: its result text for the LLM, or the error."""

    call_id: str
    name: str
    values: Optional[Dict[str, Any]]
    result: str
    error: Optional[str] = None

    @property
    def ok(self) -> bool:
        """Say whether the call succeeded."""
        return self.error is None


async def execute_calls(calls: Iterable[FunctionCall], functions: Iterable[AIFunction], *,
                        agent: Any = None, stt: Any = None, tts: Any = None,
                        llm: 'Optional[LLM]' = None) -> List[FunctionResult]:
    """
    Execute the calls of one LLM turn and return their results in call order.

    The calls of sequential functions run one after another in the order
    given; the others run concurrently beside them. Every failure, an unknown
    name, bad arguments, a timeout or an exception, becomes an error result:
    nothing is raised into the session.
    """
    calls = list(calls)
    functions = list(functions)

    async def run(call: FunctionCall) -> FunctionResult:
        values = None
        try:
            function = _find(functions, call.name)
            try:
                arguments = call.parsed_arguments()
            except ValueError as e:
                raise AIError(f'{e}.') from e
            values = function.validate(arguments)
            ctx = FunctionContext(values, agent, functions, stt, tts, llm)
            try:
                result = await asyncio.wait_for(function.execute(ctx), function.timeout)
            except asyncio.TimeoutError as e:
                raise AIError(f'{call.name} did not finish within {function.timeout:g} s.') \
                    from e
            return FunctionResult(call.call_id, call.name, values, _as_text(result))
        except AIError as e:
            return FunctionResult(call.call_id, call.name, values, f'error: {e}', str(e))
        except Exception as e:
            logger.exception('function %s failed', call.name)
            message = f'{call.name} failed: {type(e).__name__}.'
            return FunctionResult(call.call_id, call.name, values, f'error: {message}', message)

    def is_sequential(call: FunctionCall) -> bool:
        return any(f.name == call.name and f.sequential for f in functions)

    async def run_in_order(in_order: List[FunctionCall]) -> List[FunctionResult]:
        return [await run(call) for call in in_order]

    sequential = [c for c in calls if is_sequential(c)]
    others = [c for c in calls if not is_sequential(c)]
    # Started in this order: the first sequential call before the others.
    jobs: List[Awaitable[Any]] = [run_in_order(sequential), *(run(c) for c in others)]
    ordered, *concurrent = await asyncio.gather(*jobs)
    by_id = {id(c): r for c, r in zip(sequential + others, ordered + concurrent)}
    return [by_id[id(c)] for c in calls]


def _as_text(result: object) -> str:
    if result is None:
        return 'done'
    if isinstance(result, str):
        return result
    try:
        return json.dumps(result)
    except (TypeError, ValueError):
        return str(result)


_JSON_TYPES = {str: 'string', int: 'integer', float: 'number', bool: 'boolean'}


def ai_function(fn: Optional[Callable[..., Any]] = None, *, name: Optional[str] = None,
                description: Optional[str] = None, sequential: bool = False,
                supersedes: bool = False, preempts: bool = False,
                timeout: float = DEFAULT_TIMEOUT) -> Any:
    """
    Build an AIFunction from a typed Python function.

    The schema comes from the type hints (``str``, ``int``, ``float``,
    ``bool``, ``typing.Literal`` for enums, ``Optional`` or a default for
    optional arguments); the description from the docstring, the argument
    descriptions from its ``:param x:`` lines. A first argument named ``ctx``
    receives the FunctionContext. ``sequential``, ``supersedes`` and
    ``preempts`` are AIFunction's.
    """
    flags = {'sequential': sequential, 'supersedes': supersedes, 'preempts': preempts}
    if fn is None:
        return lambda f: ai_function(f, name=name, description=description, timeout=timeout,
                                     **flags)
    function = fn  # not None from here on, in _Decorated too
    doc = inspect.getdoc(fn) or ''
    hints = typing.get_type_hints(fn)
    params = [p for p in inspect.signature(fn).parameters.values() if p.name != 'ctx']
    wants_ctx = 'ctx' in inspect.signature(fn).parameters
    properties: Dict[str, Any] = {}
    required: List[str] = []
    for param in params:
        schema, optional = _schema_of(hints.get(param.name, str), param.name)
        match = re.search(rf':param {param.name}:\s*(.+)', doc)
        if match:
            schema['description'] = match.group(1).strip()
        properties[param.name] = schema
        if param.default is inspect.Parameter.empty and not optional:
            required.append(param.name)
    summary = description or doc.split('\n\n')[0].strip() or fn.__name__
    parameters = {'type': 'object', 'properties': properties, 'required': required,
                  'additionalProperties': False}

    class _Decorated(AIFunction):

        async def execute(self, ctx: FunctionContext) -> Any:
            kwargs = dict(ctx.values)
            if wants_ctx:
                kwargs['ctx'] = ctx
            result = function(**kwargs)
            return await result if inspect.isawaitable(result) else result

    return _Decorated(name or fn.__name__, summary, parameters, timeout=timeout, **flags)


def _schema_of(hint: Any, where: str) -> Tuple[Dict[str, Any], bool]:
    """Return the JSON Schema of a type hint and whether it is optional."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin is typing.Union and type(None) in args:
        inner = [a for a in args if a is not type(None)]
        return _schema_of(inner[0], where)[0], True
    if origin is typing.Literal:
        return {'type': _JSON_TYPES[type(args[0])], 'enum': list(args)}, False
    if hint in _JSON_TYPES:
        return {'type': _JSON_TYPES[hint]}, False
    raise TypeError(f'ai_function: unsupported type {hint!r} for argument {where!r}')
