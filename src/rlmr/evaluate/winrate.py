"""Pairwise win rate of responses A against a baseline B, through a judge, with both orders.

LLM judges favour a slot (usually the first). Asking twice per pair, A-then-B and B-then-A, and
averaging cancels that bias exactly: a judge that always picks the first slot gives every pair
1 + 0 = one win out of two, so 50%. A tie in one order counts half. A pair whose judge failed
in either order is left out and counted in `n_missing` (never a silent loss).

The 95% interval is a percentile bootstrap over pairs (pairs are the independent units; the two
orders of one pair are not).

Numpy only: no torch, no network. Judges live in `rlmr.evaluate.judges`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Protocol, Sequence

import numpy as np

BOOTSTRAP_SAMPLES = 2000  # resamples for the interval; the percentile error at 2000 is ~0.5 pt
CONFIDENCE = 0.95


class PairwiseJudge(Protocol):
    """Says which of two responses to a prompt is better.

    `prefer` returns, per pair, 1.0 when `first` is better, 0.0 when `second` is, 0.5 for a tie,
    any value in between for a soft preference, and None when it could not judge.
    """

    def prefer(self, prompts: Sequence[str], first: Sequence[str], second: Sequence[str]) -> list[float | None]: ...


@dataclass(frozen=True)
class WinRate:
    """A's win rate against B: `rate` in [0, 1] with its bootstrap interval [low, high]."""

    rate: float
    low: float
    high: float
    n_pairs: int
    n_missing: int
    per_pair: tuple[float | None, ...]

    def to_dict(self, prefix: str = "win_rate") -> dict[str, float | int]:
        return {
            prefix: self.rate,
            f"{prefix}_ci_low": self.low,
            f"{prefix}_ci_high": self.high,
            f"{prefix}_n": self.n_pairs,
            f"{prefix}_missing": self.n_missing,
        }

    def as_json(self) -> dict:
        return asdict(self)


def pair_scores(forward: Sequence[float | None], backward: Sequence[float | None]) -> list[float | None]:
    """A's score per pair from both orders: forward = judge(A first), backward = judge(B first).

    In the backward order A sits second, so its credit is 1 - preference-for-first.
    """
    if len(forward) != len(backward):
        raise ValueError(f"forward has {len(forward)} verdicts, backward {len(backward)}")
    out: list[float | None] = []
    for f, b in zip(forward, backward):
        if f is None or b is None:
            out.append(None)
            continue
        for v in (f, b):
            if not 0.0 <= v <= 1.0:
                raise ValueError(f"judge preference must be in [0, 1], got {v!r}")
        out.append((float(f) + 1.0 - float(b)) / 2.0)
    return out


def bootstrap_interval(
    values: Sequence[float], *, samples: int = BOOTSTRAP_SAMPLES, confidence: float = CONFIDENCE, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of `values` (resampling the values themselves)."""
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return (float("nan"), float("nan"))
    rng = np.random.default_rng(seed)
    means = x[rng.integers(0, x.size, size=(samples, x.size))].mean(axis=1)
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(means, [tail, 1.0 - tail])
    return float(low), float(high)


def win_rate_from_scores(per_pair: Sequence[float | None], *, seed: int = 0) -> WinRate:
    """Aggregate per-pair scores (None = judge failed) into a rate and its interval."""
    kept = [v for v in per_pair if v is not None]
    if not kept:
        nan = float("nan")
        return WinRate(nan, nan, nan, 0, len(per_pair), tuple(per_pair))
    low, high = bootstrap_interval(kept, seed=seed)
    return WinRate(float(np.mean(kept)), low, high, len(kept), len(per_pair) - len(kept), tuple(per_pair))


def win_rate(
    judge: PairwiseJudge,
    prompts: Sequence[str],
    responses: Sequence[str],
    baseline: Sequence[str],
    *,
    seed: int = 0,
) -> WinRate:
    """Win rate of `responses` over `baseline` (aligned by index), judged in both orders."""
    if not (len(prompts) == len(responses) == len(baseline)):
        raise ValueError(
            f"prompts ({len(prompts)}), responses ({len(responses)}) and baseline ({len(baseline)}) must align"
        )
    forward = judge.prefer(prompts, responses, baseline)
    backward = judge.prefer(prompts, baseline, responses)
    return win_rate_from_scores(pair_scores(forward, backward), seed=seed)
