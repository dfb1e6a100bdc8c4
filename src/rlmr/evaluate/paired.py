"""Paired comparison of two scored response sets on the same prompts, with bootstrap intervals.

Two evaluations of the same prompts are paired data: a prompt that is hard for A is hard for B,
so the difference B - A is far less noisy than the two rates apart. The unit is the PROMPT:
samples of one prompt are not independent (they share its difficulty), so each side's samples
are averaged per prompt first, then the per-prompt differences are resampled with replacement
(a paired percentile bootstrap, seeded). `diff = b - a`: b is the candidate, a the baseline.

Prompts are matched by their text and constraints (ids are labels, not identity: a responses
file without ids gets line-number ids). A prompt on one side only cannot be paired; it is
counted (`unpaired_a`, `unpaired_b`) and named (`unpaired_ids`), never silently dropped.

Input rows are the `responses.jsonl` rows that `rlmr eval` writes (`passed`, `satisfied_fraction`
or IFEval's `strict`, `writing_score`, `words`). A missing writing score is NaN: that prompt is
left out of the writing-score comparison only. Numpy only: no torch, no scorer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from rlmr.jsonl import iter_objects

METRICS = ("pass_rate", "satisfied", "writing_score", "words")  # the `rlmr compare` JSON keys
LENGTH_VIOLATION = "length_violation"  # share of responses over an upper length limit (prompts with one)
BELOW_FLOOR = "below_floor"  # share of responses shorter than their prompt's length floor (rlmr.writing.length_band)
WIN = "win"  # the judge's credit against the eval's baseline (rows of `rlmr eval --baseline`), NaN without
# Upper limits on the length of the whole text: what a length-hacking policy breaks. Lower
# limits ("at least") are left out: a policy that writes longer breaks those less, not more.
LENGTH_IDS = frozenset({"cw:word_count", "cw:char_count", "cw:mixed_count", "length_constraints:number_words"})
UPPER_RELATIONS = frozenset({"at_most", "less than"})
RESAMPLES = 2000  # bootstrap resamples; the percentile's own error at 2000 is ~0.5% of the width
CONFIDENCE = 0.95
MAX_UNPAIRED_IDS = 20  # unpaired ids listed in the JSON (all are counted)


class PairingError(ValueError):
    """A file cannot be compared (missing verdicts, nothing in common); the message says where."""


@dataclass(frozen=True)
class PromptTable:
    """One side, one row per distinct prompt: metric means over its samples (NaN = undefined)."""

    keys: list[str]  # prompt text + constraints: what pairs two rows
    ids: list[str]  # the first row's id (else its FILE:LINE), for messages
    values: dict[str, np.ndarray]  # metric -> (P,) per-prompt mean
    samples: np.ndarray  # (P,) responses per prompt
    words: list[np.ndarray]  # per prompt, each response's words (for percentiles)

    def __len__(self) -> int:
        return len(self.keys)


def _results(row: dict[str, Any]) -> list[dict[str, Any]] | None:
    """Per-constraint results of a scored row: creative `verdict` or IFEval `strict`."""
    for holder in (row.get("verdict"), row.get("strict")):
        if isinstance(holder, dict) and isinstance(holder.get("results"), list):
            return holder["results"]
    return None


def row_values(row: dict[str, Any], where: str) -> dict[str, float]:
    """The per-response metrics of one scored row; `where` (FILE:LINE) names it in errors."""
    passed = row.get("passed")
    if not isinstance(passed, bool):
        raise PairingError(f"{where}: passed: expected true/false, got {passed!r} (score the file with `rlmr eval --responses`)")
    results = _results(row)
    satisfied = row.get("satisfied_fraction")
    if not isinstance(satisfied, (int, float)):
        satisfied = np.mean([bool(r.get("passed")) for r in results]) if results else float(passed)
    score = row.get("writing_score")
    words = row.get("words")
    if not isinstance(words, (int, float)):
        from rlmr.evaluate.creative import count_words

        words = count_words(str(row.get("response") or ""))
    lengths = upper_length_results(row.get("constraints"), results)
    return {
        "pass_rate": float(passed),
        "satisfied": float(satisfied),
        "writing_score": _number(score),
        "words": float(words),
        LENGTH_VIOLATION: float(not all(lengths)) if lengths else np.nan,
        BELOW_FLOOR: below_floor(row.get("prompt"), row.get("response")),
        WIN: _number(row.get(WIN)),
    }


def below_floor(prompt: Any, response: Any) -> float:
    """1.0 when the response is shorter than the length floor its prompt asks for (the form, a
    stated count: `rlmr.writing.length_band`), 0.0 when not, NaN without both texts. The
    brevity hack's footprint: a policy that learns to say less shows here before anywhere else."""
    if not isinstance(prompt, str) or not isinstance(response, str):
        return np.nan
    from rlmr.writing.length_band import below_floor as short

    return float(short(prompt, response))


