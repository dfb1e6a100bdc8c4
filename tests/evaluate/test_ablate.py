import json
import subprocess
import sys

from rlmr.evaluate.ablate import AblationPlan, markdown_table


def make_run(root, strategy, words):
    run = root / strategy
    run.mkdir()
    rows = [{"step": s, "strategy": strategy, "pass_rate": 0.5, "length/words_mean": words + s} for s in (1, 2)]
    (run / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    return run


def test_the_ablation_table_has_a_row_per_strategy_with_eval_and_last_step_numbers(tmp_path):
    runs = {"writing": make_run(tmp_path, "writing", 100), "rlmr": make_run(tmp_path, "rlmr", 40)}
    results = {
        "base": {"pass_rate": 0.25, "writing_score/mean": 0.1},
        "writing": {"pass_rate": 0.125, "win_rate": 0.6, "length/words_mean": 130.0},
        "rlmr": {"pass_rate": 0.5, "win_rate": float("nan")},
    }
    table = markdown_table(AblationPlan(out=tmp_path), runs, results).splitlines()
    assert table[0].startswith("| strategy | pass rate | writing score | win rate vs base")
    assert table[2] == "| base | 0.250 | 0.100 | – | – | – | – | – |"
    assert table[3] == "| writing | 0.125 | – | 0.600 | 130.000 | – | 0.500 | 102 |"
    assert table[4].startswith("| rlmr | 0.500 | – | nan |")


def test_a_bad_override_fails_before_any_model_loads(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "rlmr", "ablate", "--out", str(tmp_path / "a"), "--set", "reward.margn=0.2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "margn" in done.stderr
    assert not (tmp_path / "a" / "base").exists()
