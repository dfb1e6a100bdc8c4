"""`rlmr report` and `rlmr ablate`: look at runs, or make the set to look at (`rlmr compare`: compare.py)."""

from __future__ import annotations

from typing import List, Optional, Sequence

import typer

REPORT_EPILOG = """Examples:

  rlmr report runs/writing runs/rlmr --out report   # runs overlaid

One smoke run, then its report (RUN/report/index.html):

  rlmr train --config configs/tiny.yaml --out runs/tiny
  rlmr report runs/tiny
"""


def report_command(
    runs: List[str] = typer.Argument(..., help="One or more run directories of `rlmr train`."),
    out: Optional[str] = typer.Option(None, help="Output folder (default: RUN/report for one run, ./report otherwise)."),
) -> None:
    """Write one self-contained HTML page (and its PNG plots) that answers "did training help?".

    The page opens with trained vs untrained on the same eval prompts: differences in pass rate,
    satisfied share, writing score and length with paired 95% intervals (from RUN/eval/NAME/compare.json,
    or computed from NAME/responses.jsonl and its baseline's), a per-constraint chart and the first
    prompts answered side by side. Then the training dynamics (runs overlaid by strategy), the
    last-step metrics, every eval and example samples. See docs/report.md.
    """
    from pathlib import Path

    from rlmr.report.html import build_report
    from rlmr.report.rundir import RunDirError

    target = Path(out) if out else (Path(runs[0]) / "report" if len(runs) == 1 else Path("report"))
    try:
        page = build_report(runs, target)
    except RunDirError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {page} (plots as PNG beside it)")


ABLATE_EPILOG = """Arms: writing, verify, linear, rlmr (all_fail zero), rlmr-partial,
rlmr-writing. Each arm is trained once per seed and evaluated with --samples
responses per prompt. ablation.md holds the table (95% paired bootstrap
intervals over prompts) and a verdict per claim: 1. RLMR's pass rate >
writing-only's; 2. RLMR's writing score >= verify-only's (--margin);
3. RLMR avoids writing-only's length hacking. See docs/ablation.md.

--preset cpu: every arm, 2 seeds, 40 steps, 200 eval prompts x 4 samples at
the training temperature and token limit (the size options override it).
Without a preset: the four strategies, one seed, 32 prompts, greedy.
--jobs 2 runs two arms at once, the cores split between them.
--variant NAME=ARM,key=value,... adds an arm: ARM with config overrides of
its own (e.g. rlmr-floor=rlmr,reward.length_floor=fail), trained into
OUT/NAME-s<seed>/ and shown minus ARM in the variants table. A finished run
is not trained again: rerun with more --seeds to add seeds.

Example (a tiny run that checks the pipeline; its numbers mean nothing): rlmr
and a variant of it that fails answers below their length floor.

  rlmr ablate --preset cpu --out /tmp/ablation-tiny --arms rlmr \\
    --variant rlmr-floor=rlmr,reward.length_floor=fail \\
    --seeds 1 --steps 1 --eval-limit 2 --samples 2 --max-new-tokens 16 \\
    --set grpo.batch_size=4 --set grpo.num_generations=2 \\
    --set grpo.max_completion_length=16
"""


