"""The strategy ablation: same seed, prompts, scorer and budget; only `reward.strategy` changes.

For each strategy, train a run into `OUT/<strategy>/` (each in its own spawned process, so one
run's memory is gone before the next starts), then evaluate it on the same eval prompts, with the
untrained policy's responses as the win-rate baseline. Finally write `OUT/report/` (plots and
page) and `OUT/ablation.md` (the table for the README). A strategy whose run directory already has
a final model is not trained again, so an interrupted ablation continues where it stopped.
"""

from __future__ import annotations

import json
import multiprocessing
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from rlmr.evaluate.generate import GenerationConfig

STRATEGIES = ("writing", "verify", "linear", "rlmr")
TABLE_KEYS = (
    ("pass_rate", "pass rate"),
    ("writing_score/mean", "writing score"),
    ("win_rate", "win rate vs base"),
    ("length/words_mean", "words (mean)"),
    ("length/words_p90", "words (p90)"),
)
TRAIN_KEYS = (("pass_rate", "train pass rate (last step)"), ("length/words_mean", "train words (last step)"))


@dataclass
class AblationPlan:
    out: Path
    strategies: Sequence[str] = STRATEGIES
    config: str | None = None  # a train YAML; the overrides below apply on top
    overrides: list[str] = field(default_factory=list)  # `key=value` for every run (steps, seed, ...)
    benchmark: str = "creative-eval"
    eval_limit: int = 32
    judge: str = "proxy"
    generation: GenerationConfig = field(default_factory=lambda: GenerationConfig(max_new_tokens=96))


def _train_one(config_path: str | None, overrides: list[str], run_dir: str) -> None:
    from rlmr.train.config import load_config
    from rlmr.train.run import train_run

    train_run(load_config(config_path, overrides), run_dir)


def train_strategy(plan: AblationPlan, strategy: str) -> Path:
    run_dir = plan.out / strategy
    if (run_dir / "model" / "config.json").is_file():
        return run_dir
    overrides = [*plan.overrides, f"reward.strategy={strategy}"]
    from rlmr.train.config import load_config

    load_config(plan.config, overrides)  # a bad config fails here, before any process starts
    proc = multiprocessing.get_context("spawn").Process(target=_train_one, args=(plan.config, overrides, str(run_dir)))
    proc.start()
    proc.join()
    if proc.exitcode != 0:
        raise RuntimeError(f"training {strategy} into {run_dir} failed (exit code {proc.exitcode}); see its output above")
    return run_dir


def evaluate_run(plan: AblationPlan, model: str, out: Path, baseline: str | None) -> dict[str, Any]:
    from rlmr.evaluate.run import EvalRequest, run_eval

    if (out / "results.json").is_file():
        return json.loads((out / "results.json").read_text(encoding="utf-8"))
    request = EvalRequest(
        benchmark=plan.benchmark,
        model=model,
        baseline=baseline,
        judge=plan.judge,
        limit=plan.eval_limit,
        out=str(out),
        generation=plan.generation,
    )
    return run_eval(request)


def markdown_table(plan: AblationPlan, runs: dict[str, Path], results: dict[str, dict[str, Any]]) -> str:
    from rlmr.report.rundir import load_run

    header = ["strategy"] + [label for _, label in TABLE_KEYS] + [label for _, label in TRAIN_KEYS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, res in results.items():
        final = load_run(runs[name]).final() if name in runs else {}
        cells = [name] + [_cell(res.get(k)) for k, _ in TABLE_KEYS] + [_cell(final.get(k)) for k, _ in TRAIN_KEYS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.3f}"
    return "–" if value is None else str(value)


def run_ablation(plan: AblationPlan) -> Path:
    """Train, evaluate and report every strategy; returns the path of the report page."""
    from rlmr.report.html import build_report

    plan = replace(plan, out=Path(plan.out))
    plan.out.mkdir(parents=True, exist_ok=True)
    base_eval = plan.out / "base" / "eval" / plan.benchmark
    base_model = _base_model(plan)
    results = {"base": evaluate_run(plan, base_model, base_eval, None)}
    baseline = str(base_eval / "responses.jsonl")
    runs = {s: train_strategy(plan, s) for s in plan.strategies}
    for strategy, run_dir in runs.items():
        results[strategy] = evaluate_run(plan, str(run_dir), run_dir / "eval" / plan.benchmark, baseline)
    page = build_report([runs[s] for s in plan.strategies], plan.out / "report")
    table = markdown_table(plan, runs, results)
    (plan.out / "ablation.md").write_text(table, encoding="utf-8")
    return page


def _base_model(plan: AblationPlan) -> str:
    from rlmr.train.config import load_config

    return load_config(plan.config, plan.overrides).policy.model
