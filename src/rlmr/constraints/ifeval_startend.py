"""IFEval `startend:*` checkers: ending with a phrase; wrapping in double quotes."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifeval_common import require_non_blank
from rlmr.constraints.registry import CheckResult, Constraint, register


@register
@dataclass(frozen=True)
class EndChecker(Constraint):
    """Ends with `end_phrase` (case-insensitive; surrounding whitespace and `"` are ignored)."""

    id = "startend:end_checker"
    end_phrase: str

    def __post_init__(self) -> None:
        require_non_blank(self, "end_phrase")

    def check(self, text: str) -> CheckResult:
        phrase = self.end_phrase.strip().lower()
        ok = text.strip().strip('"').lower().endswith(phrase)
        tail = text.strip().strip('"')[-40:]
        return CheckResult(ok, f"ends with {phrase!r}" if ok else f"ends with {tail!r}; {phrase!r} required")


@register
@dataclass(frozen=True)
class Quotation(Constraint):
    """The stripped response is longer than one character and starts and ends with ASCII `"`."""

    id = "startend:quotation"

    def check(self, text: str) -> CheckResult:
        text = text.strip()
        ok = len(text) > 1 and text[0] == '"' and text[-1] == '"'
        return CheckResult(ok, "wrapped in double quotes" if ok else "not wrapped in double quotes")
