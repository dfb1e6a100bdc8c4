"""Creative-writing metrics: constraint pass rate (overall and per id), writing score, length.

These are the numbers that tell reward hacking apart from progress: a writing-only policy can
raise its writing score while its pass rate on length limits falls, so all three are reported
side by side. A writing score the scorer could not produce is counted in `writing_score/missing`
and left out of the mean, never scored 0.

No torch here; the scorer passed in may use it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Protocol, Sequence

import numpy as np

# English words as cw:word_count counts them ("don't" is one); every CJK ideograph is one word.
_WORD = re.compile(r"[^\W_]+(?:['\-’][^\W_]+)*")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


class Scorer(Protocol):
    def score(self, prompts: list[str], responses: list[str]) -> list[float | None]: ...


@dataclass(frozen=True)
class CreativeScores:
    metrics: dict[str, float]
    per_constraint: dict[str, dict[str, float]]
    rows: list[dict[str, Any]]  # per response: verdict, writing_score, words


def count_words(text: str) -> int:
    """Words for length statistics: CJK characters one each, other scripts by word runs."""
    cjk = len(_CJK.findall(text))
    latin = len(_WORD.findall(_CJK.sub(" ", text)))
    return cjk + latin


def length_stats(texts: Sequence[str]) -> dict[str, float]:
    words = np.array([count_words(t) for t in texts], dtype=float)
    if words.size == 0:
        return {"length/words_mean": float("nan")}
    return {
        "length/words_mean": float(words.mean()),
        "length/words_p50": float(np.percentile(words, 50)),
        "length/words_p90": float(np.percentile(words, 90)),
        "length/chars_mean": float(np.mean([len(t) for t in texts])),
    }


def score_creative(
    prompts: Sequence[str],
    constraints: Sequence[Sequence[dict]],
    responses: Sequence[str],
    scorer: Scorer | None = None,
    mode: str = "strict",
    cut: Sequence[bool] | None = None,
) -> CreativeScores:
    """Verify every response against its prompt's constraints and, with a scorer, score its writing.
    `cut[i]` True makes response i a violator (`rlmr eval --truncation fail`); its writing is still scored."""
    from rlmr.constraints import verify_many

    if not (len(prompts) == len(constraints) == len(responses)):
        raise ValueError(f"{len(prompts)} prompts, {len(constraints)} constraint lists, {len(responses)} responses")
    verdicts = verify_many(list(responses), [list(c) for c in constraints], mode=mode, cut=cut)
    per_id: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for v in verdicts:
        for r in v.results:
            per_id[r.id][0] += 1
            per_id[r.id][1] += r.passed
    metrics: dict[str, float] = {
        "n_prompts": len(responses),
        "pass_rate": float(np.mean([v.passed for v in verdicts])) if verdicts else float("nan"),
        "satisfied_mean": float(np.mean([v.satisfied_fraction for v in verdicts])) if verdicts else float("nan"),
    }
    per_constraint = {cid: {"n": n, "pass_rate": p / n} for cid, (n, p) in sorted(per_id.items())}
    for cid, row in per_constraint.items():
        metrics[f"constraint/{cid}/pass_rate"] = row["pass_rate"]
    metrics.update(length_stats(responses))
    scores: list[float | None] = [None] * len(responses)
    if scorer is not None:
        scores = list(scorer.score(list(prompts), list(responses)))
        metrics.update(writing_score_stats(scores, [v.passed for v in verdicts]))
    rows = [
        {"verdict": v.to_dict(), "writing_score": s, "words": count_words(t)}
        for v, s, t in zip(verdicts, scores, responses)
    ]
    return CreativeScores(metrics, per_constraint, rows)


def writing_score_stats(scores: Sequence[float | None], passed: Sequence[bool]) -> dict[str, float]:
    """Mean writing score overall, of passers and of violators; missing scores are counted apart."""
    have = [(s, p) for s, p in zip(scores, passed) if s is not None]

    def mean(values: list[float]) -> float:
        return float(np.mean(values)) if values else float("nan")

    return {
        "writing_score/mean": mean([s for s, _ in have]),
        "writing_score/passed": mean([s for s, p in have if p]),
        "writing_score/violated": mean([s for s, p in have if not p]),
        "writing_score/missing": len(scores) - len(have),
    }
