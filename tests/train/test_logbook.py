"""RunLogger: one metrics line per step across resumes, torn lines, the scorer-failure stop."""

import json
from types import SimpleNamespace

from transformers import TrainerControl

from rlmr.train.logbook import RunLogger, read_jsonl, step_row, write_jsonl
from rlmr.train.progress import ProgressDisplay


def logger(tmp_path, max_missing_steps=2):
    return RunLogger(SimpleNamespace(last_batch={}), tmp_path, strategy="rlmr", beta=0.0, sample_every=0,
                     max_missing_steps=max_missing_steps, progress=ProgressDisplay("t", enabled=False))


def state(step):
    return SimpleNamespace(global_step=step, is_world_process_zero=True, max_steps=10)


def test_resume_forgets_what_steps_after_the_checkpoint_wrote(tmp_path):
    write_jsonl(tmp_path / "metrics.jsonl", [{"step": s} for s in (1, 2, 3)])
    with open(tmp_path / "metrics.jsonl", "a") as f:
        f.write('{"step": 4, "pass_ra')  # what a SIGKILL mid-write leaves
    (tmp_path / "samples").mkdir()
    for s in (2, 3):
        (tmp_path / "samples" / f"step_{s:06d}.jsonl").write_text("{}\n")
    logger(tmp_path).on_train_begin(None, state(2), TrainerControl())
    assert [r["step"] for r in read_jsonl(tmp_path / "metrics.jsonl")] == [1, 2]
    assert sorted(p.name for p in (tmp_path / "samples").iterdir()) == ["step_000002.jsonl"]


def test_each_log_appends_one_line_with_the_time_breakdown(tmp_path):
    log = logger(tmp_path)
    log.on_train_begin(None, state(0), TrainerControl())
    logs = {"loss": 0.1, "pass_rate": 0.5, "scorer/missing": 0.0, "reward": 9.0, "time/generate_and_score_s": 3.0,
            "time/writing_score_s": 0.5, "time/constraints_passed_s": 0.01, "time/mix_s": 0.001}
    log._step_seconds = 4.0
    log.on_log(None, state(1), TrainerControl(), logs=logs)
    log.on_log(None, state(1), TrainerControl(), logs={"train_runtime": 1.0})  # end-of-training summary: no line
    (row,) = read_jsonl(tmp_path / "metrics.jsonl")
    assert row["step"] == 1 and row["strategy"] == "rlmr" and "reward" not in row  # TRL's own reward is not ours
    assert abs(row["time/generation_s"] - (3.0 - 0.5 - 0.01 - 0.001)) < 1e-9
    assert row["time/update_s"] == 1.0


def test_scorer_missing_for_k_steps_in_a_row_saves_then_stops(tmp_path):
    log = logger(tmp_path, max_missing_steps=2)
    controls = []
    for step, missing in enumerate([1.0, 0.0, 1.0, 1.0], start=1):
        control = TrainerControl()
        log.on_log(None, state(step), control, logs={"loss": 0.0, "scorer/missing": missing})
        controls.append((control.should_save, control.should_training_stop))
    assert controls == [(False, False), (False, False), (False, False), (True, True)]
    assert "2 steps in a row" in log.failure and "--resume" in log.failure


def test_kl_is_logged_only_with_a_reference_model():
    assert "kl" not in step_row(1, "rlmr", {"kl": 0.0}, 1.0, beta=0.0)
    assert step_row(1, "rlmr", {"kl": 0.2}, 1.0, beta=0.04)["kl"] == 0.2
    json.dumps(step_row(1, "rlmr", {"pass_rate": float("nan")}, 1.0, 0.0), allow_nan=False)
