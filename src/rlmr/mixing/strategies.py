"""Reward strategies: how a group's writing scores and verifier verdicts become one reward each.

Every strategy is one function with one signature, `fn(g: GroupedInput, opts: MixOptions) ->
Mixed`, registered by name with `@register_strategy`. It works on whole (G, n_groups) arrays
and returns the rewards twice: in the caller's units, and in the *centered* frame (scores minus
the group's largest valid score). Advantages are computed from the centered rewards
(`advantages.py`), so a shift of the scores cannot leak into them through rounding.
Invalid members (missing score) get reward NaN.

The `rlmr` rule (DESIGN.md section 1), per group with valid members V (violators), P (passers),
n = |P| + |V|, S = sum of valid scores:

    delta* = max(0, (n * max_{i in V} s_i - S) / |P|)      the smallest penalty that puts every
                                                           violator at or below the group mean
    gamma  = margin * (max s - min s)   if the group's valid scores differ
           = margin_floor              if they are all equal (no spread to scale with)
    r_i    = s_i - (delta* + gamma) * (1 - v_i)

All-fail groups (nobody passed) follow `all_fail`: `zero` gives every member the same reward
(advantages 0: violators are never reinforced), `partial` ranks by the satisfied fraction, then
by score, and `writing` ranks by writing score alone. `writing` is the paper's rule read
literally: every member pays the same penalty, and a uniform penalty is removed by the group
normalisation, so the advantages are those of the scores (and the best-written violator is
reinforced).

Why the floor only applies at zero spread: a floor applied as max(margin * spread, floor)
would change advantages when the scores are rescaled (it dominates for small units). At zero
spread the rewards take two values, and with std scaling their standardised advantages depend
only on the pass pattern, not on the floor's size, so invariance to the scorer's units holds.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from rlmr.mixing.grouping import GroupedInput
from rlmr.mixing.advantages import group_advantages

ALL_FAIL_POLICIES = ("zero", "partial", "writing")
_CANCEL_TOL = 1e-9  # normalize_then_sum: summed z-scores closer than this are an exact cancellation


@dataclass(frozen=True)
class MixOptions:
    """Knobs shared by all strategies (each uses the ones it needs)."""

    margin: float = 0.1  # gamma as a fraction of the group's score range (rlmr)
    margin_floor: float = 1e-3  # gamma, in score units, for groups whose valid scores are all equal (rlmr)
    all_fail: str = "zero"  # rlmr groups where nobody passed: "zero", "partial" credit or "writing" order
    weights: tuple[float, float] = (1.0, 1.0)  # (w_score, w_verify) for linear and normalize_then_sum
    eps: float = 1e-6  # relative std guard, see advantages.py

    def __post_init__(self) -> None:
        if not (np.isfinite(self.margin) and self.margin > 0):
            raise ValueError(f"margin: expected a positive number, got {self.margin!r}")
        if not (np.isfinite(self.margin_floor) and self.margin_floor > 0):
            raise ValueError(f"margin_floor: expected a positive number, got {self.margin_floor!r}")
        if self.all_fail not in ALL_FAIL_POLICIES:
            raise ValueError(f"all_fail: expected one of {', '.join(ALL_FAIL_POLICIES)}, got {self.all_fail!r}")
        if len(self.weights) != 2 or not np.all(np.isfinite(self.weights)):
            raise ValueError(f"weights: expected two finite numbers (w_score, w_verify), got {self.weights!r}")
        if not (np.isfinite(self.eps) and self.eps >= 0):
            raise ValueError(f"eps: expected a number >= 0, got {self.eps!r}")


@dataclass(frozen=True)
class Mixed:
    """A strategy's output. Arrays are (G, n) or (n,)."""

    rewards: np.ndarray  # (G, n) rewards in the caller's units, NaN for invalid members
    centered: np.ndarray  # (G, n) the same rewards minus a per-group constant (what advantages use)
    delta_star: np.ndarray  # (n,) minimal penalty (0 where none applies)
    gamma: np.ndarray  # (n,) margin added to the penalty (0 where none applies)


StrategyFn = Callable[[GroupedInput, MixOptions], Mixed]


@dataclass(frozen=True)
class Strategy:
    name: str
    fn: StrategyFn = field(repr=False)
    uses_scores: bool  # False: writing scores are ignored, so a missing score does not void a member


STRATEGIES: dict[str, Strategy] = {}


def register_strategy(name: str, *, uses_scores: bool = True) -> Callable[[StrategyFn], StrategyFn]:
    """Decorator: register `fn` under `name`. Re-registering the same function is a no-op."""

    def deco(fn: StrategyFn) -> StrategyFn:
        old = STRATEGIES.get(name)
        if old is not None and (old.fn.__module__, old.fn.__qualname__) != (fn.__module__, fn.__qualname__):
            raise ValueError(f"strategy {name!r} is already registered by {old.fn.__module__}.{old.fn.__qualname__}")
        STRATEGIES[name] = Strategy(name, fn, uses_scores)
        return fn

    return deco


