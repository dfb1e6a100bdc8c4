"""Reading JSONL files of objects, with errors that name the file and line.

One reader for the small JSONL inputs of the CLI and the library (scored rows for `rlmr mix`,
responses for `rlmr verify` and `rlmr eval`, a run's metrics). Prompt data has its own fuller
reader (`rlmr.data.io`: undecodable bytes, JSON arrays, CSV, Parquet). Standard library only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator


def iter_objects(path: str | Path, error: type[Exception] = ValueError) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; bad JSON or a non-object raises `error`."""
    path = Path(path)
    with path.open(encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error(f"{path}:{line_no}: not valid JSON ({exc.msg})") from None
            if not isinstance(row, dict):
                raise error(f"{path}:{line_no}: expected a JSON object, got {type(row).__name__}")
            yield line_no, row
