"""Trained vs untrained on the same prompts: differences with paired bootstrap 95% intervals.

The unit is the prompt: responses are paired by prompt text and constraints (as `rlmr eval`
pairs them: ids are labels, a file without ids numbers its lines), several samples of one
prompt are averaged first, and the bootstrap resamples prompts, so
the interval reflects how much the answer depends on which prompts were drawn. Rows of one side
without a partner are counted, never silently dropped.

`rlmr eval --baseline` writes the same numbers to OUT/compare.json (the evidence issue's schema);
the report prefers that file and computes them here only when it is absent. Same schema both ways:
{"a", "b", "n_paired", "unpaired_a", "unpaired_b", "unpaired_ids", "confidence", "resamples",
"seed", "metrics": {name: {"a", "b", "diff", "lo", "hi"}}}, diff = b - a (b: trained).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from rlmr.report.rundir import RunDirError

METRICS = ("pass_rate", "satisfied", "writing_score", "words")
RESAMPLES = 2000
SEED = 0
CONFIDENCE = 0.95


def read_responses(path: str | Path) -> list[dict[str, Any]]:
    """Rows of an eval responses.jsonl; a malformed line raises with the file and line."""
    from rlmr.jsonl import iter_objects

    try:
        return [row for _, row in iter_objects(Path(path), RunDirError)]
    except UnicodeDecodeError as exc:
        raise RunDirError(f"{path}: not UTF-8 text (byte {exc.start})") from None


def row_key(row: dict[str, Any]) -> str:
    """What pairs two rows: the prompt and its constraints."""
    return json.dumps([row.get("prompt"), row.get("constraints") or []], sort_keys=True, ensure_ascii=False)


def row_label(row: dict[str, Any]) -> str:
    """How a row is named in the page: its id, else the start of its prompt."""
    return str(row["id"]) if row.get("id") is not None else str(row.get("prompt", ""))[:40]


def row_values(row: dict[str, Any]) -> dict[str, float]:
    """The four metrics of one response (NaN where the row lacks one, e.g. no writing scorer)."""
    passed = row.get("passed")
    satisfied = row.get("satisfied_fraction")
    values = {
        "pass_rate": float(passed) if isinstance(passed, bool) else math.nan,
        "satisfied": float(satisfied) if isinstance(satisfied, (int, float)) else math.nan,
        "writing_score": row.get("writing_score"),
        "words": row.get("words"),
    }
    return {k: float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else math.nan for k, v in values.items()}


def per_prompt(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """{prompt key: metric means over that prompt's samples}, in the order prompts first appear."""
    grouped: dict[str, list[dict[str, float]]] = {}
    for row in rows:
        grouped.setdefault(row_key(row), []).append(row_values(row))
    out = {}
    for key, samples in grouped.items():
        out[key] = {}
        for m in METRICS:
            have = [s[m] for s in samples if not math.isnan(s[m])]
            out[key][m] = float(np.mean(have)) if have else math.nan
    return out


def bootstrap_interval(a: np.ndarray, b: np.ndarray, resamples: int, seed: int, confidence: float) -> tuple[float, float]:
    """Percentile interval of mean(b - a) over prompts drawn with replacement."""
    diffs = b - a
    if diffs.size == 0:
        return math.nan, math.nan
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, diffs.size, size=(resamples, diffs.size))
    means = diffs[idx].mean(axis=1)
    tail = (1 - confidence) / 2 * 100
    lo, hi = np.percentile(means, [tail, 100 - tail])
    return float(lo), float(hi)


def paired_comparison(
    base_rows: Sequence[dict[str, Any]],
    trained_rows: Sequence[dict[str, Any]],
    *,
    a: str = "untrained",
    b: str = "trained",
    resamples: int = RESAMPLES,
    seed: int = SEED,
    confidence: float = CONFIDENCE,
) -> dict[str, Any]:
    """The compare.json object for base (a) and trained (b) responses on the same prompts."""
    pa, pb = per_prompt(base_rows), per_prompt(trained_rows)
    keys = [k for k in pa if k in pb]
    labels = {row_key(r): row_label(r) for r in [*trained_rows, *base_rows][::-1]}  # the first row's label wins
    unpaired = [labels[k] for k in pa if k not in pb] + [labels[k] for k in pb if k not in pa]
    metrics = {}
    for m in METRICS:
        both = [k for k in keys if not (math.isnan(pa[k][m]) or math.isnan(pb[k][m]))]
        va = np.array([pa[k][m] for k in both], dtype=float)
        vb = np.array([pb[k][m] for k in both], dtype=float)
        if not both:
            continue
        lo, hi = bootstrap_interval(va, vb, resamples, seed, confidence)
        metrics[m] = {"a": float(va.mean()), "b": float(vb.mean()), "diff": float((vb - va).mean()), "lo": lo, "hi": hi}
    return {
        "a": a,
        "b": b,
        "n_paired": len(keys),
        "unpaired_a": sum(k not in pb for k in pa),
        "unpaired_b": sum(k not in pa for k in pb),
        "unpaired_ids": unpaired,
        "confidence": confidence,
        "resamples": resamples,
        "seed": seed,
        "metrics": metrics,
    }


def read_compare(path: str | Path) -> dict[str, Any]:
    """A compare.json as `rlmr eval --baseline` writes it; a malformed one names the file and field."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RunDirError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise RunDirError(f"{path}: metrics: expected an object of metric -> {{a, b, diff, lo, hi}}")
    for name, m in data["metrics"].items():
        missing = [k for k in ("a", "b", "diff", "lo", "hi") if not isinstance(m, dict) or k not in m]
        if missing:
            raise RunDirError(f"{path}: metrics.{name}: missing {', '.join(missing)}")
    return data
