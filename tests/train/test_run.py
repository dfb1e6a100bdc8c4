"""Real tiny runs on CPU: every strategy trains 2 steps, failures stop early and clearly."""

import json
from pathlib import Path

import numpy as np
import pytest

from rlmr.mixing import STRATEGIES, mix
from rlmr.train.config import load_config
from rlmr.train.logbook import read_jsonl
from rlmr.train.run import RunDirError, ScorerFailure, prepare, train_run


def samples(run_dir: Path) -> dict[int, list[dict]]:
    return {int(p.stem.split("_")[1]): read_jsonl(p) for p in sorted((run_dir / "samples").glob("step_*.jsonl"))}


@pytest.mark.slow
def test_two_real_steps_per_strategy_and_rlmr_pushes_every_violator_below_zero(tmp_path, tiny):
    mixed_groups = 0
    for strategy in sorted(STRATEGIES):
        run_dir = tmp_path / strategy
        result = train_run(load_config(None, tiny + [f"reward.strategy={strategy}"]), run_dir)
        assert result.steps == 2 and (run_dir / "model" / "config.json").is_file()
        metrics = read_jsonl(run_dir / "metrics.jsonl")
        assert [m["step"] for m in metrics] == [1, 2] and {m["strategy"] for m in metrics} == {strategy}
        for step, rows in samples(run_dir).items():
            assert len(rows) == 8 and all(r["group"] == i // 4 for i, r in enumerate(rows))
            # the logged advantages are rlmr.mixing's on the logged batch
            scores = [np.nan if r["writing_score"] is None else r["writing_score"] for r in rows]
            again = mix(scores, [r["passed"] for r in rows], satisfied=[r["satisfied_fraction"] for r in rows],
                        group_size=4, strategy=strategy)
            assert np.allclose(again.advantages, [r["advantage"] for r in rows], atol=1e-5)
            if strategy != "rlmr":
                continue
            for g in range(2):
                group = rows[4 * g: 4 * g + 4]
                if 0 < sum(r["passed"] for r in group) < 4:
                    mixed_groups += 1
                    assert all(r["advantage"] < 0 for r in group if not r["passed"]), group
                    assert max(r["advantage"] for r in group if r["passed"]) > 0
    assert mixed_groups > 0, "the split prompts gave no mixed group: the rlmr check above checked nothing"


@pytest.mark.slow
def test_a_scorer_failing_every_step_stops_after_saving_a_checkpoint(tmp_path, tiny):
    # A real judge on a loopback port where nothing listens: every score is None.
    cfg = load_config(None, tiny + ["reward.scorer=judge:http://127.0.0.1:9/v1#m?retries=0&timeout=2",
                                    "reward.max_missing_steps=2", "run.steps=5", "run.save_every=10"])
    with pytest.raises(ScorerFailure, match="no score for any response in 2 steps in a row"):
        train_run(cfg, tmp_path / "run")
    assert (tmp_path / "run" / "checkpoints" / "checkpoint-2" / "trainer_state.json").is_file()
    metrics = read_jsonl(tmp_path / "run" / "metrics.jsonl")
    assert [m["step"] for m in metrics] == [1, 2]
    assert all(m["scorer/missing"] == 1.0 and m["scorer/missing_count"] == 8 for m in metrics)
    assert all(r["advantage"] == 0.0 for rows in samples(tmp_path / "run").values() for r in rows)


def test_bad_data_fails_before_any_model_loads(tmp_path, tiny):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"id": "x", "prompt": "p", "constraints": [{"id": "cw:word_count", "n": "ten"}]}) + "\n")
    with pytest.raises(ValueError, match=r"bad.jsonl:1: constraints\[0\]"):
        prepare(load_config(None, tiny + [f"data.prompts={bad}"]), tmp_path / "run")
    assert not (tmp_path / "run").exists()


def test_an_existing_run_needs_resume_and_resume_needs_a_checkpoint(tmp_path, tiny):
    (tmp_path / "metrics.jsonl").write_text("")
    with pytest.raises(RunDirError, match="already holds a run; use --resume"):
        prepare(load_config(None, tiny), tmp_path)
    with pytest.raises(RunDirError, match="no complete checkpoint"):
        prepare(load_config(None, tiny), tmp_path, resume=True)


def test_gradient_checkpointing_reaches_trl_under_either_transformers_name(tmp_path):
    """transformers 5.17 (a GPU image we ran on) knows only `gradient_checkpointing`; 5.2x has
    `activation_checkpointing`. The flag must reach whichever field the installed GRPOConfig has."""
    import dataclasses

    from rlmr.train.run import _checkpointing_field, grpo_args

    @dataclasses.dataclass
    class Old:
        gradient_checkpointing: bool = False

    @dataclasses.dataclass
    class New:
        gradient_checkpointing: bool = False
        activation_checkpointing: bool = False

    assert _checkpointing_field(Old) == "gradient_checkpointing"
    assert _checkpointing_field(New) == "activation_checkpointing"
    args = grpo_args(load_config(None, ["policy.gradient_checkpointing=true", "run.device=cpu"]), tmp_path)
    assert getattr(args, "gradient_checkpointing") is True


@pytest.mark.slow
def test_a_response_cut_at_the_budget_fails_by_default_and_passes_as_is_with_keep_and_length_floor_fails_it(tmp_path, tiny):
    # 3 new tokens: every response is cut; "no comma" and "at most 19 words" hold for 3 tokens
    short = tiny + ["grpo.max_completion_length=3", "run.steps=1"]
    cut = train_run(load_config(None, short + ["reward.truncated=fail"]), tmp_path / "fail")
    kept = train_run(load_config(None, short + ["reward.truncated=keep"]), tmp_path / "keep")
    fail_rows, keep_rows = samples(cut.run_dir)[1], samples(kept.run_dir)[1]
    assert all(r["truncated"] for r in fail_rows + keep_rows)
    assert not any(r["passed"] for r in fail_rows)  # a cut response is a violator under the default rule
    assert read_jsonl(cut.run_dir / "metrics.jsonl")[0]["pass_rate"] == 0.0
    # the same prompts and responses (same seed), verified as they are: the short ones pass
    assert [r["response"] for r in keep_rows] == [r["response"] for r in fail_rows]
    assert any(r["passed"] for r in keep_rows)
    assert read_jsonl(kept.run_dir / "metrics.jsonl")[0]["length/truncated"] == 1.0
    # 3 tokens are below every prompt's length floor (20 words at the least): `length_floor=fail` fails them all
    short_fail = train_run(load_config(None, short + ["reward.truncated=keep", "reward.length_floor=fail"]), tmp_path / "floor")
    floor_rows = samples(short_fail.run_dir)[1]
    assert [r["response"] for r in floor_rows] == [r["response"] for r in keep_rows]
    assert all(r["below_floor"] for r in floor_rows) and not any(r["passed"] for r in floor_rows)
    assert read_jsonl(short_fail.run_dir / "metrics.jsonl")[0]["length/below_floor"] == 1.0
