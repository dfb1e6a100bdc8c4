"""`rlmr compare A B`: paired differences B - A with bootstrap intervals, or runs side by side."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Optional

import typer

EPILOG = """Pairs the responses by prompt (text and constraints), averages each
prompt's samples, and bootstraps over prompts: `diff` is B - A, lo..hi its
95% interval. An interval that excludes 0 is a difference these prompts
resolve. A and B: responses.jsonl files of `rlmr eval`, eval folders, or run
directories (--benchmark when a run has several evals). Without responses on
both sides, the last-step metrics are shown side by side (unpaired).

Example:

  rlmr eval --benchmark none --responses tests/fixtures/compare/base.jsonl \\
    --scorer none --out /tmp/cmp/base
  rlmr eval --benchmark none --responses tests/fixtures/compare/cand.jsonl \\
    --scorer none --out /tmp/cmp/cand
  rlmr compare /tmp/cmp/base /tmp/cmp/cand --out /tmp/cmp/compare.json
"""

LABELS = {"pass_rate": "pass rate", "satisfied": "satisfied fraction", "writing_score": "writing score", "words": "length (words)"}


def paired_table(result: dict[str, Any]) -> Any:
    """A rich Table of a paired comparison (the `rlmr compare` JSON)."""
    from rich.markup import escape
    from rich.table import Table

    pct = round(100 * result["confidence"])
    title = f"A = {result['a']}\nB = {result['b']}\n{result['n_paired']} paired prompts"
    table = Table(title=title)
    for col in ("metric", "A", "B", "B - A", f"{pct}% interval"):
        table.add_column(col, justify="left" if col == "metric" else "right")
    for key, m in result["metrics"].items():
        table.add_row(LABELS.get(key, key), _num(m["a"]), _num(m["b"]), _num(m["diff"], "+"), escape(f"[{_num(m['lo'], '+')}, {_num(m['hi'], '+')}]"))
    return table


def unpaired_note(result: dict[str, Any]) -> str | None:
    if not (result["unpaired_a"] or result["unpaired_b"]):
        return None
    ids = ", ".join(result["unpaired_ids"])
    return f"unpaired prompts: {result['unpaired_a']} only in A, {result['unpaired_b']} only in B (left out): {ids}"


def _num(x: float, sign: str = "") -> str:
    return "nan" if x != x else f"{x:{sign}.4g}"


def compare_command(
    a: str = typer.Argument(..., help="A, the baseline: a responses.jsonl, an eval folder or a run directory."),
    b: str = typer.Argument(..., help="B, the candidate: same kinds as A."),
    out: Optional[str] = typer.Option(None, help="Write the paired comparison as JSON here (schema: docs/evaluation.md)."),
    benchmark: Optional[str] = typer.Option(None, help="Which eval of a run directory (RUN/eval/<benchmark>)."),
    resamples: int = typer.Option(2000, min=100, help="Bootstrap resamples."),
    seed: int = typer.Option(0, help="Bootstrap seed (same seed, same interval)."),
) -> None:
    """Compare two evaluations on the same prompts: pass rate, satisfied fraction, writing score and
    length, each as B - A with a paired bootstrap 95% interval over prompts."""
    from rich.console import Console

    from rlmr.evaluate.paired import PairingError, compare_files, find_responses

    sides = [find_responses(p, benchmark) for p in (a, b)]
    for path, found in zip((a, b), sides):
        if isinstance(found, list):
            _fail(f"{path}: several evals ({', '.join(found)}): choose one with --benchmark")
    if any(found is None for found in sides):
        if out or benchmark:
            missing = next(p for p, f in zip((a, b), sides) if f is None)
            where = f"eval/{benchmark}/responses.jsonl" if benchmark else "responses.jsonl"
            _fail(f"{missing}: no {where} to pair (run `rlmr eval` on it first)")
        _side_by_side(a, b)
        return
    try:
        result = compare_files(sides[0], sides[1], resamples=resamples, seed=seed)  # type: ignore[arg-type]
    except PairingError as exc:
        _fail(str(exc))
    result["a"], result["b"] = a, b
    Console(width=140).print(paired_table(result))
    note = unpaired_note(result)
    if note:
        typer.echo(note)
    if out:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        Path(out).write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        typer.echo(f"wrote {out}")


def _side_by_side(a: str, b: str) -> None:
    from rich.console import Console

    from rlmr.report.compare import render_table
    from rlmr.report.rundir import RunDirError

    try:
        table = render_table(a, b)
    except RunDirError as exc:
        _fail(str(exc))
    typer.echo("no responses on both sides: metrics side by side, unpaired and without intervals")
    Console(width=140).print(table)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    app.command("compare", epilog=EPILOG)(compare_command)
