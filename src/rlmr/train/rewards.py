"""Reward callables in TRL's convention: the writing score and the verdict as reward columns.

TRL calls each reward with `prompts`, `completions`, `completion_ids` and every other dataset
column as a keyword; the per-prompt constraints ride in the `constraints` column as a JSON
string (Arrow cannot hold spec dicts whose kwargs differ from row to row). Each returns one
value per completion; `None` means "could not score" and becomes NaN in TRL, never 0.

The callables are classes, not closures, so that they pickle (accelerate and multiprocessing
copy them); their stable `__name__` is TRL's metric key (`rewards/<name>/mean`). They know
nothing about mixing: `RLMRTrainer` combines the columns after TRL gathers them.
Each call reports its own wall time through TRL's `log_metric` (`time/<name>_s`), which feeds
the step-time breakdown.
"""

from __future__ import annotations

import functools
import json
import time
from typing import Any, Callable, Sequence

from rlmr.constraints import Verdict, verify

WRITING_SCORE = "writing_score"
PASSED = "constraints_passed"
SATISFIED = "constraints_satisfied"
COLUMNS = (WRITING_SCORE, PASSED, SATISFIED)  # the order of TRL's reward columns


def message_text(message: Any) -> str:
    """The text of a prompt or completion, conversational (list of messages) or plain."""
    if isinstance(message, str):
        return message
    if isinstance(message, dict):
        return str(message.get("content", ""))
    return message[-1]["content"] if message else ""


@functools.lru_cache(maxsize=8192)
def cached_verdict(text: str, constraints_json: str, mode: str) -> Verdict:
    """One verification per (response, constraints, mode), shared by the reward columns and the
    diagnostics of the same step."""
    return verify(text, json.loads(constraints_json), mode=mode)  # type: ignore[arg-type]


def _report_time(kwargs: dict[str, Any], name: str, started: float) -> None:
    log_metric: Callable[[str, float], None] | None = kwargs.get("log_metric")
    if log_metric is not None:
        log_metric(f"time/{name}_s", time.perf_counter() - started)


class WritingScoreReward:
    """The writing scorer as a reward column; `None` where the scorer could not score."""

    __name__ = WRITING_SCORE

    def __init__(self, scorer_spec: str) -> None:
        self.scorer_spec = scorer_spec
        self._scorer: Any = None

    def __getstate__(self) -> dict[str, Any]:
        return {"scorer_spec": self.scorer_spec, "_scorer": None}  # models reload in the new process

    @property
    def scorer(self) -> Any:
        if self._scorer is None:
            from rlmr.writing import build_scorer

            self._scorer = build_scorer(self.scorer_spec)
        return self._scorer

    def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float | None]:
        started = time.perf_counter()
        scores = self.scorer.score([message_text(p) for p in prompts], [message_text(c) for c in completions])
        _report_time(kwargs, WRITING_SCORE, started)
        return [None if s is None else float(s) for s in scores]


class _VerdictReward:
    """Shared body of the two verdict columns: verify each completion against its row's constraints."""

    __name__ = "verdict"

    def __init__(self, mode: str = "strict") -> None:
        self.mode = mode

    def verdicts(self, completions: Sequence[Any], constraints: Sequence[str]) -> list[Verdict]:
        return [cached_verdict(message_text(c), spec, self.mode) for c, spec in zip(completions, constraints)]

    def value(self, verdict: Verdict) -> float:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, prompts: Sequence[Any], completions: Sequence[Any], **kwargs: Any) -> list[float]:
        started = time.perf_counter()
        constraints = kwargs.get("constraints")
        if constraints is None:
            raise ValueError(f"{self.__name__}: the dataset has no 'constraints' column")
        out = [self.value(v) for v in self.verdicts(completions, constraints)]
        _report_time(kwargs, self.__name__, started)
        return out


class PassedReward(_VerdictReward):
    """1.0 when every hard constraint holds, else 0.0."""

    __name__ = PASSED

    def value(self, verdict: Verdict) -> float:
        return float(verdict.passed)


class SatisfiedReward(_VerdictReward):
    """The fraction of constraints satisfied (partial credit, for `verify` and all-fail ranking)."""

    __name__ = SATISFIED

    def value(self, verdict: Verdict) -> float:
        return float(verdict.satisfied_fraction)


def reward_functions(scorer_spec: str, verify_mode: str) -> list[Any]:
    """The three reward columns, in `COLUMNS` order."""
    return [WritingScoreReward(scorer_spec), PassedReward(verify_mode), SatisfiedReward(verify_mode)]
