"""Judges for pairwise win rate (`rlmr.evaluate.winrate.PairwiseJudge`).

- `ScorerJudge`: any pointwise writing scorer (`proxy`, `classifier:...`, `judge:...`) as a
  judge: the higher score wins, equal scores tie. It has no position bias by construction, and it
  scores each (prompt, response) once even though win rate asks in both orders.
- `build_judge(spec)`: a scorer spec from `rlmr.writing.build_scorer`; with `judge:URL#model` and
  `mode=pairwise`, the LLM is shown both responses and asked which is better.
"""

from __future__ import annotations

from typing import Any, Sequence

from rlmr.evaluate.winrate import PairwiseJudge


class ScorerJudge:
    """A pointwise scorer used as a pairwise judge (a missing score makes the pair missing)."""

    def __init__(self, scorer: Any):
        self.scorer = scorer
        self._cache: dict[tuple[str, str], float | None] = {}

    def _scores(self, prompts: Sequence[str], responses: Sequence[str]) -> list[float | None]:
        todo = [(p, r) for p, r in zip(prompts, responses) if (p, r) not in self._cache]
        todo = list(dict.fromkeys(todo))
        if todo:
            scores = self.scorer.score([p for p, _ in todo], [r for _, r in todo])
            self._cache.update(zip(todo, scores))
        return [self._cache[(p, r)] for p, r in zip(prompts, responses)]

    def prefer(self, prompts: Sequence[str], first: Sequence[str], second: Sequence[str]) -> list[float | None]:
        a = self._scores(prompts, first)
        b = self._scores(prompts, second)
        return [None if x is None or y is None else 1.0 if x > y else 0.0 if x < y else 0.5 for x, y in zip(a, b)]


def build_judge(spec: str) -> PairwiseJudge:
    """A judge from a writing-scorer spec; pairwise LLM judging when the scorer offers it."""
    from rlmr.writing import build_scorer

    scorer = build_scorer(spec)
    if callable(getattr(scorer, "prefer", None)):
        return scorer  # a pairwise-capable scorer (LLM judge in pairwise mode)
    return ScorerJudge(scorer)
