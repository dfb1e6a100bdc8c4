"""Creative-writing verse-form constraints: syllables per line, characters per line, rhyme, acrostic.

All four read "lines of verse" (`writing_format.verse_lines`): lines with content below the
title, where a line of Chinese verse is also cut at its clause punctuation, because a couplet
is often written on one line ("床前明月光，疑是地上霜。" is two five-character lines).
This module must not import torch or any engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rlmr.constraints import cjk, prosody
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.writing_format import say, verse_lines

_SCHEME_RE = re.compile(r"[A-Z]+")
# Letter of a rhyme scheme that marks a line free to rhyme with nothing ("AAXA").
FREE = "X"
# CJK characters before the last one that pypinyin sees to choose a polyphonic reading.
_CONTEXT_CHARS = 3


def _check_count_mismatch(lang: str, lines: list[str], wanted: int, what_en: str, what_zh: str) -> CheckResult | None:
    if len(lines) == wanted:
        return None
    return CheckResult(
        False, say(lang, f"{len(lines)} lines; {what_en} needs {wanted}", f"共{len(lines)}句，{what_zh}需要{wanted}句")
    )


@register
@dataclass(frozen=True)
class SyllablePattern(Constraint):
    """Each line has the given number of syllables (haiku: [5, 7, 5]); any reading may count."""

    id: ClassVar[str] = "cw:syllable_pattern"
    pattern: tuple[int, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.pattern, tuple) or not self.pattern:
            raise ValueError(f"pattern: must be a non-empty list of integers, got {self.pattern!r}")
        if any(isinstance(k, bool) or not isinstance(k, int) or k < 1 for k in self.pattern):
            raise ValueError(f"pattern: every syllable count must be an integer >= 1, got {list(self.pattern)!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        lines = verse_lines(text)
        shown = "-".join(map(str, self.pattern))
        mismatch = _check_count_mismatch(lang, lines, len(self.pattern), f"pattern {shown}", f"音节格式{shown}")
        if mismatch:
            return mismatch
        for i, (line, wanted) in enumerate(zip(lines, self.pattern), start=1):
            low, high = prosody.line_syllables(line)
            if not low <= wanted <= high:
                got = str(low) if low == high else f"{low}-{high}"
                return CheckResult(
                    False, say(lang, f"line {i} has {got} syllables; {wanted} required", f"第{i}句{got}个音节，应为{wanted}个")
                )
        return CheckResult(True, say(lang, f"syllables per line follow {shown}", f"每句音节数符合{shown}"))

    def describe(self, lang: str = "en") -> str:
        counts = list(map(str, self.pattern))
        en = ", ".join(counts[:-1]) + " and " + counts[-1] if len(counts) > 1 else counts[0]
        return say(
            lang,
            f"Write {len(counts)} lines with {en} syllables.",
            f"共{len(counts)}句，每句音节（字）数依次为{'、'.join(counts)}。",
        )


def line_chars(line: str) -> int:
    """Characters of a verse line: CJK characters, letters and digits; punctuation and spaces not."""
    return len(cjk.CONTENT_RE.findall(line))


@register
@dataclass(frozen=True)
class CharsPerLine(Constraint):
    """Every line of verse has n characters (五言 n=5, 七言 n=7); num_lines, if given, must match."""

    id: ClassVar[str] = "cw:chars_per_line"
    lang: ClassVar[str] = "zh"
    n: int
    num_lines: int | None = None

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"n: must be an integer >= 1, got {self.n!r}")
        if self.num_lines is not None and (
            isinstance(self.num_lines, bool) or not isinstance(self.num_lines, int) or self.num_lines < 1
        ):
            raise ValueError(f"num_lines: must be an integer >= 1, got {self.num_lines!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        lines = verse_lines(text)
        if not lines:
            return CheckResult(False, say(lang, "no lines of verse", "没有诗句"))
        if self.num_lines is not None:
            mismatch = _check_count_mismatch(lang, lines, self.num_lines, "the poem", "全诗")
            if mismatch:
                return mismatch
        for i, line in enumerate(lines, start=1):
            found = line_chars(line)
            if found != self.n:
                return CheckResult(
                    False, say(lang, f"line {i} has {found} characters; {self.n} required", f"第{i}句{found}字，应为{self.n}字")
                )
        return CheckResult(True, say(lang, f"{len(lines)} lines of {self.n} characters", f"共{len(lines)}句，每句{self.n}字"))

    def describe(self, lang: str = "en") -> str:
        if self.num_lines:
            en = f"Write {self.num_lines} lines of {self.n} characters each (punctuation not counted)."
            zh = f"全诗{self.num_lines}句，每句{self.n}字（标点不计）。"
        else:
            en = f"Write every line with exactly {self.n} characters (punctuation not counted)."
            zh = f"每句{self.n}字（标点不计）。"
        return say(lang, en, zh)


@register
@dataclass(frozen=True)
class RhymeScheme(Constraint):
    """Line endings rhyme per a scheme such as "ABAB" or "AAXA" (X: free); lines sharing a letter rhyme."""

    id: ClassVar[str] = "cw:rhyme_scheme"
    scheme: str

    def __post_init__(self) -> None:
        if not isinstance(self.scheme, str) or not _SCHEME_RE.fullmatch(self.scheme):
            raise ValueError(f"scheme: must be capital letters A-Z such as 'ABAB' (X = free line), got {self.scheme!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        lines = verse_lines(text)
        mismatch = _check_count_mismatch(lang, lines, len(self.scheme), f"scheme {self.scheme}", f"韵式{self.scheme}")
        if mismatch:
            return mismatch
        ends = [prosody.last_unit(line) for line in lines]
        contexts = ["".join(cjk.CJK_RE.findall(line[-40:]))[:-1][-_CONTEXT_CHARS:] for line in lines]
        for letter in sorted(set(self.scheme) - {FREE}):
            group = [i for i, s in enumerate(self.scheme) if s == letter]
            first = group[0]
            for other in group[1:]:
                a, b = ends[first], ends[other]
                if not (a and b and prosody.rhymes(a, b, contexts[first], contexts[other])):
                    return CheckResult(
                        False,
                        say(lang, f"lines {first + 1} and {other + 1} do not rhyme ({a or '?'} / {b or '?'})",
                            f"第{first + 1}句与第{other + 1}句不押韵（{a or '?'}/{b or '?'}）"),
                    )
        return CheckResult(True, say(lang, f"rhymes follow {self.scheme}", f"押韵符合{self.scheme}"))

    def describe(self, lang: str = "en") -> str:
        free_en = f" ({FREE} marks a line that need not rhyme)" if FREE in self.scheme else ""
        free_zh = f"（{FREE}表示该句不要求押韵）" if FREE in self.scheme else ""
        return say(
            lang,
            f"Write {len(self.scheme)} lines whose endings rhyme in the scheme {self.scheme}{free_en}.",
            f"共{len(self.scheme)}句，句末押韵，韵式为{self.scheme}{free_zh}。",
        )


def acrostic_letters(word: str) -> list[str]:
    """The letters (case-folded) or characters an acrostic must spell; spaces and punctuation dropped."""
    return cjk.CONTENT_RE.findall(word.casefold())


@register
@dataclass(frozen=True)
class Acrostic(Constraint):
    """The first letter (English) or character (Chinese, 藏头诗) of each line spells `word`."""

    id: ClassVar[str] = "cw:acrostic"
    word: str

    def __post_init__(self) -> None:
        if not isinstance(self.word, str) or not acrostic_letters(self.word):
            raise ValueError(f"word: must hold at least one letter or character, got {self.word!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        letters = acrostic_letters(self.word)
        lines = verse_lines(text)
        mismatch = _check_count_mismatch(lang, lines, len(letters), f"“{self.word}”", f"“{self.word}”")
        if mismatch:
            return mismatch
        for i, (line, letter) in enumerate(zip(lines, letters), start=1):
            first = cjk.CONTENT_RE.search(line.casefold())
            got = first.group() if first else ""
            if got != letter:
                return CheckResult(
                    False, say(lang, f"line {i} starts with “{got}”, not “{letter}”", f"第{i}句首字为“{got}”，应为“{letter}”")
                )
        return CheckResult(True, say(lang, f"line initials spell “{self.word}”", f"各句首字组成“{self.word}”"))

    def describe(self, lang: str = "en") -> str:
        return say(
            lang,
            f"Write an acrostic: the first letters of the lines spell “{self.word}”.",
            f"写一首藏头诗：各句首字依次为“{self.word}”。",
        )
