import json

from rlmr.report.compare import compare_rows, sections


def test_runs_compare_on_training_and_eval_sections(two_runs):
    rows = {(s, k): (a, b) for s, k, a, b in compare_rows(*two_runs)}
    assert rows[("eval: creative-eval", "pass_rate")] == (0.31, 0.74)
    a, b = rows[("training (last step)", "length/words_mean")]
    assert a == 70 + 6 * 12 and b == 70 + 12


def test_a_results_file_compares_with_a_run_and_missing_sides_are_none(two_runs, tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"benchmark": "creative-eval", "pass_rate": 0.5, "extra": 3, "model": "x"}))
    assert sections(results) == {"eval: creative-eval": {"pass_rate": 0.5, "extra": 3}}
    rows = {(s, k): (a, b) for s, k, a, b in compare_rows(results, two_runs[0])}
    assert rows[("eval: creative-eval", "pass_rate")] == (0.5, 0.31)
    assert rows[("eval: creative-eval", "extra")] == (3, None)
    assert rows[("training (last step)", "pass_rate")][0] is None
