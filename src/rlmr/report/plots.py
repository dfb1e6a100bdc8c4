"""Training-dynamics plots (PNG, matplotlib Agg): one figure per signal, runs overlaid.

The figures tell the paper's story: a writing-only reward raises the writing score while the
pass rate falls and responses grow; RLMR keeps the pass rate while the score rises. Each run is
one colour, labelled by its strategy; a figure whose keys no run logged is not drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from rlmr.report.rundir import Run

STRATEGY_COLORS = {"rlmr": "#d62728", "writing": "#1f77b4", "verify": "#2ca02c", "linear": "#ff7f0e"}
FALLBACK_COLORS = ("#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf")
DPI = 100
SIZE = (6.4, 3.6)


@dataclass(frozen=True)
class PlotSpec:
    """One figure: its file name, title, y label, and the metric keys drawn (line style per key)."""

    name: str
    title: str
    ylabel: str
    keys: tuple[tuple[str, str, str], ...]  # (metric key, legend suffix, line style)


PLOTS = (
    PlotSpec(
        "writing_score",
        "Writing score",
        "score",
        (("writing_score/mean", "", "-"), ("writing_score/passed", " passers", "--"), ("writing_score/violated", " violators", ":")),
    ),
    PlotSpec("pass_rate", "Constraint pass rate", "share of responses", (("pass_rate", "", "-"),)),
    PlotSpec("penalty", "Dynamic penalty (delta)", "delta", (("penalty/mean", " mean", "-"), ("penalty/max", " max", "--"))),
    PlotSpec(
        "length",
        "Response length",
        "words",
        (("length/words_mean", " mean", "-"), ("length/words_p90", " p90", "--")),
    ),
    PlotSpec(
        "groups",
        "Group kinds",
        "share of groups",
        (("groups/all_pass", " all pass", "-"), ("groups/mixed", " mixed", "--"), ("groups/all_fail", " all fail", ":")),
    ),
)


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


def plot_runs(runs: Sequence[Run], out_dir: str | Path) -> dict[str, Path]:
    """Write one PNG per figure with data; returns {figure name: path}."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    colors = run_colors(runs)
    written: dict[str, Path] = {}
    for spec in PLOTS:
        fig, ax = plt.subplots(figsize=SIZE, dpi=DPI)
        drawn = 0
        for run, color in zip(runs, colors):
            for key, suffix, style in spec.keys:
                steps, values = run.series(key)
                if not steps:
                    continue
                marker = "o" if len(steps) < 12 else None
                ax.plot(steps, values, style, color=color, marker=marker, ms=3, label=run_label(run, runs) + suffix)
                drawn += 1
        if drawn:
            ax.set_title(spec.title)
            ax.set_xlabel("step")
            ax.set_ylabel(spec.ylabel)
            ax.grid(alpha=0.3)
            ax.legend(fontsize=7, loc="best")
            fig.tight_layout()
            path = out_dir / f"{spec.name}.png"
            fig.savefig(path)
            written[spec.name] = path
        plt.close(fig)
    return written


EVAL_BARS = ("prompt_strict", "inst_strict", "pass_rate", "win_rate")  # all on a 0..1 scale


def plot_evals(runs: Sequence[Run], out_dir: str | Path) -> Path | None:
    """Grouped bars of the final 0..1 eval metrics per run (one bar group per benchmark metric)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    labels = [
        f"{bench}: {key}"
        for bench in sorted({b for r in runs for b in r.evals})
        for key in EVAL_BARS
        if any(isinstance(r.evals.get(bench, {}).get(key), (int, float)) for r in runs)
    ]
    if not labels:
        return None
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
    ax.set_title("Final evaluation")
    ax.grid(axis="y", alpha=0.3)
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = Path(out_dir) / "eval.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
    return path
