"""Creative-writing length constraints: words, characters, sentences, paragraphs, lines, stanzas.

All share one relation: `at_most`, `at_least`, `exactly`, `between` (inclusive n..n_max) or
`about` (|count - n| <= tolerance * n, tolerance 0.1 unless given). The units (what a word,
a sentence, a line is) live in `cjk` and `writing_format`, so every `cw:` check counts alike.
This module must not import torch or any engine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar, Literal

from rlmr.constraints import cjk
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.writing_format import block_count, body_line_list, body_lines, body_text, say

Relation = Literal["at_most", "at_least", "exactly", "between", "about"]
RELATIONS = ("at_most", "at_least", "exactly", "between", "about")
# Relative tolerance of `about` when none is given: "about 300 words" accepts 270..330.
DEFAULT_TOLERANCE = 0.1
# Absorbs float error in tolerance * n (0.29 * 100 is 28.999999999999996).
_EPS = 1e-9


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def validate_relation(relation: str, n: int, n_max: int | None, tolerance: float | None) -> None:
    """Raise ValueError naming the kwarg when a count relation is ill-formed."""
    if relation not in RELATIONS:
        raise ValueError(f"relation: expected one of {', '.join(RELATIONS)}, got {relation!r}")
    if not _is_int(n) or n < 0:
        raise ValueError(f"n: must be an integer >= 0, got {n!r}")
    if relation == "between":
        if n_max is None:
            raise ValueError("n_max: required when relation is 'between'")
        if not _is_int(n_max) or n_max < n:
            raise ValueError(f"n_max: must be an integer >= n ({n}), got {n_max!r}")
    elif n_max is not None:
        raise ValueError(f"n_max: only allowed when relation is 'between', not {relation!r}")
    if tolerance is not None:
        if relation != "about":
            raise ValueError(f"tolerance: only allowed when relation is 'about', not {relation!r}")
        if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or not 0 < tolerance < 1:
            raise ValueError(f"tolerance: must be a number strictly between 0 and 1, got {tolerance!r}")


def about_range(n: int, tolerance: float) -> tuple[int, int]:
    """The whole counts that pass `about n`: ceil(n - t*n) .. floor(n + t*n)."""
    slack = tolerance * n
    return max(0, math.ceil(n - slack - _EPS)), math.floor(n + slack + _EPS)


def relation_holds(count: int, relation: str, n: int, n_max: int | None, tolerance: float | None) -> bool:
    if relation == "at_most":
        return count <= n
    if relation == "at_least":
        return count >= n
    if relation == "exactly":
        return count == n
    if relation == "between":
        return n <= count <= (n_max if n_max is not None else n)
    low, high = about_range(n, tolerance or DEFAULT_TOLERANCE)
    return low <= count <= high


def relation_phrase(lang: str, relation: str, n: int, n_max: int | None, tolerance: float | None, unit_zh: str) -> str:
    """The bound in words: "at most 300 allowed" / "最多300字"."""
    if relation == "between":
        return say(lang, f"{n} to {n_max} required", f"应在{n}至{n_max}{unit_zh}之间")
    if relation == "about":
        low, high = about_range(n, tolerance or DEFAULT_TOLERANCE)
        return say(lang, f"about {n} ({low} to {high}) required", f"应约{n}{unit_zh}（{low}至{high}）")
    en = {"at_most": f"at most {n} allowed", "at_least": f"at least {n} required", "exactly": f"exactly {n} required"}
    zh = {"at_most": f"最多{n}{unit_zh}", "at_least": f"至少{n}{unit_zh}", "exactly": f"应为{n}{unit_zh}"}
    return say(lang, en[relation], zh[relation])


@dataclass(frozen=True)
class CountConstraint(Constraint):
    """Base of the `cw:*_count` checks: subclasses say what they count and in which unit."""

    relation: Relation
    n: int
    n_max: int | None = None
    tolerance: float | None = None

    unit: ClassVar[tuple[str, str, str]] = ("item", "items", "个")  # singular, plural, Chinese
    note: ClassVar[tuple[str, str]] = ("", "")  # added to describe(): how counting works

    def __post_init__(self) -> None:
        validate_relation(self.relation, self.n, self.n_max, self.tolerance)

    def count(self, text: str) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self, text: str) -> CheckResult:
        found = self.count(text)
        lang = cjk.reason_lang(text)
        ok = relation_holds(found, self.relation, self.n, self.n_max, self.tolerance)
        bound = relation_phrase(lang, self.relation, self.n, self.n_max, self.tolerance, self.unit[2])
        noun = self.unit[0] if found == 1 else self.unit[1]
        return CheckResult(ok, say(lang, f"{found} {noun}; {bound}", f"共{found}{self.unit[2]}，{bound}"))

    def describe(self, lang: str = "en") -> str:
        n, u, plural = self.n, self.unit[2], self.unit[1]
        if self.relation == "about":
            pct = round(100 * (self.tolerance or DEFAULT_TOLERANCE))
            en, zh = f"about {n} {plural} (within {pct}%)", f"约{n}{u}（上下浮动不超过{pct}%）"
        elif self.relation == "between":
            en, zh = f"between {n} and {self.n_max} {plural}", f"{n}至{self.n_max}{u}"
        else:
            words = {"at_most": ("at most", "不超过"), "at_least": ("at least", "至少"), "exactly": ("exactly", "恰好")}
            en_word, zh_word = words[self.relation]
            en, zh = f"{en_word} {n} {plural if n != 1 else self.unit[0]}", f"{zh_word}{n}{u}"
        return say(lang, f"Write {en}{self.note[0]}.", f"全文{zh}{self.note[1]}。")


@register
@dataclass(frozen=True)
class WordCount(CountConstraint):
    """Words: Latin-script words ("don't" and "well-known" are one) plus one per CJK character."""

    id: ClassVar[str] = "cw:word_count"
    unit: ClassVar[tuple[str, str, str]] = ("word", "words", "字")

    def count(self, text: str) -> int:
        return cjk.mixed_word_count(text)


@register
@dataclass(frozen=True)
class CharCount(CountConstraint):
    """Chinese 字数: CJK characters, plus punctuation only when `count_punctuation`."""

    id: ClassVar[str] = "cw:char_count"
    lang: ClassVar[str] = "zh"
    count_punctuation: bool = False
    unit: ClassVar[tuple[str, str, str]] = ("Chinese character", "Chinese characters", "字")

    def count(self, text: str) -> int:
        return cjk.cjk_count(text) + (cjk.punctuation_count(text) if self.count_punctuation else 0)

    def describe(self, lang: str = "en") -> str:
        base = super().describe(lang)
        if not self.count_punctuation:
            return base
        return base[:-1] + say(lang, " (punctuation counts).", "（标点计入字数）。")


@register
@dataclass(frozen=True)
class MixedCount(CountConstraint):
    """Mixed text: CJK characters plus English words, each one unit."""

    id: ClassVar[str] = "cw:mixed_count"
    unit: ClassVar[tuple[str, str, str]] = ("word", "words", "字")
    note: ClassVar[tuple[str, str]] = (" (each Chinese character counts as one word)", "（每个英文单词按一字计）")

    def count(self, text: str) -> int:
        return cjk.mixed_word_count(text)


@register
@dataclass(frozen=True)
class SentenceCount(CountConstraint):
    """Sentences ending at `. ! ? 。！？…` or a blank line; abbreviations and the title skipped."""

    id: ClassVar[str] = "cw:sentence_count"
    unit: ClassVar[tuple[str, str, str]] = ("sentence", "sentences", "句")

    def count(self, text: str) -> int:
        return cjk.sentence_count(body_text(text))


@register
@dataclass(frozen=True)
class ParagraphCount(CountConstraint):
    """Paragraphs: blocks separated by blank lines, the title line excluded."""

    id: ClassVar[str] = "cw:paragraph_count"
    unit: ClassVar[tuple[str, str, str]] = ("paragraph", "paragraphs", "段")

    def count(self, text: str) -> int:
        return block_count(body_line_list(text))


@register
@dataclass(frozen=True)
class LineCount(CountConstraint):
    """Lines with content, the title line excluded."""

    id: ClassVar[str] = "cw:line_count"
    unit: ClassVar[tuple[str, str, str]] = ("line", "lines", "行")

    def count(self, text: str) -> int:
        return len(body_lines(text))


@register
@dataclass(frozen=True)
class StanzaCount(CountConstraint):
    """Stanzas of verse: blocks separated by blank lines, the title line excluded."""

    id: ClassVar[str] = "cw:stanza_count"
    unit: ClassVar[tuple[str, str, str]] = ("stanza", "stanzas", "节")

    def count(self, text: str) -> int:
        return block_count(body_line_list(text))