def get_strategy(name: str) -> Strategy:
    """The strategy registered as `name`; unknown names raise with the known ones."""
    try:
        return STRATEGIES[name]
    except KeyError:
        close = difflib.get_close_matches(str(name), STRATEGIES, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ValueError(f"unknown strategy {name!r}{hint}; known: {', '.join(sorted(STRATEGIES))}") from None


def _zeros(g: GroupedInput) -> np.ndarray:
    return np.zeros(g.scores.shape[1])


def _masked(g: GroupedInput, rewards: np.ndarray) -> np.ndarray:
    return rewards if g.all_valid else np.where(g.valid, rewards, np.nan)


@register_strategy("writing")
def writing(g: GroupedInput, opts: MixOptions) -> Mixed:
    """r = s: the writing reward alone (the paper's quality-only baseline, prone to length hacking)."""
    return Mixed(_masked(g, g.scores), g.centered, _zeros(g), _zeros(g))


@register_strategy("verify", uses_scores=False)
def verify(g: GroupedInput, opts: MixOptions) -> Mixed:
    """r = v, or the satisfied fraction c when given: the verifier alone (scores ignored)."""
    signal = g.passed if g.satisfied is None else g.satisfied
    return Mixed(signal, signal, _zeros(g), _zeros(g))


@register_strategy("linear")
def linear(g: GroupedInput, opts: MixOptions) -> Mixed:
    """r = w_s * s + w_v * v with fixed weights (the paper's fixed-weight baseline)."""
    w_s, w_v = opts.weights
    rewards = _masked(g, w_s * g.scores + w_v * g.passed)
    return Mixed(rewards, _masked(g, w_s * g.centered + w_v * g.passed), _zeros(g), _zeros(g))


@register_strategy("normalize_then_sum")
def normalize_then_sum(g: GroupedInput, opts: MixOptions) -> Mixed:
    """r = w_s * z(s) + w_v * z(v), each signal z-scored within the group (GDPO-style).

    A signal that is constant within a group contributes 0 there. Sums can cancel exactly (a
    group of two where the better writer failed: z_s = -z_v); a group whose summed rewards
    spread less than `_CANCEL_TOL` (in z units) is set to 0, so rounding noise of order 1e-16
    is not blown up to advantages of +-0.7 by the GRPO standardisation that follows.
    """
    w_s, w_v = opts.weights
    z_s = group_advantages(g.centered, g.valid, eps=0.0, all_valid=g.all_valid)
    z_v = group_advantages(g.passed, g.valid, eps=0.0, all_valid=g.all_valid)
    total = w_s * z_s + w_v * z_v  # 0 at invalid members
    spread = total.max(0) - total.min(0)
    total[:, spread <= _CANCEL_TOL * (abs(w_s) + abs(w_v))] = 0.0
    rewards = _masked(g, total)
    return Mixed(rewards, rewards, _zeros(g), _zeros(g))


def _partial_credit(c: np.ndarray, x: np.ndarray, valid: np.ndarray, spread: np.ndarray) -> np.ndarray:
    """Columns of all-fail groups ranked by satisfied fraction c, then by score x.

    r = c + tau * q with q = (x - min x) / (max x - min x) in [0, 1] (0 when all scores are equal)
    and tau = half the smallest gap between distinct valid c values of the group (1 when all c are
    equal). So a larger c always wins, and equal c are ordered by quality.
    """
    q = np.divide(x + spread, spread, out=np.zeros_like(x), where=spread > 0)
    with np.errstate(invalid="ignore"):  # inf - inf between two invalid members
        gaps = np.diff(np.sort(np.where(valid, c, np.inf), axis=0), axis=0)
    gaps = np.where((gaps > 0) & np.isfinite(gaps), gaps, np.inf).min(0, initial=np.inf)
    tau = np.where(np.isfinite(gaps), gaps / 2.0, 1.0)
    return np.where(valid, c + tau * q, np.nan)


@register_strategy("rlmr")
def rlmr(g: GroupedInput, opts: MixOptions) -> Mixed:
    """The RLMR dynamic penalty (module docstring); all-fail groups follow `opts.all_fail`."""
    x, v = g.centered, g.passed
    kind, n, n_pass = g.kind, g.n_valid, g.n_passed
    violator = (v == 0) if g.all_valid else (v == 0) & g.valid
    max_violator = np.where(violator, x, -np.inf).max(0)
    total = x.sum(0) if g.all_valid else np.where(g.valid, x, 0.0).sum(0)
    spread = -(x.min(0) if g.all_valid else np.where(g.valid, x, np.inf).min(0))
    mixed = kind == 1
    with np.errstate(invalid="ignore", divide="ignore"):
        need = (n * max_violator - total) / np.maximum(n_pass, 1)
    delta_star = np.where(mixed, np.maximum(need, 0.0), 0.0)
    gamma = np.where(mixed, np.where(spread > 0, opts.margin * spread, opts.margin_floor), 0.0)
    penalty = (delta_star + gamma) * (1.0 - v)
    rewards, centered = _masked(g, g.scores - penalty), _masked(g, x - penalty)
    cols = np.flatnonzero(kind == 2)
    # all_fail="writing" keeps the scores as they are (the penalty above is 0 outside mixed
    # groups): every member is a violator, the uniform penalty the paper gives them vanishes
    # under group normalisation, and what is left is the writing order.
    if cols.size and opts.all_fail == "zero":
        # Violators are never reinforced: every valid member gets the group's lowest score.
        lowest = np.where(g.valid[:, cols], g.scores[:, cols], np.inf).min(0)
        rewards[:, cols] = np.where(g.valid[:, cols], lowest, np.nan)
        centered[:, cols] = np.where(g.valid[:, cols], 0.0, np.nan)
    elif cols.size and opts.all_fail == "partial":
        credit = _partial_credit(g.satisfied[:, cols], x[:, cols], g.valid[:, cols], spread[cols])
        rewards[:, cols] = centered[:, cols] = credit
    return Mixed(rewards, centered, delta_star, gamma)
