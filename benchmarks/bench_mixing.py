"""Time `rlmr.mixing.mix` on 1,048,576 responses, groups of 8 and 16, every strategy (one core).

Usage: .venv/bin/python benchmarks/bench_mixing.py [--runs 7] [--missing 0.0]
Prints one table: median and min wall time over the runs, and the median CPU time of the
calling thread (what one core spends; unlike wall time it does not grow when other processes
share the machine). Target: rlmr under 100 ms of CPU time (flagged in the table when over).
"""

from __future__ import annotations

import argparse
import os

# One core, as the target says (numpy's elementwise kernels are single-threaded anyway).
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import statistics  # noqa: E402
import time  # noqa: E402

import numpy as np  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from rlmr.mixing import STRATEGIES, mix  # noqa: E402

N = 1 << 20
TARGET_MS = 100.0


def inputs(missing: float, seed: int = 0) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Scores ~ N(0, 1) with a share of NaNs, pass rate 1/2 (groups of all three kinds), satisfied fractions."""
    rng = np.random.default_rng(seed)
    scores = rng.normal(size=N)
    scores[rng.random(N) < missing] = np.nan
    passed = (rng.random(N) < 0.5).astype(float)
    satisfied = np.where(passed == 1, 1.0, rng.integers(0, 4, N) / 4)
    return scores, passed, satisfied


def time_ms(fn, runs: int) -> tuple[float, float, float]:
    """(median wall ms, min wall ms, median thread-CPU ms) over `runs` calls after a warm-up."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        wall.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.thread_time() - start_cpu) * 1e3)
    return statistics.median(wall), min(wall), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--missing", type=float, default=0.0, help="share of missing (NaN) scores")
    args = parser.parse_args()
    scores, passed, satisfied = inputs(args.missing)
    table = Table(title=f"mix() on {N:,} responses, median of {args.runs} runs, missing={args.missing:g}")
    for col in ("strategy", "G", "median ms", "min ms", "cpu ms", "responses/s"):
        table.add_column(col, justify="left" if col == "strategy" else "right")
    cases = [("rlmr", {}), ("rlmr (all_fail=partial)", {"all_fail": "partial", "satisfied": satisfied})]
    cases += [(name, {}) for name in sorted(STRATEGIES) if name != "rlmr"]
    cases.insert(2, ("rlmr (shuffled group_ids)", {}))
    for label, extra in cases:
        name = label.split(" ")[0]
        for g in (8, 16):
            if "group_ids" in label:  # groups addressed by id, responses in random order
                extra = {"group_ids": np.random.default_rng(1).permutation(N) // g}
            layout = {} if "group_ids" in extra else {"group_size": g}
            call = lambda: mix(scores, passed, strategy=name, **layout, **extra)  # noqa: E731
            med, low, cpu = time_ms(call, args.runs)
            flag = " (over target)" if label == "rlmr" and cpu > TARGET_MS else ""
            table.add_row(label, str(g), f"{med:.1f}", f"{low:.1f}", f"{cpu:.1f}{flag}", f"{N / med * 1e3:,.0f}")
    Console(width=120).print(table)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at the end: {load:.2f} on {os.cpu_count()} cores (wall times grow with it)")


if __name__ == "__main__":
    main()
