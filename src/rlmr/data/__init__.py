"""Prompt data: records, loading and validation, bundled sets, benchmark loaders, synthesis.

`load_prompts(path_or_name)` is the one entry point training and evaluation use: it reads a file
(JSONL, JSON, CSV, Parquet, a saved `datasets` folder) or a bundled name, validates every row
and raises one `DataError` listing every problem, before any model is loaded.

This package must not import torch or any engine.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from rlmr.data import bundled
from rlmr.data.io import read_rows, write_jsonl
from rlmr.data.records import PromptRecord
from rlmr.data.validate import Checked, DataError, Problem, check_rows

__all__ = ["Checked", "DataError", "Problem", "PromptRecord", "check_file", "load_prompts", "write_jsonl"]

log = logging.getLogger(__name__)


def check_file(path_or_name: str | os.PathLike) -> Checked:
    """Validate a file or bundled creative set without raising; benchmarks come back checked."""
    name = str(path_or_name)
    if not Path(name).exists() and name in bundled.BENCHMARKS:
        records = bundled.BENCHMARKS[name]()
        return Checked(records=records, n_rows=len(records))
    path = bundled.bundled_path(name) if not Path(name).exists() and name in bundled.CREATIVE_SETS else Path(name)
    if not path.exists():
        raise FileNotFoundError(f"{name}: no such file, and not a bundled set ({', '.join(bundled.names())})")
    return check_rows(read_rows(path), str(path_or_name))


def load_prompts(path_or_name: str | os.PathLike, *, skip_invalid: bool = False) -> list[PromptRecord]:
    """Records from a file or bundled name; invalid rows raise `DataError` unless `skip_invalid`.

    With `skip_invalid`, bad rows are dropped and a warning says how many (and the first few).
    """
    checked = check_file(path_or_name)
    if checked.problems and not skip_invalid:
        raise DataError(checked.problems, checked.n_rows)
    if checked.problems:
        shown = "\n".join(str(p) for p in checked.problems[:5])
        log.warning("skipped %d invalid row(s) of %d in %s:\n%s", checked.n_invalid, checked.n_rows, path_or_name, shown)
    return checked.records
