"""The errors of the LLM layer: one small hierarchy with a ``retryable`` flag."""

from typing import Optional


class APIError(Exception):
    """A provider failed; ``retryable`` says whether trying again may help."""

    def __init__(self, message: str, *, retryable: bool = True) -> None:
        super().__init__(message)
        self.message = message
        self.retryable = retryable


class APIStatusError(APIError):
    """The provider answered with an HTTP error status."""

    def __init__(self, message: str, *, status_code: int, retry_after: Optional[float] = None,
                 retryable: Optional[bool] = None) -> None:
        if retryable is None:
            retryable = status_code in (408, 409, 429) or status_code >= 500
        super().__init__(message, retryable=retryable)
        self.status_code = status_code
        self.retry_after = retry_after


class APIConnectionError(APIError):
    """The provider could not be reached, or the connection broke."""


class APITimeoutError(APIConnectionError):
    """The provider did not answer in time."""


class APIAnswerError(APIError):
    """
    The provider answered, but not with a usable answer; trying again will not help.

    ``reason`` says why: ``length`` (cut off at ``max_tokens``),
    ``content_filter``, or ``empty`` (no text and no function call).
    """

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message, retryable=False)
        self.reason = reason


class AIError(Exception):
    """
    A function failed in a way the user should hear about.

    Its message is what the LLM gets as the function's result and what the
    user is told, so write it as a sentence for a person.
    """
