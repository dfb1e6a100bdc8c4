"""Step-time breakdown of the default `rlmr train` run, and the cost of rlmr's mixing.

    .venv/bin/python benchmarks/bench_train.py                 # 4 steps each of rlmr and writing
    .venv/bin/python benchmarks/bench_train.py --full          # also run the whole default, timed
    .venv/bin/python benchmarks/bench_train.py --threads 1     # on a machine shared with other jobs

Runs the default config (embedded SmolLM2, creative-train, proxy scorer, bf16 autocast) for a few
steps per strategy and prints the mean per-step seconds of generation (with old/ref log-probs),
writing score, verification, mixing and the update, from the run's metrics.jsonl. Step 1 is
left out of the means (it warms up kernels). The overhead of `rlmr` over `writing` is reported
two ways: what rlmr adds by construction (mixing + verification, measured), and the difference
of mean step times (dominated by sampling noise: different responses, different lengths).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

PARTS = ("time/generation_s", "time/writing_score_s", "time/verify_s", "time/mix_s", "time/update_s")


def run(strategy: str, steps: int, threads: int, out: Path) -> tuple[float, list[dict]]:
    from rlmr.train.config import load_config
    from rlmr.train.run import train_run

    cfg = load_config(None, [f"reward.strategy={strategy}", f"run.steps={steps}", f"run.cpu_threads={threads}",
                             "run.progress=false", f"run.save_every={steps}"])
    started = time.perf_counter()
    train_run(cfg, out)
    wall = time.perf_counter() - started
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    return wall, rows


def mean(rows: list[dict], key: str) -> float:
    values = [r[key] for r in rows if isinstance(r.get(key), (int, float))]
    return statistics.fmean(values) if values else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--steps", type=int, default=4)
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    ap.add_argument("--full", action="store_true", help="also run the whole default (its run.steps)")
    args = ap.parse_args()
    from rlmr.train.config import TrainConfig

    default_steps = TrainConfig().run.steps
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for strategy in ("rlmr", "writing"):
            wall, rows = run(strategy, args.steps, args.threads, Path(tmp) / strategy)
            results[strategy] = (wall, rows[1:] or rows)
        print(f"default config, {args.steps} steps per strategy, threads={args.threads or 'default'} "
              "(means over steps 2..N)")
        print(f"{'strategy':<10}{'wall s':>8}{'step s':>8}" + "".join(f"{p.split('/')[1][:-2]:>15}" for p in PARTS))
        for strategy, (wall, rows) in results.items():
            print(f"{strategy:<10}{wall:>8.1f}{mean(rows, 'time/step_s'):>8.2f}"
                  + "".join(f"{mean(rows, p):>15.4f}" for p in PARTS))
        rl, wr = results["rlmr"][1], results["writing"][1]
        step = mean(rl, "time/step_s")
        added = mean(rl, "time/mix_s") + mean(rl, "time/verify_s")
        print(f"rlmr adds by construction (mix + verify): {added * 1000:.1f} ms = {100 * added / step:.2f}% of step")
        print(f"mean step time rlmr - writing: {step - mean(wr, 'time/step_s'):+.2f} s "
              f"({100 * (step / mean(wr, 'time/step_s') - 1):+.1f}%, sampling noise included)")
        setup = results["rlmr"][0] - sum(r["time/step_s"] for r in results["rlmr"][1])
        print(f"extrapolated full default ({default_steps} steps): {(setup + default_steps * step) / 60:.1f} min "
              f"(setup + first step {setup:.0f} s, then {step:.1f} s/step)")
        if args.full:
            wall, rows = run("rlmr", default_steps, args.threads, Path(tmp) / "full")
            print(f"full default run: {len(rows)} steps in {wall / 60:.1f} min")


if __name__ == "__main__":
    main()
