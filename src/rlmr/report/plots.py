"""Training-dynamics plots (PNG, matplotlib Agg) from metrics.jsonl, runs overlaid or side by side.

The figures tell the paper's story: a writing-only reward raises the writing score while the
pass rate falls and responses drift in length; RLMR keeps the pass rate while the score rises.
Each run is one colour, labelled by its strategy. Line figures overlay the runs; figures whose
parts would hide each other (stacked group kinds, per-constraint curves) get one panel per run.
A figure whose keys no run logged is not drawn. Steps are integers, so step axes tick on integers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from rlmr.report.rundir import Run

STRATEGY_COLORS = {"rlmr": "#d62728", "writing": "#1f77b4", "verify": "#2ca02c", "linear": "#ff7f0e"}
FALLBACK_COLORS = ("#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
DPI = 100
SIZE = (6.4, 3.6)
PANEL_COLUMNS = 2  # per-run figures: panels per row
# Length guard: the reference is the mean words of the first 3 steps, the base of the live line's
# `length/words_vs_start` (rlmr.train.logbook.LENGTH_BASE_STEPS; a test keeps them equal), and
# the band reaches down to 70% of it (the brevity issue's floor for later steps).
REFERENCE_STEPS = 3
LENGTH_GUARD = 0.7
MAX_CONSTRAINT_LINES = 8  # per-constraint curves: the ids seen on the most steps
GROUP_KINDS = (  # they sum to 1; "too few valid": groups with too few scored responses to compare
    ("groups/all_pass", "all pass", "#2ca02c"),
    ("groups/mixed", "mixed", "#ff7f0e"),
    ("groups/all_fail", "all fail", "#d62728"),
    ("groups/too_few_valid", "too few valid", "#bbbbbb"),
)


@dataclass(frozen=True)
class PlotSpec:
    """One line figure: its file name, title, y label, and the metric keys drawn (line style per key)."""

    name: str
    title: str
    ylabel: str
    keys: tuple[tuple[str, str, str], ...]  # (metric key, legend suffix, line style)


PLOTS = (
    PlotSpec("pass_rate", "Constraint pass rate (training batches)", "share of responses", (("pass_rate", "", "-"),)),
    PlotSpec(
        "writing_score",
        "Writing score",
        "score",
        (("writing_score/mean", "", "-"), ("writing_score/passed", " passers", "--"), ("writing_score/violated", " violators", ":")),
    ),
    PlotSpec("loss", "Policy loss", "loss", (("loss", "", "-"),)),
    PlotSpec("entropy", "Token entropy", "nats", (("entropy", "", "-"),)),
    PlotSpec("grad_norm", "Gradient norm (before clipping)", "L2 norm", (("grad_norm", "", "-"),)),
    PlotSpec("kl", "KL to the reference policy", "KL", (("kl", "", "-"),)),
    PlotSpec("clipped", "Responses cut at max_completion_length", "share of responses", (("completions/clipped_ratio", "", "-"),)),
)


def pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def run_colors(runs: Sequence[Run]) -> list[str]:
    """A colour per run: the strategy's colour the first time it appears, then the fallbacks."""
    used: set[str] = set()
    colors, spare = [], iter(FALLBACK_COLORS * 4)
    for run in runs:
        color = STRATEGY_COLORS.get(run.strategy)
        if color is None or color in used:
            color = next(spare)
        used.add(color)
        colors.append(color)
    return colors


def run_label(run: Run, runs: Sequence[Run]) -> str:
    """The strategy, with the run name when two runs share a strategy or the name adds something."""
    same = sum(r.strategy == run.strategy for r in runs) > 1
    return f"{run.strategy} ({run.name})" if same or run.name != run.strategy else run.strategy


def step_axis(ax: Any, title: str, ylabel: str) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_title(title, fontsize=10)
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    ax.grid(alpha=0.3)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))


def save(fig: Any, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path)
    pyplot().close(fig)
    return path


def panels(n: int, height: float = SIZE[1]) -> tuple[Any, list[Any]]:
    """A figure with one panel per run (PANEL_COLUMNS per row), each `height` inches high."""
    plt = pyplot()
    cols = min(n, PANEL_COLUMNS)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(SIZE[0] * (1 if cols == 1 else 0.8 * cols), height * rows), dpi=DPI, squeeze=False)
    flat = list(axes.flat)
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def line_figure(spec: PlotSpec, runs: Sequence[Run], path: Path) -> Path | None:
    fig, ax = pyplot().subplots(figsize=SIZE, dpi=DPI)
    drawn = 0
    for run, color in zip(runs, run_colors(runs)):
        for key, suffix, style in spec.keys:
            steps, values = run.series(key)
            if steps:
                marker = "o" if len(steps) < 12 else None
                ax.plot(steps, values, style, color=color, marker=marker, ms=3, label=run_label(run, runs) + suffix)
                drawn += 1
    if not drawn:
        pyplot().close(fig)
        return None
    step_axis(ax, spec.title, spec.ylabel)
    ax.legend(fontsize=7, loc="best")
    return save(fig, path)


