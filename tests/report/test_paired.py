"""The report's own paired comparison (used when `rlmr eval` wrote no compare.json)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.report.paired import bootstrap_interval, paired_comparison


def test_known_difference_is_exact_and_unpaired_rows_are_counted(eval_rows):
    c = paired_comparison(*eval_rows)
    assert c["n_paired"] == 10 and (c["unpaired_a"], c["unpaired_b"]) == (0, 1) and c["unpaired_ids"] == ["e10"]
    pass_rate = c["metrics"]["pass_rate"]
    assert (pass_rate["a"], pass_rate["b"]) == (0.3, 0.7)
    assert abs(pass_rate["diff"] - 0.4) < 1e-12 and pass_rate["lo"] > 0 and pass_rate["hi"] <= 0.8
    assert abs(c["metrics"]["words"]["diff"] - (-10)) < 1e-12  # e10 (5 words, unpaired) is not in the mean
    assert abs(c["metrics"]["writing_score"]["diff"] - 0.1) < 1e-12
    assert set(c) >= {"a", "b", "confidence", "resamples", "seed"} and c["confidence"] == 0.95


def test_samples_of_one_prompt_are_averaged_before_the_prompts(make_eval_row):
    eval_row = make_eval_row
    base = [eval_row(0, False, 0.5, 10), eval_row(1, False, 0.5, 10)]
    trained = [eval_row(0, True, 0.5, 10), eval_row(0, False, 0.5, 10), eval_row(0, True, 0.5, 10), eval_row(1, False, 0.5, 10)]
    c = paired_comparison(base, trained)
    assert c["n_paired"] == 2 and c["metrics"]["pass_rate"]["b"] == (2 / 3 + 0) / 2


def test_rows_without_a_writing_score_leave_that_metric_only(make_eval_row):
    eval_row = make_eval_row
    base = [dict(eval_row(i, True, 0.5, 10), writing_score=None) for i in range(3)]
    c = paired_comparison(base, base)
    assert "writing_score" not in c["metrics"] and c["metrics"]["pass_rate"]["diff"] == 0


def test_the_95_interval_covers_the_true_difference_in_about_95_of_draws():
    # Each prompt has its own pass probability; training adds 0.1 to it. Truth: diff of the population means.
    rng = np.random.default_rng(7)
    p_base = rng.uniform(0.1, 0.8, size=5000)
    truth = 0.1
    covered, reps = 0, 300
    for rep in range(reps):
        idx = rng.integers(0, p_base.size, 60)
        a = (rng.random(60) < p_base[idx]).astype(float)
        b = (rng.random(60) < p_base[idx] + truth).astype(float)
        lo, hi = bootstrap_interval(a, b, resamples=1000, seed=rep, confidence=0.95)
        covered += lo <= truth <= hi
    assert 0.9 <= covered / reps <= 0.99, covered / reps  # observed: 291 of 300 (0.97)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 200), st.floats(0, 200)), min_size=1, max_size=30))
def test_swapping_the_sides_mirrors_the_difference_and_its_interval(pairs):
    a = np.array([x for x, _ in pairs])
    b = np.array([y for _, y in pairs])
    lo, hi = bootstrap_interval(a, b, 200, 0, 0.95)
    lo2, hi2 = bootstrap_interval(b, a, 200, 0, 0.95)
    assert np.isclose(lo, -hi2, atol=1e-9) and np.isclose(hi, -lo2, atol=1e-9)
    assert lo <= hi
