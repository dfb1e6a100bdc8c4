"""The paired bootstrap over prompts: exact differences, honest coverage, unpaired rows reported."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.evaluate.paired import (
    BELOW_FLOOR,
    LENGTH_VIOLATION,
    METRICS,
    PairingError,
    bootstrap_indices,
    compare_files,
    compare_tables,
    mean_interval,
    paired_difference,
    prompt_table,
    read_table,
)


def row(i: int, passed: bool, *, sample: int = 0, score: float | None = 0.5, words: int = 10, length_ok: bool | None = None):
    results = [{"id": "cw:no_comma", "passed": passed, "reason": ""}]
    constraints = [{"id": "cw:no_comma"}]
    if length_ok is not None:
        results.append({"id": "cw:word_count", "passed": length_ok, "reason": ""})
        constraints.append({"id": "cw:word_count", "relation": "at_most", "n": 50})
    return {
        "id": f"p{i}",
        "sample": sample,
        "prompt": f"Prompt number {i}.",
        "constraints": constraints,
        "response": "word " * words,
        "passed": passed,
        "satisfied_fraction": float(passed),
        "verdict": {"passed": passed, "results": results},
        "writing_score": score,
        "words": words,
    }


def table(rows):
    return prompt_table([(f"mem:{n}", r) for n, r in enumerate(rows, 1)])


def test_a_known_pass_rate_difference_is_reported_exactly():
    # 100 prompts x 3 samples. A: prompts 0-29 pass every sample; B: prompts 0-39, so B - A = 0.10.
    a = table([row(i, i < 30, sample=s) for i in range(100) for s in range(3)])
    b = table([row(i, i < 40, sample=s) for i in range(100) for s in range(3)])
    res = compare_tables(a, b, "base", "cand", seed=3)
    m = res["metrics"]["pass_rate"]
    assert (m["a"], m["b"]) == (0.3, 0.4) and m["diff"] == pytest.approx(0.1, abs=1e-12)
    assert m["lo"] < 0.1 < m["hi"] and m["lo"] > 0  # only B-passers differ: every resample has diff >= 0
    assert res["n_paired"] == 100 and res["unpaired_a"] == res["unpaired_b"] == 0
    assert set(res) == {"a", "b", "n_paired", "unpaired_a", "unpaired_b", "unpaired_ids", "confidence", "resamples", "seed", "metrics"}
    assert set(res["metrics"]) == set(METRICS) and set(m) == {"a", "b", "diff", "lo", "hi"}


def test_samples_are_averaged_within_a_prompt_before_prompts_are_averaged():
    # Prompt 0 has 3 samples (1 pass), prompt 1 has 1 sample (pass): (1/3 + 1) / 2, not 2/4.
    rows = [row(0, True, sample=0), row(0, False, sample=1), row(0, False, sample=2), row(1, True)]
    t = table(rows)
    assert t.samples.tolist() == [3, 1]
    res = compare_tables(t, t)
    assert res["metrics"]["pass_rate"]["a"] == pytest.approx((1 / 3 + 1) / 2)


def test_the_95_percent_interval_covers_the_true_difference_about_95_percent_of_the_time():
    """Seeded simulation: 400 draws of 120 prompts x 2 samples, each prompt with its own pass
    probability p ~ U(0.1, 0.8) under A and p + 0.1 under B; the truth is exactly 0.1.
    Observed coverage with these seeds: 0.9375 (375 of 400; the binomial sd at 400 draws is 0.011).
    The percentile bootstrap runs slightly narrow at this N, as expected."""
    rng = np.random.default_rng(2026)
    reps, n, k, covered = 400, 120, 2, 0
    for rep in range(reps):
        p = rng.uniform(0.1, 0.8, n)
        a = (rng.random((n, k)) < p[:, None]).mean(1)
        b = (rng.random((n, k)) < (p + 0.1)[:, None]).mean(1)
        res = paired_difference(a, b, bootstrap_indices(n, 1000, seed=rep))
        covered += res["lo"] <= 0.1 <= res["hi"]
    assert 0.92 <= covered / reps <= 0.98, covered / reps


def test_prompts_on_one_side_only_are_counted_and_named_not_dropped():
    a = table([row(i, True) for i in range(10)])
    b = table([row(i, False) for i in range(3, 12)])  # lacks p0-p2, adds p10, p11
    res = compare_tables(a, b)
    assert res["n_paired"] == 7 and res["unpaired_a"] == 3 and res["unpaired_b"] == 2
    assert res["unpaired_ids"] == ["p0", "p1", "p2", "p10", "p11"]
    assert res["metrics"]["pass_rate"]["diff"] == -1.0


def test_the_same_prompt_text_with_other_constraints_is_another_prompt():
    other = row(0, True)
    other["constraints"] = [{"id": "punctuation:no_comma"}]
    res = compare_tables(table([row(0, True)]), table([other]))
    assert res["n_paired"] == 0 and res["unpaired_a"] == res["unpaired_b"] == 1


def test_a_missing_writing_score_leaves_that_prompt_out_of_the_writing_comparison_only():
    a = table([row(0, True, score=0.2), row(1, True, score=0.4), row(2, True, score=0.9)])
    b = table([row(0, True, score=None), row(1, False, score=0.6), row(2, True, score=1.0)])
    m = compare_tables(a, b)["metrics"]
    assert m["writing_score"]["a"] == pytest.approx(0.65) and m["writing_score"]["b"] == pytest.approx(0.8)
    assert m["pass_rate"]["diff"] == pytest.approx(-1 / 3)


def test_length_violations_count_only_prompts_with_an_upper_length_limit():
    at_least = row(3, True, length_ok=False)
    at_least["constraints"][1]["relation"] = "at_least"  # too short is not length hacking
    t = table([row(0, True, length_ok=False), row(1, True, length_ok=True), row(2, True), at_least])
    v = t.values[LENGTH_VIOLATION]
    assert v[:2].tolist() == [1.0, 0.0] and np.isnan(v[2]) and np.isnan(v[3])
    assert mean_interval(v, bootstrap_indices(3))["mean"] == 0.5


def test_below_floor_reads_the_length_floor_of_each_prompt():
    story, haiku = row(0, True, words=12), row(1, True, words=12)
    story["prompt"], haiku["prompt"] = "Write a story about a lighthouse.", "Write a haiku about a lighthouse."
    long_story = row(2, True, words=90)
    long_story["prompt"] = story["prompt"] + " Make it sad."
    no_text = row(3, True)
    del no_text["response"]
    v = table([story, haiku, long_story, no_text]).values[BELOW_FLOOR]
    # a story's floor is 80 words, a haiku's 7: 12 words are short for the one, enough for the other
    assert v[:3].tolist() == [1.0, 0.0, 0.0] and np.isnan(v[3])


def test_files_compare_and_a_row_without_verdicts_names_file_line_and_field(tmp_path):
    fa, fb = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    fa.write_text("".join(json.dumps(row(i, i % 2 == 0)) + "\n" for i in range(6)))
    fb.write_text("".join(json.dumps(row(i, True, words=20)) + "\n" for i in range(6)))
    res = compare_files(fa, fb, resamples=500, seed=1)
    assert res["a"] == str(fa) and res["resamples"] == 500 and res["seed"] == 1
    assert res["metrics"]["pass_rate"]["diff"] == pytest.approx(0.5)
    assert res["metrics"]["words"]["diff"] == 10.0
    raw = tmp_path / "raw.jsonl"
    raw.write_text('{"prompt": "x", "response": "y", "passed": true}\n{"prompt": "z", "response": "w"}\n')
    with pytest.raises(PairingError, match=r"raw.jsonl:2: passed: expected true/false, got None"):
        read_table(raw)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps(row(99, True)) + "\n")
    with pytest.raises(PairingError, match="no prompt in common"):
        compare_files(fa, other)


side = st.lists(
    st.tuples(st.booleans(), st.floats(0, 1), st.integers(0, 300), st.booleans(), st.floats(0, 1), st.integers(0, 300)),
    min_size=1,
    max_size=40,
)


@settings(max_examples=60)
@given(side, st.integers(0, 2**31))
def test_swapping_a_and_b_negates_the_difference_and_the_interval(pairs, seed):
    a = table([row(i, pa, score=sa, words=wa) for i, (pa, sa, wa, _, _, _) in enumerate(pairs)])
    b = table([row(i, pb, score=sb, words=wb) for i, (_, _, _, pb, sb, wb) in enumerate(pairs)])
    ab, ba = compare_tables(a, b, resamples=200, seed=seed), compare_tables(b, a, resamples=200, seed=seed)
    for m in METRICS:
        x, y = ab["metrics"][m], ba["metrics"][m]
        assert y["diff"] == pytest.approx(-x["diff"], abs=1e-12)
        assert y["lo"] == pytest.approx(-x["hi"], abs=1e-9) and y["hi"] == pytest.approx(-x["lo"], abs=1e-9)
        assert (y["a"], y["b"]) == (x["b"], x["a"])


@settings(max_examples=40)
@given(side, st.integers(0, 2**31))
def test_identical_inputs_give_a_zero_difference_and_a_zero_width_interval(pairs, seed):
    a = table([row(i, pa, score=sa, words=wa) for i, (pa, sa, wa, _, _, _) in enumerate(pairs)])
    res = compare_tables(a, a, resamples=200, seed=seed)
    for m in METRICS:
        assert res["metrics"][m]["diff"] == res["metrics"][m]["lo"] == res["metrics"][m]["hi"] == 0.0


@settings(max_examples=60)
@given(st.integers(1, 60), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6), st.integers(0, 2**31))
def test_a_constant_difference_is_its_own_zero_width_interval(n, x, y, seed):
    # mean(b) - mean(a) would miss mean(b - a) by rounding (0.6 - 0.5 vs 0.1): the page's error bar broke on it.
    res = paired_difference(np.full(n, x), np.full(n, y), bootstrap_indices(n, 200, seed))
    assert res["lo"] == res["diff"] == res["hi"]
