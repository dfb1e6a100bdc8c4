"""The strategy ablation: same prompts, scorer and budget; only the reward (and the seed) changes.

Arms are reward settings (`ARMS`: the four strategies plus rlmr under each all-fail policy);
a variant (`parse_variant`, `rlmr ablate --variant NAME=ARM,key=value,...`) is a built-in arm with
config overrides of its own, compared in the table against the arm it varies.
Each arm is trained once per seed into `OUT/<arm>-s<seed>/` (each run and its eval in its own
spawned process, so one run's memory is gone when it ends; `jobs` of them at once, the cores
split between them) and evaluated on the same eval
prompts with `samples` responses each, the untrained policy's responses (`OUT/base/`) as the
win-rate baseline. Then `OUT/report/` (training curves per run, and per arm over its seeds:
`arms_*.png`), `OUT/ablation.json` (every
number) and `OUT/ablation.md` (the README table with intervals and a verdict per claim,
`rlmr.evaluate.evidence`). A run whose directory has a final model is not trained again, and an
eval with results is not rerun, so an interrupted ablation continues where it stopped.

`cpu_preset` is the ablation sized for a small CPU; its size knobs are arguments so that a test
can run it with 1-2 steps on two prompts.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Sequence

from rlmr.evaluate.generate import GenerationConfig


@dataclass(frozen=True)
class Arm:
    """One reward setting of the ablation."""

    name: str
    strategy: str
    all_fail: str = "zero"
    base: str | None = None  # the arm this one varies: the table shows this minus base
    extra: tuple[str, ...] = ()  # `key=value` config overrides of a variant

    def overrides(self) -> list[str]:
        return [f"reward.strategy={self.strategy}", f"reward.all_fail={self.all_fail}", *self.extra]


ARMS = {
    a.name: a
    for a in (
        Arm("writing", "writing"),
        Arm("verify", "verify"),
        Arm("linear", "linear"),
        Arm("rlmr", "rlmr", "zero"),
        Arm("rlmr-partial", "rlmr", "partial", base="rlmr"),
        Arm("rlmr-writing", "rlmr", "writing", base="rlmr"),
    )
}
STRATEGY_ARMS = ("writing", "verify", "linear", "rlmr")  # the classic four, without the all-fail axis
VARIANT_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def parse_variant(text: str) -> Arm:
    """`NAME=ARM,key=value,...`: arm ARM (built-in) with the overrides, trained into NAME-s<seed>/.

    E.g. `rlmr-floor=rlmr,reward.length_floor=fail`. The overrides are checked against the config
    schema with the rest of the plan, before anything runs; here only the shape is."""
    name, sep, rest = text.partition("=")
    name = name.strip()
    example = "e.g. rlmr-floor=rlmr,reward.length_floor=fail"
    if not sep or not rest.strip():
        raise ValueError(f"variant {text!r}: expected NAME=ARM,key=value,... ({example})")
    base, *extra = [part.strip() for part in rest.split(",")]
    if not VARIANT_NAME.fullmatch(name):
        raise ValueError(f"variant {text!r}: name {name!r} must be letters, digits, '.', '_' or '-' (a folder name)")
    if name in ARMS or name == "base":  # OUT/base/ is the untrained policy's eval
        raise ValueError(f"variant {text!r}: {name!r} is a built-in arm's name; give the variant its own")
    if base not in ARMS:
        raise ValueError(f"variant {text!r}: unknown arm {base!r}; known: {', '.join(ARMS)}")
    bad = [e for e in extra if "=" not in e or not e.split("=", 1)[0].strip()]
    if bad or not extra:
        raise ValueError(f"variant {text!r}: expected key=value overrides after the arm, got {bad or 'none'} ({example})")
    arm = ARMS[base]
    return Arm(name, arm.strategy, arm.all_fail, base=base, extra=(*arm.extra, *extra))


@dataclass
class AblationPlan:
    out: Path
    arms: Sequence[str] = STRATEGY_ARMS
    seeds: int = 1  # training seeds per arm: 0 .. seeds-1
    config: str | None = None  # a train YAML; the overrides below apply on top
    overrides: list[str] = field(default_factory=list)  # `key=value` for every run (steps, ...)
    benchmark: str = "creative-eval"
    eval_limit: int | None = 32
    judge: str = "proxy"
    margin: float = 0.0  # claim 2's non-inferiority margin, in writing-score units
    generation: GenerationConfig = field(default_factory=lambda: GenerationConfig(max_new_tokens=96))
    command: str = "rlmr ablate"  # shown above the table
    jobs: int = 1  # arm runs (train + eval) at once, each in its own process
    variants: Sequence[Arm] = ()  # `parse_variant` arms; each is run whether or not `arms` names it

    def __post_init__(self) -> None:
        names = [v.name for v in self.variants]
        if len(set(names)) != len(names):
            raise ValueError(f"variants: a name is given twice: {', '.join(names)}")
        self.arms = tuple(self.arms) + tuple(n for n in names if n not in self.arms)
        known = {**ARMS, **{v.name: v for v in self.variants}}
        unknown = [a for a in self.arms if a not in known]
        if unknown:
            raise ValueError(f"arms: unknown {', '.join(map(repr, unknown))}; known: {', '.join(known)}")
        if self.seeds < 1:
            raise ValueError(f"seeds: expected >= 1, got {self.seeds}")
        if self.jobs < 1:
            raise ValueError(f"jobs: expected >= 1, got {self.jobs}")

    def arm(self, name: str) -> Arm:
        return next((v for v in self.variants if v.name == name), None) or ARMS[name]

    def bases(self) -> dict[str, str]:
        """Each arm that varies another arm of this plan -> that arm (for the variants table)."""
        return {a: self.arm(a).base for a in self.arms if self.arm(a).base in self.arms}  # type: ignore[misc]

    def threads(self) -> int:
        """torch threads per run when several run at once: the cores split evenly (0: torch's
        default). Oversubscribed OpenMP threads made torch 4-8x slower on a 2-core box."""
        import os

        return max(1, (os.cpu_count() or 1) // self.jobs) if self.jobs > 1 else 0


def bundled_or(name: str, fallback: str) -> str:
    """`name` when it is a bundled prompt set, else `fallback` (reads the manifest only: importing
    rlmr.data costs seconds, and a bad --set should fail before that)."""
    manifest = Path(__file__).resolve().parents[1] / "data" / "bundled" / "manifest.json"
    return name if name in json.loads(manifest.read_text(encoding="utf-8")) else fallback


def cpu_preset(
    out: str | Path,
    *,
    steps: int = 40,
    eval_limit: int = 200,
    samples: int = 4,
    seeds: int = 2,
    max_new_tokens: int | None = None,
    benchmark: str | None = None,
    train_prompts: str | None = None,
    arms: Sequence[str] = tuple(ARMS),
    extra: Sequence[str] = (),
    config: str | None = None,
    variants: Sequence[Arm] = (),
) -> AblationPlan:
    """Every arm, `seeds` seeds, `steps` steps, k samples on the eval split (short-eval when
    bundled, else creative-eval), sampled as in training (its temperature and token limit, unless
    `max_new_tokens` is given). The defaults are a starting budget; time one arm first."""
    from rlmr.train.config import load_config

    bench = benchmark or bundled_or("short-eval", "creative-eval")
    train = train_prompts or bundled_or("short-train", "creative-train")
    overrides = [f"run.steps={steps}", f"data.prompts={train}", "run.save_every=0", "run.progress=false", *extra]
    grpo = load_config(config, overrides).grpo  # a bad override raises ConfigError here, naming it
    command = (
        f"rlmr ablate --preset cpu --steps {steps} --eval-limit {eval_limit} --samples {samples} --seeds {seeds}"
        + (f" --arms {','.join(arms)}" if tuple(arms) != tuple(ARMS) else "")
        + "".join(f" --variant {v.name}={v.base},{','.join(v.extra)}" for v in variants)
    )
    return AblationPlan(
        out=Path(out),
        config=config,
        arms=tuple(arms),
        seeds=seeds,
        overrides=overrides,
        benchmark=bench,
        eval_limit=eval_limit,
        generation=GenerationConfig(
            max_new_tokens=max_new_tokens or grpo.max_completion_length,
            temperature=grpo.temperature if samples > 1 else 0.0,
            samples=samples,
        ),
        command=command,
        variants=tuple(variants),
    )


def run_overrides(plan: AblationPlan, arm: str, seed: int) -> list[str]:
    threads = [f"run.cpu_threads={plan.threads()}"] if plan.threads() else []
    return [*plan.overrides, *plan.arm(arm).overrides(), f"run.seed={seed}", *threads]


def check_plan(plan: AblationPlan) -> None:
    """Validate every run's config before any process starts (a ConfigError names the problem)."""
    from rlmr.train.config import load_config

    for arm in plan.arms:
        load_config(plan.config, run_overrides(plan, arm, 0))


