"""Shared pieces of the extraction rules: the result record, quote masking, clause spans and
the English count grammar (comparator + number + unit).

Rules never match whole benchmark sentences; they combine these pieces. Quoted passages longer
than a few words are masked before trigger matching, so an instruction quoted as material
("Rewrite: 'Use less than 5 words'") is not read as a constraint on the response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterator, Literal

from rlmr.constraints.extract.numbers import EN_NUMBER, parse_en


@dataclass(frozen=True)
class ExtractedConstraint:
    """One constraint read from a prompt: its spec, where it was stated, and how it is checked."""

    spec: dict[str, Any]
    span: tuple[int, int]
    text: str
    hard: bool = True
    source: Literal["rules", "judge"] = "rules"

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec, "span": list(self.span), "text": self.text, "hard": self.hard,
                "source": self.source}


def found(prompt: str, spec: dict[str, Any], start: int, end: int, *, hard: bool = True) -> ExtractedConstraint:
    return ExtractedConstraint(spec=spec, span=(start, end), text=prompt[start:end], hard=hard)


# Quoted material: "...", “...”, «...», and '...' not glued to letters (so "don't" is no quote).
QUOTE_RE = re.compile(r"\"([^\"\n]*)\"|“([^”\n]*)”|”([^\"”\n]*)\"|«([^»\n]*)»|(?<![\w])'([^'\n]*?)'(?![\w])|「([^」\n]*)」")
_MASK_MIN_WORDS = 4  # a quote of this many words or more is material, not a keyword


def quote_text(m: re.Match) -> str:
    return next(g for g in m.groups() if g is not None)


def mask_quotes(text: str, min_words: int = _MASK_MIN_WORDS) -> str:
    """Replace the inside of long quotes with 'x' (same length, so spans stay valid)."""
    out = list(text)
    for m in QUOTE_RE.finditer(text):
        inner = quote_text(m)
        if len(re.findall(r"\w+", inner)) >= min_words or len(inner) >= 40:
            start = m.start() + 1
            for i in range(start, m.end() - 1):
                if text[i].isalnum():
                    out[i] = "x"
    return "".join(out)


_CLAUSE_END = re.compile(r"(?:(?<=[.!?;])|(?<=[.!?;][\"”’']))\s+(?=[^a-z\s])|\n+|(?<=[.!?])$")


def clauses(text: str) -> Iterator[tuple[int, int]]:
    """Sentence-like spans: split at . ! ? ; followed by a non-lower-case start, and at newlines."""
    start = 0
    for m in _CLAUSE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def clause_at(text: str, pos: int) -> tuple[int, int]:
    for s, e in clauses(text):
        if s <= pos < e:
            return s, e
    return 0, len(text)


# --- English count grammar -------------------------------------------------------------------

_AT_LEAST = r"at\s+least|no\s+(?:less|fewer)\s+than|not\s+(?:less|fewer)\s+than|a\s+minimum\s+of|minimum\s+of|at\s+minimum|minimum"
_MORE_THAN = r"more\s+than|over|greater\s+than|in\s+excess\s+of|upwards\s+of|exceeding|longer\s+than"
_LESS_THAN = r"less\s+than|fewer\s+than|under|below|shorter\s+than|lower\s+than"
_AT_MOST = (r"at\s+most|no\s+more\s+than|not\s+more\s+than|up\s+to|a\s+maximum\s+of|maximum\s+of|maximum|max\.?"
            r"|not\s+exceed(?:ing)?|(?:does|do|should|must|shall|will)\s+not\s+exceed|no\s+longer\s+than|not\s+longer\s+than"
            r"|no\s+greater\s+than|within|(?:fit|fits)\s+(?:in|into|within)|limit(?:ed)?\s+(?:it\s+)?to|anything\s+longer\s+than"
            # "nothing more than 100 words", "nothing past ten lines", "no further than 12 lines",
            # "do not go past ten lines": upper bounds, not "more than" or a bare count.
            r"|nothing\s+(?:longer|more|further)\s+than|nothing\s+(?:past|beyond|over)|no\s+further\s+than"
            r"|(?:do|does|should|must|shall|will)\s+not\s+(?:go|run|stretch|extend)\s+(?:past|beyond|over)"
            r"|(?:don|doesn|shouldn|mustn|won)['\u2019]?t\s+(?:go|run|stretch|extend)\s+(?:past|beyond|over)")
_EXACTLY = r"exactly|precisely"
_APPROX = r"about|around|approximately|roughly|some|circa"

COMPARATORS = {
    "at_least": _AT_LEAST, "more_than": _MORE_THAN, "less_than": _LESS_THAN, "at_most": _AT_MOST,
    "exactly": _EXACTLY, "about": _APPROX,
}
_PRE = "|".join(f"(?P<{k}>{v})" for k, v in COMPARATORS.items())
_POST = (r"(?P<post_more>or\s+more|or\s+above|or\s+greater|\+|plus|at\s+(?:the\s+)?(?:very\s+)?least|minimum|or\s+longer)"
         r"|(?P<post_less>or\s+less|or\s+fewer|or\s+below|at\s+(?:the\s+)?(?:very\s+)?most|max(?:imum)?|or\s+under|or\s+shorter)")


@dataclass(frozen=True)
class Count:
    """A parsed count: relation in at_least | at_most | less_than | more_than | exactly | between | about | bare."""

    relation: str
    n: int
    n_max: int | None = None
    span: tuple[int, int] = (0, 0)
    extra: dict = field(default_factory=dict)


def count_regex(unit: str, modifiers: int = 3) -> re.Pattern:
    """Comparator? NUMBER (to|or|- NUMBER)? (+)? modifier-words{0,k} UNIT (or more|or less)?"""
    num = EN_NUMBER
    mods = rf"(?:[\s-]+(?!(?:or|and|to|of|in|with|for|than|the|that|per|each|every)\b)[a-z]+(?:-[a-z]+)?){{0,{modifiers}}}"
    return re.compile(
        rf"(?:\b(?:{_PRE})\s+(?:a\s+total\s+of\s+|total\s+of\s+)?)?"
        rf"(?:\b(?:between|from)\s+)?"
        rf"(?P<n>{num})(?P<plus>\+)?"
        rf"(?:\s*(?:-|–|to|and|or)\s*(?P<m>{num})(?P<plus2>\+)?)?"
        rf"(?:\s+or\s+(?:(?P<mid_more>more|above|greater|longer)|(?P<mid_less>less|fewer|below|shorter|under)))?"
        rf"{mods}[\s-]+(?P<unit>{unit})\b"
        rf"(?:\s+(?:long\s+)?(?:{_POST}))?",
        re.IGNORECASE,
    )


def parse_count(m: re.Match) -> Count | None:
    n = parse_en(m.group("n"))
    if n is None:
        return None
    span = (m.start(), m.end())
    m_raw = m.group("m")
    if m_raw is not None:
        n2 = parse_en(m_raw)
        if n2 is None or n2 <= n:
            return None
        return Count("between", n, n2, span)
    pre = next((k for k in COMPARATORS if m.group(k)), None)
    if m.group("plus") or m.group("post_more") or m.group("mid_more"):
        return Count("at_least", n, None, span)
    if m.group("post_less") or m.group("mid_less"):
        return Count("at_most", n, None, span)
    return Count(pre or "bare", n, None, span)


def find_counts(text: str, unit: str, modifiers: int = 3) -> list[Count]:
    """Counts stated as 'at most 20 words' and as 'the number of words ... (should be) 20 or less'."""
    out = []
    for m in count_regex(unit, modifiers).finditer(text):
        c = parse_count(m)
        if c is not None:
            out.append(c)
    for m in reverse_regex(unit).finditer(text):
        c = parse_count(m)
        if c is not None and not any(o.span[0] <= m.start("n") < o.span[1] for o in out):
            out.append(Count(c.relation, c.n, c.n_max, (m.start(), m.end()), {"reverse": True}))
    return sorted(out, key=lambda c: c.span)


def reverse_regex(unit: str) -> re.Pattern:
    """'the number of UNIT (in ...) should be (in the range of) [comparator] N [to M] [or more]'."""
    num = EN_NUMBER
    return re.compile(
        rf"\b(?:number|count|total)\s+of\s+(?:{unit})\b[^.;\n\d]{{0,60}}?\b(?:be|is|to|at|of|:)\s+"
        rf"(?:in\s+the\s+range\s+of\s+|between\s+)?(?:(?:{_PRE})\s+)?(?P<n>{num})(?P<plus>\+)?"
        rf"(?:\s*(?:-|–|to|and)\s*(?P<m>{num})(?P<plus2>\+)?)?"
        rf"(?:\s+or\s+(?:(?P<mid_more>more|above|greater|longer)|(?P<mid_less>less|fewer|below|shorter|under)))?"
        rf"(?:\s+(?:{_POST}))?",
        re.IGNORECASE,
    )


def to_ifeval(c: Count) -> list[tuple[str, int]]:
    """IFEval states only 'less than' and 'at least': map inclusive bounds as IFEval's own data does
    ("at most 150" -> less than 151, "more than 800" -> at least 801, "600 to 700" -> both)."""
    if c.relation == "at_least":
        return [("at least", c.n)]
    if c.relation == "more_than":
        return [("at least", c.n + 1)]
    if c.relation == "less_than":
        return [("less than", c.n)]
    if c.relation == "at_most":
        return [("less than", c.n + 1)]
    if c.relation == "exactly":
        return [("at least", c.n), ("less than", c.n + 1)]
    if c.relation == "between":
        return [("at least", c.n), ("less than", (c.n_max or c.n) + 1)]
    return []


def to_cw(c: Count) -> dict[str, Any] | None:
    """Our `cw:*_count` relations: at_most | at_least | exactly | between | about."""
    if c.relation in ("at_least", "at_most", "exactly", "about"):
        return {"relation": c.relation, "n": c.n}
    if c.relation == "more_than":
        return {"relation": "at_least", "n": c.n + 1}
    if c.relation == "less_than":
        return {"relation": "at_most", "n": c.n - 1} if c.n > 1 else None
    if c.relation == "between":
        return {"relation": "between", "n": c.n, "n_max": c.n_max}
    return None


NEGATION = (r"(?:\bno\b|\bnot\b|\bcannot\b|\bwithout\b|\bnever\b|n't\b|\bavoid\w*|\brefrain\w*|\bexclud\w*|\bnone\b"
            r"|\bfree\s+of\b|\bzero\b|\bforbid\w*|\bban\w*|\bomit\w*|\bskip\b)")


def negated_before(text: str, pos: int, window: int = 60) -> bool:
    """A negation shortly before pos, inside the same clause."""
    s, _ = clause_at(text, pos)
    left = text[max(s, pos - window):pos]
    # A negation before "and"/"but"/"make sure" belongs to the previous instruction.
    left = re.split(r"\b(?:and|but|then|also|make\s+sure|ensure)\b|[,:]", left, flags=re.IGNORECASE)[-1]
    return re.search(NEGATION, left, re.IGNORECASE) is not None
