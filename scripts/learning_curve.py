"""First third vs last third of one or more runs: training pass rate, writing score, words, share
below the prompts' length floor ("short"; "-" for runs logged before that metric), mixed share.

    .venv/bin/python scripts/learning_curve.py runs/rlmr-30 runs/writing-30

Each run's metrics.jsonl is split into thirds by step; each cell is the mean over the steps of
that third with a 95% interval (t over steps: steps are the unit, their responses share a policy).
The table is what docs/learning-signal.md quotes.
"""

from __future__ import annotations

import json
import math
import statistics
import sys
from pathlib import Path

KEYS = (("pass_rate", "pass"), ("writing_score/mean", "writing"), ("length/words_mean", "words"),
        ("length/below_floor", "short"), ("groups/mixed", "mixed"), ("groups/with_gradient", "grad"))
T95 = {1: 12.71, 2: 4.30, 3: 3.18, 4: 2.78, 5: 2.57, 6: 2.45, 7: 2.36, 8: 2.31, 9: 2.26, 10: 2.23, 15: 2.13, 20: 2.09}


def t95(df: int) -> float:
    return T95.get(df) or next((v for k, v in sorted(T95.items(), reverse=True) if df >= k), 1.96)


def cell(values: list[float]) -> str:
    values = [v for v in values if isinstance(v, (int, float)) and math.isfinite(v)]
    if not values:
        return "-"
    m = statistics.fmean(values)
    if len(values) < 2:
        return f"{m:.3f}"
    half = t95(len(values) - 1) * statistics.stdev(values) / math.sqrt(len(values))
    return f"{m:.3f} ± {half:.3f}"


def main(paths: list[str]) -> None:
    if not paths or any(p in ("-h", "--help") for p in paths):
        print(__doc__.strip())
        return
    missing = [p for p in paths if not (Path(p) / "metrics.jsonl").is_file()]
    if missing:
        sys.exit(f"error: no metrics.jsonl in {', '.join(missing)} (give rlmr train run directories)")
    print("| run | steps | " + " | ".join(f"{t} first → last third" for _, t in KEYS) + " | words last/first |")
    print("|---|---|" + "---|" * len(KEYS) + "---|")
    for path in paths:
        rows = [json.loads(line) for line in (Path(path) / "metrics.jsonl").read_text().splitlines() if line.strip()]
        n = len(rows)
        first, last = rows[: n // 3], rows[n - n // 3:]
        cells = [f"{cell([r.get(k) for r in first])} → {cell([r.get(k) for r in last])}" for k, _ in KEYS]
        w0 = statistics.fmean(r["length/words_mean"] for r in first)
        w1 = statistics.fmean(r["length/words_mean"] for r in last)
        print(f"| {Path(path).name} | {n} | " + " | ".join(cells) + f" | {w1 / w0:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
