"""Plots of distributions and of the trained-vs-untrained comparison (PNG, matplotlib Agg).

- length and advantage histograms from the samples files (what the policy wrote, and the sign
  RLMR gave it: every violator below zero);
- the headline differences with their paired intervals (one panel per metric: the scales differ);
- the per-constraint pass rate of the untrained and the trained policy on the same eval prompts;
- the final eval metrics of several runs as grouped bars.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from rlmr.constraints.cjk import mixed_word_count
from rlmr.report.plots import DPI, SIZE, panels, pyplot, run_colors, run_label, save
from rlmr.report.rundir import Run

METRIC_LABELS = {"pass_rate": "pass rate", "satisfied": "satisfied share", "writing_score": "writing score", "words": "words"}
HIGHER_IS_BETTER = {"pass_rate", "satisfied", "writing_score"}  # words: neither, so no green or red
BINS = 20
BASE_COLOR, TRAINED_COLOR = "#7f7f7f", "#d62728"


def sample_words(rows: Sequence[dict[str, Any]]) -> list[int]:
    return [mixed_word_count(str(r.get("response", ""))) for r in rows]


def length_hist_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Words per sampled response at the first and the last sampled step, one panel per run."""
    drawn = [r for r in runs if r.samples_by_step]
    if not drawn:
        return None
    colors = {id(r): c for r, c in zip(runs, run_colors(runs))}
    fig, axes = panels(len(drawn))
    for ax, run in zip(axes, drawn):
        color = colors[id(run)]
        steps = list(run.samples_by_step)
        first, last = steps[0], steps[-1]
        words_last = sample_words(run.samples_by_step[last])
        words_first = sample_words(run.samples_by_step[first]) if first != last else []
        edges = np.histogram_bin_edges(words_first + words_last or [0], bins=BINS)
        if words_first:
            ax.hist(words_first, edges, color=BASE_COLOR, alpha=0.55, label=f"step {first} (n={len(words_first)})")
        ax.hist(words_last, edges, color=color, alpha=0.55, label=f"step {last} (n={len(words_last)})")
        ax.set_title(f"Response length in samples: {run_label(run, runs)}", fontsize=10)
        ax.set_xlabel("words")
        ax.set_ylabel("responses")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    return save(fig, path)


def advantage_hist_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Advantages of passers and violators over every samples file, one panel per run."""
    drawn = [r for r in runs if any("advantage" in s for rows in r.samples_by_step.values() for s in rows)]
    if not drawn:
        return None
    fig, axes = panels(len(drawn))
    for ax, run in zip(axes, drawn):
        rows = [s for rows in run.samples_by_step.values() for s in rows if isinstance(s.get("advantage"), (int, float))]
        passers = [s["advantage"] for s in rows if s.get("passed") is True]
        violators = [s["advantage"] for s in rows if s.get("passed") is False]
        edges = np.histogram_bin_edges(passers + violators, bins=BINS)
        if passers:
            ax.hist(passers, edges, color="#2ca02c", alpha=0.6, label=f"passers (n={len(passers)})")
        if violators:
            above = sum(v >= 0 for v in violators)
            ax.hist(violators, edges, color="#d62728", alpha=0.6, label=f"violators (n={len(violators)}, {above} at >= 0)")
        ax.axvline(0, color="k", lw=0.8)
        ax.set_title(f"Advantages in samples of {len(run.samples_by_step)} steps: {run_label(run, runs)}", fontsize=10)
        ax.set_xlabel("advantage")
        ax.set_ylabel("responses")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7)
    return save(fig, path)


def headline_figure(comparison: dict[str, Any], title: str, path: Path) -> Path | None:
    """Trained - untrained per metric: a point with its interval, against zero (no difference)."""
    given = comparison.get("metrics", {})
    metrics = [m for m in METRIC_LABELS if isinstance(given.get(m, {}).get("diff"), (int, float)) and np.isfinite(given[m]["diff"])]
    if not metrics:  # (a metric without a number, e.g. no writing scorer, is NaN in compare.json)
        return None
    plt = pyplot()
    cols = min(2, len(metrics))  # 2 x 2: readable on a phone too
    rows = -(-len(metrics) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(SIZE[0], 2.2 * rows + 0.4), dpi=DPI, squeeze=False)
    level = comparison.get("confidence", 0.95)
    for ax in list(axes.flat)[len(metrics):]:
        ax.set_visible(False)
    for ax, name in zip(axes.flat, metrics):
        m = comparison["metrics"][name]
        diff, lo, hi = (float(m[k]) if m[k] is not None else np.nan for k in ("diff", "lo", "hi"))
        color = "#555555" if lo <= 0 <= hi else "#1f77b4" if name not in HIGHER_IS_BETTER else "#2ca02c" if lo > 0 else "#d62728"
        # max(0, ...): a compare.json whose diff sits a rounding error outside its interval still draws
        ax.errorbar([0], [diff], yerr=[[max(0.0, diff - lo)], [max(0.0, hi - diff)]], fmt="o", color=color, capsize=6, lw=2)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xticks([])
        ax.set_xlim(-1, 1)
        ax.set_title(f"{METRIC_LABELS[name]}: {diff:+.3g} [{lo:.3g}, {hi:.3g}]", fontsize=9)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(f"{title} ({level:.0%} paired intervals; 0 = no difference)", fontsize=10)
    return save(fig, path)


def constraint_rates(rows: Sequence[dict[str, Any]]) -> dict[str, tuple[int, float]]:
    """{constraint id: (responses carrying it, pass rate)} from eval responses' verdicts."""
    seen: dict[str, list[bool]] = defaultdict(list)
    for row in rows:
        verdict = row.get("verdict") or row.get("strict") or {}
        for result in verdict.get("results", []) if isinstance(verdict, dict) else []:
            if isinstance(result, dict) and "id" in result:
                seen[str(result["id"])].append(bool(result.get("passed")))
    return {cid: (len(v), float(np.mean(v))) for cid, v in sorted(seen.items())}


