"""IFEval `detectable_content:*` checkers: `[placeholder]` count and a postscript marker.

Both reference regexes are quadratic on hostile input (`\\[.*?\\]` on a line of `[`, `\\s*p...`
on a run of whitespace); these checks compute the same answers in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rlmr.constraints.ifeval_common import regex, require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register

_BRACKET_SPLIT = re.compile(r"(\]|\n)")
# The reference patterns minus their leading `\s*`, which can match empty: same yes/no answer.
_PS = re.compile(r"p\.\s?s\.")
_PPS = re.compile(r"p\.\s?p\.\s?s")


def count_placeholders(text: str) -> int:
    """`len(re.findall(r"\\[.*?\\]", text))` in linear time.

    findall pairs the first `[` after the previous match with the next `]` on the same line, so
    each `]`-terminated piece of a line that holds a `[` is one placeholder.
    """
    if "]" not in text:
        return 0
    parts = _BRACKET_SPLIT.split(text)
    return sum(1 for piece, sep in zip(parts[0::2], parts[1::2]) if sep == "]" and "[" in piece)


@register
@dataclass(frozen=True)
class NumberPlaceholders(Constraint):
    """At least N placeholders like `[address]` (one line each, non-greedy)."""

    id = "detectable_content:number_placeholders"
    num_placeholders: int

    def __post_init__(self) -> None:
        require_non_negative(self, "num_placeholders")

    def check(self, text: str) -> CheckResult:
        count = count_placeholders(text)
        return CheckResult(count >= self.num_placeholders, f"{count} placeholders; at least {self.num_placeholders} required")


@register
@dataclass(frozen=True)
class Postscript(Constraint):
    """A postscript marker appears (lower-cased; "P.S." also as "p. s.", "P.P.S" as "p. p. s").

    Reference quirk kept: the marker may appear anywhere, not only at the start of a line or
    at the end; other markers are used as regular expressions.
    """

    id = "detectable_content:postscript"
    postscript_marker: str

    def __post_init__(self) -> None:
        require_non_blank(self, "postscript_marker")
        regex(self.postscript_marker.strip().lower())

    def check(self, text: str) -> CheckResult:
        marker = self.postscript_marker.strip()
        pattern = {"P.P.S": _PPS, "P.S.": _PS}.get(marker) or regex(marker.lower())
        found = pattern.search(text.lower()) is not None
        return CheckResult(found, f"postscript {marker!r} {'found' if found else 'missing'}")
