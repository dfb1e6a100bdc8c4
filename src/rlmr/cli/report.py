"""`rlmr report`, `rlmr compare` and `rlmr ablate`: look at runs, side by side, or make the set to look at."""

from __future__ import annotations

from typing import List, Optional

import typer

REPORT_EPILOG = """Examples:

  rlmr report runs/writing runs/rlmr --out report   # runs overlaid

One smoke run, then its report (RUN/report/index.html):

  rlmr train --config configs/tiny.yaml --out runs/tiny
  rlmr report runs/tiny
"""

COMPARE_EPILOG = """Examples:

  rlmr compare runs/writing runs/rlmr

The untrained and the smoke-trained model on the same two prompts:

  rlmr train --config configs/tiny.yaml --out runs/tiny
  rlmr eval --model embedded --benchmark creative-eval --limit 2 \\
    --max-new-tokens 16 --scorer none --out eval/tiny
  rlmr eval --model runs/tiny --benchmark creative-eval --limit 2 \\
    --max-new-tokens 16 --scorer none
  rlmr compare eval/tiny runs/tiny/eval/creative-eval
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


def compare_command(
    a: str = typer.Argument(..., help="Run directory, eval folder or results.json (A)."),
    b: str = typer.Argument(..., help="Run directory, eval folder or results.json (B)."),
) -> None:
    """Print two runs' last-step training metrics and eval results side by side, with B - A."""
    from rich.console import Console

    from rlmr.report.compare import render_table
    from rlmr.report.rundir import RunDirError

    try:
        table = render_table(a, b)
    except RunDirError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    Console(width=140).print(table)


ABLATE_EPILOG = """Examples:

  rlmr ablate --out runs/ablation --set run.steps=10 --eval-limit 16

A smoke ablation of two strategies (two one-step runs, three evals):

  rlmr ablate --config configs/tiny.yaml --strategies verify,rlmr \\
    --eval-limit 2 --max-new-tokens 16 --out runs/tiny-ablation
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
    from rlmr.cli.common import fail
    from rlmr.evaluate.ablate import AblationPlan, run_ablation
    from rlmr.evaluate.generate import GenerationConfig

    names = check_strategies(strategies)
    plan = AblationPlan(
        out=out,  # type: ignore[arg-type]
        strategies=names,
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
        fail(str(exc))
    typer.echo(f"wrote {page} and {out}/ablation.md")


def check_strategies(text: str) -> list[str]:
    """The comma-separated strategy names, each known and given once; else a one-line error (rc 2)
    before the first run trains or the base model is evaluated."""
    import difflib

    from rlmr.cli.common import fail
    from rlmr.train.config import STRATEGIES

    names = [s.strip() for s in text.split(",") if s.strip()]
    if not names:
        fail(f"--strategies: empty; choose from {', '.join(STRATEGIES)}")
    for name in names:
        if name not in STRATEGIES:
            close = difflib.get_close_matches(name, STRATEGIES, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            fail(f"--strategies: unknown strategy {name!r}{hint}; choose from {', '.join(STRATEGIES)}")
    if len(set(names)) != len(names):
        fail(f"--strategies: {text!r} names a strategy twice")
    return names


def register(app: typer.Typer) -> None:
    app.command("report", epilog=REPORT_EPILOG)(report_command)
    app.command("compare", epilog=COMPARE_EPILOG)(compare_command)
    app.command("ablate", epilog=ABLATE_EPILOG)(ablate_command)
