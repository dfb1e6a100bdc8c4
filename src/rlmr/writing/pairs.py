"""Does a writing scorer prefer a real text over its degraded versions? (`rlmr score --pairs`)

The check that found the brevity blind spot of `proxy` (issue 18), for any scorer: read
original texts with their prompts, derive the deterministic degradations of `degrade` (the
brevity cuts and the length-growing `repeat_phrase` among them), score both sides with the same
prompt, and count how often the original wins, per degradation and language. A reward model
that loses to `first_sentence` pays for brevity; one that loses to `repeat_phrase` pays for
padding. Ties count as losses: a scorer that cannot tell the two apart does not prefer the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from rlmr.writing.base import ScorerError, WritingScorer
from rlmr.writing.degrade import KINDS, Pair, build_pairs, is_chinese

FIELDS = ("id", "prompt", "text")


def read_originals(path: str | Path) -> list[dict[str, Any]]:
    """JSONL rows with string fields `id`, `prompt`, `text` and optional `lang` ('en' | 'zh';
    guessed from the text when absent). Ids must be unique."""
    from rlmr.jsonl import iter_objects

    rows, seen = [], set()
    for line_no, row in iter_objects(path, ScorerError):
        for key in FIELDS:
            if not isinstance(row.get(key), str) or not row[key].strip():
                got = "missing" if key not in row else ("empty" if isinstance(row[key], str) else type(row[key]).__name__)
                raise ScorerError(f"{path}:{line_no}: {key}: expected a non-empty string, got {got}")
        if row["id"] in seen:
            raise ScorerError(f"{path}:{line_no}: id: duplicate {row['id']!r}")
        seen.add(row["id"])
        lang = row.get("lang", "zh" if is_chinese(row["text"]) else "en")
        if lang not in ("en", "zh"):
            raise ScorerError(f"{path}:{line_no}: lang: expected 'en' or 'zh', got {lang!r}")
        rows.append(dict(row, lang=lang))
    if not rows:
        raise ScorerError(f"{path}: no rows")
    return rows


def parse_kinds(text: str | None) -> tuple[str, ...]:
    """A comma-separated list of degradation kinds (None or empty: all of them)."""
    if not text:
        return KINDS
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ScorerError(f"--kinds: unknown degradation {unknown[0]!r}; known: {', '.join(KINDS)}")
    return kinds


@dataclass(frozen=True)
class PairResult:
    pair: Pair
    original_score: float | None
    degraded_score: float | None

    @property
    def preferred(self) -> bool:
        """The original scored strictly higher (a missing score is a loss)."""
        a, b = self.original_score, self.degraded_score
        return a is not None and b is not None and a > b


def score_pairs(scorer: WritingScorer, items: Sequence[dict[str, Any]], kinds: Sequence[str] = KINDS) -> list[PairResult]:
    """Every pair of `build_pairs`, each distinct (prompt, text) scored once."""
    if "off_topic" in kinds and min(sum(i["lang"] == lang for i in items) for lang in {i["lang"] for i in items}) < 2:
        raise ScorerError("off_topic needs at least two texts of each language (or leave it out with --kinds)")
    pairs = build_pairs(items, kinds)
    keys = list(dict.fromkeys([(p.prompt, p.original) for p in pairs] + [(p.prompt, p.degraded) for p in pairs]))
    scores = dict(zip(keys, scorer.score([k[0] for k in keys], [k[1] for k in keys])))
    return [PairResult(p, scores[(p.prompt, p.original)], scores[(p.prompt, p.degraded)]) for p in pairs]


def preference_rates(results: Sequence[PairResult]) -> dict[tuple[str, str], tuple[int, int]]:
    """(kind, lang) -> (original preferred, pairs), kinds in `KINDS` order."""
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        c = counts[(r.pair.kind, r.pair.lang)]
        c[0] += r.preferred
        c[1] += 1
    order = {k: i for i, k in enumerate(KINDS)}
    return {key: (c[0], c[1]) for key, c in sorted(counts.items(), key=lambda kv: (order[kv[0][0]], kv[0][1]))}
