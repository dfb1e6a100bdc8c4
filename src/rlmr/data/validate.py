"""Checking raw rows into prompt records, with one precise message per problem.

Every problem is reported as `FILE:LINE: FIELD: reason`, e.g.
`prompts.jsonl:17: constraints[1].num_words: expected int, got 'ten'` (constraint indices are
0-based, as in the list). All rows are checked before anything is raised, so a user fixes a file
in one pass. A row with any problem never becomes a record; nothing valid is dropped.

Rows without a `constraints` field (absent, not an empty list) get the hard constraints that
`rlmr.constraints.extract` reads from the prompt text, each validated like a written one, and
`meta["constraints_source"] = "extracted"`; a row without `lang` gets the detected language.
With `cross_check`, rows that carry constraints are compared with what extraction reads from
their prompt (in the canonical form of `extract.equivalence`), and each disagreement becomes a
warning at the row's FILE:LINE; warnings never drop a row.

This module must not import torch or any engine.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from rlmr.constraints import ConstraintError, build, get
from rlmr.constraints.extract import detect_lang, specs as extracted_specs
from rlmr.constraints.extract.equivalence import canonical
from rlmr.constraints.extract.equivalence import key as spec_key
from rlmr.data.conflicts import find_conflicts
from rlmr.data.io import RawRow
from rlmr.data.records import FIELDS, IFEVAL_KEYS, LANGS, REQUIRED, PromptRecord, ifeval_to_row, is_ifeval_row

_STR_FIELDS = ("prompt", "genre", "source")


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.reason}"


class DataError(ValueError):
    """A prompt file has invalid rows; `problems` lists every one, the message shows them all."""

    def __init__(self, problems: list[Problem], n_rows: int | None = None):
        self.problems = problems
        self.n_rows = n_rows
        bad = len({(p.file, p.line) for p in problems})
        head = f"{bad} invalid row(s)" + (f" of {n_rows}" if n_rows is not None else "")
        super().__init__(head + ":\n" + "\n".join(str(p) for p in problems))


@dataclass
class Checked:
    """The outcome of validating one file: good records, every problem, and the row count."""

    records: list[PromptRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    n_rows: int = 0
    warnings: list[Problem] = field(default_factory=list)
    n_extracted: int = 0

    @property
    def n_invalid(self) -> int:
        return len({(p.file, p.line) for p in self.problems})


def check_rows(rows: Iterable[RawRow], file: str, *, conflicts: bool = True, extract: bool = True,
               cross_check: bool = False) -> Checked:
    """Validate rows; `conflicts=False` skips the conflict table (used for fixed benchmarks);
    `extract=False` leaves rows without constraints empty; `cross_check` warns where a row's
    constraints and the ones read from its prompt disagree."""
    out = Checked()
    first_line: dict[str, int] = {}
    for raw in rows:
        out.n_rows += 1
        if raw.error:
            name, _, reason = raw.error.partition(": ")
            out.problems.append(Problem(file, raw.line, name, reason))
            continue
        ifeval = is_ifeval_row(raw.data)
        row = ifeval_to_row(raw.data) if ifeval else raw.data
        if "lang" not in row and isinstance(row.get("prompt"), str):
            row = {**row, "lang": detect_lang(row["prompt"])}
        problems = [
            Problem(file, raw.line, _ifeval_field(f), r.replace("constraints[", "instruction_id_list[")) if ifeval
            else Problem(file, raw.line, f, r)
            for f, r in _row_problems(row, raw.data, conflicts)
        ]
        rid = row.get("id")
        if isinstance(rid, (str, int)) and not isinstance(rid, bool):
            rid = str(rid)
            if rid in first_line:
                problems.append(Problem(file, raw.line, "id", f"duplicate id {rid!r} (first at line {first_line[rid]})"))
            else:
                first_line[rid] = raw.line
        if problems:
            out.problems.extend(problems)
            continue
        record = _record(row)
        if "constraints" not in row and extract:
            record.constraints = _extracted(record.prompt, record.lang)
            record.meta["constraints_source"] = "extracted"
            out.n_extracted += 1
        elif cross_check:
            out.warnings += [Problem(file, raw.line, "constraints", w) for w in _disagreement(record)]
        out.records.append(record)
    return out


def _extracted(prompt: str, lang: str) -> list[dict[str, Any]]:
    """The hard specs read from the prompt that build, fit its language and do not conflict."""
    kept: list[dict[str, Any]] = []
    for spec in extracted_specs(prompt, lang):
        try:
            normal, cls_lang = _built(json.dumps(spec, sort_keys=True, ensure_ascii=False))
        except ConstraintError:
            continue
        if cls_lang in ("any", lang) and not list(find_conflicts(kept + [normal])):
            kept.append(normal)
    return kept


def _disagreement(record: PromptRecord) -> list[str]:
    """What the record states and extraction does not read, and the other way round."""
    stated = {spec_key(s): s for s in canonical(record.constraints)}
    read = {spec_key(s): s for s in canonical(extracted_specs(record.prompt, record.lang))}
    missing = [stated[k] for k in stated if k not in read]
    extra = [read[k] for k in read if k not in stated]
    out = []
    if missing:
        out.append("cross-check: not read from the prompt text: " + "; ".join(map(_show, missing)))
    if extra:
        out.append("cross-check: read from the prompt text but not in the record: " + "; ".join(map(_show, extra)))
    return out


def _show(spec: dict[str, Any]) -> str:
    return json.dumps(spec, ensure_ascii=False, sort_keys=True)


def _ifeval_field(name: str) -> str:
    """Name a field as an IFEval-format file spells it: constraints[1].num_words -> kwargs[1].num_words."""
    m = re.fullmatch(r"constraints\[(\d+)\](?:\.(\w+))?", name)
    if not m:
        return {"id": "key", "constraints": "instruction_id_list"}.get(name, name)
    index, kwarg = m.groups()
    if kwarg is None or kwarg == "id":
        return f"instruction_id_list[{index}]"
    return f"kwargs[{index}].{kwarg}"


def _record(row: dict[str, Any]) -> PromptRecord:
    return PromptRecord(
        id=str(row["id"]),
        prompt=row["prompt"],
        constraints=[dict(c) for c in row.get("constraints") or []],
        lang=row.get("lang", "en"),
        genre=row.get("genre", ""),
        source=row.get("source", ""),
        meta=dict(row.get("meta") or {}),
    )


def _row_problems(row: dict[str, Any], original: dict[str, Any], conflicts: bool) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    known = IFEVAL_KEYS + ("lang", "genre", "source", "meta") if is_ifeval_row(original) else FIELDS
    for key in original:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            problems.append((key, f"unknown field{hint}; fields: {', '.join(known)}"))
    for name in REQUIRED:
        if row.get(name) is None:
            problems.append((name, "missing"))
    rid = row.get("id")
    if rid is not None and (isinstance(rid, bool) or not isinstance(rid, (str, int)) or str(rid).strip() == ""):
        problems.append(("id", f"expected a non-empty string, got {rid!r}"))
    for name in _STR_FIELDS:
        value = row.get(name)
        if value is not None and not isinstance(value, str):
            problems.append((name, f"expected str, got {type(value).__name__} {value!r}"[:200]))
    if isinstance(row.get("prompt"), str) and not row["prompt"].strip():
        problems.append(("prompt", "empty prompt"))
    lang = row.get("lang", "en")
    if lang not in LANGS:
        problems.append(("lang", f"expected one of {', '.join(LANGS)}, got {lang!r}"))
    meta = row.get("meta")
    if meta is not None and not isinstance(meta, dict):
        problems.append(("meta", f"expected an object, got {type(meta).__name__}"))
    problems.extend(_constraint_problems(row.get("constraints"), lang if lang in LANGS else None, conflicts))
    return problems


def _constraint_problems(specs: Any, lang: str | None, conflicts: bool) -> list[tuple[str, str]]:
    if specs is None:
        return []
    if not isinstance(specs, list):
        return [("constraints", f"expected a list of constraint objects, got {type(specs).__name__} {specs!r}"[:200])]
    problems: list[tuple[str, str]] = []
    built: list[dict[str, Any]] = []
    for i, spec in enumerate(specs):
        where = f"constraints[{i}]"
        if not isinstance(spec, dict):
            problems.append((where, f"expected an object {{\"id\": ...}}, got {type(spec).__name__} {spec!r}"[:200]))
            continue
        if not isinstance(spec.get("id"), str):
            problems.append((f"{where}.id", "missing" if "id" not in spec else f"expected str, got {spec['id']!r}"))
            continue
        try:
            normal, cls_lang = _built(json.dumps(spec, sort_keys=True, ensure_ascii=False))
        except ConstraintError as exc:
            problems.extend(_split_constraint_error(where, spec["id"], str(exc)))
            continue
        except TypeError:  # a value JSON cannot hold (from Parquet or Python): validate it directly
            try:
                normal, cls_lang = build(spec).spec(), getattr(get(spec["id"]), "lang", "any")
            except ConstraintError as exc:
                problems.extend(_split_constraint_error(where, spec["id"], str(exc)))
                continue
        if lang and cls_lang not in ("any", lang):
            problems.append((f"{where}.id", f"{spec['id']} is meant for {cls_lang} text, but the record's lang is {lang}"))
        built.append(normal)
    if conflicts and len(built) == len(specs):
        for i, j, reason in find_conflicts(built):
            problems.append((f"constraints[{j}]", f"conflicts with constraints[{i}]: {reason}"))
    return problems


@functools.lru_cache(maxsize=65536)
def _built(spec_json: str) -> tuple[dict[str, Any], str]:
    """The normalised spec and the checker's language; cached because prompt sets repeat specs
    (2,000 bundled prompts hold 784 distinct ones) and building one resolves type hints."""
    spec = json.loads(spec_json)
    return build(spec).spec(), getattr(get(spec["id"]), "lang", "any")


def _split_constraint_error(where: str, cid: str, message: str) -> list[tuple[str, str]]:
    """Turn `cw:x: n: expected int; relation: ...` into one (field, reason) per kwarg."""
    prefix = f"{cid}: "
    if not message.startswith(prefix):
        return [(f"{where}.id", message)]  # unknown id: the message carries the suggestion
    problems = []
    for part in message[len(prefix):].split("; "):
        name, sep, reason = part.partition(": ")
        if sep and name.isidentifier():
            problems.append((f"{where}.{name}", reason))
        else:
            problems.append((where, part))
    return problems
