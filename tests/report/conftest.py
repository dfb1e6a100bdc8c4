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
        "groups/with_gradient": 0.75,
        "advantage/max_violator": 0.2 if hacking else -0.1,
        "length/tokens_mean": 90.0 + (8 if hacking else 1) * step,
        "length/words_mean": 70.0 + (6 if hacking else 1) * step,
        "length/words_p50": 70.0,
        "length/words_p90": 110.0,
        "scorer/missing": 0,
        "constraint/cw:word_count/pass_rate": 0.5,
        "time/step_s": 10.5,
        "loss": 0.01,
        "entropy": 1.9 - 0.02 * step,
        "grad_norm": 0.5 + 0.01 * step,
    }


SAMPLES = [
    {
        "group": 0,
        "prompt_id": "p-rain",
        "prompt": "Write a poem about <rain> in at most 40 words.",
        "response": "Rain taps the <b>roof</b> & the window, " * 12,
        "writing_score": 0.41,
        "passed": False,
        "reasons": ["cw:word_count: 96 words; at most 40"],
        "reward": -0.9,
        "advantage": -1.1,
    },
    {
        "group": 1,
        "prompt_id": "p-sea",
        "prompt": "Write a haiku about the sea.",
        "response": "grey waves fold and break\nthe gulls argue with the wind\nsalt on every stone",
        "writing_score": 0.63,
        "passed": True,
        "reasons": [],
        "reward": 0.63,
        "advantage": 0.8,
    },
]


def eval_row(i: int, passed: bool, score: float, words: int, cid: str = "cw:no_comma") -> dict:
    """One row of an eval responses.jsonl, as `rlmr eval` writes it."""
    reason = "ok" if passed else "2 commas"
    return {
        "id": f"e{i}",
        "prompt": f"Write a short story number {i} without commas.",
        "response": f"story {i} " + ("passed" if passed else "failed, with, commas"),
        "constraints": [{"id": cid}],
        "passed": passed,
        "satisfied_fraction": 1.0 if passed else 0.0,
        "reasons": [] if passed else [f"{cid}: {reason}"],
        "verdict": {"passed": passed, "satisfied_fraction": float(passed), "results": [{"id": cid, "passed": passed, "reason": reason}]},
        "writing_score": score,
        "words": words,
    }


def write_eval(run: Path, name: str, rows: list[dict], results: dict | None = None) -> Path:
    folder = run / "eval" / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "responses.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    passed = [r["passed"] for r in rows]
    summary = {"benchmark": name, "n_prompts": len(rows), "pass_rate": sum(passed) / len(passed), **(results or {})}
    (folder / "results.json").write_text(json.dumps(summary), encoding="utf-8")
    return folder


# Ten eval prompts: the untrained policy passes e0-e2, the trained one e0-e6 (pass-rate gain exactly 0.4);
# the trained one also answered e10, which the untrained one did not (one unpaired row).
BASE_ROWS = [eval_row(i, i < 3, 0.5, 40 + i) for i in range(10)]
TRAINED_ROWS = [eval_row(i, i < 7, 0.6, 30 + i) for i in range(10)] + [eval_row(10, True, 0.9, 5)]


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


@pytest.fixture
def evaluated_run(tmp_path: Path) -> Path:
    """An rlmr run evaluated before and after training, as `make run` leaves it (no compare.json)."""
    run = make_run(tmp_path, "rlmr")
    write_eval(run, "creative-eval-base", BASE_ROWS)
    write_eval(run, "creative-eval", TRAINED_ROWS, {"baseline": str(run / "eval/creative-eval-base/responses.jsonl")})
    return run


@pytest.fixture
def eval_rows() -> tuple[list[dict], list[dict]]:
    """(untrained rows, trained rows): see BASE_ROWS and TRAINED_ROWS."""
    return [dict(r) for r in BASE_ROWS], [dict(r) for r in TRAINED_ROWS]


@pytest.fixture
def make_eval_row():
    return eval_row
