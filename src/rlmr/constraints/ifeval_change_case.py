"""IFEval `change_case:*` checkers: counts of all-capital NLTK words; all-caps or all-lowercase
English (langdetect, seed 0; an undetectable language counts as followed, as in the reference)."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifeval_common import Relation, compare, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import detect_language, iter_sentences, treebank_words


def count_capital_words(text: str, limit: int | None = None) -> int:
    """Tokens of `nltk.word_tokenize(text)` that are `isupper()`, counting stops at `limit`.

    A sentence with no upper-case character cannot yield such a token, so it is not tokenized
    (and a text without one is not even split into sentences).
    """
    if not any(map(str.isupper, text)):
        return 0
    count = 0
    for sentence in iter_sentences(text):
        if not any(map(str.isupper, sentence)):
            continue
        count += sum(1 for token in treebank_words(sentence) if token.isupper())
        if limit is not None and count >= limit:
            return limit
    return count


@register
@dataclass(frozen=True)
class CapitalWordFrequency(Constraint):
    """Number of all-capital words (NLTK tokens, "HELLO-WORLD" is one) compared with a threshold."""

    id = "change_case:capital_word_frequency"
    lang = "en"
    capital_frequency: int
    capital_relation: Relation

    def __post_init__(self) -> None:
        require_non_negative(self, "capital_frequency")

    def check(self, text: str) -> CheckResult:
        count = count_capital_words(text, limit=self.capital_frequency)
        return compare(count, self.capital_relation, self.capital_frequency, "all-capital words", capped=True)


def _english(text: str, case_ok: bool, case_name: str) -> CheckResult:
    if not case_ok:
        return CheckResult(False, f"not all {case_name}")
    detected = detect_language(text)
    if detected is None:
        return CheckResult(True, f"all {case_name}; language undetectable, counted as English (reference rule)")
    return CheckResult(detected == "en", f"all {case_name}; detected {detected!r}, 'en' required")


@register
@dataclass(frozen=True)
class EnglishCapital(Constraint):
    """`str.isupper()` holds and langdetect says English."""

    id = "change_case:english_capital"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        return _english(text, text.isupper(), "capital letters")


@register
@dataclass(frozen=True)
class EnglishLowercase(Constraint):
    """`str.islower()` holds and langdetect says English."""

    id = "change_case:english_lowercase"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        return _english(text, text.islower(), "lowercase letters")
