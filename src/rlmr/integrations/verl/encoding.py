"""Carry (writing score, verdict) to verl's advantage estimator inside one float32 reward.

Why: verl 0.9 hands an estimator `token_level_rewards`, `response_mask`, `index` and `config`
only; per-sample extras (`non_tensor_batch`) reach the `gdpo` name alone (PR #7473 would pass
them to any estimator). The reward loop stores one float32 per response (at its last token), so
the verdict must ride in that number.

Layout of the float32 bit pattern (IEEE 754 binary32, 23 mantissa bits):

    bits 31..8   the writing score as float32, rounded to nearest at bit 8 (15 significant bits)
    bit  7       1 = the score is missing (the scorer gave none); the score bits then hold 0
    bits 6..0    t = n * (n + 1) / 2 + k: n constraints of which k hold, 0 <= k <= n <= 14

`passed` is k == n (a prompt without constraints passes, as `rlmr.constraints.verify` says) and
the satisfied fraction is k / n (1 when n = 0). The verdict, the missing flag and the fraction
are carried exactly; the score loses its 8 lowest mantissa bits: a relative rounding of at most
2^-16 (1.5e-5), 128 times finer than the bf16 output of a reward model. `compute_score` reports
the rounded score (`writing_score` in reward_extra_info), so the logs show exactly the number
the estimator mixes. Scores with |s| < 2^-60 (including 0) are stored as the reserved pattern of
2^-60 and decode as 0.0: the encoded value is never a subnormal number, which a flush-to-zero
setting anywhere between the reward loop and the trainer could erase together with the verdict.

Numpy only: no torch, no verl. When verl passes `non_tensor_batch` to every estimator, the
estimator reads `writing_score`, `passed` and `satisfied` from there instead (`decode` becomes
unnecessary) and the reward can carry the plain score again.
"""

from __future__ import annotations

import numpy as np

CODE_BITS = 8
MAX_CONSTRAINTS = 14
_CODE_MASK = np.uint32((1 << CODE_BITS) - 1)
_MISSING = np.uint32(1 << (CODE_BITS - 1))
_VERDICT_MASK = np.uint32(_MISSING - 1)
_HALF = np.uint32(1 << (CODE_BITS - 1))
_ZERO = np.float32(2.0**-60)  # the stand-in for |s| < 2^-60; its low 8 bits are 0
_ZERO_BITS = _ZERO.view(np.uint32)
_LIMIT = 3.0e38  # beyond this the rounding could carry into infinity


def verdict_code(n_constraints: int, n_satisfied: int) -> int:
    """t = n(n+1)/2 + k, the 7-bit code of "k of n constraints hold"."""
    n, k = int(n_constraints), int(n_satisfied)
    if not 0 <= n <= MAX_CONSTRAINTS:
        raise ValueError(f"n_constraints: the verl encoding carries 0..{MAX_CONSTRAINTS} constraints per prompt, got {n}")
    if not 0 <= k <= n:
        raise ValueError(f"n_satisfied: expected 0..{n}, got {k}")
    return n * (n + 1) // 2 + k


def _code_table() -> tuple[np.ndarray, np.ndarray]:
    """(n, k) for every 7-bit code; codes past the last pair are -1 (never produced)."""
    n_of = np.full(128, -1, np.int64)
    k_of = np.full(128, -1, np.int64)
    for n in range(MAX_CONSTRAINTS + 1):
        for k in range(n + 1):
            t = verdict_code(n, k)
            n_of[t], k_of[t] = n, k
    return n_of, k_of


_N_OF, _K_OF = _code_table()


def round_score(score: float | None) -> float:
    """The score as the encoding keeps it (NaN for missing): what `decode` will return."""
    return float(decode(encode([score], [0], [0]))["writing_score"][0])


def _score_bits(scores: np.ndarray) -> np.ndarray:
    bad = np.flatnonzero(~np.isfinite(scores) | (np.abs(scores) > _LIMIT))
    if bad.size:
        raise ValueError(f"writing score {scores[bad[0]]!r}: expected a finite number below {_LIMIT:g} in size, or None")
    bits = scores.astype(np.float32).view(np.uint32)
    # Round to nearest at bit 8; a carry into the exponent is the correct rounding in IEEE 754.
    rounded = ((bits & np.uint32(0x7FFFFFFF)) + _HALF) & ~_CODE_MASK
    rounded |= bits & np.uint32(0x80000000)
    tiny = np.abs(scores) < 2.0**-60
    return np.where(tiny, _ZERO_BITS, rounded).astype(np.uint32)


def encode(scores, n_constraints, n_satisfied) -> np.ndarray:
    """float32 rewards carrying each response's score (None/NaN = missing) and "k of n hold".

    All three are flat sequences of the same length; raises ValueError naming the bad value.
    """
    s = np.asarray([np.nan if v is None else v for v in scores], np.float64)
    n = np.asarray(n_constraints, np.int64)
    k = np.asarray(n_satisfied, np.int64)
    if not (s.shape == n.shape == k.shape) or s.ndim != 1:
        raise ValueError(f"encode: scores, n_constraints, n_satisfied must be flat and equal in length, got {s.shape}, {n.shape}, {k.shape}")
    codes = np.asarray([verdict_code(a, b) for a, b in zip(n.tolist(), k.tolist())], np.uint32)
    missing = np.isnan(s)
    bits = np.where(missing, _ZERO_BITS | _MISSING, _score_bits(np.where(missing, 0.0, s)))
    return (bits | codes).astype(np.uint32).view(np.float32)


def encode_one(score: float | None, n_constraints: int, n_satisfied: int) -> float:
    """`encode` for one response, as the Python float verl's reward loop expects (exact in float32)."""
    return float(encode([score], [n_constraints], [n_satisfied])[0])


def decode(rewards) -> dict[str, np.ndarray]:
    """Inverse of `encode` on float32 values: writing_score (NaN = missing), passed, satisfied, n, k.

    Raises ValueError for a value no `encode` produces (a reward that did not come from
    `rlmr.integrations.verl.compute_score`), naming its position.
    """
    values = np.asarray(rewards)
    if values.dtype != np.float32:
        as32 = values.astype(np.float32)
        if not np.array_equal(as32, values, equal_nan=True):
            raise ValueError("decode: rewards must be float32 values (verl's rm_scores), got other numbers")
        values = as32
    bits = np.ascontiguousarray(values).view(np.uint32)
    verdict = (bits & _VERDICT_MASK).astype(np.int64)
    missing = (bits & _MISSING) != 0
    body = bits & ~_CODE_MASK
    n, k = _N_OF[verdict], _K_OF[verdict]
    exponent = (bits >> np.uint32(23)) & np.uint32(0xFF)
    bad = (n < 0) | (exponent == 0) | (exponent == 0xFF) | (missing & (body != _ZERO_BITS))
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise ValueError(
            f"reward[{i}] = {values[i]!r} is not an rlmr-encoded reward: set "
            "reward.custom_reward_function.path=pkg://rlmr.integrations.verl.reward and name=compute_score"
        )
    score = body.view(np.float32).astype(np.float64)
    score[body == _ZERO_BITS] = 0.0
    score[missing] = np.nan
    satisfied = np.divide(k, n, out=np.ones(n.shape), where=n > 0)
    return {"writing_score": score, "passed": (k == n).astype(np.float64), "satisfied": satisfied, "n": n, "k": k}
