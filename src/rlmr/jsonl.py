"""Reading text and JSONL files of objects, with errors that name the file and line.

One reader for the small JSONL inputs of the CLI and the library (scored rows for `rlmr mix`,
responses for `rlmr verify` and `rlmr eval`, a run's metrics, a training config). Prompt data has
its own fuller reader (`rlmr.data.io`: JSON arrays, CSV, Parquet). Standard library only.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator


def read_text(path: str | Path, error: type[Exception] = ValueError) -> str:
    """The file as UTF-8 text (a BOM dropped); a missing file or a non-UTF-8 byte raises `error`
    with FILE:LINE and the byte, instead of a bare UnicodeDecodeError without the file's name."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, expected a file") from None
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror})") from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            f"{path}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x} at column {column}); save the file as UTF-8"
        ) from None


def iter_objects(path: str | Path, error: type[Exception] = ValueError) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; bad JSON, bad UTF-8 or a non-object raises `error`."""
    path = Path(path)
    # split("\n"), not splitlines(): a JSON string may hold a raw U+2028
    for line_no, line in enumerate(read_text(path, error).split("\n"), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise error(f"{path}:{line_no}: not valid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise error(f"{path}:{line_no}: expected a JSON object, got {type(row).__name__}")
        yield line_no, row
