"""`rlmr report` and `rlmr ablate`: look at runs, or make the set to look at (`rlmr compare`: compare.py)."""

from __future__ import annotations

from typing import List, Optional

import typer

REPORT_EPILOG = """Example:

  rlmr report runs/writing runs/rlmr --out report
"""


def report_command(
    runs: List[str] = typer.Argument(..., help="One or more run directories of `rlmr train`."),
    out: Optional[str] = typer.Option(None, help="Output folder (default: RUN/report for one run, ./report otherwise)."),
) -> None:
    """Plot the training dynamics of runs (overlaid by strategy) and write one self-contained HTML page."""
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


ABLATE_EPILOG = """Example:

  rlmr ablate --out runs/ablation --set run.steps=10 --eval-limit 16
"""


def ablate_command(
    out: str = typer.Option("runs/ablation", help="Folder for the runs, their evals, the report and ablation.md."),
    strategies: str = typer.Option("writing,verify,linear,rlmr", help="Comma-separated strategies to train."),
    config: Optional[str] = typer.Option(None, help="A train YAML shared by every run."),
    overrides: List[str] = typer.Option([], "--set", help="key=value for every run (e.g. run.steps=10)."),
    benchmark: str = typer.Option("creative-eval", help="Eval prompts (a bundled name or a file)."),
    eval_limit: int = typer.Option(32, min=1, help="Eval prompts used (the first N)."),
    judge: str = typer.Option("proxy", help="Judge for the win rate against the untrained policy."),
    max_new_tokens: int = typer.Option(96, min=1, help="Eval generation length limit."),
) -> None:
    """Train every strategy on the same seed, prompts and budget, evaluate each, and write one report."""
    from rlmr.evaluate.ablate import AblationPlan, run_ablation
    from rlmr.evaluate.generate import GenerationConfig

    plan = AblationPlan(
        out=out,  # type: ignore[arg-type]
        strategies=[s.strip() for s in strategies.split(",") if s.strip()],
        config=config,
        overrides=list(overrides),
        benchmark=benchmark,
        eval_limit=eval_limit,
        judge=judge,
        generation=GenerationConfig(max_new_tokens=max_new_tokens),
    )
    try:
        page = run_ablation(plan)
    except ValueError as exc:  # ConfigError, DataError, RunDirError: all name the problem
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"wrote {page} and {out}/ablation.md")


def register(app: typer.Typer) -> None:
    app.command("report", epilog=REPORT_EPILOG)(report_command)
    app.command("ablate", epilog=ABLATE_EPILOG)(ablate_command)