def ablate_command(
    out: str = typer.Option("runs/ablation", help="Folder for the runs, their evals, the report and ablation.md."),
    preset: Optional[str] = typer.Option(None, help="cpu: every arm, seeds, a longer budget and sampled eval (see below)."),
    arms: Optional[str] = typer.Option(None, help="Comma-separated arms (default: the preset's, else the four strategies)."),
    strategies: Optional[str] = typer.Option(None, hidden=True, help="Old name of --arms."),
    seeds: Optional[int] = typer.Option(None, min=1, help="Training seeds per arm (preset cpu: 2, else 1)."),
    steps: Optional[int] = typer.Option(None, min=1, help="Training steps per run (preset cpu: 40, else the config's)."),
    samples: Optional[int] = typer.Option(None, min=1, help="Eval responses per prompt (preset cpu: 4 at temperature 1, else 1 greedy)."),
    config: Optional[str] = typer.Option(None, help="A train YAML shared by every run."),
    overrides: List[str] = typer.Option([], "--set", help="key=value for every run (e.g. run.steps=10)."),
    benchmark: Optional[str] = typer.Option(None, help="Eval prompts (default: short-eval when bundled, else creative-eval)."),
    eval_limit: Optional[int] = typer.Option(None, min=1, help="Eval prompts used, the first N (preset cpu: 200, else 32)."),
    judge: str = typer.Option("proxy", help="Judge for the win rate against the untrained policy."),
    margin: float = typer.Option(0.0, min=0.0, help="Claim 2's non-inferiority margin in writing-score units."),
    max_new_tokens: Optional[int] = typer.Option(
        None, min=1, help="Eval generation length limit (preset cpu: the training limit, else 96)."
    ),
    jobs: int = typer.Option(1, min=1, help="Runs (train + eval) at once, the CPU cores split between them."),
    variant: List[str] = typer.Option(
        [], "--variant", help="NAME=ARM,key=value,...: an extra arm, ARM with these overrides (repeatable)."
    ),
) -> None:
    """Train every arm on the same prompts and budget, evaluate each, and judge the paper's claims."""
    from dataclasses import replace

    from rlmr.cli.common import fail
    from rlmr.evaluate.ablate import STRATEGY_ARMS, AblationPlan, bundled_or, cpu_preset, parse_variant, run_ablation
    from rlmr.evaluate.generate import GenerationConfig

    try:
        variants = [parse_variant(v) for v in variant]
    except ValueError as exc:
        fail(f"--variant: {exc}")
    chosen = arms or strategies
    arm_list = check_arms(chosen, "--arms" if arms else "--strategies", [v.name for v in variants]) if chosen else None
    try:
        if preset == "cpu":
            sizes = {k: v for k, v in (("steps", steps), ("eval_limit", eval_limit), ("samples", samples), ("seeds", seeds)) if v}
            plan = cpu_preset(out, max_new_tokens=max_new_tokens, benchmark=benchmark, extra=list(overrides),
                              config=config, variants=variants, **({"arms": arm_list} if arm_list else {}), **sizes)
            plan = replace(plan, judge=judge, margin=margin, jobs=jobs,
                           command=plan.command + "".join(f" --set {o}" for o in overrides)
                           + (f" --jobs {jobs}" if jobs > 1 else "") + f" --out {out}")
        elif preset is None:
            k = samples or 1
            plan = AblationPlan(
                out=out,  # type: ignore[arg-type]
                arms=arm_list or STRATEGY_ARMS,
                seeds=seeds or 1,
                config=config,
                overrides=[*overrides, *([f"run.steps={steps}"] if steps else [])],
                benchmark=benchmark or bundled_or("short-eval", "creative-eval"),
                eval_limit=eval_limit or 32,
                judge=judge,
                margin=margin,
                jobs=jobs,
                generation=GenerationConfig(max_new_tokens=max_new_tokens or 96, temperature=1.0 if k > 1 else 0.0, samples=k),
                variants=variants,
            )
        else:
            raise ValueError(f"preset: expected cpu, got {preset!r}")
        page = run_ablation(plan)
    except ValueError as exc:  # ConfigError, DataError, RunDirError, PairingError: all name the problem
        fail(str(exc))
    typer.echo(page.read_text(encoding="utf-8"))
    typer.echo(f"wrote {page}, {out}/ablation.json and {out}/report/index.html")


def check_arms(text: str, option: str, variants: Sequence[str] = ()) -> list[str]:
    """The comma-separated arm names (built-in or a --variant's), each known and given once; else
    a one-line error (rc 2) before the first run trains or the base model is evaluated."""
    import difflib

    from rlmr.cli.common import fail
    from rlmr.evaluate.ablate import ARMS

    known = [*ARMS, *variants]
    names = [s.strip() for s in text.split(",") if s.strip()]
    if not names:
        fail(f"{option}: empty; choose from {', '.join(known)}")
    for name in names:
        if name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(f"{option}: unknown arm {name!r}{hint}; choose from {', '.join(known)}")
    if len(set(names)) != len(names):
        fail(f"{option}: {text!r} names an arm twice")
    return names


def register(app: typer.Typer) -> None:
    app.command("report", epilog=REPORT_EPILOG)(report_command)
    app.command("ablate", epilog=ABLATE_EPILOG)(ablate_command)
