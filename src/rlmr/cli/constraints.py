"""`rlmr constraints extract`: read verifiable constraints from prompt text (English and Chinese)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

EXAMPLE = """
Example:

  rlmr constraints extract "Write a sonnet about the sea in under 120 words. Do not use the word 'blue'."

  rlmr constraints extract --file prompts.jsonl --out prompts.extracted.jsonl
"""

app = typer.Typer(name="constraints", help="Constraints read from prompts." + EXAMPLE, no_args_is_help=True)


@app.command("extract", epilog=EXAMPLE)
def extract_cmd(
    text: str = typer.Argument(None, help="A prompt; omit it and use --file for a JSONL file."),
    file: Path = typer.Option(None, "--file", help="JSONL with a 'prompt' field per row."),
    out: Path = typer.Option(None, "--out", help="Write rows with an added 'extracted' list here (default: stdout)."),
    lang: str = typer.Option(None, "--lang", help="'en' or 'zh' (default: detected per prompt)."),
    hard_only: bool = typer.Option(False, "--hard-only", help="Leave out soft (tone, style) items."),
) -> None:
    """Print each constraint's spec and the prompt span it came from."""
    from rlmr.constraints.extract import extract

    if (text is None) == (file is None):
        raise typer.BadParameter("give either TEXT or --file")
    if text is not None:
        for c in extract(text, lang):
            if c.hard or not hard_only:
                kind = "hard" if c.hard else "soft"
                typer.echo(f"{json.dumps(c.spec, ensure_ascii=False)}\t[{c.span[0]}:{c.span[1]}] {kind} {c.text!r}")
        return
    rows = []
    for line_no, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            _fail(f"{file}:{line_no}: not JSON ({exc.msg})")
        if not isinstance(row, dict) or not isinstance(row.get("prompt"), str):
            _fail(f"{file}:{line_no}: prompt: expected a string field")
        row["extracted"] = [c.to_dict() for c in extract(row["prompt"], lang) if c.hard or not hard_only]
        rows.append(json.dumps(row, ensure_ascii=False))
    text_out = "\n".join(rows) + ("\n" if rows else "")
    if out is None:
        typer.echo(text_out, nl=False)
    else:
        out.write_text(text_out, encoding="utf-8")
        typer.echo(f"{len(rows)} prompts -> {out}", err=True)


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(2)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="constraints")
