"""verl's hooks that the plugin relies on, checked against the installed verl: when one moves
(a verl upgrade), these fail and say what to change, instead of training on wrong advantages."""

import inspect

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import torch  # noqa: E402
import verl  # noqa: E402
from omegaconf import OmegaConf  # noqa: E402
from verl import DataProto  # noqa: E402
from verl.experimental.agent_loop import agent_loop  # noqa: E402
from verl.experimental.reward_loop.reward_manager.base import RewardManagerBase  # noqa: E402
from verl.experimental.reward_loop.reward_manager.naive import NaiveRewardManager  # noqa: E402
from verl.trainer.ppo import core_algos  # noqa: E402
from verl.trainer.ppo.ray_trainer import compute_advantage  # noqa: E402
from verl.trainer.ppo.v1 import trainer_base  # noqa: E402

from rlmr.integrations.verl.estimator import compute_rlmr_outcome_advantage  # noqa: E402
from rlmr.integrations.verl.reward import compute_score  # noqa: E402

seen: dict = {}


@core_algos.register_adv_est("rlmr_hook_probe")
def _probe(**kwargs):
    seen.clear()
    seen.update(kwargs)
    zeros = torch.zeros_like(kwargs["token_level_rewards"])
    return zeros, zeros


def test_the_estimator_receives_exactly_rewards_mask_uid_and_config():
    data = DataProto.from_dict(
        tensors={"token_level_rewards": torch.ones(2, 3), "response_mask": torch.ones(2, 3)},
        non_tensors={"uid": np.asarray(["a", "a"], dtype=object)},
    )
    compute_advantage(data, adv_estimator="rlmr_hook_probe", config=OmegaConf.create({"rlmr": {}}))
    assert set(seen) == {"token_level_rewards", "response_mask", "index", "config"}, (
        f"verl now passes {sorted(seen)} to estimators; if non_tensor_batch is among them (verl PR #7473), read "
        "writing_score/passed/satisfied from it in rlmr.integrations.verl.estimator instead of decoding the reward"
    )
    assert list(seen["index"]) == ["a", "a"]
    params = inspect.signature(compute_rlmr_outcome_advantage).parameters
    assert {"token_level_rewards", "response_mask", "index", "config"} <= set(params)


def test_compute_advantage_and_the_registry_keep_their_shape():
    assert list(inspect.signature(compute_advantage).parameters) == [
        "data", "adv_estimator", "gamma", "lam", "num_repeat", "norm_adv_by_std_in_grpo", "config"]
    assert core_algos.get_adv_estimator_fn("rlmr") is compute_rlmr_outcome_advantage
    with pytest.raises(ValueError, match="already been registered"):
        core_algos.register_adv_est("rlmr")(lambda **kw: None)  # names are first come, first served


def test_the_v1_trainer_feeds_rm_scores_and_uid_to_compute_advantage():
    source = inspect.getsource(trainer_base.PPOTrainer._compute_advantage)
    for needle in ('"uid"', '"rm_scores"', '"response_mask"', 'data.batch["token_level_scores"] = data.batch["rm_scores"]',
                   "compute_advantage_for_multi_trajectories", "config=self.config.algorithm"):
        assert needle in source, f"verl's V1 _compute_advantage no longer has {needle}: re-check the rlmr estimator's inputs"
    assert list(inspect.signature(trainer_base.PPOTrainer._compute_advantage).parameters) == ["self", "batch", "metrics"]


def test_rewards_are_one_float32_at_the_last_response_token():
    # The agent loop path (rewards computed during rollout) and the reward manager's assembly.
    source = inspect.getsource(agent_loop)
    assert "rm_scores = torch.zeros_like(response_mask, dtype=torch.float32)" in source, (
        "verl's agent loop changed how it stores reward_score: re-check rlmr.integrations.verl.encoding")
    data = DataProto.from_dict(tensors={"prompts": torch.zeros(2, 2, dtype=torch.long),
                                        "responses": torch.zeros(2, 4, dtype=torch.long),
                                        "attention_mask": torch.tensor([[1, 1, 1, 1, 0, 0], [0, 1, 1, 1, 1, 1]])})
    value = 0.75 + 2**-20  # exact in float32, like every encoded reward
    rm = RewardManagerBase.assemble_rm_scores(data, [value, -value])
    assert rm.dtype == torch.float32
    assert rm[0].tolist() == [0, value, 0, 0] and rm[1].tolist() == [0, 0, 0, -value]


def test_reward_functions_are_called_with_the_names_compute_score_takes():
    source = inspect.getsource(NaiveRewardManager.run_single)
    for name in ("data_source", "solution_str", "ground_truth", "extra_info"):
        assert f"{name}=" in source, f"verl's naive reward manager no longer passes {name}= to compute_score"
    for name in ("reward_router_address", "reward_model_tokenizer"):
        assert f'"{name}"' in source
    params = inspect.signature(compute_score).parameters
    assert {"data_source", "solution_str", "ground_truth", "extra_info", "reward_router_address",
            "reward_model_tokenizer"} <= set(params)


def test_plugins_load_from_the_verl_plugins_entry_point_group():
    source = inspect.getsource(verl)
    assert '_entry_points(group="verl.plugins")' in source and "VERL_USE_EXTERNAL_MODULES" in source
    from importlib.metadata import entry_points

    names = {ep.name: ep.value for ep in entry_points(group="verl.plugins")}
    assert names.get("rlmr") == "rlmr.integrations.verl.plugin"


def test_trainer_modes_register_by_name():
    assert {"sync", "colocate_async", "separate_async"} <= set(trainer_base.TRAINER_REGISTRY)
    assert "register_trainer" in dir(trainer_base)
