"""Text helpers shared by the layers that compare what was said."""

import re


def normalise(text: str) -> str:
    """Return ``text`` lower-cased, without punctuation and repeated spaces."""
    return ' '.join(re.sub(r"[^\w\s']", ' ', text.lower()).split())
