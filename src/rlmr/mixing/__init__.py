"""Reward mixing for RLMR: writing scores + constraint verdicts -> rewards and GRPO advantages.

The rule (DESIGN.md section 1, `strategies.py`): per group, violators lose the smallest penalty
that puts each of them below the group mean, plus a margin scaled by the group's score spread,
so every violator gets a negative advantage while passers keep their quality ranking.

Pure numpy, vectorised over (n_groups, G); this package must not import torch, transformers or
trl (a test asserts it), so scoring and mixing stay usable without a training engine.
"""

from rlmr.mixing.advantages import group_advantages
from rlmr.mixing.core import mix
from rlmr.mixing.diagnostics import GroupDiagnostics, GroupKind, MixResult
from rlmr.mixing.strategies import (
    ALL_FAIL_POLICIES,
    STRATEGIES,
    MixOptions,
    get_strategy,
    register_strategy,
)

__all__ = [
    "ALL_FAIL_POLICIES",
    "STRATEGIES",
    "GroupDiagnostics",
    "GroupKind",
    "MixOptions",
    "MixResult",
    "get_strategy",
    "group_advantages",
    "mix",
    "register_strategy",
]
