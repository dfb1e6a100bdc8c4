"""Group-relative advantages (GRPO), computed per group of a (G, n_groups) reward array.

    A_i = (r_i - mean_g r) / (std_g r * (1 + eps))     scale_std=True  (GRPO)
    A_i =  r_i - mean_g r                              scale_std=False (Dr. GRPO)

over the valid members of each group; invalid members and groups with fewer than 2 valid
members get exactly 0. std is the unbiased (ddof=1) standard deviation, as TRL's GRPO uses.

Deviation from TRL, on purpose: eps is *relative* (a fraction of the group's std), where TRL
adds an absolute 1e-4. An absolute eps makes advantages depend on the scorer's units (a scorer
whose scores spread over 1e-6 would get advantages near 1e-2 instead of near 1). A relative eps
multiplies every advantage of a group by the same 1/(1+eps), so it changes no sign and no order
and leaves the advantages exactly invariant to rescaling the rewards. The division by zero it
guards in TRL is handled directly: a group whose valid rewards are all equal gets advantage 0.
Rewards are first shifted by the group's largest valid reward, so equal rewards give exactly
zero deviations (a plain mean of equal floats is not always equal to them).
"""

from __future__ import annotations

import numpy as np


def group_advantages(
    rewards: np.ndarray, valid: np.ndarray, *, scale_std: bool = True, eps: float = 1e-6, all_valid: bool = False
) -> np.ndarray:
    """Advantages of `rewards` (G, n_groups), one group per column; `valid` (G, n) marks members that count.

    `all_valid=True` is a fast path that skips the masking (every member counts).
    """
    if all_valid:
        n = np.full(rewards.shape[1], float(rewards.shape[0]))
        dev = rewards - rewards.max(0)
        dev -= dev.sum(0) / n
    else:
        n = valid.sum(0).astype(float)
        top = np.where(valid, rewards, -np.inf).max(0)
        dev = np.where(valid, rewards - np.where(np.isfinite(top), top, 0.0), 0.0)
        dev -= dev.sum(0) / np.maximum(n, 1.0)
        dev[~valid] = 0.0
    dev[:, n < 2] = 0.0
    if not scale_std:
        return dev
    std = np.sqrt(np.square(dev).sum(0) / np.maximum(n - 1.0, 1.0))
    return np.divide(dev, std * (1.0 + eps), out=np.zeros_like(dev), where=std > 0)
