"""`RunLogger`: the trainer callback that writes a run directory's metrics and samples.

One line per optimizer step in RUN_DIR/metrics.jsonl, exactly once even across a resume: when
training starts from checkpoint-N, lines and sample files of steps after N (written before a
crash, and about to be recomputed) are dropped first. Lines are flushed and fsynced, so a
SIGKILL loses at most the line being written, and a torn last line is dropped on resume.

It also counts steps in a row where the scorer scored nothing and, at `max_missing_steps`,
asks the trainer to save a checkpoint and stop; `failure` then says why, and the recipe raises.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

from transformers import TrainerCallback

from rlmr.train.diagnostics import json_ready
from rlmr.train.progress import ProgressDisplay

# Keys of TRL's own logs kept in metrics.jsonl beside ours.
TRL_KEYS = ("loss", "grad_norm", "learning_rate", "entropy", "completions/clipped_ratio")
# Prefixes of the keys RLMRTrainer puts into TRL's metric channel (diagnostics.StepBatch.metrics).
OUR_PREFIXES = ("pass_rate", "writing_score/", "penalty/", "groups/", "advantage/", "length/", "scorer/",
                "constraint/", "reward/", "time/", "sampler/")
SUM_OF_VERIFY = ("time/constraints_passed_s", "time/constraints_satisfied_s")


def step_row(step: int, strategy: str, logs: dict[str, Any], step_seconds: float, beta: float) -> dict[str, Any]:
    """The metrics.jsonl object of one step from TRL's logs (ours ride in TRL's metric channel)."""
    row: dict[str, Any] = {"step": step, "strategy": strategy}
    for key, value in logs.items():
        if key in TRL_KEYS or key.startswith(OUR_PREFIXES):
            row[key] = value
    if beta > 0 and "kl" in logs:
        row["kl"] = logs["kl"]
    row["time/step_s"] = step_seconds
    verify = [logs[k] for k in SUM_OF_VERIFY if isinstance(logs.get(k), (int, float))]
    row["time/verify_s"] = sum(verify) if verify else None
    gen_score = logs.get("time/generate_and_score_s")
    if isinstance(gen_score, (int, float)):
        parts = [row["time/verify_s"], logs.get("time/writing_score_s"), logs.get("time/mix_s")]
        row["time/generation_s"] = gen_score - sum(p for p in parts if isinstance(p, (int, float)))
        row["time/update_s"] = step_seconds - gen_score
    return json_ready(row)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Objects of a JSONL file; a torn (unparseable) line, as a SIGKILL leaves, is skipped."""
    rows = []
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError:
                continue
    return rows


def write_jsonl(path: Path, rows: list[dict[str, Any]], mode: str = "w") -> None:
    with open(path, mode, encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


LENGTH_BASE_STEPS = 3  # length/words_vs_start compares against the mean of the first steps


class RunLogger(TrainerCallback):
    """Writes metrics.jsonl, eval_metrics.jsonl and samples/step_XXXXXX.jsonl (main process only)."""

    def __init__(self, trainer: Any, run_dir: Path, *, strategy: str, beta: float, sample_every: int,
                 max_missing_steps: int, progress: ProgressDisplay) -> None:
        self.trainer = trainer
        self.run_dir = Path(run_dir)
        self.strategy = strategy
        self.beta = beta
        self.sample_every = sample_every
        self.max_missing_steps = max_missing_steps
        self.progress = progress
        self.failure: str | None = None
        self._missing_streak = 0
        self._step_started = time.perf_counter()
        self._step_seconds = 0.0
        self._start_words: list[float] = []

    @property
    def metrics_path(self) -> Path:
        return self.run_dir / "metrics.jsonl"

    def _is_main(self, state: Any) -> bool:
        return bool(state.is_world_process_zero)

    def on_train_begin(self, args, state, control, **kwargs):
        if self._is_main(state):
            (self.run_dir / "samples").mkdir(parents=True, exist_ok=True)
            self._forget_after(state.global_step)
            self.progress.start(state.max_steps)
        return control

    def _forget_after(self, step: int) -> None:
        """Keep only what steps <= `step` wrote: the steps after it will run again."""
        for name in ("metrics.jsonl", "eval_metrics.jsonl"):
            path = self.run_dir / name
            if path.is_file():
                write_jsonl(path, [r for r in read_jsonl(path) if isinstance(r.get("step"), int) and r["step"] <= step])
        for sample in (self.run_dir / "samples").glob("step_*.jsonl"):
            if int(sample.stem.split("_")[1]) > step:
                sample.unlink()

    def on_step_begin(self, args, state, control, **kwargs):
        self._step_started = time.perf_counter()
        return control

    def on_step_end(self, args, state, control, **kwargs):
        self._step_seconds = time.perf_counter() - self._step_started
        return control

    def on_log(self, args, state, control, logs=None, **kwargs):
        logs = logs or {}
        if any(key.startswith("eval_") for key in logs):
            if self._is_main(state):
                write_jsonl(self.run_dir / "eval_metrics.jsonl", [json_ready({"step": state.global_step, **logs})], "a")
            return control
        if "loss" not in logs:  # the end-of-training summary
            return control
        row = step_row(state.global_step, self.strategy, logs, self._step_seconds, self.beta)
        row["length/words_vs_start"] = self._length_vs_start(row)
        self._check_scorer(row, control)
        if self._is_main(state):
            batch = self.trainer.last_batch.get("train")
            if batch is not None and self.sample_every and state.global_step % self.sample_every == 0:
                path = self.run_dir / "samples" / f"step_{state.global_step:06d}.jsonl"
                write_jsonl(path, [json_ready(r) for r in batch.sample_rows()])
            # The step's metrics line goes last: once it is there, everything of that step is on disk.
            write_jsonl(self.metrics_path, [row], "a")
            self.progress.update(row)
        return control

    def _length_vs_start(self, row: dict[str, Any]) -> float | None:
        """Mean words now / mean words of the run's first LENGTH_BASE_STEPS steps: the guard against a
        scorer that pays for saying less (or more). Read back from metrics.jsonl, so resume keeps it."""
        words = row.get("length/words_mean")
        if not isinstance(words, (int, float)):
            return None
        if len(self._start_words) < LENGTH_BASE_STEPS:
            earlier = [r.get("length/words_mean") for r in read_jsonl(self.metrics_path)] if self.metrics_path.is_file() else []
            self._start_words = [w for w in earlier if isinstance(w, (int, float))][:LENGTH_BASE_STEPS]
            if len(self._start_words) < LENGTH_BASE_STEPS:
                self._start_words.append(words)
        base = sum(self._start_words) / len(self._start_words)
        return words / base if base else None

    def _check_scorer(self, row: dict[str, Any], control: Any) -> None:
        missing = row.get("scorer/missing")
        self._missing_streak = self._missing_streak + 1 if missing == 1.0 else 0
        if self._missing_streak >= self.max_missing_steps and self.failure is None:
            self.failure = (
                f"the writing scorer returned no score for any response in {self._missing_streak} steps in a row "
                f"(up to step {row['step']}); a checkpoint was saved, fix the scorer and resume with "
                f"`rlmr train --resume {self.run_dir}`"
            )
            control.should_save = True
            control.should_training_stop = True

    def on_train_end(self, args, state, control, **kwargs):
        self.progress.stop()
        return control