def run_dir(plan: AblationPlan, arm: str, seed: int) -> Path:
    return plan.out / f"{arm}-s{seed}"


def eval_dir(plan: AblationPlan, run: Path) -> Path:
    """Where a run's (or the untrained policy's) eval on the plan's benchmark lives."""
    return run / "eval" / plan.benchmark


def _arm_job(plan: AblationPlan, arm: str, seed: int, baseline: str) -> None:
    """One arm and seed, in its own process: train (unless its final model exists), then evaluate."""
    from rlmr.train.config import load_config
    from rlmr.train.run import train_run

    if plan.threads():
        import torch

        torch.set_num_threads(plan.threads())
    out = run_dir(plan, arm, seed)
    if not (out / "model" / "config.json").is_file():
        train_run(load_config(plan.config, run_overrides(plan, arm, seed)), str(out))
    evaluate_run(plan, str(out), eval_dir(plan, out), baseline)


def run_arms(plan: AblationPlan, baseline: str) -> None:
    """Every (arm, seed) job, at most `plan.jobs` at once, each a spawned process (its memory is
    gone when it ends). A failed job lets the others finish, then raises naming every failure."""
    import time

    ctx = multiprocessing.get_context("spawn")
    todo = [(arm, seed) for arm in plan.arms for seed in range(plan.seeds)]
    running: list[tuple[str, int, Any]] = []
    failed: list[str] = []
    while todo or running:
        while todo and len(running) < plan.jobs:
            arm, seed = todo.pop(0)
            proc = ctx.Process(target=_arm_job, args=(plan, arm, seed, baseline), name=f"{arm}-s{seed}")
            proc.start()
            running.append((arm, seed, proc))
        time.sleep(0.2)
        for job in [j for j in running if not j[2].is_alive()]:
            running.remove(job)
            arm, seed, proc = job
            proc.join()
            if proc.exitcode != 0:
                failed.append(f"{arm} (seed {seed}) into {run_dir(plan, arm, seed)}: exit code {proc.exitcode}")
    if failed:
        raise RuntimeError("ablation runs failed (see their output above): " + "; ".join(failed))


