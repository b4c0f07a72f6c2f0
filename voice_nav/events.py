"""A small synchronous event emitter: ``on``, ``once``, ``off`` and ``emit``."""

import logging
from typing import Any, Callable, Dict, List, Optional

logger = logging.getLogger(__name__)

Handler = Callable[..., Any]


class EventEmitter:
    """
    Call the handlers registered for an event name, in registration order.

    A handler that raises is logged, never propagated: one broken metrics
    handler must not break a voice turn.
    """

    def __init__(self) -> None:
        self._handlers: Dict[str, List[Handler]] = {}

    def on(self, event: str, callback: Optional[Handler] = None) -> Handler:
        """
        Register ``callback`` for ``event``; usable as a decorator.

        :param event: the event name, e.g. ``'metrics_collected'``.
        :param callback: a callable taking the event's payload.
        """
        if callback is None:
            return lambda fn: self.on(event, fn)
        self._handlers.setdefault(event, []).append(callback)
        return callback

    def once(self, event: str, callback: Optional[Handler] = None) -> Handler:
        """Register ``callback`` for the next ``event`` only."""
        if callback is None:
            return lambda fn: self.once(event, fn)

        def wrapper(*args: Any) -> None:
            self.off(event, wrapper)
            callback(*args)

        return self.on(event, wrapper)

    def off(self, event: str, callback: Handler) -> None:
        """Remove ``callback`` from ``event``; a missing one is ignored."""
        handlers = self._handlers.get(event, [])
        if callback in handlers:
            handlers.remove(callback)

    def emit(self, event: str, *args: Any) -> None:
        """Call every handler of ``event`` with ``args``."""
        for handler in list(self._handlers.get(event, [])):
            try:
                handler(*args)
            except Exception:
                logger.exception('handler of %r raised', event)
