"""Constraint specs, the registry of checkers, and verdicts (strict and loose).

Importing this package imports every checker module so that the registry is full.
It must not import torch or any engine.
"""

from rlmr.constraints.registry import (
    CheckResult,
    Constraint,
    ConstraintError,
    build,
    get,
    known_ids,
    register,
)

__all__ = ["CheckResult", "Constraint", "ConstraintError", "build", "get", "known_ids", "register"]
