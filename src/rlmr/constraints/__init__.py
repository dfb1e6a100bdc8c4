"""Constraint specs, the registry of checkers, and verdicts (strict and loose).

Importing this package imports every checker module (`ifeval_*.py`, `ifbench_*.py`, `writing_*.py`) so that
the registry is full; a new checker module needs no edit here.
It must not import torch or any engine.
"""

import importlib
import pkgutil

from rlmr.constraints.registry import (
    CheckResult,
    Constraint,
    ConstraintError,
    build,
    get,
    known_ids,
    register,
)
from rlmr.constraints.verdict import ConstraintResult, Verdict, as_cut, verify, verify_many

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__)):
    if _module.startswith(("ifeval_", "ifbench_", "writing_")):
        importlib.import_module(f"{__name__}.{_module}")

__all__ = [
    "CheckResult",
    "Constraint",
    "ConstraintError",
    "ConstraintResult",
    "Verdict",
    "as_cut",
    "build",
    "get",
    "known_ids",
    "register",
    "verify",
    "verify_many",
]
