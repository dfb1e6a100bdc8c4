"""IFEval `language:response_language`: langdetect (seed 0) must name the requested ISO 639-1
code; when langdetect finds no features the reference counts the instruction as followed."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifeval_common import require_non_blank
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.text import detect_language


@register
@dataclass(frozen=True)
class ResponseLanguage(Constraint):
    """The whole response is in `language` (langdetect codes: "zh-cn", not "zh", for Chinese)."""

    id = "language:response_language"
    language: str

    def __post_init__(self) -> None:
        require_non_blank(self, "language")

    def check(self, text: str) -> CheckResult:
        detected = detect_language(text)
        if detected is None:
            return CheckResult(True, "language undetectable; counted as followed (reference rule)")
        return CheckResult(detected == self.language, f"detected {detected!r}; {self.language!r} required")
