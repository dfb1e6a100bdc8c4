"""`rlmr data synth | validate | stats | export`: make, check, describe and convert prompt files."""

from __future__ import annotations

import json
from typing import Optional

import typer

data_app = typer.Typer(
    name="data",
    help="Prompt data: synthesise constrained writing prompts, validate files, print statistics, export to other engines.",
    epilog="Each subcommand's --help ends with its own example.\nExample:\n\n  rlmr data stats creative-train\n",
    no_args_is_help=True,
)

SYNTH_EPILOG = """Example:

  rlmr data synth --n 200 --lang mix --seed 7 --out prompts.jsonl

  rlmr data synth --n 200 --lang en --ifbench-share 0.3 \\
    --out prompts-ifbench.jsonl
"""
VALIDATE_EPILOG = """Rows without a "constraints" field get the constraints read from their prompt
text (meta.constraints_source = "extracted"); --cross-check warns where a row's constraints and
its prompt text disagree.

Example:

  rlmr data synth --n 20 --seed 7 --out prompts.jsonl
  rlmr data validate prompts.jsonl --cross-check --out clean.jsonl
"""
EXPORT_EPILOG = """verl's columns: data_source, prompt (chat messages), ability, reward_model.ground_truth (the constraint specs as JSON) and extra_info (index, id, prompt text, lang, genre, source, split). Train on it with algorithm.adv_estimator=rlmr and the rlmr reward function (docs/scaling.md, section verl).

Example:

  rlmr data export creative-train --format verl --out train.parquet
"""
STATS_EPILOG = """Example:

  rlmr data stats creative-train
"""


@data_app.command("synth", epilog=SYNTH_EPILOG)
def synth_command(
    n: int = typer.Option(100, "--n", min=1, help="Number of prompts."),
    lang: str = typer.Option("mix", help="en, zh or mix."),
    seed: int = typer.Option(0, help="Random seed: the same seed gives the same file."),
    split: str = typer.Option("train", help="Topic list: train or eval (disjoint topics)."),
    out: str = typer.Option(..., help="Output JSONL file."),
    ifbench_share: float = typer.Option(
        0.0, min=0.0, max=1.0, help="Share of English prompts that also get one IFBench writing constraint (unique words, conjunctions, pronouns, no repeats, stairs, title case)."
    ),
) -> None:
    """Write N deterministic writing prompts with 1-3 hard constraints each, stated in the prompt."""
    from rlmr.cli.common import check_output_file
    from rlmr.data import write_jsonl
    from rlmr.data.synth import synthesize

    check_output_file(out)
    try:
        records = synthesize(n, lang, seed, split, ifbench_share)
    except ValueError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    write_jsonl([r.to_dict() for r in records], out)
    typer.echo(f"wrote {len(records)} prompts to {out}")


