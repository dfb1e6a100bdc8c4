"""Synthetic run directories in the documented layout (docs/contracts.md section 5)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

STEPS = 12


def metrics_row(step: int, strategy: str) -> dict:
    # writing-only drifts long and loses the length limit; rlmr holds it: the paper's story.
    hacking = strategy == "writing"
    return {
        "step": step,
        "strategy": strategy,
        "pass_rate": 0.6 - 0.03 * step if hacking else 0.6 + 0.02 * step,
        "writing_score/mean": 0.2 + 0.05 * step,
        "writing_score/passed": 0.25 + 0.05 * step,
        "writing_score/violated": 0.15 + 0.05 * step,
        "penalty/mean": 0.0 if hacking else 0.3,
        "penalty/max": 0.0 if hacking else 0.6,
        "groups/all_pass": 0.25,
        "groups/mixed": 0.5,
        "groups/all_fail": 0.25,
        "advantage/max_violator": 0.2 if hacking else -0.1,
        "length/tokens_mean": 90.0 + (8 if hacking else 1) * step,
        "length/words_mean": 70.0 + (6 if hacking else 1) * step,
        "length/words_p50": 70.0,
        "length/words_p90": 110.0,
        "scorer/missing": 0,
        "constraint/cw:word_count/pass_rate": 0.5,
        "time/step_s": 10.5,
        "loss": 0.01,
    }


SAMPLES = [
    {
        "prompt": "Write a poem about <rain> in at most 40 words.",
        "response": "Rain taps the <b>roof</b> & the window, " * 12,
        "writing_score": 0.41,
        "passed": False,
        "reasons": ["cw:word_count: 96 words; at most 40"],
        "reward": -0.9,
        "advantage": -1.1,
    },
    {
        "prompt": "Write a haiku about the sea.",
        "response": "grey waves fold and break\nthe gulls argue with the wind\nsalt on every stone",
        "writing_score": 0.63,
        "passed": True,
        "reasons": [],
        "reward": 0.63,
        "advantage": 0.8,
    },
]


def make_run(root: Path, strategy: str, steps: int = STEPS, evals: dict | None = None) -> Path:
    run = root / strategy
    (run / "samples").mkdir(parents=True)
    (run / "config.yaml").write_text(f"strategy: {strategy}\nseed: 0\n", encoding="utf-8")
    with open(run / "metrics.jsonl", "w", encoding="utf-8") as f:
        for step in range(1, steps + 1):
            f.write(json.dumps(metrics_row(step, strategy)) + "\n")
    with open(run / "samples" / f"step_{steps:06d}.jsonl", "w", encoding="utf-8") as f:
        for row in SAMPLES:
            f.write(json.dumps(row) + "\n")
    for bench, results in (evals or {}).items():
        (run / "eval" / bench).mkdir(parents=True)
        (run / "eval" / bench / "results.json").write_text(json.dumps({"benchmark": bench, **results}))
    return run


@pytest.fixture
def two_runs(tmp_path: Path) -> list[Path]:
    return [
        make_run(tmp_path, "writing", evals={"creative-eval": {"pass_rate": 0.31, "writing_score/mean": 0.7, "n_prompts": 20}}),
        make_run(tmp_path, "rlmr", evals={"creative-eval": {"pass_rate": 0.74, "writing_score/mean": 0.68, "n_prompts": 20}}),
    ]
