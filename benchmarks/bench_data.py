"""Load time of the bundled prompt sets (target: creative-train in under 1 s).

    .venv/bin/python benchmarks/bench_data.py

Each measurement runs in a fresh Python process, so imports and caches start cold, as they do
when `rlmr train` starts. "cold" = `import rlmr.data` + `load_prompts(name)` (read, sha256 check,
full validation with constraint building and conflict checks); "load only" = `load_prompts` after
the import. The median of `--repeats` processes is shown.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

_PROBE = """
import json, time
t0 = time.perf_counter()
from rlmr.data import load_prompts
import rlmr.constraints
t1 = time.perf_counter()
records = load_prompts({name!r})
t2 = time.perf_counter()
print(json.dumps({{"rows": len(records), "cold": t2 - t0, "load": t2 - t1}}))
"""


def measure(name: str, repeats: int) -> dict[str, float]:
    runs = []
    for _ in range(repeats):
        out = subprocess.run([sys.executable, "-c", _PROBE.format(name=name)], capture_output=True, text=True, check=True)
        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {"rows": runs[0]["rows"], "cold": statistics.median(r["cold"] for r in runs),
            "load": statistics.median(r["load"] for r in runs)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sets", nargs="+", default=["creative-train", "creative-eval", "ifeval"])
    args = parser.parse_args()
    print(f"{'set':16s} {'rows':>6s} {'cold (s)':>9s} {'load only (s)':>14s}  target")
    for name in args.sets:
        m = measure(name, args.repeats)
        target = "< 1 s " + ("ok" if m["cold"] < 1.0 else "MISSED") if name == "creative-train" else ""
        print(f"{name:16s} {m['rows']:6d} {m['cold']:9.3f} {m['load']:14.3f}  {target}")


if __name__ == "__main__":
    main()
