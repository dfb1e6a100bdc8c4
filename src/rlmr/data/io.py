"""Reading prompt files into raw rows that remember where they came from.

Every reader returns `RawRow(line, data, error)`: `line` is the 1-based line of the row in the
file (for Parquet and saved `datasets` folders, which have no lines, the 1-based row number), so
that validation can say `FILE:LINE: FIELD: reason`. A row that cannot even be parsed (bad UTF-8,
bad JSON, not an object) comes back with `error` set instead of being dropped: nothing is lost
silently.

Formats: JSONL, JSON (an array of objects), CSV (constraints/meta cells hold JSON), Parquet, and
folders written by `datasets.Dataset.save_to_disk`. pandas/pyarrow/datasets are imported only
for the formats that need them.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

# Cells that hold JSON text in flat formats (CSV always; Parquet/datasets when stored as strings).
JSON_CELLS = ("constraints", "meta", "instruction_id_list", "kwargs")
SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".parquet": "parquet"}


@dataclass
class RawRow:
    """One row before validation. `error` is "FIELD: reason" when the row could not be parsed."""

    line: int
    data: Any = None
    error: str | None = None


def read_rows(path: str | Path) -> list[RawRow]:
    """Read any supported file or `datasets` folder; raises FileNotFoundError/ValueError on the whole file."""
    path = Path(path)
    if path.is_dir():
        return _read_hf_folder(path)
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no such file")
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"{path}: unsupported file type {path.suffix!r} (use .jsonl, .json, .csv, .parquet or a datasets folder)")
    return {"jsonl": _read_jsonl, "json": _read_json, "csv": _read_csv, "parquet": _read_parquet}[kind](path)


def _decode_lines(raw: bytes) -> Iterator[tuple[int, str | None, str | None]]:
    """(line number, text, error) per physical line; undecodable lines carry an error, not text."""
    for number, chunk in enumerate(raw.split(b"\n"), start=1):
        try:
            yield number, chunk.decode("utf-8").rstrip("\r"), None
        except UnicodeDecodeError as exc:
            yield number, None, f"row: undecodable text (invalid UTF-8 byte 0x{chunk[exc.start]:02x} at column {exc.start + 1})"


def _read_jsonl(path: Path) -> list[RawRow]:
    rows = []
    for number, text, error in _decode_lines(path.read_bytes().removeprefix(b"\xef\xbb\xbf")):
        if error:
            rows.append(RawRow(number, error=error))
        elif text.strip():
            rows.append(_parse_json_line(number, text))
    return rows


def _parse_json_line(number: int, text: str) -> RawRow:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRow(number, error=f"row: bad JSON ({exc.msg} at column {exc.colno})")
    return _object_row(number, data)


def _object_row(number: int, data: Any) -> RawRow:
    if not isinstance(data, dict):
        return RawRow(number, error=f"row: expected a JSON object, got {_json_type(data)}")
    return RawRow(number, data)


def _json_type(value: Any) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number", float: "number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def _read_json(path: Path) -> list[RawRow]:
    """A JSON array of objects; each element keeps the line where it starts."""
    raw = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return [RawRow(line, error=f"row: undecodable text (invalid UTF-8 byte 0x{raw[exc.start]:02x})")]
    decoder = json.JSONDecoder()
    pos = _skip_ws(text, 0)
    if not text.startswith("[", pos):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as exc:
            return [RawRow(exc.lineno, error=f"row: bad JSON ({exc.msg} at column {exc.colno})")]
        return [RawRow(text.count("\n", 0, pos) + 1, error=f"file: expected a JSON array of objects, got {_json_type(value)}")]
    rows: list[RawRow] = []
    pos = _skip_ws(text, pos + 1)
    while pos < len(text) and text[pos] != "]":
        line = text.count("\n", 0, pos) + 1
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            rows.append(RawRow(exc.lineno, error=f"row: bad JSON ({exc.msg} at column {exc.colno})"))
            return rows  # the rest of the array cannot be located reliably
        rows.append(_object_row(line, value))
        pos = _skip_ws(text, end)
        if pos < len(text) and text[pos] == ",":
            pos = _skip_ws(text, pos + 1)
        elif pos < len(text) and text[pos] != "]":
            rows.append(RawRow(text.count("\n", 0, pos) + 1, error="row: bad JSON (expected ',' or ']' after an element)"))
            return rows
    if pos >= len(text):
        rows.append(RawRow(text.count("\n") + 1, error="row: bad JSON (the array is not closed with ']')"))
    return rows


def _skip_ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _read_csv(path: Path) -> list[RawRow]:
    """A header row, then one record per row; JSON cells are decoded, empty cells count as absent."""
    rows: list[RawRow] = []
    good_lines = []
    for number, text, error in _decode_lines(path.read_bytes().removeprefix(b"\xef\xbb\xbf")):
        if error:
            rows.append(RawRow(number, error=error))
            good_lines.append("")  # keep physical line numbers aligned for the csv reader
        else:
            good_lines.append(text)
    reader = csv.DictReader(io.StringIO("\n".join(good_lines), newline=""))
    start = 2
    for record in reader:
        if any(v for k, v in record.items() if k is not None):
            rows.append(_csv_row(start, record))
        start = reader.line_num + 1
    return sorted(rows, key=lambda r: r.line)


def _csv_row(line: int, record: dict[str | None, Any]) -> RawRow:
    if None in record:
        return RawRow(line, error=f"row: {len(record[None])} more cells than the header has columns")
    data: dict[str, Any] = {}
    for key, value in record.items():
        if value is None or value == "":
            continue
        if key in JSON_CELLS:
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                return RawRow(line, error=f"{key}: bad JSON in CSV cell ({exc.msg} at column {exc.colno})")
        data[key] = value
    return RawRow(line, data)


def _read_parquet(path: Path) -> list[RawRow]:
    import pyarrow.parquet as pq

    return [_table_row(i, row) for i, row in enumerate(pq.read_table(path).to_pylist(), start=1)]


def _read_hf_folder(path: Path) -> list[RawRow]:
    if not ((path / "dataset_info.json").is_file() or (path / "dataset_dict.json").is_file()):
        raise ValueError(f"{path}: a folder, but not one written by datasets' save_to_disk (no dataset_info.json)")
    import datasets

    loaded = datasets.load_from_disk(str(path))
    if isinstance(loaded, datasets.DatasetDict):
        if "train" not in loaded and len(loaded) != 1:
            raise ValueError(f"{path}: several splits ({', '.join(loaded)}); point at one split's folder")
        loaded = loaded["train"] if "train" in loaded else next(iter(loaded.values()))
    return [_table_row(i, row) for i, row in enumerate(loaded.to_list(), start=1)]


def _table_row(number: int, row: dict[str, Any]) -> RawRow:
    """Columnar rows: drop nulls (struct columns fill absent kwargs with None), decode JSON strings."""
    data: dict[str, Any] = {}
    for key, value in row.items():
        if value is None:
            continue
        if key in JSON_CELLS and isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as exc:
                return RawRow(number, error=f"{key}: bad JSON in cell ({exc.msg} at column {exc.colno})")
        data[key] = _drop_nulls(value) if key in ("constraints", "kwargs", "meta") else value
    return RawRow(number, data)


def _drop_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [{k: v for k, v in item.items() if v is not None} if isinstance(item, dict) else item for item in value]
    return value


def write_jsonl(records: list[dict[str, Any]], path: str | Path) -> None:
    """One compact JSON object per line, UTF-8 (Chinese kept readable)."""
    with open(path, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
