"""The report on a real tiny `rlmr train` run (1 step on the embedded model), not a synthetic one."""

import re

import pytest

from rlmr.report.html import build_report
from rlmr.report.rundir import load_run


@pytest.mark.slow
def test_report_reads_a_real_training_run(tmp_path):
    train = pytest.importorskip("rlmr.train.run")
    from rlmr.train.config import load_config

    overrides = [
        "run.steps=1",
        "run.progress=false",
        "run.save_every=0",
        "run.sample_every=1",
        "data.max_prompts=4",
        "grpo.batch_size=4",
        "grpo.num_generations=4",
        "grpo.max_completion_length=8",
    ]
    run_dir = tmp_path / "run"
    train.train_run(load_config(None, overrides), run_dir)

    run = load_run(run_dir)
    assert run.strategy == "rlmr" and [r["step"] for r in run.metrics] == [1]
    assert len(run.samples) == 4 and all("response" in s for s in run.samples)
    page = build_report([run_dir], tmp_path / "report").read_text()
    assert page.count('src="data:image/png;base64,') >= 3  # writing score, pass rate, length, groups...
    alts = set(re.findall(r'alt="([^"]+)"', page))
    # TRL's own keys and ours, as a real step logs them, and the samples' advantages
    assert {"pass_rate", "constraints", "groups", "length", "loss", "grad_norm", "entropy", "advantages"} <= alts, alts
    assert run.samples[0]["prompt"][:40].replace("&", "&amp;").replace("<", "&lt;") in page