def upper_length_results(constraints: Any, results: list[dict[str, Any]] | None) -> list[bool]:
    """Pass/fail of the row's upper length limits (constraints and results align by position)."""
    if not isinstance(constraints, list) or not results or len(constraints) != len(results):
        return []
    return [
        bool(r.get("passed"))
        for c, r in zip(constraints, results)
        if isinstance(c, dict) and c.get("id") in LENGTH_IDS and c.get("id") == r.get("id")
        and c.get("relation") in UPPER_RELATIONS
    ]


def _number(x: Any) -> float:
    return float(x) if isinstance(x, (int, float)) and not isinstance(x, bool) else np.nan


def prompt_key(row: dict[str, Any]) -> str:
    return json.dumps([row.get("prompt"), row.get("constraints") or []], sort_keys=True, ensure_ascii=False)


def _nanmean_rows(values: list[float]) -> float:
    x = np.asarray(values, dtype=float)
    x = x[np.isfinite(x)]
    return float(x.mean()) if x.size else np.nan


def prompt_table(rows: Sequence[tuple[str, dict[str, Any]]]) -> PromptTable:
    """Average (where, row) pairs per prompt, in order of first appearance."""
    groups: dict[str, list[tuple[dict[str, float], dict[str, Any]]]] = {}
    ids: dict[str, str] = {}  # the first row's id, else where it stands (FILE:LINE)
    for where, row in rows:
        key = prompt_key(row)
        groups.setdefault(key, []).append((row_values(row, where), row))
        ids.setdefault(key, str(row["id"]) if row.get("id") is not None else where)
    names = (*METRICS, LENGTH_VIOLATION, BELOW_FLOOR, WIN)
    values = {m: np.array([_nanmean_rows([v[m] for v, _ in g]) for g in groups.values()]) for m in names}
    return PromptTable(
        keys=list(groups),
        ids=list(ids.values()),
        values=values,
        samples=np.array([len(g) for g in groups.values()]),
        words=[np.array([v["words"] for v, _ in g]) for g in groups.values()],
    )


def read_table(path: str | Path) -> PromptTable:
    """The prompt table of a scored responses file (errors name FILE:LINE and the field)."""
    path = Path(path)
    if not path.is_file():
        raise PairingError(f"{path}: no such responses file")
    rows = [(f"{path}:{line_no}", row) for line_no, row in iter_objects(path, PairingError)]
    if not rows:
        raise PairingError(f"{path}: no responses")
    return prompt_table(rows)


def find_responses(path: str | Path, benchmark: str | None = None) -> Path | list[str] | None:
    """The responses.jsonl behind a file, an eval folder or a run directory.

    Returns the path, or the benchmark names when a run holds several evals and none was
    chosen, or None when there is no responses file at all.
    """
    path = Path(path)
    if path.is_file():
        return path
    if (path / "responses.jsonl").is_file():
        return path / "responses.jsonl"
    evals = sorted(p.parent.name for p in (path / "eval").glob("*/responses.jsonl"))
    if benchmark is not None:
        return path / "eval" / benchmark / "responses.jsonl" if benchmark in evals else None
    if len(evals) == 1:
        return path / "eval" / evals[0] / "responses.jsonl"
    return evals or None


def bootstrap_indices(n: int, resamples: int = RESAMPLES, seed: int = 0) -> np.ndarray:
    """(resamples, n) prompt indices drawn with replacement; one draw serves every metric."""
    return np.random.default_rng(seed).integers(0, n, size=(resamples, n)) if n else np.zeros((resamples, 0), int)


