"""`rlmr constraints extract`: read verifiable constraints from prompt text (English and Chinese)."""

from __future__ import annotations

import concurrent.futures
import json
from pathlib import Path
from typing import NoReturn

import typer

EXAMPLE = """Examples:

  rlmr constraints extract "A sonnet about the sea in under 120 words."

With an LLM judge (any OpenAI-compatible server) for what the rules miss:

  rlmr constraints extract "Three paragraphs tops." \\
    --judge "http://127.0.0.1:8000/v1#my-model"

From a JSONL file with a "prompt" field per row:

  printf '{"prompt": "%s"}\\n' 'Rain, in under 50 words.' > prompts.jsonl
  rlmr constraints extract --file prompts.jsonl --out prompts.extracted.jsonl
"""
GROUP_EXAMPLE = """Each subcommand's --help ends with its own example.
Example:

  rlmr constraints extract "A sonnet about the sea in under 120 words."
"""

app = typer.Typer(name="constraints", help="Constraints read from prompts: which verifiable rules a prompt states.",
                  epilog=GROUP_EXAMPLE, no_args_is_help=True)


@app.command("extract", epilog=EXAMPLE)
def extract_cmd(
    text: str = typer.Argument(None, help="A prompt; omit it and use --file for a JSONL file."),
    file: Path = typer.Option(None, "--file", help="JSONL with a 'prompt' field per row."),
    out: Path = typer.Option(None, "--out", help="Write rows with an added 'extracted' list here (default: stdout)."),
    lang: str = typer.Option(None, "--lang", help="'en' or 'zh' (default: detected per prompt)."),
    hard_only: bool = typer.Option(False, "--hard-only", help="Leave out soft (tone, style) items."),
    judge: str = typer.Option(
        None, "--judge", metavar="URL#MODEL",
        help="An OpenAI-compatible LLM that adds constraints the rules missed (validated, marked source judge); "
        "options as in the writing judge spec, e.g. URL#MODEL?timeout=30&cache=extract.sqlite. "
        "The API key only from RLMR_API_KEY or OPENAI_API_KEY.",
    ),
) -> None:
    """Print each constraint's spec, the prompt span it came from, hard or soft, and its source (rules or judge)."""
    from rlmr.cli.common import check_output_file
    from rlmr.constraints.extract import extract

    if (text is None) == (file is None):
        raise typer.BadParameter("give either TEXT or --file")
    if lang not in (None, "en", "zh"):
        _fail(f"--lang: expected en or zh (or leave it out to detect each prompt's language), got {lang!r}")
    check_output_file(out)
    rows = _read_rows(file) if file is not None else []
    chat = _judge(judge) if judge else None
    if text is not None:
        for c in extract(text, lang, judge=chat):
            if c.hard or not hard_only:
                kind = "hard" if c.hard else "soft"
                typer.echo(f"{json.dumps(c.spec, ensure_ascii=False)}\t[{c.span[0]}:{c.span[1]}] {kind} {c.source} {c.text!r}")
        return
    workers = chat.client.concurrency if chat is not None else 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:  # judge requests in parallel
        found = list(pool.map(lambda row: extract(row["prompt"], lang, judge=chat), rows))
    lines = []
    for row, items in zip(rows, found):
        row["extracted"] = [c.to_dict() for c in items if c.hard or not hard_only]
        lines.append(json.dumps(row, ensure_ascii=False))
    text_out = "\n".join(lines) + ("\n" if lines else "")
    if out is None:
        typer.echo(text_out, nl=False)
    else:
        out.write_text(text_out, encoding="utf-8")
        typer.echo(f"{len(rows)} prompts -> {out}", err=True)
    if chat is not None:
        added = sum(c.source == "judge" for items in found for c in items)
        typer.echo(f"judge {chat.client.model}: {added} constraints added where the rules found none", err=True)


def _read_rows(file: Path) -> list[dict]:
    from rlmr.jsonl import iter_objects

    rows = []
    try:
        for line_no, row in iter_objects(file):
            if not isinstance(row.get("prompt"), str):
                _fail(f"{file}:{line_no}: prompt: expected a string field")
            rows.append(row)
    except ValueError as exc:  # missing file, not UTF-8, not JSON: the message names FILE:LINE
        _fail(str(exc))
    return rows


def _judge(spec: str):
    from rlmr.constraints.extract.judge import judge_from_spec

    try:
        return judge_from_spec(spec)
    except ValueError as exc:
        _fail(f"--judge: {exc}")


def _fail(message: str) -> NoReturn:
    from rlmr.cli.common import fail

    fail(message)


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="constraints")
