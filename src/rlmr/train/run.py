"""The training recipe, read top to bottom: setup -> train -> save -> cleanup.

`train_run(config, run_dir)` is what `rlmr train` calls. Everything that can be wrong with the
inputs (config, prompt files, constraint specs, scorer spec, an existing run directory) is
checked in `prepare` before any model loads; errors name the file, row and field.

Features and the settings that control them (docs/config.md lists every field):
- policy: embedded SmolLM2-135M-Instruct / local folder / hub id (`policy.model`), LoRA
  (`policy.lora*`; the final `model/` is merged, so eval loads it like any model).
- rewards: `reward.scorer` + the verifier, mixed by `reward.strategy` on gathered rewards.
- precision: `run.precision=auto` is bf16 autocast where bf16 is native (GPU, AVX512-BF16/AMX CPU), else fp32.
- checkpoints every `run.save_every` steps; `--resume RUN_DIR` continues from the last one.
- logs: metrics.jsonl every step, samples every `run.sample_every`, TensorBoard when installed.

Raises:
    ConfigError, DataError, ScorerError, RunDirError: before any model loads.
    ScorerFailure: the scorer scored nothing for `reward.max_missing_steps` steps (after saving).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rlmr.data import load_prompts
from rlmr.train.config import ConfigError, TrainConfig, from_dict


class RunDirError(ValueError):
    """The run directory cannot be used as asked (exists without --resume, nothing to resume)."""


class ScorerFailure(RuntimeError):
    """The writing scorer failed on every response for too many steps; a checkpoint was saved."""


@dataclass
class RunResult:
    run_dir: Path
    steps: int
    seconds: float
    final_metrics: dict[str, Any] = field(default_factory=dict)
    is_main: bool = True  # False on the other ranks of a multi-process run


@dataclass
class Prepared:
    """Validated inputs of a run: nothing here has touched a model."""

    config: TrainConfig
    run_dir: Path
    train_rows: list[dict[str, Any]]
    eval_rows: list[dict[str, Any]] | None
    resume_from: str | None
    prior: dict[int, float] = field(default_factory=dict)  # row -> p from data.probe


def dataset_rows(records: list[Any]) -> list[dict[str, Any]]:
    """TRL rows: a conversational prompt, its id, and its constraints as a JSON string column."""
    return [
        {
            "prompt": [{"role": "user", "content": r.prompt}],
            "prompt_id": r.id,
            "constraints": json.dumps(r.constraints, ensure_ascii=False, sort_keys=True),
            "row": i,  # the prompt sampler's key
        }
        for i, r in enumerate(records)
    ]


def last_checkpoint(run_dir: Path) -> str | None:
    ckpts = [p for p in (run_dir / "checkpoints").glob("checkpoint-*") if p.name.split("-")[-1].isdigit()]
    complete = [p for p in ckpts if (p / "trainer_state.json").is_file()]
    return str(max(complete, key=lambda p: int(p.name.split("-")[-1]))) if complete else None


def resume_config(run_dir: Path, overrides: dict[str, dict[str, Any]] | None = None) -> TrainConfig:
    """The saved config of a run, with optional changes (e.g. more steps)."""
    import yaml

    path = run_dir / "config.yaml"
    if not path.is_file():
        raise RunDirError(f"{run_dir}: not a run directory (no config.yaml)")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for section, values in (overrides or {}).items():
        data.setdefault(section, {}).update(values)
    return from_dict(data, source=str(path))


def prepare(config: TrainConfig, run_dir: str | Path, *, resume: bool = False) -> Prepared:
    """Every check that needs no model: config, data, scorer spec, run directory."""
    from rlmr import models
    from rlmr.writing import parse_spec

    config.validate()
    run_dir = Path(run_dir)
    resume_from = last_checkpoint(run_dir) if resume else None
    if resume and resume_from is None:
        raise RunDirError(f"{run_dir}: no complete checkpoint under checkpoints/ to resume from")
    if resume_from is not None:
        check_unfinished(run_dir, resume_from, config.run.steps)
    if not resume and (run_dir / "metrics.jsonl").is_file():
        raise RunDirError(f"{run_dir}: already holds a run; use --resume {run_dir} or another --out")
    try:
        parse_spec(config.reward.scorer)
    except ValueError as exc:
        raise ConfigError(f"reward.scorer: {exc}") from None
    models.check(config.policy.model, "policy.model")  # a typo'd path fails here, not inside transformers
    records = select_prompts(load_prompts(config.data.prompts), config.data)
    probed = read_probe_file(config.data.probe) if config.data.probe else None
    if probed is not None:
        records = [r for r in records if r.id in probed and config.data.min_p <= probed[r.id] <= config.data.max_p]
    if config.data.max_prompts:
        records = records[: config.data.max_prompts]
    if not records:
        raise ConfigError(f"data.prompts: {config.data.prompts} holds no prompts (after the data.lang, "
                          "data.max_constraints and data.probe filters)")
    g = config.grpo
    if config.data.sampler == "curriculum" and len(records) * g.num_generations < g.batch_size:
        raise ConfigError(f"data.prompts: {len(records)} prompts are fewer than one step's "
                          f"{g.batch_size // g.num_generations} groups")
    eval_rows = dataset_rows(load_prompts(config.data.eval_prompts)) if config.data.eval_prompts else None
    prior = {i: probed[r.id] for i, r in enumerate(records)} if probed else {}
    return Prepared(config, run_dir, dataset_rows(records), eval_rows, resume_from, prior)


def read_probe_file(path: str) -> dict[str, float]:
    from rlmr.evaluate.probe import read_probe

    try:
        return read_probe(path)
    except OSError as exc:
        raise ConfigError(f"data.probe: cannot read {path}: {exc.strerror}") from None
    except ValueError as exc:
        raise ConfigError(f"data.probe: {exc}") from None


def check_unfinished(run_dir: Path, checkpoint: str, steps: int) -> None:
    """A resume that would train nothing (or one step past the end) is refused, and nothing changes."""
    state = json.loads((Path(checkpoint) / "trainer_state.json").read_text(encoding="utf-8"))
    done = int(state.get("global_step", 0))
    if done >= steps:
        raise RunDirError(
            f"{run_dir}: already finished ({done} of run.steps={steps} steps, checkpoint {Path(checkpoint).name}); "
            f"nothing to resume. To train further: rlmr train --resume {run_dir} --set run.steps={done + steps}"
        )


def select_prompts(records: list, data: Any) -> list:
    """The records a run trains on: `data.lang` and `data.max_constraints` filters, order kept."""
    if data.lang not in (None, "en", "zh"):
        raise ConfigError(f"data.lang: expected en, zh or null, got {data.lang!r}")
    if data.max_constraints is not None and data.max_constraints < 1:
        raise ConfigError(f"data.max_constraints: expected a positive number or null, got {data.max_constraints!r}")
    return [
        r for r in records
        if (data.lang is None or r.lang == data.lang)
        and (data.max_constraints is None or len(r.constraints) <= data.max_constraints)
    ]


class TrainRecipe:
    """setup (model, data, trainer) -> train -> save -> cleanup, over a `Prepared` run."""

    def __init__(self, prepared: Prepared) -> None:
        self.p = prepared
        self.cfg = prepared.config
        self.trainer: Any = None
        self.logger: Any = None

    def setup(self) -> None:
        from datasets import Dataset
        from transformers.utils import logging as hf_logging
        from transformers.trainer_callback import PrinterCallback, ProgressCallback

        from rlmr import models
        from rlmr.train.logbook import RunLogger
        from rlmr.train.progress import ProgressDisplay
        from rlmr.train.rewards import reward_functions
        from rlmr.train.trainer import RLMRTrainer

        cfg, run_dir = self.cfg, self.p.run_dir
        if cfg.run.cpu_threads:
            import torch

            torch.set_num_threads(cfg.run.cpu_threads)
        hf_logging.disable_progress_bar()
        run_dir.mkdir(parents=True, exist_ok=True)
        (run_dir / "config.yaml").write_text(cfg.to_yaml(), encoding="utf-8")
        self.trainer = RLMRTrainer(
            model=models.resolve(cfg.policy.model),
            reward_funcs=reward_functions(cfg.reward.scorer, cfg.reward.verify_mode),
            args=grpo_args(cfg, run_dir),
            train_dataset=Dataset.from_list(self.p.train_rows),
            eval_dataset=Dataset.from_list(self.p.eval_rows) if self.p.eval_rows else None,
            processing_class=models.load_tokenizer(cfg.policy.model),
            peft_config=lora_config(cfg) if cfg.policy.lora else None,
            mixing=mixing_settings(cfg),
            make_sampler=sampler_factory(cfg, self.p),
            generation_engine=cfg.grpo.generation_engine,
        )
        if self.p.resume_from:
            self.trainer.sampler_state = load_sampler_state(self.p.resume_from)
        display = ProgressDisplay(f"rlmr train [{cfg.reward.strategy}] -> {run_dir}", enabled=cfg.run.progress)
        self.logger = RunLogger(
            self.trainer, run_dir, strategy=cfg.reward.strategy, beta=cfg.grpo.beta,
            sample_every=cfg.run.sample_every, max_missing_steps=cfg.reward.max_missing_steps, progress=display,
        )
        for cb in (PrinterCallback, ProgressCallback):  # RunLogger's display replaces TRL's dict printing
            self.trainer.remove_callback(cb)
        self.trainer.add_callback(self.logger)

    def train(self) -> None:
        self.trainer.train(resume_from_checkpoint=self.p.resume_from)
        if self.logger.failure:
            raise ScorerFailure(self.logger.failure)

    def save(self) -> None:
        model = self.trainer.accelerator.unwrap_model(self.trainer.model)
        if hasattr(model, "merge_and_unload"):  # LoRA: ship a plain model that eval loads like any other
            model = model.merge_and_unload()
        if self.trainer.accelerator.is_main_process:
            target = self.p.run_dir / "model"
            shutil.rmtree(target, ignore_errors=True)
            model.save_pretrained(target)
            self.trainer.processing_class.save_pretrained(target)
        self.trainer.accelerator.wait_for_everyone()

    def cleanup(self) -> None:
        if self.logger is not None:
            self.logger.progress.stop()
        self.trainer = None


def train_run(config: TrainConfig, run_dir: str | Path, *, resume: bool = False) -> RunResult:
    """Run (or resume) one training run end to end; returns where it went and its last metrics."""
    return run_prepared(prepare(config, run_dir, resume=resume))


def run_prepared(prepared: Prepared) -> RunResult:
    """The recipe over inputs that `prepare` already checked."""
    from rlmr.train.logbook import read_jsonl

    started = time.perf_counter()
    recipe = TrainRecipe(prepared)
    try:
        recipe.setup()
        recipe.train()
        steps = recipe.trainer.state.global_step
        is_main = recipe.trainer.accelerator.is_main_process
        recipe.save()
    finally:
        recipe.cleanup()
    rows = read_jsonl(prepared.run_dir / "metrics.jsonl")
    return RunResult(prepared.run_dir, steps, time.perf_counter() - started, rows[-1] if rows else {}, is_main)


def mixing_settings(cfg: TrainConfig) -> Any:
    from rlmr.train.trainer import MixingSettings

    r = cfg.reward
    return MixingSettings(r.strategy, r.margin, r.margin_floor, r.all_fail, r.scale_std, tuple(r.weights),
                          r.verify_mode, r.truncated, r.length_floor)


def sampler_factory(cfg: TrainConfig, prepared: Prepared) -> Any:
    """`(prompts_per_batch, repeat_count, total_batches) -> PromptSampler` over the run's prompts."""
    from rlmr.train.sampler import PromptSampler

    ids = [[str(c["id"]) for c in json.loads(row["constraints"])] for row in prepared.train_rows]
    d = cfg.data

    def make(prompts_per_batch: int, repeat_count: int, total_batches: int) -> PromptSampler:
        return PromptSampler(ids, group_size=cfg.grpo.num_generations, prompts_per_batch=prompts_per_batch,
                             total_batches=total_batches, repeat_count=repeat_count, seed=cfg.run.seed,
                             mode=d.sampler, floor=d.curriculum_floor, memory=d.curriculum_memory,
                             prior=prepared.prior)

    return make


