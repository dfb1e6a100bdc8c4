"""Helpers shared by the IFEval checkers: relations, kwarg range checks, safe regex compiling.

The reference draws random kwargs when one is missing or out of range; ours refuse such specs
at build time instead (`build` turns the ValueError into a ConstraintError).
"""

from __future__ import annotations

import functools
import re
from typing import Literal

from rlmr.constraints.registry import CheckResult

Relation = Literal["less than", "at least"]


def compare(count: int, relation: str, threshold: int, noun: str, *, capped: bool = False) -> CheckResult:
    """`count < threshold` for "less than", `count >= threshold` for "at least", with a reason.

    `capped`: counting stopped at `threshold`, so `count == threshold` means "at least that many".
    """
    shown = f"{count}+" if capped and count >= threshold else str(count)
    if relation == "less than":
        return CheckResult(count < threshold, f"{shown} {noun}; fewer than {threshold} required")
    return CheckResult(count >= threshold, f"{shown} {noun}; at least {threshold} required")


def require_non_negative(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None and value < 0:
            raise ValueError(f"{name}: must be >= 0, got {value}")


def require_non_blank(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        values = value if isinstance(value, tuple) else (value,)
        if not values or any(not v.strip() for v in values):
            raise ValueError(f"{name}: must be non-empty")


@functools.lru_cache(maxsize=1024)
def regex(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile a kwarg the reference treats as a regular expression; a bad one is a ValueError."""
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"{pattern!r} is not a valid regular expression ({exc})") from None
