"""IFEval accuracy: prompt- and instruction-level, strict and loose, as the reference computes it.

IFBench is scored by the same four numbers (its reference evaluator is IFEval's, unchanged).

prompt level: share of prompts whose instructions all pass; instruction level: passed instances
over all instances (834 on the 541 IFEval prompts). Strict checks the raw response; loose passes an
instruction when any of the reference's 8 response variants passes. Both are
`rlmr.constraints.verify` modes, so the numbers here are the verifier's verdicts, counted.

No torch here: scoring a responses file must not need a model.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Sequence

METRICS = ("prompt_strict", "inst_strict", "prompt_loose", "inst_loose")


@dataclass(frozen=True)
class IFEvalScores:
    """The four headline numbers, accuracy per instruction id, and one verdict pair per response."""

    metrics: dict[str, float]
    per_instruction: dict[str, dict[str, float]]
    verdicts: list[dict[str, Any]]  # {"strict": Verdict.to_dict(), "loose": Verdict.to_dict()}


def score_ifeval(
    constraints: Sequence[Sequence[dict]], responses: Sequence[str], cut: Sequence[bool] | None = None
) -> IFEvalScores:
    """Score `responses[i]` against the specs `constraints[i]` (IFEval ids and kwargs). `cut[i]`
    True makes response i a violator in both modes (`rlmr eval --truncation fail`)."""
    from rlmr.constraints import verify_many

    if len(constraints) != len(responses):
        raise ValueError(f"{len(constraints)} constraint lists but {len(responses)} responses")
    strict = verify_many(list(responses), [list(c) for c in constraints], mode="strict", cut=cut)
    loose = verify_many(list(responses), [list(c) for c in constraints], mode="loose", cut=cut)
    counts = {m: 0 for m in METRICS}
    n_inst = 0
    per_id: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # n, strict passes, loose passes
    for s, lo in zip(strict, loose):
        counts["prompt_strict"] += s.passed
        counts["prompt_loose"] += lo.passed
        for rs, rl in zip(s.results, lo.results):
            n_inst += 1
            counts["inst_strict"] += rs.passed
            counts["inst_loose"] += rl.passed
            row = per_id[rs.id]
            row[0] += 1
            row[1] += rs.passed
            row[2] += rl.passed
    n_prompts = len(responses)
    metrics = {
        "prompt_strict": _ratio(counts["prompt_strict"], n_prompts),
        "inst_strict": _ratio(counts["inst_strict"], n_inst),
        "prompt_loose": _ratio(counts["prompt_loose"], n_prompts),
        "inst_loose": _ratio(counts["inst_loose"], n_inst),
        "n_prompts": n_prompts,
        "n_instructions": n_inst,
    }
    per_instruction = {
        cid: {"n": n, "strict": _ratio(ps, n), "loose": _ratio(pl, n)} for cid, (n, ps, pl) in sorted(per_id.items())
    }
    verdicts = [{"strict": s.to_dict(), "loose": lo.to_dict()} for s, lo in zip(strict, loose)]
    return IFEvalScores(metrics, per_instruction, verdicts)


def _ratio(num: int, den: int) -> float:
    return num / den if den else float("nan")
