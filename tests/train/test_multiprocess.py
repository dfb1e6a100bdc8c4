"""Two CPU processes (accelerate launch, gloo): the mixing sees whole groups, not per-process halves."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from rlmr.mixing import mix


@pytest.mark.slow
def test_two_processes_mix_whole_groups_like_one_process_would(tmp_path, tiny):
    run_dir = tmp_path / "run"
    # 2 responses per process and groups of 4: every group is split across the two processes
    overrides = tiny + ["grpo.batch_size=2", "grpo.num_generations=4"]
    accelerate = Path(sys.executable).with_name("accelerate")
    cmd = [str(accelerate), "launch", "--multi_gpu", "--num_processes", "2", "--num_machines", "1",
           "--mixed_precision", "no", "--dynamo_backend", "no", "-m", "rlmr", "train", "--out", str(run_dir)]
    cmd += [part for item in overrides for part in ("--set", item)]
    env = {**os.environ, "OMP_NUM_THREADS": "1", "CUDA_VISIBLE_DEVICES": ""}
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert out.stdout.count("trained 2 steps") == 1  # only the main process reports
    metrics = [json.loads(line) for line in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [m["step"] for m in metrics] == [1, 2]
    for m in metrics:
        rows = [json.loads(line) for line in (run_dir / "samples" / f"step_{m['step']:06d}.jsonl").open()]
        assert len(rows) == 4 and len({r["prompt_id"] for r in rows}) == 1  # one whole group, both halves
        scores = [np.nan if r["writing_score"] is None else r["writing_score"] for r in rows]
        single = mix(scores, [r["passed"] for r in rows], group_size=4)
        assert np.allclose(single.advantages, [r["advantage"] for r in rows], atol=1e-5)
        for key, value in single.log(prefix="").items():
            logged = m.get(key)
            assert (logged is None and np.isnan(value)) or np.isclose(logged, value, atol=1e-5), key
