"""SIGKILL a real run after its first checkpoint, resume it: every step is logged exactly once."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest


def prompt_ids(run_dir, step):
    path = run_dir / "samples" / f"step_{step:06d}.jsonl"
    return [json.loads(line)["prompt_id"] for line in path.read_text().splitlines()]


@pytest.mark.slow
def test_sigkill_after_a_checkpoint_then_resume_logs_every_step_once(tmp_path, tiny_args, rlmr_cli):
    run_dir = tmp_path / "run"
    args = [*tiny_args, "--set", "run.steps=4", "--set", "run.save_every=2"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rlmr", "train", "--out", str(run_dir), *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    metrics = run_dir / "metrics.jsonl"
    deadline = time.monotonic() + 400
    try:
        # step 3 is not a save step: once its line is written, checkpoint-2 is complete and step 3 lies beyond it
        while time.monotonic() < deadline and proc.poll() is None:
            if metrics.is_file() and '"step": 3' in metrics.read_text():
                break
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert (run_dir / "checkpoints" / "checkpoint-2" / "trainer_state.json").is_file()
    assert [json.loads(line)["step"] for line in metrics.read_text().splitlines()] == [1, 2, 3]

    killed_step3 = prompt_ids(run_dir, 3)  # drawn by the uninterrupted sampler; resume forgets it and redoes it
    sampler_state = json.loads((run_dir / "checkpoints" / "checkpoint-2" / "rlmr_sampler.json").read_text())
    assert sampler_state["recorded"] == 2

    out = rlmr_cli("train", "--resume", str(run_dir))
    assert out.returncode == 0, out.stderr[-3000:]
    steps = [json.loads(line)["step"] for line in metrics.read_text().splitlines()]
    assert steps == [1, 2, 3, 4]
    # the curriculum resumes exactly: the same prompts per step as a run that was never killed
    whole = tmp_path / "whole"
    done = rlmr_cli("train", "--out", str(whole), *args)
    assert done.returncode == 0, done.stderr[-3000:]
    assert prompt_ids(run_dir, 3) == killed_step3 == prompt_ids(whole, 3)
    assert [prompt_ids(run_dir, s) for s in (1, 2, 3, 4)] == [prompt_ids(whole, s) for s in (1, 2, 3, 4)]
    state = json.loads((run_dir / "checkpoints" / "checkpoint-4" / "trainer_state.json").read_text())
    assert state["global_step"] == 4
    assert (run_dir / "model" / "config.json").is_file()
