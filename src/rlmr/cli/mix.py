"""`rlmr mix`: run the reward-mixing rule on a file of scored responses and show what it did."""

from __future__ import annotations

import math
from typing import Optional

import typer

EPILOG = """Rows: JSON objects or CSV columns group, writing_score (null/empty = missing), passed, satisfied (optional).

Without a group field, rows come in consecutive groups of --group-size.

Example:

  printf '%s\\n' '{"group":"p1","writing_score":0.9,"passed":false}' \\
    '{"group":"p1","writing_score":0.5,"passed":true}' \\
    '{"group":"p1","writing_score":0.7,"passed":true}' \\
    '{"group":"p1","writing_score":0.2,"passed":false}' > scored.jsonl
  rlmr mix scored.jsonl --out mixed.csv
"""


def _fmt(x: float) -> str:
    return "-" if math.isnan(x) else f"{x:.4g}"


def _print(rows, records: list[dict], result, shown: int) -> None:
    """Rich tables: the responses (first `shown`), the groups (in file order), the metrics."""
    from rich.console import Console
    from rich.table import Table

    from rlmr.mixing import GroupKind

    console = Console(width=120)
    table = Table(title=f"responses ({result.strategy})")
    has_sat = rows.satisfied is not None
    for col in ["line", "group", "score", "passed"] + (["satisfied"] if has_sat else []) + ["reward", "advantage"]:
        table.add_column(col, justify="left" if col == "group" else "right")
    for i, rec in enumerate(records[:shown]):
        sat = [_fmt(rec["satisfied"])] if has_sat else []
        cells = [str(rows.lines[i]), rec["group"], _fmt(rows.writing_scores[i]), "yes" if rec["passed"] else "no"]
        table.add_row(*cells, *sat, _fmt(result.rewards[i]), f"{round(result.advantages[i], 4) + 0.0:+.4f}")  # + 0.0: no "-0.0000"
    console.print(table)
    if len(rows.lines) > shown:
        console.print(f"... {len(rows.lines) - shown} more rows (--rows N to show more)")
    grp = result.groups
    groups = Table(title="groups")
    for col in ("group", "kind", "valid", "passed", "delta*", "gamma", "delta", "max violator adv"):
        groups.add_column(col, justify="left" if col in ("group", "kind") else "right")
    first_row = {}
    for i, rec in enumerate(records):
        first_row.setdefault(rec["group"], i)
    for g in sorted(range(len(grp)), key=lambda g: first_row.get(str(grp.group_id[g]), g)):
        groups.add_row(
            str(grp.group_id[g]), GroupKind(int(grp.kind[g])).label, str(grp.n_valid[g]), str(grp.n_passed[g]),
            _fmt(grp.delta_star[g]), _fmt(grp.gamma[g]), _fmt(grp.delta[g]), _fmt(grp.max_violator_advantage[g]),
        )
    console.print(groups)
    metrics = Table(title="metrics (MixResult.log)")
    metrics.add_column("key")
    metrics.add_column("value", justify="right")
    for key, value in result.log(prefix="").items():
        metrics.add_row(key, _fmt(value))
    console.print(metrics)


def mix_command(
    file: str = typer.Argument(..., help="JSONL (or .csv) rows: group, writing_score, passed[, satisfied]."),
    group_size: Optional[int] = typer.Option(None, "--group-size", "-g", min=1, help="Rows are consecutive groups of G (when there is no group field)."),
    strategy: str = typer.Option("rlmr", help="rlmr, writing, verify, linear or normalize_then_sum."),
    margin: float = typer.Option(0.1, help="rlmr: margin gamma as a fraction of the group's score range."),
    margin_floor: float = typer.Option(1e-3, help="rlmr: gamma in score units for groups whose scores are all equal."),
    all_fail: str = typer.Option("zero", help="rlmr groups where nobody passed: zero (advantage 0), partial (needs satisfied) or writing (rank by writing score)."),
    scale_std: bool = typer.Option(True, "--scale-std/--no-scale-std", help="Divide by the group's std (GRPO) or not (Dr. GRPO)."),
    w_score: float = typer.Option(1.0, help="linear / normalize_then_sum: weight of the writing score."),
    w_verify: float = typer.Option(1.0, help="linear / normalize_then_sum: weight of the verifier."),
    out: Optional[str] = typer.Option(None, help="Write the rows with reward and advantage to this .jsonl or .csv."),
    rows_shown: int = typer.Option(40, "--rows", min=0, help="How many rows to print."),
) -> None:
    """Mix writing scores and constraint verdicts into rewards and GRPO advantages, group by group."""
    from rlmr.mixing import mix
    from rlmr.mixing.rows import MixInputError, output_records, read_rows, write_records

    try:
        rows = read_rows(file)
        if rows.groups is None and group_size is None:
            raise MixInputError(f"{file}:{rows.lines[0]}: group: missing; add a group field or give --group-size")
        result = mix(
            rows.writing_scores, rows.passed, group_size=group_size, group_ids=rows.groups, strategy=strategy,
            satisfied=rows.satisfied, margin=margin, margin_floor=margin_floor, all_fail=all_fail,
            scale_std=scale_std, weights=(w_score, w_verify),
        )
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    records = output_records(rows, result, group_size)
    _print(rows, records, result, rows_shown)
    if out:
        write_records(out, records)
        typer.echo(f"wrote {len(records)} rows to {out}")


def register(app: typer.Typer) -> None:
    app.command("mix", epilog=EPILOG)(mix_command)
