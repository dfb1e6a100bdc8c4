"""Scoring a file of responses, and the summary `rlmr score` prints.

The summary reports the correlation of the score with response length (words, CJK characters
counted one each): a writing reward that rises with length invites length hacking, which is the
failure RLMR's constraint verifier exists to stop. Numpy only.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from rlmr.writing.base import ScorerError, WritingScorer
from rlmr.writing.textstats import units


def read_responses(path: str | Path) -> list[dict[str, Any]]:
    """JSONL rows with string fields `prompt` and `response` (other fields are kept)."""
    from rlmr.jsonl import iter_objects

    rows = []
    for line_no, row in iter_objects(path, ScorerError):
        for key in ("prompt", "response"):
            if not isinstance(row.get(key), str):
                got = "missing" if key not in row else type(row[key]).__name__
                raise ScorerError(f"{path}:{line_no}: {key}: expected a string, got {got}")
        rows.append(row)
    return rows


def score_rows(scorer: WritingScorer, rows: Sequence[dict[str, Any]], *, components: bool = False) -> list[dict[str, Any]]:
    """The rows with `writing_score` added (None when missing), and `writing_components` if asked."""
    prompts = [r["prompt"] for r in rows]
    responses = [r["response"] for r in rows]
    parts = None
    if components and callable(getattr(scorer, "score_components", None)):
        parts = scorer.score_components(prompts, responses)  # type: ignore[attr-defined]
        scores = [None if c is None else scorer.weights.combine(c) for c in parts]  # type: ignore[attr-defined]
    else:
        scores = scorer.score(prompts, responses)
    out = []
    for i, row in enumerate(rows):
        new = dict(row, writing_score=scores[i])
        if parts is not None:
            new["writing_components"] = parts[i]
        out.append(new)
    return out


def _ranks(x: np.ndarray) -> np.ndarray:
    """Ranks with ties averaged (as Spearman needs)."""
    order = np.argsort(x, kind="mergesort")
    ranks = np.empty(len(x))
    ranks[order] = np.arange(len(x), dtype=float)
    for value in np.unique(x):
        tied = x == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 3 or x.std() == 0 or y.std() == 0:
        return math.nan
    return float(np.corrcoef(x, y)[0, 1])


def length_correlation(scores: Sequence[float | None], responses: Sequence[str]) -> tuple[float, float]:
    """(Pearson, Spearman) of score against length in units, over the scored responses."""
    pairs = [(s, len(units(r))) for s, r in zip(scores, responses) if s is not None]
    if not pairs:
        return math.nan, math.nan
    s = np.array([p[0] for p in pairs], dtype=float)
    n = np.array([p[1] for p in pairs], dtype=float)
    return _pearson(s, n), _pearson(_ranks(s), _ranks(n))


def summarize(scores: Sequence[float | None], responses: Sequence[str]) -> dict[str, float]:
    """count, scored, missing, mean, std, min, max, length_pearson, length_spearman."""
    valid = np.array([s for s in scores if s is not None], dtype=float)
    pearson, spearman = length_correlation(scores, responses)
    nan = math.nan
    return {
        "count": len(scores),
        "scored": int(valid.size),
        "missing": len(scores) - int(valid.size),
        "mean": float(valid.mean()) if valid.size else nan,
        "std": float(valid.std()) if valid.size else nan,
        "min": float(valid.min()) if valid.size else nan,
        "max": float(valid.max()) if valid.size else nan,
        "length_pearson": pearson,
        "length_spearman": spearman,
    }
