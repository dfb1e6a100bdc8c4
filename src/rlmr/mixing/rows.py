"""Read and write the row files of `rlmr mix`: one response per row, JSONL or CSV.

A row is `{group, writing_score, passed[, satisfied]}`: `writing_score` may be null (JSONL) or
empty (CSV) = missing; `passed` is true/false or 1/0. Bad rows raise `MixInputError` naming
`FILE:LINE: FIELD: reason`. Standard library only (json, csv), like the rest of the package.
"""

from __future__ import annotations

import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import numpy as np

from rlmr.jsonl import iter_objects, read_text
from rlmr.mixing.diagnostics import MixResult

_TRUE = {"true", "1", "yes", "1.0"}
_FALSE = {"false", "0", "no", "0.0"}
_MISSING = {"", "null", "none", "nan"}


class MixInputError(ValueError):
    """A row file for `rlmr mix` is malformed; the message is FILE:LINE: FIELD: reason."""


@dataclass(frozen=True)
class MixRows:
    """The parsed columns, one entry per response, in file order."""

    lines: list[int]  # line number of each row (1-based; CSV counts the header as line 1)
    groups: list[str] | None  # None when the file has no group field
    writing_scores: np.ndarray  # float, NaN = missing
    passed: np.ndarray  # float 0/1
    satisfied: np.ndarray | None


def _records(path: Path) -> Iterator[tuple[int, dict[str, Any], bool]]:
    """(line, record, from_csv) for every non-blank row."""
    if path.suffix.lower() == ".csv":
        for record in csv.DictReader(io.StringIO(read_text(path, MixInputError), newline="")):
            yield 0, record, True
        return
    for line_no, record in iter_objects(path, MixInputError):
        yield line_no, record, False


def _score(value: Any, text: bool) -> float:
    if value is None or (text and value.strip().lower() in _MISSING):
        return math.nan
    if text:
        value = float(value)  # ValueError -> caller names the field
    elif isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number or null, got {value!r}")
    if math.isinf(value):
        raise ValueError(f"expected a finite number or null, got {value!r}")
    return float(value)


def _flag(value: Any, text: bool) -> float:
    if isinstance(value, bool):
        return float(value)
    if text and value.strip().lower() in _TRUE | _FALSE:
        return 1.0 if value.strip().lower() in _TRUE else 0.0
    if not text and value in (0, 1):
        return float(value)
    raise ValueError(f"expected true/false or 1/0, got {value!r}")


def _fraction(value: Any, text: bool) -> float:
    number = float(value) if text else value
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not 0.0 <= number <= 1.0:
        raise ValueError(f"expected a fraction in [0, 1], got {value!r}")
    return float(number)


def read_rows(path: str | Path) -> MixRows:
    """Parse a JSONL (any suffix but .csv) or CSV row file; every problem names FILE:LINE: FIELD."""
    path = Path(path)
    if not path.is_file():
        raise MixInputError(f"{path}: no such file")
    lines, groups, scores, passed, satisfied = [], [], [], [], []
    has_group = has_satisfied = None
    for index, (line_no, record, text) in enumerate(_records(path)):
        line_no = line_no or index + 2  # CSV: the header is line 1
        if has_group is None:
            has_group, has_satisfied = "group" in record, "satisfied" in record
        fields = [("writing_score", _score, scores), ("passed", _flag, passed)]
        if has_satisfied:
            fields.append(("satisfied", _fraction, satisfied))
        for name, parse, column in fields:
            if name not in record:
                raise MixInputError(f"{path}:{line_no}: {name}: missing (every row needs it)")
            try:
                column.append(parse(record[name], text))
            except (TypeError, ValueError) as exc:
                reason = str(exc) if "expected" in str(exc) else f"not a number: {record[name]!r}"
                raise MixInputError(f"{path}:{line_no}: {name}: {reason}") from None
        if has_group:
            if record.get("group") in (None, ""):
                raise MixInputError(f"{path}:{line_no}: group: missing (the first row has one, so every row needs it)")
            groups.append(str(record["group"]))
        lines.append(line_no)
    if not lines:
        raise MixInputError(f"{path}: no rows")
    return MixRows(
        lines=lines,
        groups=groups if has_group else None,
        writing_scores=np.asarray(scores, dtype=float),
        passed=np.asarray(passed, dtype=float),
        satisfied=np.asarray(satisfied, dtype=float) if has_satisfied else None,
    )


def _jsonable(x: float) -> float | None:
    return None if math.isnan(x) else float(x)


def output_records(rows: MixRows, result: MixResult, group_size: int | None) -> list[dict[str, Any]]:
    """One dict per response: the inputs plus reward and advantage (NaN written as null)."""
    out = []
    for i in range(len(rows.lines)):
        record: dict[str, Any] = {
            "group": rows.groups[i] if rows.groups is not None else str(i // group_size),
            "writing_score": _jsonable(rows.writing_scores[i]),
            "passed": bool(rows.passed[i]),
        }
        if rows.satisfied is not None:
            record["satisfied"] = float(rows.satisfied[i])
        record["reward"] = _jsonable(result.rewards[i])
        record["advantage"] = float(result.advantages[i])
        out.append(record)
    return out


def write_records(path: str | Path, records: list[dict[str, Any]]) -> None:
    """JSONL, or CSV when the path ends in .csv (null written as an empty cell)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if path.suffix.lower() == ".csv":
            writer = csv.DictWriter(fh, fieldnames=list(records[0]))
            writer.writeheader()
            writer.writerows({k: ("" if v is None else v) for k, v in r.items()} for r in records)
        else:
            fh.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
