"""`rlmr report`, `rlmr compare` and `rlmr ablate`: look at runs, side by side or all at once."""

from __future__ import annotations

from typing import List, Optional

import typer

REPORT_EPILOG = """Example:

  rlmr report runs/writing runs/rlmr --out report
"""

COMPARE_EPILOG = """Example:

  rlmr compare runs/writing runs/rlmr
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


def register(app: typer.Typer) -> None:
    app.command("report", epilog=REPORT_EPILOG)(report_command)
    app.command("compare", epilog=COMPARE_EPILOG)(compare_command)
