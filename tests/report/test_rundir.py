import json

import pytest

from rlmr.report.rundir import RunDirError, load_run


def test_a_run_directory_yields_metrics_strategy_evals_and_last_samples(two_runs):
    run = load_run(two_runs[1])
    assert run.strategy == "rlmr" and len(run.metrics) == 12
    steps, values = run.series("pass_rate")
    assert steps[0] == 1.0 and values[-1] == pytest.approx(0.84)
    assert run.evals["creative-eval"]["pass_rate"] == 0.74
    assert run.samples_file == "step_000012.jsonl" and len(run.samples) == 2


def test_the_strategy_falls_back_to_config_yaml(tmp_path):
    (tmp_path / "metrics.jsonl").write_text(json.dumps({"step": 1, "pass_rate": 0.5}) + "\n")
    (tmp_path / "config.yaml").write_text("reward:\n  strategy: linear\n")
    assert load_run(tmp_path).strategy == "linear"


def test_a_bad_metrics_line_is_reported_with_file_and_line(tmp_path):
    (tmp_path / "metrics.jsonl").write_text('{"step": 1}\n{"step": 2,\n')
    with pytest.raises(RunDirError, match=r"metrics.jsonl:2: not valid JSON"):
        load_run(tmp_path)


def test_a_non_numeric_step_is_reported(tmp_path):
    (tmp_path / "metrics.jsonl").write_text('{"step": "one"}\n')
    with pytest.raises(RunDirError, match=r"metrics.jsonl:1: step: expected a number"):
        load_run(tmp_path)


def test_a_folder_without_metrics_is_not_a_run(tmp_path):
    with pytest.raises(RunDirError, match="no metrics.jsonl"):
        load_run(tmp_path)
