"""What every subcommand shares on failure: one line on stderr, exit code 2, secrets masked.

`fail` is the one way a command reports bad input; `check_output_file` runs before any work so
that a bad `--out` costs nothing and leaves nothing behind.
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import typer

from rlmr.redact import redact


def fail(message: str, code: int = 2) -> NoReturn:
    """Print `error: MESSAGE` with credentials masked, and exit (2: bad input)."""
    typer.echo(f"error: {redact(str(message))}", err=True)
    raise typer.Exit(code)


def check_model(spec: str | None, option: str = "--model") -> None:
    """`fail` unless `spec` names a loadable model (see `rlmr.models.check`); loads nothing."""
    from rlmr.models import ModelNotFound, check

    try:
        check(spec, option)
    except ModelNotFound as exc:
        fail(str(exc))


def output_file_problem(path: str | Path, option: str = "--out") -> str | None:
    """Why `path` cannot be written as an output file, or None; nothing is created."""
    path = Path(path)
    if path.is_dir():
        return f"{option}: {path} is a folder; give a file name"
    parent = path.parent
    if not parent.is_dir():
        return f"{option}: {path}: the folder {parent} does not exist (create it first)"
    return None


def check_output_file(path: str | Path | None, option: str = "--out") -> None:
    """`fail` when `path` cannot be written as an output file (None: nothing to check)."""
    if path is not None and (problem := output_file_problem(path, option)):
        fail(problem)