@data_app.command("validate", epilog=VALIDATE_EPILOG)
def validate_command(
    file: str = typer.Argument(..., help="JSONL, JSON, CSV, Parquet, a datasets folder, or a bundled name."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Drop bad rows (and say how many) instead of failing."),
    out: Optional[str] = typer.Option(None, help="Write the valid records to this JSONL file."),
    cross_check: bool = typer.Option(False, "--cross-check", help="Warn (FILE:LINE) where a row's constraints disagree with its prompt text."),
) -> None:
    """Check every row; print each problem as FILE:LINE: FIELD: reason and exit 1 if any."""
    from rlmr.cli.common import check_output_file
    from rlmr.data import check_file, write_jsonl

    check_output_file(out)
    try:
        checked = check_file(file, cross_check=cross_check)
    except (OSError, ValueError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    for problem in checked.problems:
        typer.echo(str(problem), err=True)
    for warning in checked.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if checked.n_extracted:
        typer.echo(f"{checked.n_extracted} row(s) without constraints got them from their prompt text", err=True)
    if out:
        write_jsonl([r.to_dict() for r in checked.records], out)
    valid = len(checked.records)
    if checked.problems and not skip_invalid:
        typer.echo(f"{checked.n_invalid} invalid row(s) of {checked.n_rows}; {valid} valid", err=True)
        raise typer.Exit(1)
    dropped = f"; dropped {checked.n_invalid} invalid row(s)" if checked.problems else ""
    typer.echo(f"{valid} valid prompt(s) of {checked.n_rows}{dropped}")


@data_app.command("stats", epilog=STATS_EPILOG)
def stats_command(
    file: str = typer.Argument(..., help="A prompt file or bundled name."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Describe the valid rows of a file with bad ones."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of tables."),
) -> None:
    """Counts by language, genre, constraint id, and prompt length."""
    from rlmr.data import DataError, load_prompts
    from rlmr.data.stats import describe

    try:
        summary = describe(load_prompts(file, skip_invalid=skip_invalid))
    except (DataError, OSError, ValueError, KeyError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(summary, ensure_ascii=False, indent=2))
        return
    _print_tables(summary)


@data_app.command("export", epilog=EXPORT_EPILOG)
def export_command(
    file: str = typer.Argument(..., help="A prompt file (JSONL, JSON, CSV, Parquet, datasets folder) or a bundled name."),
    fmt: str = typer.Option("verl", "--format", help="Target format: verl (a parquet file for verl's RLHFDataset)."),
    out: str = typer.Option(..., help="Output file (.parquet)."),
    data_source: str = typer.Option("rlmr", help="The data_source column (verl groups validation metrics by it)."),
    split: str = typer.Option("train", help="Written to extra_info.split."),
    system: Optional[str] = typer.Option(None, help="A system message put before every prompt."),
    skip_invalid: bool = typer.Option(False, "--skip-invalid", help="Drop bad rows (and say how many) instead of failing."),
) -> None:
    """Convert a prompt set to another engine's dataset format (verl's parquet schema)."""
    from pathlib import Path

    from rlmr.data import DataError, load_prompts
    from rlmr.data.export import FORMATS, verl_rows, write_parquet

    def fail(message: str) -> None:
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(2)

    if fmt not in FORMATS:
        fail(f"--format: unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if not Path(out).resolve().parent.is_dir():
        fail(f"--out {out}: the folder {Path(out).parent} does not exist")
    try:
        records = load_prompts(file, skip_invalid=skip_invalid)
    except DataError as exc:
        first = exc.problems[0] if exc.problems else exc
        more = f" (and {len(exc.problems) - 1} more problem(s); rlmr data validate {file} lists them)" if len(exc.problems) > 1 else ""
        fail(f"{first}{more}")
    except (OSError, ValueError, KeyError) as exc:
        fail(str(exc).splitlines()[0])
    if not records:
        fail(f"{file}: no valid prompt to export")
    try:
        write_parquet(verl_rows(records, data_source=data_source, split=split, system=system), out)
    except ImportError:
        fail("writing parquet needs pyarrow: pip install 'rlmr[data]'")
    except OSError as exc:
        fail(f"--out {out}: {exc}")
    typer.echo(f"wrote {len(records)} prompts to {out} (verl parquet)")


def _print_tables(summary: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=120)
    console.print(f"[bold]{summary['prompts']}[/bold] prompts")
    for key in ("lang", "genre", "source", "constraint", "constraints_per_prompt"):
        table = Table(key, "prompts" if key != "constraint" else "uses", "share")
        total = sum(summary[key].values()) or 1
        for name, n in summary[key].items():
            table.add_row(str(name), str(n), f"{100 * n / total:.1f}%")
        console.print(table)
    table = Table("lang", "unit", "min", "median", "mean", "max", title="prompt length")
    for lang, s in summary["prompt_length"].items():
        table.add_row(lang, s["unit"], str(s["min"]), str(s["median"]), str(s["mean"]), str(s["max"]))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(data_app, name="data")
