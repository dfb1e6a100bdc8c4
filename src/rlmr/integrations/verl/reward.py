"""`compute_score` for verl's reward loop: verifier + writing scorer -> one encoded reward.

Set in verl's config:

    reward.custom_reward_function.path=pkg://rlmr.integrations.verl.reward
    reward.custom_reward_function.name=compute_score
    +reward.custom_reward_function.reward_kwargs.scorer='judge:router#MODEL'   # or proxy, classifier:PATH, judge:URL#MODEL
    +reward.custom_reward_function.reward_kwargs.verify_mode=strict           # or loose

verl calls it once per response with the row's `data_source`, the decoded response, the row's
`reward_model.ground_truth` and `extra_info` (what `rlmr data export --format verl` writes:
ground_truth = the constraint specs as JSON, extra_info.prompt = the prompt text). The result's
`score` is the float32 the estimator decodes (`encoding.py`); the other keys become verl's
`reward_extra_info` (validation metrics, dumped generations): `writing_score` (as the estimator
sees it), `passed`, `satisfied`, `n_constraints`.

Scorers: any `rlmr.writing` spec, built once per process (a reward loop worker) and reused. With
verl serving the reward model itself (`reward.reward_model.enable=true`), verl passes the
router's address; the spec `judge:router#MODEL` points rlmr's judge at it (an OpenAI-compatible
chat endpoint, `http://ADDRESS/v1`).
"""

from __future__ import annotations

import contextlib
import functools
import json
import threading
from typing import Any, Mapping

from rlmr.constraints import verify
from rlmr.integrations.verl.encoding import MAX_CONSTRAINTS, encode_one, round_score

ROUTER = "router"
_lock = threading.Lock()


@functools.lru_cache(maxsize=8)
def _scorer(spec: str):
    from rlmr.writing import build_scorer

    return build_scorer(spec)


def resolve_spec(spec: str, reward_router_address: str | None) -> str:
    """`judge:router#MODEL` -> `judge:http://ADDRESS/v1#MODEL` with verl's reward-model router."""
    if not spec.startswith(f"judge:{ROUTER}#"):
        return spec
    if not reward_router_address:
        raise ValueError(
            f"scorer {spec!r} needs verl's reward model router: set reward.reward_model.enable=true "
            "(or give the judge's URL: judge:http://HOST:PORT/v1#MODEL)"
        )
    address = reward_router_address if "://" in reward_router_address else f"http://{reward_router_address}"
    return f"judge:{address.rstrip('/')}/v1#" + spec[len(f"judge:{ROUTER}#"):]


def constraints_of(ground_truth: Any, extra_info: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """The constraint specs of a row: `ground_truth` (JSON text or a list), else extra_info["constraints"]."""
    for where, value in (("reward_model.ground_truth", ground_truth), ("extra_info.constraints", (extra_info or {}).get("constraints"))):
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError as err:
                raise ValueError(f"{where}: expected the constraint specs as JSON, {err}") from None
        value = list(value) if not isinstance(value, (dict, str)) and hasattr(value, "__iter__") else value
        if not isinstance(value, list) or not all(isinstance(c, Mapping) and "id" in c for c in value):
            raise ValueError(f"{where}: expected a list of constraint specs like {{\"id\": ...}}, got {value!r:.120}")
        return [dict(c) for c in value]
    return []


def compute_score(
    data_source: str,
    solution_str: str,
    ground_truth: Any,
    extra_info: Mapping[str, Any] | None = None,
    reward_router_address: str | None = None,
    reward_model_tokenizer: Any = None,
    *,
    scorer: str = "proxy",
    verify_mode: str = "strict",
    **_ignored: Any,
) -> dict[str, float]:
    """One response's encoded reward and its readable parts (see the module docstring).

    Raises ValueError naming the field when a row carries no prompt or malformed constraints,
    or more than the encoding's 14 constraints.
    """
    specs = constraints_of(ground_truth, extra_info)
    if len(specs) > MAX_CONSTRAINTS:
        raise ValueError(f"{len(specs)} constraints: the verl encoding carries at most {MAX_CONSTRAINTS} per prompt")
    prompt = (extra_info or {}).get("prompt")
    if not isinstance(prompt, str):
        raise ValueError("extra_info.prompt: the prompt text is missing (rlmr data export --format verl writes it)")
    verdict = verify(solution_str, specs, verify_mode)
    k = sum(r.passed for r in verdict.results)
    spec = resolve_spec(scorer, reward_router_address)
    writer = _scorer(spec)
    # verl runs sync reward functions on an executor's threads: one local model call at a time,
    # HTTP judges in parallel.
    with contextlib.nullcontext() if spec.startswith("judge:") else _lock:
        raw = writer.score([prompt], [solution_str])[0]
    score = round_score(raw)
    return {
        "score": encode_one(raw, len(specs), k),
        "writing_score": score,
        "passed": float(verdict.passed),
        "satisfied": float(verdict.satisfied_fraction),
        "n_constraints": float(len(specs)),
    }
