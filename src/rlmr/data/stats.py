"""Counts that describe a prompt set: languages, genres, constraint ids, prompt lengths."""

from __future__ import annotations

import statistics
from collections import Counter
from typing import Any

from rlmr.data.records import PromptRecord


def prompt_length(record: PromptRecord) -> int:
    """Prompt length in the unit its language counts in: words (en) or characters (zh)."""
    if record.lang == "zh":
        return sum(1 for c in record.prompt if not c.isspace())
    return len(record.prompt.split())


def describe(records: list[PromptRecord]) -> dict[str, Any]:
    """A JSON-ready summary; `constraints_per_prompt` maps k -> number of prompts with k constraints."""
    lengths = {lang: sorted(prompt_length(r) for r in records if r.lang == lang) for lang in sorted({r.lang for r in records})}
    return {
        "prompts": len(records),
        "lang": dict(Counter(r.lang for r in records).most_common()),
        "genre": dict(Counter(r.genre for r in records).most_common()),
        "source": dict(Counter(r.source for r in records).most_common()),
        "constraint": dict(Counter(c["id"] for r in records for c in r.constraints).most_common()),
        "constraints_per_prompt": dict(sorted(Counter(len(r.constraints) for r in records).items())),
        "prompt_length": {
            lang: {"unit": "chars" if lang == "zh" else "words", "min": v[0], "median": statistics.median(v),
                   "mean": round(statistics.fmean(v), 1), "max": v[-1]}
            for lang, v in lengths.items() if v
        },
    }
