"""Responses files: read `{"prompt", "response"}` JSONL rows and match them to benchmark prompts.

A row is `{"prompt": str, "response": str}` (Google's IFEval `input_response_data` format) with
optional `id` (or IFEval's `key`), optional `sample` (the index among several responses to one
prompt; by default a row's rank among the file's rows for that prompt), optional `truncated` (true
when the response was cut at its token budget; `rlmr eval` writes it) and optional constraints of its own (`constraints`, or IFEval's
`instruction_id_list` + `kwargs`). A row is matched to a benchmark record by id when it has one,
else by its exact prompt text; its own constraints, when present, win. Errors name the file, the
line and the field.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from rlmr.jsonl import iter_objects


class ResponsesError(ValueError):
    """A responses file is malformed or does not match the benchmark; the message says where."""


@dataclass
class EvalItem:
    """One prompt to evaluate, with its constraints and (once known) its response."""

    id: str
    prompt: str
    constraints: list[dict[str, Any]] = field(default_factory=list)
    response: str | None = None
    sample: int = 0  # which of the prompt's k responses this is
    truncated: bool | None = None  # cut at the token budget (no end token); None: not known


def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, row) for every non-blank line; bad JSON and missing fields raise with FILE:LINE."""
    path = Path(path)
    rows = []
    for line_no, row in iter_objects(path, ResponsesError):
        for key in ("prompt", "response"):
            if not isinstance(row.get(key), str):
                raise ResponsesError(f"{path}:{line_no}: {key}: expected a string, got {row.get(key)!r}")
        rows.append((line_no, row))
    if not rows:
        raise ResponsesError(f"{path}: no responses")
    return rows


def row_constraints(row: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The row's own constraint specs, or None when it carries none."""
    if isinstance(row.get("constraints"), list):
        return row["constraints"]
    if isinstance(row.get("instruction_id_list"), list):
        from rlmr.data.records import ifeval_to_row

        return ifeval_to_row(row)["constraints"]
    return None


def row_id(row: dict[str, Any]) -> str | None:
    for key in ("id", "key"):
        if row.get(key) is not None:
            return str(row[key])
    return None


def match_responses(path: str | Path, items: Sequence[EvalItem] | None) -> list[EvalItem]:
    """Items for every row of the file, constraints taken from the row or its benchmark record."""
    by_id = {it.id: it for it in items or []}
    by_prompt = {it.prompt: it for it in items or []}
    out = []
    seen: dict[str, int] = {}  # responses so far per item id: the default sample index
    for line_no, row in read_rows(path):
        rid = row_id(row)
        record = by_id.get(rid) if rid is not None else None
        record = record or by_prompt.get(row["prompt"])
        constraints = row_constraints(row)
        if constraints is None:
            if record is None and items is not None:
                raise ResponsesError(
                    f"{path}:{line_no}: prompt: matches no benchmark prompt (by id or text) and the row has no constraints"
                )
            constraints = record.constraints if record else []
        item_id = rid or (record.id if record else f"line{line_no}")
        sample = row.get("sample")
        if sample is not None and (not isinstance(sample, int) or isinstance(sample, bool) or sample < 0):
            raise ResponsesError(f"{path}:{line_no}: sample: expected an integer >= 0, got {sample!r}")
        sample = seen.get(item_id, 0) if sample is None else sample
        seen[item_id] = seen.get(item_id, 0) + 1
        truncated = row.get("truncated")
        if truncated is not None and not isinstance(truncated, bool):
            raise ResponsesError(f"{path}:{line_no}: truncated: expected true, false or null, got {truncated!r}")
        out.append(EvalItem(item_id, row["prompt"], list(constraints), row["response"], sample, truncated))
    return out


def write_jsonl(path: str | Path, rows: Sequence[dict[str, Any]]) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
