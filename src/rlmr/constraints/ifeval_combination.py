"""IFEval `combination:*` checkers: two different answers split by `******`; repeating the prompt
before answering."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.ifeval_common import require_non_blank
from rlmr.constraints.registry import CheckResult, Constraint, register


@register
@dataclass(frozen=True)
class TwoResponses(Constraint):
    """Exactly two non-blank parts around `******`, different after stripping; a blank part
    between separators fails, blank first or last parts are ignored."""

    id = "combination:two_responses"

    def check(self, text: str) -> CheckResult:
        parts = text.split("******")
        answers = []
        for index, part in enumerate(parts):
            if part.strip():
                answers.append(part)
            elif index not in (0, len(parts) - 1):
                return CheckResult(False, f"blank response {index + 1} between ****** separators")
        if len(answers) != 2:
            return CheckResult(False, f"{len(answers)} responses; exactly 2 required")
        if answers[0].strip() == answers[1].strip():
            return CheckResult(False, "the two responses are identical")
        return CheckResult(True, "2 different responses")


@register
@dataclass(frozen=True)
class RepeatPrompt(Constraint):
    """The response starts with the prompt, case-insensitive, surrounding whitespace ignored."""

    id = "combination:repeat_prompt"
    prompt_to_repeat: str

    def __post_init__(self) -> None:
        require_non_blank(self, "prompt_to_repeat")

    def check(self, text: str) -> CheckResult:
        ok = text.strip().lower().startswith(self.prompt_to_repeat.strip().lower())
        return CheckResult(ok, "starts with the request" if ok else "does not start with the request word for word")
