"""`RLMRTrainer`: TRL's GRPOTrainer with rlmr's reward mixing in place of TRL's aggregation.

TRL 1.16 computes advantages inline in `_generate_and_score_completions` (weighted `nansum` of
the reward columns, then group normalisation); there is no seam for "rewards -> advantages".
The thinnest correct replacement wraps two methods and copies none of their bodies:

1. `_calculate_rewards` returns the reward columns already GATHERED from all processes
   (TRL spreads one group over several processes). We mix there, on the whole batch, with
   TRL's group layout (`num_generations` consecutive rows), and keep the full advantage vector.
2. `_generate_and_score_completions` then swaps TRL's advantages for this process's slice of
   ours (the same slice TRL takes: rows `rank * n_local ... (rank + 1) * n_local`).

3. `_generate_single_turn` (generation only) samples from `fastgen.GenerationCopy`, a bf16 copy
   of the policy refreshed from the live weights on every call, when `generation_engine` picks
   the fast engine (CPU, no vLLM, no LoRA, text only); otherwise TRL's own path runs. It returns
   what TRL's transformers path returns (ids up to and including the first EOS, no log-probs), so
   TRL's masks and log-prob passes are unchanged.

Everything else (vLLM, KL, loss types, checkpoints) is TRL's. The reward columns are
`rewards.COLUMNS`: writing score (NaN = missing), passed (0/1), satisfied fraction. A missing
score gets advantage 0 (rlmr.mixing does that), never TRL's silent `nansum` zero.
Diagnostics go into TRL's own metric channel (`self._metrics`), so TensorBoard and the run
logger see them at each log step. `tests/train/test_trl_seam.py` fails loudly when TRL moves
either method or changes their signatures; pin: trl>=1.16,<1.17.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np
import torch
from accelerate.utils import gather_object
from trl import GRPOTrainer

from rlmr.mixing import mix
from rlmr.train import fastgen
from rlmr.train.diagnostics import SampleRecord, StepBatch
from rlmr.train.rewards import COLUMNS, message_text


@dataclass(frozen=True)
class MixingSettings:
    """The `rlmr.mixing.mix` options of a run (flat parameters, built from RewardConfig)."""

    strategy: str = "rlmr"
    margin: float = 0.1
    margin_floor: float = 1e-3
    all_fail: str = "zero"
    scale_std: bool = True
    weights: tuple[float, float] = (1.0, 1.0)
    verify_mode: str = "strict"
    truncated: str = "fail"  # a response cut at max_completion_length: fail (a violator) | mask | keep
    length_floor: str = "keep"  # a response below its prompt's length floor: keep | fail (a violator)


SAMPLER_STATE = "rlmr_sampler.json"  # beside each checkpoint: the prompt sampler's estimates and position


class RLMRTrainer(GRPOTrainer):
    """GRPOTrainer whose advantages come from `rlmr.mixing.mix` on the gathered reward columns.

    Takes GRPOTrainer's arguments plus `mixing: MixingSettings` and `generation_engine`
    (`auto` | `fast` | `transformers`, see `GRPOSettings.generation_engine`); `reward_funcs` must be
    the three columns of `rlmr.train.rewards.reward_functions` in that order.
    `last_batch[mode]` holds the latest gathered `StepBatch` (same on every process).
    `make_sampler(prompts_per_batch, repeat_count, total_batches)` builds the train prompt sampler
    (`rlmr.train.sampler.PromptSampler`, fed every step's gathered verdicts); None keeps TRL's.
    """

    def __init__(
        self, *args: Any, mixing: MixingSettings, make_sampler: Callable[[int, int, int], Any] | None = None,
        generation_engine: str = "auto", **kwargs: Any,
    ) -> None:
        self.mixing = mixing
        self.last_batch: dict[str, StepBatch] = {}
        self._mixed_advantages: torch.Tensor | None = None
        self.make_sampler = make_sampler
        self.prompt_sampler: Any = None
        self.sampler_state: dict[str, Any] | None = None  # set by the recipe on resume, applied at creation
        super().__init__(*args, **kwargs)
        names = tuple(self.reward_func_names)
        if names != COLUMNS:
            raise ValueError(f"RLMRTrainer needs the reward columns {COLUMNS}, got {names}")
        self.generation_copy = self._fast_generation_copy(generation_engine)

    # -- the prompt sampler ------------------------------------------------------------------------
    def _get_train_sampler(self, dataset=None):  # type: ignore[override]
        if self.make_sampler is None:
            return super()._get_train_sampler(dataset)
        args = self.args
        per_generation = args.steps_per_generation * self.num_iterations
        total = -(-args.max_steps * args.gradient_accumulation_steps // per_generation) + 2
        self.prompt_sampler = self.make_sampler(args.generation_batch_size // self.num_generations,
                                                self.num_iterations * args.steps_per_generation, total)
        if self.sampler_state is not None:
            self.prompt_sampler.load_state_dict(self.sampler_state)
        return self.prompt_sampler

    def _save_checkpoint(self, model, trial):  # type: ignore[override]
        # The sampler's state goes in first: a checkpoint is complete only once trainer_state.json exists.
        if self.prompt_sampler is not None and self.accelerator.is_main_process:
            folder = os.path.join(self.args.output_dir, f"checkpoint-{self.state.global_step}")
            os.makedirs(folder, exist_ok=True)
            with open(os.path.join(folder, SAMPLER_STATE), "w", encoding="utf-8") as f:
                json.dump(self.prompt_sampler.state_dict(), f)
        return super()._save_checkpoint(model, trial)

    def _truncated(self, completion_ids_list) -> list[bool]:
        """Cut at max_completion_length before the end-of-sequence token."""
        stops = {*self.eos_token_ids, self._tokenizer.pad_token_id}  # TRL's own `is_truncated` test, plus the length
        limit = self.max_completion_length
        return [len(ids) >= limit and (not ids or ids[-1] not in stops) for ids in completion_ids_list]

    def _calculate_rewards(self, inputs, prompts, completions, completion_ids_list):  # type: ignore[override]
        gathered = super()._calculate_rewards(inputs, prompts, completions, completion_ids_list)  # (N_all, 3)
        mode = "train" if self.model.training else "eval"
        group_size = self.num_generations if mode == "train" else self.num_generations_eval
        cut = self._truncated(completion_ids_list)
        local = [
            SampleRecord(str(x.get("prompt_id", "")), message_text(p), message_text(c), x["constraints"], len(ids),
                         truncated, int(x.get("row", -1)))
            for x, p, c, ids, truncated in zip(inputs, prompts, completions, completion_ids_list, cut, strict=True)
        ]
        records = gather_object(local)
        columns = gathered.detach().float().cpu().numpy()
        # Violators by rule, whatever the verifier said: a cut response (an upper bound is not met by
        # being cut) and, if asked, one shorter than its prompt's length floor.
        forced = np.array([(self.mixing.truncated == "fail" and r.truncated)
                           or (self.mixing.length_floor == "fail" and r.below_floor) for r in records], dtype=bool)
        if forced.any():
            columns[forced, 1:] = 0.0
            gathered[torch.as_tensor(forced, device=gathered.device), 1:] = 0.0  # TRL's reward logs agree
        if mode == "train" and self.prompt_sampler is not None:
            self.prompt_sampler.record([r.row for r in records], columns[:, 1])
        started = time.perf_counter()
        m = self.mixing
        mixed = mix(
            columns[:, 0],
            columns[:, 1],
            satisfied=columns[:, 2],
            group_size=group_size,
            strategy=m.strategy,
            margin=m.margin,
            margin_floor=m.margin_floor,
            all_fail=m.all_fail,
            scale_std=m.scale_std,
            weights=m.weights,
        )
        mix_seconds = time.perf_counter() - started
        self._mixed_advantages = torch.as_tensor(mixed.advantages, dtype=torch.float32, device=gathered.device)
        batch = StepBatch(records, columns[:, 0], columns[:, 1], columns[:, 2], mixed, group_size, m.verify_mode)
        self.last_batch[mode] = batch
        for key, value in batch.metrics().items():
            if isinstance(value, (int, float)):
                self._metrics[mode][key].append(float(value))
        self._metrics[mode]["time/mix_s"].append(mix_seconds)
        if mode == "train" and self.prompt_sampler is not None:
            for key, value in self.prompt_sampler.log().items():
                self._metrics[mode][key].append(value)
        return gathered

    def _generate_and_score_completions(self, inputs):  # type: ignore[override]
        started = time.perf_counter()
        output = super()._generate_and_score_completions(inputs)
        if self._mixed_advantages is None:
            raise RuntimeError("TRL did not call _calculate_rewards: the RLMR seam moved (see test_trl_seam.py)")
        n_local = len(inputs)
        start = self.accelerator.process_index * n_local
        ours = self._mixed_advantages
        output["advantages"] = ours[start : start + n_local].to(output["advantages"].device)
        logged = self._logs["advantages"]  # TRL's completions table: show the advantages that train
        for _ in range(min(len(ours), len(logged))):
            logged.pop()
        logged.extend(ours.tolist())
        self._mixed_advantages = None
        mode = "train" if self.model.training else "eval"
        self._metrics[mode]["time/generate_and_score_s"].append(time.perf_counter() - started)
        return output

    def _fast_generation_copy(self, engine: str) -> fastgen.GenerationCopy | None:
        """The bf16 generation copy when `engine` selects rlmr's fast sampler, else None (TRL's path)."""
        if engine == "transformers":
            return None
        policy = self.accelerator.unwrap_model(self.model)
        why = fastgen.supported(policy, repetition_penalty=self.repetition_penalty, multimodal=self._is_vlm)
        if why is None and (self.use_vllm or self.use_transformers_continuous_batching or self.tools):
            why = "vLLM, continuous batching or tools are on"
        if why is not None:
            if engine == "fast":
                raise ValueError(f"grpo.generation_engine=fast: not available here ({why})")
            return None
        return fastgen.GenerationCopy(policy)

    def _generate_single_turn(self, prompt_ids, images, multimodal_fields, num_generations, has_tool_images=False):  # type: ignore[override]
        if self.generation_copy is None or images is not None or multimodal_fields:
            return super()._generate_single_turn(prompt_ids, images, multimodal_fields, num_generations,
                                                 has_tool_images)
        mode = "train" if self.model.training else "eval"
        started = time.perf_counter()
        self.generation_copy.sync(self.accelerator.unwrap_model(self.model))
        sampling = fastgen.Sampling(self.max_completion_length, self.temperature, self.top_p, self.top_k or 0,
                                    self.min_p)
        with torch.autocast("cpu", enabled=False):
            completion_ids = self.generation_copy.sample(prompt_ids, sampling, eos_token_ids=self.eos_token_ids,
                                                         pad_token_id=self._tokenizer.pad_token_id)
        self._metrics[mode]["time/fastgen_sync_s"].append(self.generation_copy.sync_seconds)
        self._metrics[mode]["time/fastgen_s"].append(time.perf_counter() - started)
        return completion_ids, None
