"""SIGKILL a real run after its first checkpoint, resume it: every step is logged exactly once."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest


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

    out = rlmr_cli("train", "--resume", str(run_dir))
    assert out.returncode == 0, out.stderr[-3000:]
    steps = [json.loads(line)["step"] for line in metrics.read_text().splitlines()]
    assert steps == [1, 2, 3, 4]
    state = json.loads((run_dir / "checkpoints" / "checkpoint-4" / "trainer_state.json").read_text())
    assert state["global_step"] == 4
    assert (run_dir / "model" / "config.json").is_file()
