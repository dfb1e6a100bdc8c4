"""The RLMR metrics of the last advantage computations, waiting for verl's logger.

Why a buffer: verl's estimator hook returns (advantages, returns) only, so the estimator
records `MixResult.log()` here and the trainer mode (`trainer.py`) moves it into the step's
metrics dict, which verl's `Tracking` logger writes (console, wandb, tensorboard, ...). Both run
in the trainer's (driver) process. Several estimator calls in one step (verl's
`parameter_sync_step` > 1) are averaged key by key, except maxima (`.../max`,
`advantage/max_violator`), which take the max; NaN values are ignored (an undefined metric, e.g.
the penalty of a step with no mixed group, stays NaN).
"""

from __future__ import annotations

import math
import threading
from typing import Mapping

PREFIX = "rlmr/"
_lock = threading.Lock()
_pending: list[dict[str, float]] = []


def record(metrics: Mapping[str, float]) -> None:
    """Keep one estimator call's metrics until the next `drain`."""
    with _lock:
        _pending.append(dict(metrics))


def drain() -> dict[str, float]:
    """The mean of every metric recorded since the last drain (then forgotten); {} when none."""
    with _lock:
        calls = list(_pending)
        _pending.clear()
    out: dict[str, float] = {}
    for key in dict.fromkeys(k for call in calls for k in call):
        values = [float(call[key]) for call in calls if key in call]
        kept = [v for v in values if not math.isnan(v)]
        if not kept:
            out[key] = float("nan")
        elif key.endswith("max") or key.endswith("max_violator"):
            out[key] = max(kept)
        else:
            out[key] = sum(kept) / len(kept)
    return out
