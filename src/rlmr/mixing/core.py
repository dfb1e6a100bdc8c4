"""`mix`: writing scores + verifier verdicts -> rewards, GRPO advantages and diagnostics."""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from rlmr.mixing.advantages import group_advantages
from rlmr.mixing.diagnostics import GroupDiagnostics, MixResult
from rlmr.mixing.grouping import group_inputs
from rlmr.mixing.strategies import MixOptions, get_strategy


def mix(
    writing_scores: Sequence[float | None] | np.ndarray,
    passed: Sequence[Any] | np.ndarray,
    *,
    group_size: int | None = None,
    group_ids: Sequence[Any] | np.ndarray | None = None,
    strategy: str = "rlmr",
    satisfied: Sequence[float] | np.ndarray | None = None,
    margin: float = MixOptions.margin,
    margin_floor: float = MixOptions.margin_floor,
    all_fail: str = MixOptions.all_fail,
    scale_std: bool = True,
    weights: tuple[float, float] = MixOptions.weights,
    eps: float = MixOptions.eps,
) -> MixResult:
    """Mix N responses' signals group by group; every array is flat, (N,), in the caller's order.

    writing_scores: floats, NaN or None = missing (excluded from group statistics, advantage 0).
    passed: 0/1 or bools, 1 = every hard constraint holds.
    group_size: G when the responses come as consecutive groups of G (TRL's layout);
    group_ids: one id per response otherwise (any order; every group must have the same size).
    satisfied: per-response fraction of constraints met, in [0, 1]; `verify` uses it instead of
        `passed`, and rlmr's `all_fail="partial"` needs it.
    margin, margin_floor, all_fail: the rlmr penalty's margin and all-fail policy (strategies.py).
    scale_std: divide by the group's std (GRPO) or not (Dr. GRPO). eps: relative std guard.

    Raises ValueError naming the group and the value for invalid input.

    >>> r = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4)
    >>> bool(r.advantages[0] < 0 and r.advantages[3] < 0), int(r.groups.kind[0])
    (True, 1)
    """
    spec = get_strategy(strategy)
    opts = MixOptions(margin=margin, margin_floor=margin_floor, all_fail=all_fail, weights=tuple(weights), eps=eps)
    if spec.name == "rlmr" and all_fail == "partial" and satisfied is None:
        raise ValueError("all_fail='partial' ranks failing groups by satisfied fraction: pass `satisfied`")
    g = group_inputs(
        writing_scores,
        passed,
        satisfied=satisfied,
        group_size=group_size,
        group_ids=group_ids,
        uses_scores=spec.uses_scores,
    )
    out = spec.fn(g, opts)
    adv = group_advantages(out.centered, g.valid, scale_std=scale_std, eps=eps, all_valid=g.all_valid)
    violator = g.valid & (g.passed == 0)
    with np.errstate(invalid="ignore"):
        mva = np.where(violator, adv, -np.inf).max(0)
    groups = GroupDiagnostics(
        group_id=g.group_ids,
        kind=g.kind,
        n_valid=g.n_valid,
        n_passed=g.n_passed,
        delta=out.delta_star + out.gamma,
        delta_star=out.delta_star,
        gamma=out.gamma,
        max_violator_advantage=np.where(np.isfinite(mva), mva, np.nan),
        has_gradient=(np.abs(np.nan_to_num(adv)) > 1e-12).any(0),
    )
    return MixResult(
        strategy=spec.name,
        rewards=g.unflatten(out.rewards),
        advantages=g.unflatten(adv),
        groups=groups,
        writing_scores=g.flat_scores,
        passed=g.flat_passed,
    )
