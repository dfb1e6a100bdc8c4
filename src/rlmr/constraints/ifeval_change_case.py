"""IFEval `change_case:*` checkers: counts of all-capital NLTK words; all-caps or all-lowercase
English (langdetect, seed 0; an undetectable language counts as followed, as in the reference)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rlmr.constraints.ifeval_common import Relation, compare, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import detect_language, iter_sentences, treebank_words


# Where NLTK's word tokenizer splits two letters apart: contractions ("gon|na", "can|not",
# "'t|is") and "n't" ("do|n't"); case-insensitive and without word bounds, so a superset.
_LETTER_SPLITS = re.compile(r"n't|cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'tis|'twas", re.IGNORECASE)


def may_hold_capital_word(text: str) -> bool:
    """False when no token of `nltk.word_tokenize(text)` can be all capitals.

    Tokens never cross whitespace, and apart from `_LETTER_SPLITS` neither the tokenizer nor
    Punkt (which breaks only after punctuation) separates two adjacent letters. So an
    upper-case character next to a lower-case one shares a token with it, and that token is not
    `isupper()`. When every upper-case character has such a neighbour, no token qualifies.
    """
    if _LETTER_SPLITS.search(text):
        return True
    return any(map(_chunk_may_hold_capital, set(text.split())))


def _chunk_may_hold_capital(chunk: str) -> bool:
    for i, char in enumerate(chunk):
        if char.isupper() and not (chunk[i - 1 : i].islower() or chunk[i + 1 : i + 2].islower()):
            return True
    return False


def count_capital_words(text: str, limit: int | None = None) -> int:
    """Tokens of `nltk.word_tokenize(text)` that are `isupper()`, counting stops at `limit`.

    Text, then sentences, that cannot hold such a token (`may_hold_capital_word`) are not
    split or tokenized ("Mr. Smith" needs neither; "I", "NASA" or "CAN'T" do).
    """
    if not any(map(str.isupper, text)) or not may_hold_capital_word(text):
        return 0
    count = 0
    for sentence in iter_sentences(text):
        if not any(map(str.isupper, sentence)) or not may_hold_capital_word(sentence):
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
