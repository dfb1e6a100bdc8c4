"""`rlmr probe`: per-prompt pass probabilities of a policy, before training on a prompt set."""

from __future__ import annotations

from typing import Optional

import typer

EPILOG = """Writes OUT/probe.jsonl (one row per prompt: id, p, passes, k, learnable, mixed_chance),
OUT/summary.json and OUT/samples.jsonl (every response with its verdict). A training config can
keep only learnable prompts with `data.probe=OUT/probe.jsonl` and `data.min_p` / `data.max_p`.

Example:

  rlmr probe --model embedded --prompts short-train --limit 2 --k 2 \\
    --max-new-tokens 16 --out probe-demo
"""


def probe_command(
    model: str = typer.Option("embedded", help="Policy: embedded | a model folder | an `rlmr train` run directory | a hub id."),
    prompts: str = typer.Option("short-train", help="A bundled prompt set (short-train, creative-train, ...) or a prompts file."),
    lang: Optional[str] = typer.Option(None, help="Keep only prompts in this language (en, zh)."),
    max_constraints: Optional[int] = typer.Option(None, min=1, help="Keep only prompts with at most this many constraints."),
    limit: Optional[int] = typer.Option(None, min=1, help="Only the first N prompts (after the filters)."),
    k: int = typer.Option(8, "--k", min=1, help="Samples per prompt."),
    group_size: int = typer.Option(8, min=2, help="G for the expected share of mixed groups."),
    max_new_tokens: int = typer.Option(96, min=1, help="Length budget, as grpo.max_completion_length in training."),
    temperature: float = typer.Option(1.0, min=0.0, help="Sampling temperature, as in training."),
    batch_size: int = typer.Option(16, min=1, help="Responses per generation batch."),
    truncation: str = typer.Option("fail", help="fail: a response cut at the budget is a violator (training's default); keep: verify it as is."),
    seed: int = typer.Option(0, help="Sampling seed."),
    out: str = typer.Option("probe", help="Output folder."),
) -> None:
    """Sample k responses per prompt, verify them, and report how learnable the prompt set is for this policy.

    RLMR's penalty acts only in mixed groups; prompts that always or never pass teach nothing about
    constraints. The table gives the share of learnable prompts (0 < p < 1), the expected share of mixed
    groups for G, and the pass rate per constraint id.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from rlmr.data import DataError, load_prompts
    from rlmr.evaluate.probe import TRUNCATION_RULES, probe

    if truncation not in TRUNCATION_RULES:
        raise typer.BadParameter(f"expected one of {', '.join(TRUNCATION_RULES)}, got {truncation!r}", param_hint="--truncation")
    if lang not in (None, "en", "zh"):
        raise typer.BadParameter(f"expected en or zh, got {lang!r}", param_hint="--lang")
    from rlmr.cli.common import check_model

    check_model(model, "--model")  # a typo'd path: one line now, not a traceback after the hub
    try:
        records = load_prompts(prompts)
    except (DataError, KeyError, ValueError, OSError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    records = [r for r in records if (lang is None or r.lang == lang)
               and (max_constraints is None or len(r.constraints) <= max_constraints)]
    records = records[:limit] if limit else records
    if not records:
        typer.echo(f"error: {prompts}: no prompts left after the filters", err=True)
        raise typer.Exit(2)
    console = Console(stderr=True)
    with Progress(TextColumn("probe"), BarColumn(), TextColumn("{task.completed}/{task.total} responses"),
                  TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("probe", total=len(records) * k)
        result = probe(model, records, k=k, group_size=group_size, max_new_tokens=max_new_tokens,
                       temperature=temperature, batch_size=batch_size, seed=seed, truncation=truncation,
                       on_batch=lambda done, total: bar.update(task, completed=done))
    folder = result.write(out)
    s = result.summary()
    table = Table(title=f"rlmr probe: {len(records)} prompts x {k} samples, G={group_size}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in ("pass_rate", "learnable", "never_pass", "always_pass", "expected_mixed", "truncated"):
        table.add_row(key, f"{s[key]:.3f}")
    per = Table(title="pass rate per constraint id")
    per.add_column("constraint")
    per.add_column("pass rate", justify="right")
    per.add_column("samples", justify="right")
    for cid, row in s["constraints"].items():
        per.add_row(cid, f"{row['pass_rate']:.3f}", str(row["samples"]))
    out_console = Console(width=80)
    out_console.print(table)
    out_console.print(per)
    typer.echo(f"wrote {folder}/probe.jsonl, summary.json and samples.jsonl")


def register(app: typer.Typer) -> None:
    app.command("probe", epilog=EPILOG)(probe_command)
