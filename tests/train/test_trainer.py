"""The TRL seam RLMRTrainer relies on: fail loudly when TRL moves it."""

import inspect

import trl
from trl import GRPOTrainer

from rlmr.train.trainer import RLMRTrainer


def test_trl_version_is_the_pinned_range():
    major, minor = (int(x) for x in trl.__version__.split(".")[:2])
    assert (major, minor) == (1, 16), f"RLMRTrainer was written against trl 1.16.x, found {trl.__version__}"


def test_overridden_methods_keep_their_signatures():
    params = list(inspect.signature(GRPOTrainer._calculate_rewards).parameters)
    assert params == ["self", "inputs", "prompts", "completions", "completion_ids_list"]
    assert list(inspect.signature(GRPOTrainer._generate_and_score_completions).parameters) == ["self", "inputs"]
    params = list(inspect.signature(GRPOTrainer._generate_single_turn).parameters)
    assert params == ["self", "prompt_ids", "images", "multimodal_fields", "num_generations", "has_tool_images"]


def test_trl_generation_returns_ids_through_eos_and_no_logprobs_without_vllm():
    # rlmr.train.fastgen returns the same shape of result as TRL's transformers branch
    src = inspect.getsource(GRPOTrainer._generate_single_turn)
    assert "completion_mask = (sequence_indices <= eos_idx.unsqueeze(1)).int()" in src  # EOS kept
    assert "logprobs = None  # not used in this case" in src
    assert "return completion_ids, logprobs" in src


def test_trl_still_gathers_in_calculate_rewards_and_slices_advantages_per_process():
    calc = inspect.getsource(GRPOTrainer._calculate_rewards)
    assert "rewards_per_func = gather(rewards_per_func)" in calc  # our mix runs on the all-process rewards
    gen = inspect.getsource(GRPOTrainer._generate_and_score_completions)
    # we replace output["advantages"] with our slice [rank * n_local, (rank + 1) * n_local)
    assert "rewards_per_func = self._calculate_rewards(" in gen
    assert "self.accelerator.process_index * len(prompts)" in gen
    assert '"advantages": advantages' in gen


def test_the_prompt_sampler_seam_keeps_its_shape():
    from transformers import Trainer

    assert list(inspect.signature(GRPOTrainer._get_train_sampler).parameters) == ["self", "dataset"]
    assert list(inspect.signature(Trainer._save_checkpoint).parameters) == ["self", "model", "trial"]
    src = inspect.getsource(GRPOTrainer._get_train_sampler)
    # our sampler yields the same layout: generation_batch_size // G prompts, each G times, block repeated
    assert "batch_size=self.args.generation_batch_size // self.num_generations" in src
    assert "repeat_count=self.num_iterations * self.args.steps_per_generation" in src
    # a resumed run draws from the sampler's saved position instead of replaying the loader
    assert "ignore_data_skip" in inspect.getsource(Trainer._run_epoch)


def test_only_the_reward_combination_the_prompt_sampler_and_generation_are_overridden():
    ours = {name for name, value in vars(RLMRTrainer).items() if callable(value) and not name.startswith("__")}
    assert ours == {"_calculate_rewards", "_generate_and_score_completions", "_get_train_sampler",
                    "_save_checkpoint", "_truncated", "_generate_single_turn", "_fast_generation_copy"}
