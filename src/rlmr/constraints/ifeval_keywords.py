"""IFEval `keywords:*` checkers (reference semantics: keywords are case-insensitive regular
expressions matched as substrings; forbidden words are matched between `\\b` boundaries)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rlmr.constraints.ifeval_common import Relation, compare, regex, require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register


@register
@dataclass(frozen=True)
class KeywordsExistence(Constraint):
    """Every keyword occurs (substring, case-insensitive: "hou" is found in "house")."""

    id = "keywords:existence"
    lang = "en"
    keywords: tuple[str, ...]

    def __post_init__(self) -> None:
        require_non_blank(self, "keywords")
        for keyword in self.keywords:
            regex(keyword, re.IGNORECASE)

    def check(self, text: str) -> CheckResult:
        missing = [k for k in self.keywords if not regex(k, re.IGNORECASE).search(text)]
        if missing:
            return CheckResult(False, f"missing {', '.join(repr(k) for k in missing)}")
        return CheckResult(True, f"all {len(self.keywords)} keywords present")


@register
@dataclass(frozen=True)
class KeywordsFrequency(Constraint):
    """Case-insensitive occurrences of one keyword (substrings count) compared with a threshold."""

    id = "keywords:frequency"
    lang = "en"
    keyword: str
    frequency: int
    relation: Relation

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword")
        require_non_negative(self, "frequency")
        regex(self.keyword.strip(), re.IGNORECASE)

    def check(self, text: str) -> CheckResult:
        count = sum(1 for _ in regex(self.keyword.strip(), re.IGNORECASE).finditer(text))
        return compare(count, self.relation, self.frequency, f"occurrences of {self.keyword.strip()!r}")


@register
@dataclass(frozen=True)
class ForbiddenWords(Constraint):
    """None of the words occurs as a whole word (case-insensitive)."""

    id = "keywords:forbidden_words"
    lang = "en"
    forbidden_words: tuple[str, ...]

    def __post_init__(self) -> None:
        require_non_blank(self, "forbidden_words")
        for word in self.forbidden_words:
            regex(r"\b" + word + r"\b", re.IGNORECASE)

    def check(self, text: str) -> CheckResult:
        found = [w for w in sorted(set(self.forbidden_words)) if regex(r"\b" + w + r"\b", re.IGNORECASE).search(text)]
        if found:
            return CheckResult(False, f"uses forbidden {', '.join(repr(w) for w in found)}")
        return CheckResult(True, "no forbidden word")


@register
@dataclass(frozen=True)
class LetterFrequency(Constraint):
    """Occurrences of one character in the lower-cased text compared with a threshold.

    The reference draws a random letter when `letter` is not a-z; we count the given character.
    """

    id = "keywords:letter_frequency"
    lang = "en"
    letter: str
    let_frequency: int
    let_relation: Relation

    def __post_init__(self) -> None:
        if len(self.letter) != 1 or self.letter.isspace():
            raise ValueError(f"letter: expected one non-space character, got {self.letter!r}")
        require_non_negative(self, "let_frequency")

    def check(self, text: str) -> CheckResult:
        letter = self.letter.lower()
        count = text.lower().count(letter)
        return compare(count, self.let_relation, self.let_frequency, f"times {letter!r}")
