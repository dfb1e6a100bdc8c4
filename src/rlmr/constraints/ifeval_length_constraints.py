"""IFEval `length_constraints:*` checkers: sentences (NLTK Punkt), words (`\\w+` runs),
paragraphs split on `***`, and paragraphs split on blank lines with a required first word."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rlmr.constraints.ifeval_common import Relation, compare, require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import count_sentences, count_words

_DIVIDER = re.compile(r"\s?\*\*\*\s?")
_FIRST_WORD_STOP = {".", ",", "?", "!", "'", '"'}


@register
@dataclass(frozen=True)
class NumberSentences(Constraint):
    """Punkt sentence count compared with a threshold (counting stops once the answer is known)."""

    id = "length_constraints:number_sentences"
    lang = "en"
    num_sentences: int
    relation: Relation

    def __post_init__(self) -> None:
        require_non_negative(self, "num_sentences")

    def check(self, text: str) -> CheckResult:
        count = count_sentences(text, limit=self.num_sentences)
        return compare(count, self.relation, self.num_sentences, "sentences", capped=True)


@register
@dataclass(frozen=True)
class NumberParagraphs(Constraint):
    """Exactly N paragraphs separated by `***`; an empty paragraph between dividers fails."""

    id = "length_constraints:number_paragraphs"
    num_paragraphs: int

    def __post_init__(self) -> None:
        require_non_negative(self, "num_paragraphs")

    def check(self, text: str) -> CheckResult:
        paragraphs = _DIVIDER.split(text)
        count = len(paragraphs)
        for index, paragraph in enumerate(paragraphs):
            if not paragraph.strip():
                if index in (0, len(paragraphs) - 1):
                    count -= 1
                else:
                    return CheckResult(False, f"empty paragraph {index + 1} between *** dividers")
        return CheckResult(count == self.num_paragraphs, f"{count} paragraphs; exactly {self.num_paragraphs} required")


@register
@dataclass(frozen=True)
class NumberWords(Constraint):
    """`\\w+` token count compared with a threshold ("don't" is 2 words, a CJK run is 1)."""

    id = "length_constraints:number_words"
    num_words: int
    relation: Relation

    def __post_init__(self) -> None:
        require_non_negative(self, "num_words")

    def check(self, text: str) -> CheckResult:
        return compare(count_words(text), self.relation, self.num_words, "words")


@register
@dataclass(frozen=True)
class NthParagraphFirstWord(Constraint):
    """Exactly N blank-line paragraphs, and paragraph n starts with `first_word`.

    Reference quirks kept: empty chunks are not counted, yet paragraph n is taken from the raw
    split (an empty chunk there fails); the first word is cut at `.,?!'"` and lower-cased.
    """

    id = "length_constraints:nth_paragraph_first_word"
    lang = "en"
    num_paragraphs: int
    nth_paragraph: int
    first_word: str

    def __post_init__(self) -> None:
        require_non_negative(self, "num_paragraphs")
        require_non_blank(self, "first_word")
        if not 1 <= self.nth_paragraph <= self.num_paragraphs:
            raise ValueError(f"nth_paragraph: must be in 1..num_paragraphs ({self.num_paragraphs}), got {self.nth_paragraph}")

    def check(self, text: str) -> CheckResult:
        paragraphs = text.split("\n\n")
        count = sum(1 for p in paragraphs if p.strip())
        if self.nth_paragraph > count:
            return CheckResult(False, f"{count} paragraphs; no paragraph {self.nth_paragraph}")
        paragraph = paragraphs[self.nth_paragraph - 1].strip()
        if not paragraph:
            return CheckResult(False, f"paragraph {self.nth_paragraph} is empty")
        word = paragraph.split()[0].strip().lstrip("'").lstrip('"')
        first = ""
        for letter in word:
            if letter in _FIRST_WORD_STOP:
                break
            first += letter.lower()
        wanted = self.first_word.lower()
        if count != self.num_paragraphs:
            return CheckResult(False, f"{count} paragraphs; exactly {self.num_paragraphs} required")
        return CheckResult(first == wanted, f"paragraph {self.nth_paragraph} starts with {first!r}; {wanted!r} required")
