"""One training step's gathered batch and what we log about it: metrics and the sample table.

`StepBatch` holds every process's responses for one generation step (the layout TRL gathers:
groups of `num_generations` consecutive rows), the three reward columns and the `MixResult`.
`metrics()` gives the stable keys of docs/contracts.md section 5; `sample_rows()` the rows of
RUN_DIR/samples/step_XXXXXX.jsonl. numpy only: the 2-process test recomputes the same numbers
from a samples file without an engine.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import numpy as np

from rlmr.constraints.cjk import mixed_word_count
from rlmr.mixing import MixResult
from rlmr.train.rewards import cached_verdict
from rlmr.writing.length_band import below_floor


@dataclass(frozen=True)
class SampleRecord:
    """What one process knows about one response before the gather."""

    prompt_id: str
    prompt: str
    response: str
    constraints: str  # JSON list of specs, as in the dataset column
    n_tokens: int
    truncated: bool = False  # cut at max_completion_length before its end
    row: int = -1  # index of the prompt in the training set (the prompt sampler's key)

    @functools.cached_property  # read by the metrics, the sample rows and `reward.length_floor`
    def below_floor(self) -> bool:
        """Shorter than the length floor its prompt asks for (`rlmr.writing.length_band`)."""
        return below_floor(self.prompt, self.response)


@dataclass
class StepBatch:
    records: list[SampleRecord]  # (N,) every process, TRL's order
    writing_scores: np.ndarray  # (N,) NaN = missing
    passed: np.ndarray  # (N,) 0/1
    satisfied: np.ndarray  # (N,)
    mixed: MixResult
    group_size: int
    verify_mode: str = "strict"

    def metrics(self) -> dict[str, Any]:
        """Contract keys (without step, loss, kl and time, which the callback adds)."""
        out: dict[str, Any] = {"strategy": self.mixed.strategy}
        out.update(self.mixed.log(prefix=""))
        out["scorer/missing_count"] = int(np.isnan(self.writing_scores).sum())
        tokens = np.array([r.n_tokens for r in self.records], dtype=float)
        words = np.array([mixed_word_count(r.response) for r in self.records], dtype=float)
        for name, values in (("tokens", tokens), ("words", words)):
            out[f"length/{name}_mean"] = float(values.mean())
            out[f"length/{name}_p50"] = float(np.percentile(values, 50))
            out[f"length/{name}_p90"] = float(np.percentile(values, 90))
        out["length/truncated"] = float(np.mean([r.truncated for r in self.records]))
        out["length/below_floor"] = float(np.mean([r.below_floor for r in self.records]))
        out.update(self.constraint_pass_rates())
        return out

    def constraint_pass_rates(self) -> dict[str, float]:
        """`constraint/<id>/pass_rate` over every response whose prompt carries that id."""
        seen: dict[str, list[bool]] = defaultdict(list)
        for record in self.records:
            for result in cached_verdict(record.response, record.constraints, self.verify_mode).results:
                seen[result.id].append(result.passed)
        return {f"constraint/{cid}/pass_rate": float(np.mean(v)) for cid, v in sorted(seen.items())}

    def sample_rows(self) -> list[dict[str, Any]]:
        rows = []
        for i, record in enumerate(self.records):
            verdict = cached_verdict(record.response, record.constraints, self.verify_mode)
            rows.append({
                "group": i // self.group_size,
                "prompt_id": record.prompt_id,
                "prompt": record.prompt,
                "response": record.response,
                "writing_score": finite_or_none(self.writing_scores[i]),
                "passed": bool(self.passed[i]),
                "satisfied_fraction": float(self.satisfied[i]),
                "reasons": [f"{r.id}: {'ok' if r.passed else 'FAIL'}: {r.reason}" for r in verdict.results],
                "reward": finite_or_none(self.mixed.rewards[i]),
                "advantage": float(self.mixed.advantages[i]),
                "n_tokens": record.n_tokens,
                "truncated": record.truncated,
                "below_floor": record.below_floor,
            })
        return rows


def finite_or_none(value: Any) -> Any:
    """JSON has no NaN: undefined numbers are written as null."""
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(float(value)) else None
    if isinstance(value, np.integer):
        return int(value)
    return value


def json_ready(metrics: dict[str, Any]) -> dict[str, Any]:
    return {key: finite_or_none(value) for key, value in metrics.items()}
