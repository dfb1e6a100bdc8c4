"""Which responses the page shows, chosen by rule, never by hand or by score.

- Training samples: passers and violators alternate, each from a different prompt while prompts
  last, in file order (a reader sees what the verifier accepted and refused, across prompts).
- Side by side: the first N prompts of the untrained eval that the trained eval also answered,
  the first response of each, whatever their verdicts.
"""

from __future__ import annotations

from itertools import chain, zip_longest
from typing import Any, Sequence

from rlmr.evaluate import paired  # side by side pairs prompts as the table does: text and constraints

SAMPLES_SHOWN = 6
SIDE_BY_SIDE = 4


def prompt_key(row: dict[str, Any]) -> str:
    for key in ("prompt_id", "id"):
        if row.get(key) is not None:
            return str(row[key])
    return str(row.get("prompt", ""))


def pick_samples(rows: Sequence[dict[str, Any]], n: int = SAMPLES_SHOWN) -> list[dict[str, Any]]:
    """Up to n rows: violator, passer, violator, ... with distinct prompts first, then any left."""
    violators = [r for r in rows if r.get("passed") is False]
    passers = [r for r in rows if r.get("passed") is True]
    others = [r for r in rows if not isinstance(r.get("passed"), bool)]
    order = [r for r in chain.from_iterable(zip_longest(violators, passers)) if r is not None] + others
    picked, seen = [], set()
    for row in order:  # first pass: one row per prompt
        if prompt_key(row) not in seen and len(picked) < n:
            picked.append(row)
            seen.add(prompt_key(row))
    for row in order:  # second pass: fill up when there are fewer prompts than n
        if len(picked) >= n:
            break
        if not any(row is p for p in picked):
            picked.append(row)
    return picked


def side_by_side(base_rows: Sequence[dict[str, Any]], trained_rows: Sequence[dict[str, Any]],
                 n: int = SIDE_BY_SIDE) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(untrained row, trained row) for the first n prompts both answered, in the untrained file's order."""
    trained: dict[str, dict[str, Any]] = {}
    for row in trained_rows:
        trained.setdefault(paired.prompt_key(row), row)
    pairs, seen = [], set()
    for row in base_rows:
        key = paired.prompt_key(row)
        if key in trained and key not in seen:
            pairs.append((row, trained[key]))
            seen.add(key)
        if len(pairs) == n:
            break
    return pairs
