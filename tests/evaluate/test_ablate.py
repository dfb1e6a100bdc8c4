import json
import subprocess
import sys

import pytest

from rlmr.evaluate.ablate import ARMS, AblationPlan, cpu_preset, run_overrides


def test_every_arm_sets_strategy_and_all_fail_and_each_seed_its_own_seed(tmp_path):
    plan = cpu_preset(tmp_path, steps=3, eval_limit=5, samples=2, seeds=2)
    assert list(plan.arms) == ["writing", "verify", "linear", "rlmr", "rlmr-partial", "rlmr-writing"]
    assert plan.generation.samples == 2 and plan.eval_limit == 5
    # Sampled as in training: its temperature and token limit, unless given.
    from rlmr.train.config import load_config

    grpo = load_config(None, []).grpo
    assert (plan.generation.temperature, plan.generation.max_new_tokens) == (grpo.temperature, grpo.max_completion_length)
    short = cpu_preset(tmp_path, samples=2, max_new_tokens=16, extra=["grpo.temperature=0.5"])
    assert (short.generation.temperature, short.generation.max_new_tokens) == (0.5, 16)
    got = run_overrides(plan, "rlmr-writing", 1)
    assert "run.steps=3" in got and got[-3:] == ["reward.strategy=rlmr", "reward.all_fail=writing", "run.seed=1"]
    assert plan.command.startswith("rlmr ablate --preset cpu --steps 3 --eval-limit 5 --samples 2 --seeds 2")
    with pytest.raises(ValueError, match="arms: unknown 'rlrm'; known: writing, verify"):
        AblationPlan(out=tmp_path, arms=["rlrm"])
    assert set(ARMS) == set(plan.arms)


def test_parallel_jobs_split_the_cores_and_say_so_in_every_run(tmp_path, monkeypatch):
    import os

    monkeypatch.setattr(os, "cpu_count", lambda: 4)
    one = cpu_preset(tmp_path)
    assert one.jobs == 1 and one.threads() == 0 and not any("cpu_threads" in o for o in run_overrides(one, "rlmr", 0))
    two = AblationPlan(out=tmp_path, jobs=2)
    assert two.threads() == 2 and run_overrides(two, "rlmr", 0)[-1] == "run.cpu_threads=2"
    assert AblationPlan(out=tmp_path, jobs=8).threads() == 1
    with pytest.raises(ValueError, match="jobs: expected >= 1"):
        AblationPlan(out=tmp_path, jobs=0)


def test_a_bad_override_fails_before_any_model_loads(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "rlmr", "ablate", "--out", str(tmp_path / "a"), "--set", "reward.margn=0.2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "margn" in done.stderr
    assert not (tmp_path / "a" / "base").exists()


@pytest.mark.slow
def test_the_cpu_preset_runs_tiny_on_the_real_model_and_judges_every_claim(tmp_path):
    out = tmp_path / "abl"
    args = ["--preset", "cpu", "--out", str(out), "--arms", "writing,verify,rlmr", "--seeds", "1", "--steps", "1",
            "--eval-limit", "2", "--samples", "2", "--max-new-tokens", "16", "--set", "grpo.batch_size=4",
            "--set", "grpo.num_generations=2", "--set", "grpo.max_completion_length=16", "--jobs", "2"]
    done = subprocess.run([sys.executable, "-m", "rlmr", "ablate", *args], capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads((out / "ablation.json").read_text())
    assert list(summary["arms"]) == ["base", "writing", "verify", "rlmr"]
    assert summary["n_prompts"] == 2 and summary["samples"] == 2 and summary["seeds"] == 1
    assert [c["name"] for c in summary["claims"]] == ["1", "2", "3"]
    assert all(c["verdict"] in ("holds", "does not hold", "cannot tell") for c in summary["claims"])
    for arm in ("writing", "verify", "rlmr"):
        rows = [json.loads(x) for x in (out / f"{arm}-s0" / "eval" / summary["benchmark"] / "responses.jsonl").read_text().splitlines()]
        assert len(rows) == 4 and {r["sample"] for r in rows} == {0, 1} and all("win" in r for r in rows)
    table = (out / "ablation.md").read_text()
    assert table.startswith("Command: `rlmr ablate --preset cpu --steps 1 --eval-limit 2 --samples 2 --seeds 1")
    assert "--jobs 2" in table.splitlines()[0]
    assert "| rlmr |" in table and "RLMR's pass rate > writing-only's" in table
    assert (out / "report" / "index.html").is_file() and (out / "report" / "arms_pass_rate.png").is_file()


def test_a_variant_is_its_arm_plus_its_overrides_and_is_compared_with_that_arm(tmp_path):
    from rlmr.evaluate.ablate import check_plan, parse_variant

    floor = parse_variant("rlmr-floor=rlmr, reward.length_floor=fail")
    assert (floor.name, floor.base, floor.extra) == ("rlmr-floor", "rlmr", ("reward.length_floor=fail",))
    partial = parse_variant("partial-lr=rlmr-partial,grpo.learning_rate=1e-5,reward.margin=0.2")
    assert partial.overrides() == ["reward.strategy=rlmr", "reward.all_fail=partial", "grpo.learning_rate=1e-5", "reward.margin=0.2"]
    plan = cpu_preset(tmp_path, steps=3, seeds=2, arms=("verify", "rlmr"), variants=[floor])
    assert list(plan.arms) == ["verify", "rlmr", "rlmr-floor"]  # a variant runs without being named in arms
    assert run_overrides(plan, "rlmr-floor", 1)[-3:] == ["reward.all_fail=zero", "reward.length_floor=fail", "run.seed=1"]
    assert plan.bases() == {"rlmr-floor": "rlmr"}
    assert plan.command.endswith("--arms verify,rlmr --variant rlmr-floor=rlmr,reward.length_floor=fail")
    assert AblationPlan(out=tmp_path, arms=["verify"], variants=[floor]).bases() == {}  # its arm is not in the plan
    from rlmr.train.config import ConfigError

    with pytest.raises(ConfigError, match="length_flor"):
        check_plan(AblationPlan(out=tmp_path, arms=["rlmr"], variants=[parse_variant("f=rlmr,reward.length_flor=fail")]))
    with pytest.raises(ValueError, match="given twice"):
        AblationPlan(out=tmp_path, variants=[floor, floor])


@pytest.mark.parametrize(
    "text, message",
    [
        ("rlmr-floor", r"expected NAME=ARM,key=value"),
        ("rlmr-floor=rlmr", r"expected key=value overrides after the arm, got none"),
        ("rlmr-floor=rlmr,length_floor", r"got \['length_floor'\]"),
        ("rlmr-floor=rlrm,reward.length_floor=fail", r"unknown arm 'rlrm'; known: writing"),
        ("rlmr=rlmr,reward.length_floor=fail", r"'rlmr' is a built-in arm's name"),
        ("base=rlmr,reward.length_floor=fail", r"'base' is a built-in arm's name"),
        ("../x=rlmr,reward.length_floor=fail", r"name '../x' must be letters"),
    ],
)
def test_a_malformed_variant_says_what_is_wrong(text, message):
    from rlmr.evaluate.ablate import parse_variant

    with pytest.raises(ValueError, match=message):
        parse_variant(text)
