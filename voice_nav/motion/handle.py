"""MotionHandle: the outcome of a submitted plan, for the asyncio loop and plain threads."""

import threading


class MotionHandle:
    """The outcome of a submitted plan, awaitable from the submitting asyncio loop."""

    def __init__(self, plan, loop, permit=None):
        self.plan = plan
        self.permit = permit
        self.outcome = 'pending'
        self.message = ''
        self.achieved = 0.0  # meters or radians of the plan's last segment started
        self._loop = loop
        self._future = loop.create_future() if loop is not None else None
        self._event = threading.Event()

    def done(self):
        """Say whether the motion has ended."""
        return self._event.is_set()

    def _finish(self, outcome, message=''):
        if self.done():
            return
        self.outcome, self.message = outcome, message
        self._event.set()
        if self._future is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(
                lambda: self._future.done() or self._future.set_result(outcome))

    async def wait(self):
        """Wait until the motion ends; return its outcome."""
        if self._future is None:
            raise RuntimeError('wait() needs the loop that submitted the plan')
        return await self._future

    def wait_blocking(self, timeout=None):
        """Wait from a plain thread; return the outcome, or 'pending' on timeout."""
        self._event.wait(timeout)
        return self.outcome
