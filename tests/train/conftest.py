"""Shared tiny settings for real training runs on CPU (seconds per step, mixed groups likely)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
SPLIT_PROMPTS = HERE / "data" / "split_prompts.jsonl"

# 4 prompts whose constraints split SmolLM2's answers (no comma, a word limit near the typical
# length of a 24-token answer, a keyword), 2 groups of 4 per step, one thread per process: on a
# shared 2-core machine oversubscribed OpenMP threads made steps 4-10x slower.
TINY = [
    f"data.prompts={SPLIT_PROMPTS}",
    "grpo.batch_size=8",
    "grpo.num_generations=4",
    "grpo.max_completion_length=24",
    "grpo.temperature=1.0",
    "reward.truncated=keep",  # at 24 tokens most answers are cut: `fail` would make every group all-fail
    "grpo.learning_rate=1e-5",
    "reward.scorer=proxy?max_tokens=24",
    "run.steps=2",
    "run.sample_every=1",
    "run.save_every=0",
    "run.cpu_threads=1",
    "run.progress=false",
    "run.seed=0",
]


def _cli(*args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "rlmr", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


@pytest.fixture
def rlmr_cli():
    """Run `python -m rlmr ARGS...` (one thread) and return the CompletedProcess."""
    return _cli


@pytest.fixture
def tiny() -> list[str]:
    """`--set` items of a tiny real run."""
    return list(TINY)


@pytest.fixture
def tiny_args(tiny) -> list[str]:
    """The tiny settings as CLI arguments."""
    return [part for item in tiny for part in ("--set", item)]