def _resampled_means(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Mean of the finite entries of x in each resample (NaN where a resample has none)."""
    ok = np.isfinite(x)
    total = np.where(ok, x, 0.0)[idx].sum(1)
    count = ok[idx].sum(1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return total / count


def _percentiles(stats: np.ndarray, confidence: float) -> tuple[float, float]:
    stats = stats[np.isfinite(stats)]
    if not stats.size:
        return np.nan, np.nan
    tail = (1.0 - confidence) / 2.0
    lo, hi = np.quantile(stats, [tail, 1.0 - tail])
    return float(lo), float(hi)


def mean_interval(x: np.ndarray, idx: np.ndarray, confidence: float = CONFIDENCE) -> dict[str, float]:
    """One side's mean over prompts (finite values) with its bootstrap interval."""
    ok = np.isfinite(x)
    mean = float(x[ok].mean()) if ok.any() else np.nan
    lo, hi = _percentiles(_resampled_means(x, idx), confidence)
    return {"mean": mean, "lo": lo, "hi": hi}


def paired_difference(a: np.ndarray, b: np.ndarray, idx: np.ndarray, confidence: float = CONFIDENCE) -> dict[str, float]:
    """Means of a and b over prompts where both are defined, diff = mean(b - a), interval of diff.

    diff is the mean of the per-prompt differences, as each resample's statistic is, not
    mean(b) - mean(a): the two differ by rounding, enough to put a constant difference outside
    its own zero-width interval.
    """
    both = np.isfinite(a) & np.isfinite(b)
    d = np.where(both, b - a, np.nan)
    mean_a, mean_b, diff = (float(x[both].mean()) if both.any() else np.nan for x in (a, b, d))
    lo, hi = _percentiles(_resampled_means(d, idx), confidence)
    return {"a": mean_a, "b": mean_b, "diff": diff, "lo": lo, "hi": hi}


@dataclass(frozen=True)
class Pairing:
    """Row positions of the paired prompts in each table (sorted by key) and the unpaired ones."""

    ia: np.ndarray
    ib: np.ndarray
    unpaired_a: list[int]
    unpaired_b: list[int]


def pair_tables(ta: PromptTable, tb: PromptTable) -> Pairing:
    """Match prompts by key. Sorting by key makes the order, and so the bootstrap, side-independent."""
    pos_b = {k: i for i, k in enumerate(tb.keys)}
    common = sorted(set(ta.keys) & set(pos_b))
    pos_a = {k: i for i, k in enumerate(ta.keys)}
    return Pairing(
        ia=np.array([pos_a[k] for k in common], dtype=int),
        ib=np.array([pos_b[k] for k in common], dtype=int),
        unpaired_a=[i for i, k in enumerate(ta.keys) if k not in pos_b],
        unpaired_b=[i for i, k in enumerate(tb.keys) if k not in pos_a],
    )


def compare_tables(
    ta: PromptTable,
    tb: PromptTable,
    label_a: str = "a",
    label_b: str = "b",
    *,
    metrics: Sequence[str] = METRICS,
    resamples: int = RESAMPLES,
    seed: int = 0,
    confidence: float = CONFIDENCE,
) -> dict[str, Any]:
    """The paired comparison in the `rlmr compare` JSON schema (docs/evaluation.md)."""
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence: expected a number in (0, 1), got {confidence!r}")
    if resamples < 1:
        raise ValueError(f"resamples: expected >= 1, got {resamples!r}")
    p = pair_tables(ta, tb)
    idx = bootstrap_indices(len(p.ia), resamples, seed)
    unpaired_ids = [ta.ids[i] for i in p.unpaired_a] + [tb.ids[i] for i in p.unpaired_b]
    return {
        "a": label_a,
        "b": label_b,
        "n_paired": int(len(p.ia)),
        "unpaired_a": len(p.unpaired_a),
        "unpaired_b": len(p.unpaired_b),
        "unpaired_ids": unpaired_ids[:MAX_UNPAIRED_IDS],
        "confidence": confidence,
        "resamples": resamples,
        "seed": seed,
        "metrics": {
            m: paired_difference(ta.values[m][p.ia], tb.values[m][p.ib], idx, confidence) for m in metrics
        },
    }


def compare_files(a: str | Path, b: str | Path, **kwargs: Any) -> dict[str, Any]:
    """`compare_tables` on two scored responses files, labelled by their paths."""
    ta, tb = read_table(a), read_table(b)
    result = compare_tables(ta, tb, str(a), str(b), **kwargs)
    if result["n_paired"] == 0:
        raise PairingError(f"{a} and {b}: no prompt in common (by prompt text and constraints)")
    return result
