"""IFEval `punctuation:no_comma`: no ASCII comma. The full-width `，` passes, as in the reference;
`cw:no_comma` is the stricter sibling."""

from __future__ import annotations

from dataclasses import dataclass

from rlmr.constraints.registry import CheckResult, Constraint, register


@register
@dataclass(frozen=True)
class NoComma(Constraint):
    """No `,` anywhere."""

    id = "punctuation:no_comma"

    def check(self, text: str) -> CheckResult:
        count = text.count(",")
        return CheckResult(count == 0, f"{count} comma{'s' if count > 1 else ''}; none allowed" if count else "no comma")
