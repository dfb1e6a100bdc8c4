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


def check_file(path_or_name: str | os.PathLike, *, extract: bool = True, cross_check: bool = False) -> Checked:
    """Validate a file or bundled creative set without raising; benchmarks come back checked.

    Rows without a `constraints` field get constraints extracted from their prompt
    (`meta["constraints_source"] == "extracted"`) unless `extract=False`; `cross_check` fills
    `Checked.warnings` where a row's constraints and its prompt text disagree."""
    name = str(path_or_name)
    if not Path(name).exists() and name in bundled.BENCHMARKS:
        records = bundled.BENCHMARKS[name]()
        return Checked(records=records, n_rows=len(records))
    path = bundled.bundled_path(name) if not Path(name).exists() and name in bundled.CREATIVE_SETS else Path(name)
    if not path.exists():
        raise FileNotFoundError(f"{name}: no such file, and not a bundled set ({', '.join(bundled.names())})")
    return check_rows(read_rows(path), str(path_or_name), extract=extract, cross_check=cross_check)


def load_prompts(path_or_name: str | os.PathLike, *, skip_invalid: bool = False, extract: bool = True,
                 cross_check: bool = False) -> list[PromptRecord]:
    """Records from a file or bundled name; invalid rows raise `DataError` unless `skip_invalid`.

    With `skip_invalid`, bad rows are dropped and a warning says how many (and the first few).
    A row with no `constraints` field gets the hard constraints read from its prompt text, marked
    `meta["constraints_source"] = "extracted"` (`extract=False` keeps it unconstrained). With
    `cross_check`, each row whose constraints disagree with its prompt text is logged as a
    warning naming FILE:LINE.
    """
    checked = check_file(path_or_name, extract=extract, cross_check=cross_check)
    if checked.problems and not skip_invalid:
        raise DataError(checked.problems, checked.n_rows)
    if checked.problems:
        shown = "\n".join(str(p) for p in checked.problems[:5])
        log.warning("skipped %d invalid row(s) of %d in %s:\n%s", checked.n_invalid, checked.n_rows, path_or_name, shown)
    for warning in checked.warnings:
        log.warning("%s", warning)
    return checked.records