def load_sampler_state(checkpoint: str) -> dict[str, Any] | None:
    from rlmr.train.trainer import SAMPLER_STATE

    path = Path(checkpoint) / SAMPLER_STATE
    if not path.is_file():
        raise RunDirError(f"{checkpoint}: no {SAMPLER_STATE} (a checkpoint from before rlmr 0.2 cannot resume "
                          "with the same prompt sequence); start a new run")
    return json.loads(path.read_text(encoding="utf-8"))


def lora_config(cfg: TrainConfig) -> Any:
    from peft import LoraConfig

    p = cfg.policy
    return LoraConfig(task_type="CAUSAL_LM", r=p.lora_r, lora_alpha=p.lora_alpha, lora_dropout=p.lora_dropout,
                      target_modules=list(p.lora_target_modules))


def _checkpointing_field(config_class: Any) -> str:
    """transformers 5.2x renamed `gradient_checkpointing` to `activation_checkpointing`; 5.17
    (and 4.x) know only the old name. Both are in use on GPU images, so ask the class."""
    import dataclasses

    names = {f.name for f in dataclasses.fields(config_class)}
    return "activation_checkpointing" if "activation_checkpointing" in names else "gradient_checkpointing"


def grpo_args(cfg: TrainConfig, run_dir: Path) -> Any:
    """TRL's GRPOConfig from ours: flat parameters, nothing of TrainConfig leaks into the trainer."""
    import torch

    from rlmr.hardware import resolve_precision
    from trl import GRPOConfig

    g, run = cfg.grpo, cfg.run
    on_cpu = run.device == "cpu" or (run.device == "auto" and not torch.cuda.is_available())
    precision = resolve_precision(run.precision, on_cpu)
    tensorboard = run.tensorboard and importlib.util.find_spec("tensorboard") is not None
    if tensorboard:  # transformers 5 reads the TensorBoard folder from the environment only
        os.environ.setdefault("TENSORBOARD_LOGGING_DIR", str(run_dir / "tensorboard"))
    return GRPOConfig(
        output_dir=str(run_dir / "checkpoints"),
        use_cpu=on_cpu,
        bf16=precision == "bf16",
        fp16=precision == "fp16",
        seed=run.seed,
        max_steps=run.steps,
        per_device_train_batch_size=g.batch_size,
        per_device_eval_batch_size=g.batch_size,
        gradient_accumulation_steps=g.gradient_accumulation_steps,
        num_generations=g.num_generations,
        max_completion_length=g.max_completion_length,
        temperature=g.temperature,
        top_p=g.top_p,
        learning_rate=g.learning_rate,
        lr_scheduler_type=g.lr_scheduler,
        loss_type=g.loss_type,
        beta=g.beta,
        epsilon=g.epsilon,
        num_iterations=g.num_iterations,
        use_vllm=g.use_vllm,
        vllm_mode=g.vllm_mode,
        vllm_server_base_url=g.vllm_server_url,
        scale_rewards="group" if cfg.reward.scale_std else "none",  # TRL's own advantages are replaced anyway
        **{_checkpointing_field(GRPOConfig): cfg.policy.gradient_checkpointing},
        logging_steps=1,  # RunLogger writes one metrics line per optimizer step from each log
        save_strategy="steps" if run.save_every else "no",
        save_steps=run.save_every or None,
        save_total_limit=run.save_total_limit,
        eval_strategy="steps" if run.eval_every else "no",
        eval_steps=run.eval_every or None,
        report_to=["tensorboard"] if tensorboard else [],
        disable_tqdm=run.progress,
        ignore_data_skip=True,  # the prompt sampler resumes from its own saved position (rlmr_sampler.json)
        mask_truncated_completions=cfg.reward.truncated == "mask",
        log_completions=False,
        dataloader_num_workers=0,
    )