def constraint_bars_figure(base_rows: Sequence[dict[str, Any]], trained_rows: Sequence[dict[str, Any]], title: str, path: Path) -> Path | None:
    """Horizontal bars per constraint id: untrained and trained pass rate on the same eval prompts."""
    base, trained = constraint_rates(base_rows), constraint_rates(trained_rows)
    ids = sorted(set(base) | set(trained))
    if not ids:
        return None
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(SIZE[0], max(2.6, 0.32 * len(ids) + 1.5)), dpi=DPI)
    y = np.arange(len(ids))
    h = 0.4
    ax.barh(y - h / 2, [base.get(c, (0, np.nan))[1] for c in ids], h, color=BASE_COLOR, label="untrained")
    ax.barh(y + h / 2, [trained.get(c, (0, np.nan))[1] for c in ids], h, color=TRAINED_COLOR, label="trained")
    ax.set_yticks(y, [f"{c} (n={max(base.get(c, (0,))[0], trained.get(c, (0,))[0])})" for c in ids], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel("pass rate")
    ax.set_title(title, fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.3), ncol=2, frameon=False)  # off the bars
    return save(fig, path)


EVAL_BARS = ("prompt_strict", "inst_strict", "pass_rate", "win_rate")  # all on a 0..1 scale


def plot_evals(runs: Sequence[Run], out_dir: str | Path) -> Path | None:
    """Grouped bars of the final 0..1 eval metrics per run (one bar group per benchmark metric)."""
    labels = [
        f"{bench}: {key}"
        for bench in sorted({b for r in runs for b in r.evals})
        for key in EVAL_BARS
        if any(isinstance(r.evals.get(bench, {}).get(key), (int, float)) for r in runs)
    ]
    if not labels:
        return None
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(max(SIZE[0], 1.6 * len(labels)), SIZE[1]), dpi=DPI)
    width = 0.8 / len(runs)
    x = np.arange(len(labels))
    for i, (run, color) in enumerate(zip(runs, run_colors(runs))):
        values = []
        for label in labels:
            bench, key = label.split(": ")
            value = run.evals.get(bench, {}).get(key)
            values.append(value if isinstance(value, (int, float)) else np.nan)
        ax.bar(x + (i - (len(runs) - 1) / 2) * width, values, width, color=color, label=run_label(run, runs))
    ax.set_xticks(x, labels, fontsize=8, rotation=15)
    ax.set_ylim(0, 1)
    ax.set_title("Final evaluation (every eval folder of each run)")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7)
    return save(fig, Path(out_dir) / "eval.png")
