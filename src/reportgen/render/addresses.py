"""Web and e-mail addresses in text, and where a long one may go on to the next line: one
rule for every format."""

from __future__ import annotations

import re
from collections.abc import Iterator

ADDRESS = re.compile(r"(?:https?://|mailto:|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
"""A web or e-mail address in text."""
BREAK_POINTS = re.compile(r"(?<=/)(?!/)|(?<=.)(?=[.\-_?#&=@~%])")
"""Where a long address may go on to the next line: after a slash (a double one whole),
before a dot, a hyphen and the like, as The Chicago Manual of Style advises."""


def addresses(text: str) -> Iterator[tuple[int, str]]:
    """Where each address in `text` starts, and the address, without the punctuation that
    ends the sentence around it."""
    for match in ADDRESS.finditer(text):
        yield match.start(), match.group().rstrip(".,;:!?)")


def pieces(address: str) -> list[str]:
    """The address cut at its BREAK_POINTS."""
    return BREAK_POINTS.split(address)
