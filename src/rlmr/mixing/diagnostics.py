"""What one `mix` call did: per-group diagnostics and the result object with stable metric keys.

Metric keys match docs/contracts.md section 5 where they overlap, so the training loop can
write `result.log(prefix="")` straight into metrics.jsonl. Undefined quantities (the mean
score of passers when nobody passed, the penalty when no group is mixed) are NaN, never 0.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np


class GroupKind(enum.IntEnum):
    ALL_PASS = 0
    MIXED = 1
    ALL_FAIL = 2
    TOO_FEW_VALID = 3

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", "-")


@dataclass(frozen=True)
class GroupDiagnostics:
    """Per-group arrays, each (n_groups,), in the order of `group_id`."""

    group_id: np.ndarray  # the id of each group (0.. when grouped by group_size)
    kind: np.ndarray  # GroupKind codes (int8)
    n_valid: np.ndarray  # members with a score (all members for strategies that ignore scores)
    n_passed: np.ndarray  # valid members that passed
    delta: np.ndarray  # penalty subtracted from violators: delta_star + gamma (0 outside mixed groups)
    delta_star: np.ndarray  # the minimal penalty, (n * max_V s - S) / n_P clipped at 0
    gamma: np.ndarray  # the margin added on top of delta_star
    max_violator_advantage: np.ndarray  # largest advantage of a valid violator; NaN when none
    has_gradient: np.ndarray | None = None  # bool: some member's advantage is non-zero (the group teaches)

    def __len__(self) -> int:
        return int(self.kind.shape[0])


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if values.size else float("nan")


def _nanmean(values: np.ndarray) -> float:
    kept = values[~np.isnan(values)]
    return _mean(kept)


@dataclass(frozen=True)
class MixResult:
    """Rewards and advantages, (N,) in the caller's order, plus the groups' diagnostics.

    `rewards` are in the writing score's units (shifted by penalties) except for `verify`
    and `normalize_then_sum` (unitless) and rlmr's `partial` all-fail groups (satisfied
    fraction units). Members with a missing score get reward NaN and advantage exactly 0.
    """

    strategy: str
    rewards: np.ndarray  # (N,)
    advantages: np.ndarray  # (N,)
    groups: GroupDiagnostics
    writing_scores: np.ndarray  # (N,) the inputs, kept for `log`
    passed: np.ndarray  # (N,)

    def log(self, prefix: str = "mix/") -> dict[str, float]:
        """Stable, namespaced metrics of this call (shares are fractions of responses or groups).

        pass_rate counts every response (a verdict exists even when the score is missing);
        penalty/* and advantage/max_violator cover mixed groups only, where the invariant
        "every violator's advantage < 0" applies, so advantage/max_violator must stay < 0.
        """
        g, s, v = self.groups, self.writing_scores, self.passed.astype(bool)
        mixed = g.kind == GroupKind.MIXED

        def share(kind: GroupKind) -> float:
            return _mean((g.kind == kind).astype(float))

        mixed_delta = g.delta[mixed]
        mva = g.max_violator_advantage[mixed]
        metrics = {
            "pass_rate": _mean(v.astype(float)),
            "writing_score/mean": _nanmean(s),
            "writing_score/passed": _nanmean(s[v]),
            "writing_score/violated": _nanmean(s[~v]),
            "penalty/mean": _mean(mixed_delta),
            "penalty/max": float(mixed_delta.max()) if mixed_delta.size else float("nan"),
            "groups/all_pass": share(GroupKind.ALL_PASS),
            "groups/mixed": share(GroupKind.MIXED),
            "groups/all_fail": share(GroupKind.ALL_FAIL),
            "groups/too_few_valid": share(GroupKind.TOO_FEW_VALID),
            "groups/with_gradient": _mean(g.has_gradient.astype(float)) if g.has_gradient is not None else float("nan"),
            "advantage/max_violator": float(mva.max()) if mva.size else float("nan"),
            "scorer/missing": _mean(np.isnan(s).astype(float)),
            "reward/mean": _nanmean(self.rewards),
        }
        return {prefix + key: value for key, value in metrics.items()}
