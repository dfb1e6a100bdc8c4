"""Training curves per ablation arm: the mean over its seeds, smoothed over steps, with the range
of the seeds shaded.

At one group a step a single run's curve is mostly the draw of that step's prompt, and an
ablation with several seeds per arm overlays a dozen such curves: the run report (`plots.py`)
stops being readable. Here each seed's series is smoothed first (a centred moving average over
`WINDOW` steps, shorter at the ends), then the arm's line is the mean of its seeds and the band
their minimum to maximum: a gap between two arms' bands is a difference every seed showed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Mapping, Sequence

import numpy as np

from rlmr.report.plots import DPI, FALLBACK_COLORS, SIZE, STRATEGY_COLORS, pyplot, save, step_axis
from rlmr.report.rundir import Run, load_run

WINDOW = 5
ARM_METRICS = (  # (metric key, file name, title, y label)
    ("pass_rate", "arms_pass_rate", "Training pass rate", "share of responses passing"),
    ("writing_score/mean", "arms_writing_score", "Writing score", "writing score"),
    ("length/words_mean", "arms_length", "Words per response", "words"),
    ("length/below_floor", "arms_below_floor", "Below the length floor", "share of responses"),
)


def smooth(values: Sequence[float], window: int = WINDOW) -> np.ndarray:
    """Centred moving average over `window` steps (fewer at the ends), NaN-aware: a step
    without the metric is left out of its neighbours' means and stays NaN only alone."""
    x = np.asarray(values, dtype=float)
    half = window // 2
    out = np.full(len(x), np.nan)
    for i in range(len(x)):
        part = x[max(0, i - half): i + half + 1]
        part = part[np.isfinite(part)]
        if part.size:
            out[i] = part.mean()
    return out


def arm_curve(runs: Sequence[Run], key: str, window: int = WINDOW) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(steps, mean over seeds, min, max) of each seed's smoothed `key`, on the steps every seed
    logged; empty arrays when none did."""
    series = [dict(zip(*r.series(key))) for r in runs]
    series = [s for s in series if s]
    if not series:
        return (np.array([]),) * 4  # type: ignore[return-value]
    steps = sorted(set(series[0]).intersection(*series[1:]))
    smoothed = np.array([smooth([s[t] for t in steps], window) for s in series])
    with np.errstate(invalid="ignore"):
        return np.array(steps), np.nanmean(smoothed, axis=0), np.nanmin(smoothed, axis=0), np.nanmax(smoothed, axis=0)


def arm_color(arm: str, i: int) -> str:
    return STRATEGY_COLORS.get(arm) or FALLBACK_COLORS[i % len(FALLBACK_COLORS)]


def plot_arms(runs_by_arm: Mapping[str, Sequence[str | Path]], out_dir: str | Path, window: int = WINDOW) -> dict[str, Path]:
    """One PNG per metric in ARM_METRICS that some run logged: an arm per line (mean over its
    seeds), the seeds' range shaded. Returns {file name: path}."""
    loaded = {arm: [load_run(p) for p in paths] for arm, paths in runs_by_arm.items()}
    out_dir = Path(out_dir)
    made: dict[str, Path] = {}
    for key, name, title, ylabel in ARM_METRICS:
        fig, ax = pyplot().subplots(figsize=SIZE, dpi=DPI)
        drawn = 0
        for i, (arm, runs) in enumerate(loaded.items()):
            steps, mean, lo, hi = arm_curve(runs, key, window)
            if not len(steps):
                continue
            color = arm_color(arm, i)
            ax.plot(steps, mean, "-", color=color, label=f"{arm} ({len(runs)} seed{'s' if len(runs) > 1 else ''})")
            if len(runs) > 1:
                ax.fill_between(steps, lo, hi, color=color, alpha=0.15, lw=0)
            drawn += 1
        if not drawn:
            pyplot().close(fig)
            continue
        step_axis(ax, f"{title}: mean over seeds, {window}-step moving average, seeds' range shaded", ylabel)
        ax.title.set_fontsize(8)
        ax.legend(fontsize=7, loc="best")
        made[name] = save(fig, out_dir / f"{name}.png")
    return made