def penalty_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Points, not lines: the penalty exists only on steps with mixed groups, so a line would invent values between them."""
    fig, ax = pyplot().subplots(figsize=SIZE, dpi=DPI)
    drawn = 0
    for run, color in zip(runs, run_colors(runs)):
        for key, suffix, marker in (("penalty/mean", " mean", "o"), ("penalty/max", " max", "^")):
            steps, values = run.series(key)
            if steps:
                ax.scatter(steps, values, color=color, marker=marker, s=22, label=run_label(run, runs) + suffix,
                           facecolors=color if marker == "o" else "none")
                drawn += 1
    if not drawn:
        pyplot().close(fig)
        return None
    step_axis(ax, "Dynamic penalty (delta), on steps that had one", "delta")
    ax.legend(fontsize=7, loc="best")
    return save(fig, path)


def reference_steps(n_steps: int) -> int:
    return max(1, min(REFERENCE_STEPS, n_steps))


def length_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Words per response over steps, against the mean of the first steps (the length guard)."""
    fig, ax = pyplot().subplots(figsize=SIZE, dpi=DPI)
    drawn = 0
    for run, color in zip(runs, run_colors(runs)):
        steps, values = run.series("length/words_mean")
        if not steps:
            continue
        label = run_label(run, runs)
        marker = "o" if len(steps) < 12 else None
        ax.plot(steps, values, "-", color=color, marker=marker, ms=3, label=f"{label} mean")
        p90_steps, p90 = run.series("length/words_p90")
        if p90_steps:
            ax.plot(p90_steps, p90, ":", color=color, label=f"{label} p90")
        k = reference_steps(len(values))
        ref = sum(values[:k]) / k
        ax.axhspan(LENGTH_GUARD * ref, ref, color=color, alpha=0.12, lw=0)
        ax.axhline(ref, color=color, lw=0.8, ls="--", label=f"{label} first {k} steps: {ref:.0f} (shaded down to {LENGTH_GUARD:.0%})")
        drawn += 1
    if not drawn:
        pyplot().close(fig)
        return None
    step_axis(ax, "Response length against the first steps", "words")
    ax.legend(fontsize=7, loc="best")
    return save(fig, path)


def groups_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Stacked bars of group kinds per step (they sum to 1), and the share of groups with gradient."""
    drawn = [r for r in runs if any(r.series(k)[0] for k, _, _ in GROUP_KINDS)]
    if not drawn:
        return None
    fig, axes = panels(len(drawn))
    for ax, run in zip(axes, drawn):
        bottom: dict[float, float] = {}
        for key, label, color in GROUP_KINDS:
            steps, values = run.series(key)
            if key == "groups/too_few_valid" and not any(values):
                continue  # nearly always zero: no legend entry for it then
            ax.bar(steps, values, 0.8, bottom=[bottom.get(s, 0.0) for s in steps], color=color, label=label)
            for s, v in zip(steps, values):
                bottom[s] = bottom.get(s, 0.0) + v
        steps, values = run.series("groups/with_gradient")
        if steps:
            ax.plot(steps, values, "k-o", ms=3, lw=1.2, label="with gradient")
        step_axis(ax, f"Group kinds: {run_label(run, runs)}", "share of groups")
        ax.set_ylim(0, 1.28)  # room above the bars for the legend
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.legend(fontsize=7, loc="upper center", ncol=5, frameon=False)
    return save(fig, path)


def constraint_ids(run: Run) -> list[str]:
    """`constraint/<id>/pass_rate` ids, the ones logged on the most steps first."""
    counts: dict[str, int] = {}
    for row in run.metrics:
        for key in row:
            if key.startswith("constraint/") and key.endswith("/pass_rate"):
                cid = key[len("constraint/") : -len("/pass_rate")]
                counts[cid] = counts.get(cid, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c))


def constraints_figure(runs: Sequence[Run], path: Path) -> Path | None:
    """Per-constraint pass rate over steps, one panel per run; an id is absent on steps without it."""
    drawn = [r for r in runs if constraint_ids(r)]
    if not drawn:
        return None
    fig, axes = panels(len(drawn), height=SIZE[1] * 1.4)  # room below for the legend
    cmap = pyplot().get_cmap("tab10")
    for ax, run in zip(axes, drawn):
        ids = constraint_ids(run)
        for i, cid in enumerate(ids[:MAX_CONSTRAINT_LINES]):
            steps, values = run.series(f"constraint/{cid}/pass_rate")
            ax.plot(steps, values, "-o", color=cmap(i % 10), ms=3, lw=0.8, alpha=0.85, label=f"{cid} ({len(steps)} steps)")
        more = len(ids) - MAX_CONSTRAINT_LINES
        title = f"Pass rate per constraint: {run_label(run, runs)}" + (f" (top {MAX_CONSTRAINT_LINES}, {more} more)" if more > 0 else "")
        step_axis(ax, title, "share of responses")
        ax.set_ylim(-0.05, 1.05)
        ax.legend(fontsize=6, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2, frameon=False)
    return save(fig, path)


def plot_runs(runs: Sequence[Run], out_dir: str | Path) -> dict[str, Path]:
    """Write one PNG per figure with data; returns {figure name: path} in page order."""
    out_dir = Path(out_dir)
    figures: list[tuple[str, Path | None]] = [
        ("pass_rate", line_figure(PLOTS[0], runs, out_dir / "pass_rate.png")),
        ("constraints", constraints_figure(runs, out_dir / "constraints.png")),
        ("writing_score", line_figure(PLOTS[1], runs, out_dir / "writing_score.png")),
        ("length", length_figure(runs, out_dir / "length.png")),
        ("groups", groups_figure(runs, out_dir / "groups.png")),
        ("penalty", penalty_figure(runs, out_dir / "penalty.png")),
    ]
    figures += [(spec.name, line_figure(spec, runs, out_dir / f"{spec.name}.png")) for spec in PLOTS[2:]]
    return {name: path for name, path in figures if path is not None}
