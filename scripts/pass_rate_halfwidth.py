"""Half-width of the 95% paired-bootstrap interval of a pass-rate difference, by simulation.

For N prompts x k samples per arm: each prompt has a pass probability p_a ~ U(0.1, 0.8) under A
and p_b = clip(p_a + 0.1 + e, 0, 1), e ~ N(0, SD_INTERACTION) under B (prompts differ in how
much B helps them; 0.2 is a guess, not a measurement). Each cell: the mean half-width over REPS
draws, through `rlmr.evaluate.paired` itself. Prints a markdown table (docs/evaluation.md).

    python scripts/pass_rate_halfwidth.py
"""

from __future__ import annotations

import sys

import numpy as np

from rlmr.evaluate.paired import bootstrap_indices, paired_difference

NS = (100, 200, 300, 400)
KS = (1, 2, 4, 8)
REPS = 30
RESAMPLES = 1000
SD_INTERACTION = float(sys.argv[1]) if len(sys.argv) > 1 else 0.2


def halfwidth(n: int, k: int, rng: np.random.Generator) -> float:
    widths = []
    for rep in range(REPS):
        p_a = rng.uniform(0.1, 0.8, n)
        p_b = np.clip(p_a + 0.1 + rng.normal(0, SD_INTERACTION, n), 0, 1)
        a = (rng.random((n, k)) < p_a[:, None]).mean(1)
        b = (rng.random((n, k)) < p_b[:, None]).mean(1)
        d = paired_difference(a, b, bootstrap_indices(n, RESAMPLES, seed=rep))
        widths.append((d["hi"] - d["lo"]) / 2)
    return float(np.mean(widths))


def main() -> None:
    rng = np.random.default_rng(0)
    print(f"interaction sd {SD_INTERACTION}; true difference 0.10; {REPS} draws per cell\n")
    print("| prompts N | " + " | ".join(f"k={k}" for k in KS) + " |")
    print("|---|" + "---|" * len(KS))
    for n in NS:
        print(f"| {n} | " + " | ".join(f"±{halfwidth(n, k, rng):.3f}" for k in KS) + " |")


if __name__ == "__main__":
    main()
