"""`rlmr verify`: check responses against their constraints (IFEval strict or loose) and show
the pass rates per constraint id; or check one text; or list every constraint id."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

EPILOG = """Prompt rows carry `prompt` and either `constraints` (a list of {"id": ..., kwargs})
or IFEval's `instruction_id_list` + `kwargs`. Response rows carry `prompt` and `response`;
they are joined on the prompt text, as IFEval does. Exit code of --text: 0 passed, 1 failed.

Examples:

  rlmr verify --list

  rlmr verify --text 'Hello world.' \\
    --constraint '{"id": "punctuation:no_comma"}'

  printf '{"prompt": "Say hi.", "constraints": [%s]}\\n' \\
    '{"id": "punctuation:no_comma"}' > p.jsonl
  printf '{"prompt": "Say hi.", "response": "%s"}\\n' 'Hi there' > r.jsonl
  rlmr verify --prompts p.jsonl --responses r.jsonl --mode loose --out v.jsonl
"""


class InputError(ValueError):
    """A row of an input file is unusable; the message names the file, line and field."""


def _read_jsonl(path: Path) -> list[tuple[int, dict]]:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    from rlmr.jsonl import iter_objects

    return list(iter_objects(path, InputError))


def _specs(path: Path, line_no: int, row: dict) -> list[dict]:
    """A prompt row's constraint specs, checked now so errors name the row and field."""
    from rlmr.constraints import ConstraintError, build

    if "constraints" in row:
        specs, field = row["constraints"], "constraints"
        if not isinstance(specs, list):
            raise InputError(f"{path}:{line_no}: constraints: expected a list, got {type(specs).__name__}")
    elif "instruction_id_list" in row:
        ids, kwargs = row["instruction_id_list"], row.get("kwargs") or [{} for _ in row["instruction_id_list"]]
        if not isinstance(ids, list) or not isinstance(kwargs, list) or len(ids) != len(kwargs):
            raise InputError(f"{path}:{line_no}: instruction_id_list and kwargs must be lists of equal length")
        specs, field = [{"id": i, **(k or {})} for i, k in zip(ids, kwargs)], "instruction_id_list"
    else:
        raise InputError(f"{path}:{line_no}: needs 'constraints' or 'instruction_id_list'")
    for n, spec in enumerate(specs):
        try:
            build(spec)
        except ConstraintError as exc:
            raise InputError(f"{path}:{line_no}: {field}[{n}]: {exc}") from None
    return specs


def load_jobs(prompts: Path, responses: Path) -> list[tuple[dict, dict, list[dict]]]:
    """(prompt row, response row, specs) for every response, joined on the prompt text."""
    by_prompt: dict[str, list[dict]] = {}
    for line_no, row in _read_jsonl(prompts):
        if not isinstance(row.get("prompt"), str):
            raise InputError(f"{prompts}:{line_no}: prompt: expected a string")
        by_prompt[row["prompt"]] = _specs(prompts, line_no, row)
    jobs = []
    for line_no, row in _read_jsonl(responses):
        for field in ("prompt", "response"):
            if not isinstance(row.get(field), str):
                raise InputError(f"{responses}:{line_no}: {field}: expected a string")
        if row["prompt"] not in by_prompt:
            raise InputError(f"{responses}:{line_no}: prompt: not found in {prompts} ({row['prompt'][:60]!r})")
        jobs.append((row, by_prompt[row["prompt"]]))
    return jobs


def _summary(verdicts) -> None:
    from rich.console import Console
    from rich.table import Table

    per_id: dict[str, list[int]] = {}
    for verdict in verdicts:
        for result in verdict.results:
            counts = per_id.setdefault(result.id, [0, 0])
            counts[0] += result.passed
            counts[1] += 1
    table = Table(title=f"constraints ({verdicts[0].mode if verdicts else 'strict'})")
    for col in ("constraint id", "passed", "total", "pass rate"):
        table.add_column(col, justify="left" if col == "constraint id" else "right")
    for cid, (ok, total) in sorted(per_id.items()):
        table.add_row(cid, str(ok), str(total), f"{ok / total:.3f}")
    n_inst = sum(t for _, t in per_id.values())
    console = Console(width=120)
    console.print(table)
    if verdicts:
        prompt_acc = sum(v.passed for v in verdicts) / len(verdicts)
        inst_acc = sum(ok for ok, _ in per_id.values()) / n_inst if n_inst else 1.0
        console.print(f"responses: {len(verdicts)}  prompt-level accuracy: {prompt_acc:.4f}  instruction-level accuracy: {inst_acc:.4f}")


def _list_ids() -> None:
    import dataclasses
    import typing

    from rlmr.constraints import get, known_ids
    from rlmr.constraints.registry import _type_name

    for cid in known_ids():
        cls = get(cid)
        hints = typing.get_type_hints(cls)
        args = []
        for f in dataclasses.fields(cls):
            optional = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            args.append(f"{f.name}: {_type_name(hints[f.name])}" + (f" = {f.default!r}" if optional else ""))
        doc = (cls.__doc__ or "").strip().splitlines()[0] if cls.__doc__ else ""
        typer.echo(f"{cid}({', '.join(args)})  {doc}")


def verify_command(
    prompts: Optional[Path] = typer.Option(None, "--prompts", help="JSONL of prompts with their constraints."),
    responses: Optional[Path] = typer.Option(None, "--responses", help="JSONL of {prompt, response} rows."),
    mode: str = typer.Option("strict", "--mode", help="strict | loose (IFEval's 8 response variants)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Write one verdict per response here (JSONL)."),
    text: Optional[str] = typer.Option(None, "--text", help="Check this one text instead of files."),
    constraint: Optional[list[str]] = typer.Option(None, "--constraint", help="With --text: a JSON spec or list of specs (repeatable)."),
    list_ids: bool = typer.Option(False, "--list", help="List every constraint id with its kwargs."),
) -> None:
    """Check responses against their constraints and print pass rates per constraint id."""
    from rlmr.constraints import ConstraintError, verify

    if mode not in ("strict", "loose"):
        raise typer.BadParameter(f"expected strict or loose, got {mode!r}", param_hint="--mode")
    if list_ids:
        _list_ids()
        return
    try:
        if text is not None:
            specs = []
            for raw in constraint or []:
                try:
                    value = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise InputError(f"--constraint: not JSON ({exc.msg}): {raw[:80]}") from None
                specs += value if isinstance(value, list) else [value]
            verdict = verify(text, specs, mode)
            typer.echo(json.dumps(verdict.to_dict(), ensure_ascii=False, indent=2))
            raise typer.Exit(0 if verdict.passed else 1)
        if prompts is None or responses is None:
            raise InputError("give --prompts and --responses, or --text with --constraint, or --list")
        jobs = load_jobs(prompts, responses)
    except (InputError, ConstraintError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    verdicts = [verify(row["response"], specs, mode) for row, specs in jobs]
    if out is not None:
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8") as f:
            for (row, _), verdict in zip(jobs, verdicts):
                f.write(json.dumps({"prompt": row["prompt"], "response": row["response"], **verdict.to_dict()}, ensure_ascii=False) + "\n")
    _summary(verdicts)


def register(app: typer.Typer) -> None:
    app.command("verify", epilog=EPILOG, help=verify_command.__doc__)(verify_command)
