"""The `rlmr` advantage estimator for verl: `algorithm.adv_estimator=rlmr`.

verl calls it (`compute_advantage` in `verl/trainer/ppo/ray_trainer.py`, used by the V1 and
legacy trainers alike) with `token_level_rewards` (bs, L), `response_mask` (bs, L), `index` (the
`uid` of each response's prompt: one group per uid) and `config` (the `algorithm` section).
Each row's reward is the one number `compute_score` returned, at the response's last token; it
decodes to (writing score, verdict, satisfied fraction) (`encoding.py`). The groups are mixed
by `rlmr.mixing.mix` with the options of `algorithm.rlmr` (`options.py`), exactly as
`rlmr train` mixes them, and each response's advantage is broadcast over its response tokens.
Returns equal advantages (outcome-only, as verl's GRPO).
"""

from __future__ import annotations

import numpy as np
import torch
from verl.trainer.ppo.core_algos import register_adv_est

from rlmr.integrations.verl import diagnostics
from rlmr.integrations.verl.encoding import decode
from rlmr.integrations.verl.options import mix_kwargs
from rlmr.mixing import mix

NAME = "rlmr"


def sequence_rewards(token_level_rewards: torch.Tensor) -> np.ndarray:
    """Each row's one reward as float32; raises when a row has more than one nonzero token.

    More than one nonzero token means something else wrote rewards (a KL term, a reward
    manager that spreads rewards over tokens), and the verdict cannot be trusted.
    """
    rewards = token_level_rewards.detach().to("cpu", torch.float32)
    nonzero = (rewards != 0).sum(-1)
    if bool((nonzero > 1).any()):
        row = int(torch.nonzero(nonzero > 1)[0, 0])
        raise ValueError(
            f"token_level_rewards row {row} has {int(nonzero[row])} nonzero tokens; the rlmr estimator expects the "
            "one reward compute_score gives (is algorithm.use_kl_in_reward on, or another reward manager in use?)"
        )
    return rewards.sum(-1).numpy()  # one nonzero per row: the sum is that value, exactly


@register_adv_est(NAME)
def compute_rlmr_outcome_advantage(
    token_level_rewards: torch.Tensor,
    response_mask: torch.Tensor,
    index: np.ndarray | None = None,
    config=None,
    **_ignored,
) -> tuple[torch.Tensor, torch.Tensor]:
    """RLMR group mixing as a verl advantage estimator; returns (advantages, returns), both (bs, L).

    `**_ignored` takes the optional inputs verl passes to some estimators (`reward_baselines`)
    and, once PR #7473 lands, `non_tensor_batch`; neither is needed while the verdict travels in
    the reward.
    """
    if index is None:
        raise ValueError("the rlmr estimator needs the uid of each response (verl passes it as `index`)")
    decoded = decode(sequence_rewards(token_level_rewards))
    result = mix(
        decoded["writing_score"],
        decoded["passed"],
        group_ids=np.asarray([str(uid) for uid in index]),  # a str array: sortable, and its items have .item()
        satisfied=decoded["satisfied"],
        **mix_kwargs(config),
    )
    diagnostics.record(result.log(prefix=diagnostics.PREFIX))
    per_row = torch.as_tensor(result.advantages, dtype=torch.float32, device=token_level_rewards.device)
    advantages = per_row.unsqueeze(-1) * response_mask.to(per_row.dtype)
    return advantages, advantages.clone()
