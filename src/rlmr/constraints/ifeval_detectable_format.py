"""IFEval `detectable_format:*` checkers: bullets, fixed answers, highlights, sections, JSON,
`<<titles>>`. Reference quirks are kept (a `---` line is a bullet; sections are counted by a
case-sensitive regex split); reference regexes that are quadratic on hostile input run on an
equivalent input or are replaced by linear code with the same answer."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from rlmr.constraints.ifeval_common import regex, require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register

_STAR_BULLET = re.compile(r"^\s*\*[^\*].*$", re.MULTILINE)
_DASH_BULLET = re.compile(r"^\s*-.*$", re.MULTILINE)
_LONG_SPACE = re.compile(r"\s{3,}")
_HIGHLIGHT = re.compile(r"\*[^\n\*]*\*")
_DOUBLE_HIGHLIGHT = re.compile(r"\*\*[^\n\*]*\*\*")
_ANSWERS = ("My answer is yes.", "My answer is no.", "My answer is maybe.")


def _short_space(run: re.Match) -> str:
    # A whitespace run matters to the bullet regexes only through: does it start with a
    # newline, and does it hold 0, 1 or more newlines. Keeping just that bounds every `^\s*`
    # scan to 3 characters (the reference scan is quadratic on a million newlines).
    text = run.group()
    lead = "" if text[0] == "\n" else " "
    return lead + "\n" * min(text.count("\n"), 2)


def count_bullets(text: str) -> int:
    """The reference count: lines matching `^\\s*\\*[^\\*].*$` plus lines matching `^\\s*-.*$`."""
    text = _LONG_SPACE.sub(_short_space, text)
    return sum(1 for _ in _STAR_BULLET.finditer(text)) + sum(1 for _ in _DASH_BULLET.finditer(text))


@register
@dataclass(frozen=True)
class NumberBulletLists(Constraint):
    """Exactly N markdown bullets (`* item` or `- item`; `---` counts too, as in the reference)."""

    id = "detectable_format:number_bullet_lists"
    num_bullets: int

    def __post_init__(self) -> None:
        require_non_negative(self, "num_bullets")

    def check(self, text: str) -> CheckResult:
        count = count_bullets(text)
        return CheckResult(count == self.num_bullets, f"{count} bullets; exactly {self.num_bullets} required")


@register
@dataclass(frozen=True)
class ConstrainedResponse(Constraint):
    """Contains "My answer is yes.", "My answer is no." or "My answer is maybe." (case-sensitive)."""

    id = "detectable_format:constrained_response"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        text = text.strip()
        for answer in _ANSWERS:
            if answer in text:
                return CheckResult(True, f"contains {answer!r}")
        return CheckResult(False, "none of the allowed answers ('My answer is yes.' / 'no.' / 'maybe.')")


@register
@dataclass(frozen=True)
class NumberHighlightedSections(Constraint):
    """At least N non-empty `*highlights*` (a `**bold**` span counts as well, as in the reference)."""

    id = "detectable_format:number_highlighted_sections"
    num_highlights: int

    def __post_init__(self) -> None:
        require_non_negative(self, "num_highlights")

    def check(self, text: str) -> CheckResult:
        count = sum(1 for h in _HIGHLIGHT.findall(text) if h.strip("*").strip())
        count += sum(1 for h in _DOUBLE_HIGHLIGHT.findall(text) if h[2:-2].strip())
        return CheckResult(count >= self.num_highlights, f"{count} highlighted sections; at least {self.num_highlights} required")


@register
@dataclass(frozen=True)
class MultipleSections(Constraint):
    """At least N section markers `<splitter> <number>` (case-sensitive, the splitter is a regex)."""

    id = "detectable_format:multiple_sections"
    section_spliter: str
    num_sections: int

    def __post_init__(self) -> None:
        require_non_blank(self, "section_spliter")
        require_non_negative(self, "num_sections")
        regex(self._pattern())

    def _pattern(self) -> str:
        return r"\s?" + self.section_spliter.strip() + r"\s?\d+\s?"

    def check(self, text: str) -> CheckResult:
        # len(re.split(p, text)) - 1 == number of matches of p.
        count = sum(1 for _ in regex(self._pattern()).finditer(text))
        name = self.section_spliter.strip()
        return CheckResult(count >= self.num_sections, f"{count} '{name} N' sections; at least {self.num_sections} required")


@register
@dataclass(frozen=True)
class JsonFormat(Constraint):
    """The stripped text, minus one leading ```json/```Json/```JSON/``` fence and a trailing ```,
    parses as JSON. (Nesting deeper than Python's parser allows fails; the reference raises.)"""

    id = "detectable_format:json_format"

    def check(self, text: str) -> CheckResult:
        body = (
            text.strip()
            .removeprefix("```json")
            .removeprefix("```Json")
            .removeprefix("```JSON")
            .removeprefix("```")
            .removesuffix("```")
            .strip()
        )
        try:
            json.loads(body)
        except ValueError as exc:
            return CheckResult(False, f"not JSON: {str(exc)[:80]}")
        except RecursionError:
            return CheckResult(False, "not JSON: nested too deeply")
        return CheckResult(True, "valid JSON")


def has_title(text: str) -> bool:
    """`any(t.lstrip("<").rstrip(">").strip() for t in re.findall(r"<<[^\\n]+>>", text))`, linear.

    On one line the greedy reference match runs from the first `<<` to the last `>>` (if at
    least one character lies between), and a line holds at most one match.
    """
    if "<<" not in text or ">>" not in text:
        return False
    for line in text.split("\n"):
        start = line.find("<<")
        end = line.rfind(">>")
        if start >= 0 and end >= start + 3 and line[start : end + 2].lstrip("<").rstrip(">").strip():
            return True
    return False


@register
@dataclass(frozen=True)
class Title(Constraint):
    """A title in double angular brackets, `<<like this>>`, with non-blank content, anywhere."""

    id = "detectable_format:title"

    def check(self, text: str) -> CheckResult:
        found = has_title(text)
        return CheckResult(found, "title found" if found else "no <<title>> found")