def evaluate_run(plan: AblationPlan, model: str, out: Path, baseline: str | None) -> Path:
    """Evaluate once (kept results are reused); returns the responses file."""
    from rlmr.evaluate.run import EvalRequest, run_eval

    if not (out / "results.json").is_file():
        run_eval(
            EvalRequest(
                benchmark=plan.benchmark,
                model=model,
                baseline=baseline,
                judge=plan.judge,
                limit=plan.eval_limit,
                out=str(out),
                generation=plan.generation,
            )
        )
    return out / "responses.jsonl"


def run_ablation(plan: AblationPlan) -> Path:
    """Train, evaluate and judge every arm; returns the path of `ablation.md`."""
    from rlmr.evaluate.evidence import BASE, markdown, summarize
    from rlmr.evaluate.paired import read_table
    from rlmr.report.arms import plot_arms
    from rlmr.report.html import build_report

    plan = replace(plan, out=Path(plan.out))
    check_plan(plan)
    plan.out.mkdir(parents=True, exist_ok=True)
    base = evaluate_run(plan, _base_model(plan), eval_dir(plan, plan.out / BASE), None)
    run_arms(plan, str(base))
    runs = {arm: [run_dir(plan, arm, s) for s in range(plan.seeds)] for arm in plan.arms}
    responses: dict[str, list[Path]] = {BASE: [base]}
    for arm, dirs in runs.items():
        responses[arm] = [eval_dir(plan, d) / "responses.jsonl" for d in dirs]
    build_report([r for rs in runs.values() for r in rs], plan.out / "report")
    plot_arms(runs, plan.out / "report")  # one line per arm (mean over seeds): readable with many seeds
    summary = summarize(
        {arm: [read_table(p) for p in paths] for arm, paths in responses.items()},
        margin=plan.margin,
        command=plan.command,
        benchmark=plan.benchmark,
        samples=plan.generation.samples,
        seeds=plan.seeds,
        runs={arm: [str(r) for r in rs] for arm, rs in runs.items()},
        bases=plan.bases(),
        variants={v.name: {"arm": v.base, "overrides": list(v.extra)} for v in plan.variants},
    )
    (plan.out / "ablation.json").write_text(json.dumps(summary, indent=2, default=_jsonable) + "\n", encoding="utf-8")
    page = plan.out / "ablation.md"
    page.write_text(markdown(summary), encoding="utf-8")
    return page


def _jsonable(x: Any) -> Any:
    return x.tolist() if hasattr(x, "tolist") else str(x)


def _base_model(plan: AblationPlan) -> str:
    from rlmr.train.config import load_config

    return load_config(plan.config, plan.overrides).policy.model
