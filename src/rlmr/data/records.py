"""The prompt record: one writing task with its hard constraints held as specs.

A record is what every later stage reads: the prompt text the policy sees, and the constraint
specs (`{"id": ..., **kwargs}`, see `rlmr.constraints.build`) the verifier checks. IFEval rows
(`key`, `prompt`, `instruction_id_list`, `kwargs`) convert to records here, so the benchmark and
user files in IFEval format need no separate path.

This module must not import torch or any engine.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

LANGS = ("en", "zh")
FIELDS = ("id", "prompt", "constraints", "lang", "genre", "source", "meta")
REQUIRED = ("id", "prompt")
IFEVAL_KEYS = ("key", "prompt", "instruction_id_list", "kwargs")


@dataclass
class PromptRecord:
    """One prompt; `constraints` are spec dicts, `meta` is free-form provenance (topic, form, ...)."""

    id: str
    prompt: str
    constraints: list[dict[str, Any]] = field(default_factory=list)
    lang: str = "en"
    genre: str = ""
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def is_ifeval_row(row: Mapping[str, Any]) -> bool:
    """IFEval rows carry `instruction_id_list`; our rows carry `constraints`."""
    return "instruction_id_list" in row and "constraints" not in row


def ifeval_to_row(row: Mapping[str, Any], source: str = "ifeval") -> dict[str, Any]:
    """Convert an IFEval row to our schema; kwargs dicts lose their None values.

    The shapes are not checked here (validation does that, naming the field); a `kwargs` list
    shorter than `instruction_id_list` is padded with empty dicts so that validation reports the
    missing kwargs per constraint instead of a length mismatch.
    """
    ids = row.get("instruction_id_list")
    kwargs = row.get("kwargs", [])
    if not isinstance(ids, list) or not isinstance(kwargs, list):
        constraints: Any = ids  # validation reports the wrong type
    else:
        padded = list(kwargs) + [{}] * (len(ids) - len(kwargs))
        constraints = []
        for cid, kw in zip(ids, padded):
            clean = {k: v for k, v in kw.items() if v is not None} if isinstance(kw, Mapping) else kw
            constraints.append({"id": cid, **clean} if isinstance(clean, Mapping) else {"id": cid, "kwargs": clean})
    key = row.get("key")
    return {
        "id": str(key) if isinstance(key, (int, str)) and not isinstance(key, bool) else key,
        "prompt": row.get("prompt"),
        "constraints": constraints,
        "lang": row.get("lang", "en"),
        "genre": row.get("genre", "instruction"),
        "source": row.get("source", source),
        "meta": row.get("meta", {}),
    }
