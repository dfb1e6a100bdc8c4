"""The report's paired table when `rlmr eval` wrote no compare.json: `rlmr.evaluate.paired`'s numbers.

The bootstrap itself (coverage, symmetry, zero width) is tested once, in tests/evaluate/test_paired.py.
"""

import json

import pytest

from rlmr.evaluate.run import EvalRequest, run_eval
from rlmr.report.headline import computed_comparison, pairings
from rlmr.report.rundir import RunDirError, load_run


def numbered(rows):
    return [(f"mem:{i}", r) for i, r in enumerate(rows, 1)]


def test_known_difference_is_exact_and_unpaired_rows_are_counted(eval_rows):
    base, trained = eval_rows
    c = computed_comparison(numbered(base), numbered(trained), "base", "trained")
    assert c["n_paired"] == 10 and (c["unpaired_a"], c["unpaired_b"]) == (0, 1) and c["unpaired_ids"] == ["e10"]
    pass_rate = c["metrics"]["pass_rate"]
    assert (pass_rate["a"], pass_rate["b"]) == (0.3, 0.7)
    assert abs(pass_rate["diff"] - 0.4) < 1e-12 and pass_rate["lo"] > 0 and pass_rate["hi"] <= 0.8
    assert abs(c["metrics"]["words"]["diff"] - (-10)) < 1e-12  # e10 (5 words, unpaired) is not in the mean
    assert abs(c["metrics"]["writing_score"]["diff"] - 0.1) < 1e-12
    assert (c["a"], c["b"], c["confidence"], c["resamples"], c["seed"]) == ("base", "trained", 0.95, 2000, 0)


def test_samples_of_one_prompt_are_averaged_before_the_prompts(make_eval_row):
    eval_row = make_eval_row
    base = [eval_row(0, False, 0.5, 10), eval_row(1, False, 0.5, 10)]
    trained = [eval_row(0, True, 0.5, 10), eval_row(0, False, 0.5, 10), eval_row(0, True, 0.5, 10), eval_row(1, False, 0.5, 10)]
    c = computed_comparison(numbered(base), numbered(trained), "a", "b")
    assert c["n_paired"] == 2 and c["metrics"]["pass_rate"]["b"] == pytest.approx((2 / 3 + 0) / 2)


def test_rows_without_a_writing_score_leave_that_metric_only(make_eval_row):
    base = [dict(make_eval_row(i, True, 0.5, 10), writing_score=None) for i in range(3)]
    c = computed_comparison(numbered(base), numbered(base), "a", "b")
    assert "writing_score" not in c["metrics"] and c["metrics"]["pass_rate"]["diff"] == 0


def test_a_row_without_an_id_is_named_by_its_file_and_line(make_eval_row):
    extra = dict(make_eval_row(10, True, 0.5, 10), id=None)
    c = computed_comparison(numbered([make_eval_row(0, True, 0.5, 10)]), numbered([make_eval_row(0, True, 0.5, 10), extra]), "a", "b")
    assert c["unpaired_ids"] == ["mem:2"]


def test_an_unscored_row_stops_the_report_naming_file_and_line(evaluated_run):
    base = evaluated_run / "eval" / "creative-eval-base" / "responses.jsonl"
    lines = base.read_text().splitlines()
    lines[2] = json.dumps(dict(json.loads(lines[2]), passed=None))
    base.write_text("\n".join(lines) + "\n")
    with pytest.raises(RunDirError, match=rf"{base}:3: passed: expected true/false, got None"):
        pairings(load_run(evaluated_run))


def test_the_report_computes_what_rlmr_eval_baseline_writes(evaluated_run):
    """One method both ways: score the trained file against its base with `rlmr eval`, then
    drop the compare.json it wrote; the report's own numbers are the same, to the last digit."""
    folder = evaluated_run / "eval" / "creative-eval"
    base = evaluated_run / "eval" / "creative-eval-base" / "responses.jsonl"
    trained = evaluated_run / "trained.jsonl"
    (folder / "responses.jsonl").rename(trained)
    run_eval(EvalRequest(benchmark=None, responses=str(trained), baseline=str(base), judge="none", scorer="none",
                         out=str(folder), progress=False))
    written = json.loads((folder / "compare.json").read_text())
    (folder / "compare.json").unlink()
    [p] = pairings(load_run(evaluated_run))
    assert p.source.startswith("computed by the report")
    computed = p.comparison
    assert computed["n_paired"] == written["n_paired"] == 10 and computed["unpaired_ids"] == written["unpaired_ids"]
    measured = {m: v for m, v in written["metrics"].items() if v["diff"] == v["diff"]}  # no scorer: no writing score
    assert computed["metrics"] == measured and set(measured) == {"pass_rate", "satisfied", "words"}
