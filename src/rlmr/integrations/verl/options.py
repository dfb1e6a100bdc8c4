"""Read the mixing options from verl's `algorithm` config section (no verl import here).

Keys, all optional, under `algorithm.rlmr` (hydra: `+algorithm.rlmr.strategy=rlmr`), named as
`rlmr.mixing.mix`'s arguments and `rlmr train`'s `reward.*` keys:

    strategy      rlmr | writing | verify | linear | normalize_then_sum   (default rlmr)
    margin        rlmr's gamma as a fraction of the group's score range  (0.1)
    margin_floor  gamma for groups whose scores are all equal             (1e-3)
    all_fail      zero | partial                                           (zero)
    weights       [w_writing, w_verdict] for linear / normalize_then_sum   ([1.0, 1.0])
    eps           relative std guard                                       (1e-6)

`algorithm.norm_adv_by_std_in_grpo` (verl's own key, default true) is `scale_std`. verl's
`algorithm.use_kl_in_reward` must stay false: it adds a KL term to every token's reward, which
would corrupt the encoded verdict (use `actor_rollout_ref.actor.use_kl_loss`, as GRPO does).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rlmr.mixing import MixOptions, get_strategy

KEYS = ("strategy", "margin", "margin_floor", "all_fail", "weights", "eps")


def _plain(value: Any) -> Any:
    """OmegaConf containers -> dict / list without importing omegaconf."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "__iter__") and not isinstance(value, (str, bytes)):
        return [_plain(v) for v in value]
    return value


def _get(config: Any, key: str, default: Any) -> Any:
    if config is None:
        return default
    getter = getattr(config, "get", None)
    value = getter(key, default) if getter is not None else getattr(config, key, default)
    return default if value is None else value


def mix_kwargs(config: Any) -> dict[str, Any]:
    """`mix` keyword arguments from an `algorithm` section (DictConfig, AlgoConfig, dict or None).

    Raises ValueError naming the key for unknown keys and invalid values.
    """
    if _get(config, "use_kl_in_reward", False):
        raise ValueError(
            "algorithm.use_kl_in_reward=true adds a KL term to every token's reward, which destroys the verdict "
            "the rlmr estimator decodes from it; set it false and use actor_rollout_ref.actor.use_kl_loss=true"
        )
    section = _plain(_get(config, "rlmr", {}))
    if not isinstance(section, dict):
        raise ValueError(f"algorithm.rlmr: expected a mapping of {', '.join(KEYS)}, got {section!r}")
    unknown = sorted(set(section) - set(KEYS))
    if unknown:
        raise ValueError(f"algorithm.rlmr.{unknown[0]}: unknown key; known: {', '.join(KEYS)}")
    defaults = MixOptions()
    kwargs: dict[str, Any] = {
        "strategy": str(section.get("strategy", "rlmr")),
        "margin": float(section.get("margin", defaults.margin)),
        "margin_floor": float(section.get("margin_floor", defaults.margin_floor)),
        "all_fail": str(section.get("all_fail", defaults.all_fail)),
        "weights": tuple(float(w) for w in section.get("weights", defaults.weights)),
        "eps": float(section.get("eps", defaults.eps)),
        "scale_std": bool(_get(config, "norm_adv_by_std_in_grpo", True)),
    }
    get_strategy(kwargs["strategy"])  # unknown names raise with the known ones
    try:
        MixOptions(margin=kwargs["margin"], margin_floor=kwargs["margin_floor"], all_fail=kwargs["all_fail"],
                   weights=kwargs["weights"], eps=kwargs["eps"])
    except ValueError as err:
        raise ValueError(f"algorithm.rlmr.{err}") from None
    return kwargs
