"""StepBatch: the contract metrics and the sample table of one gathered step."""

import json

import numpy as np

from rlmr.mixing import mix
from rlmr.train.diagnostics import SampleRecord, StepBatch, json_ready

NO_COMMA = json.dumps([{"id": "punctuation:no_comma"}])
LIMIT = json.dumps([{"id": "cw:word_count", "relation": "at_most", "n": 3}])


def batch():
    texts = ["one two three", "one, two", "one two three four five", "a, b, c, d"]
    specs = [NO_COMMA, NO_COMMA, LIMIT, LIMIT]
    records = [SampleRecord(f"p{i // 2}", f"prompt {i // 2}", t, s, 4 + i) for i, (t, s) in enumerate(zip(texts, specs))]
    scores = np.array([0.5, np.nan, 0.9, 0.1])
    passed = np.array([1.0, 0.0, 0.0, 0.0])
    mixed = mix(scores, passed, group_size=2)
    return StepBatch(records, scores, passed, passed.copy(), mixed, 2)


def test_metrics_carry_the_contract_keys_with_hand_checked_values():
    m = batch().metrics()
    assert m["strategy"] == "rlmr"
    assert m["pass_rate"] == 0.25
    assert m["scorer/missing_count"] == 1 and m["scorer/missing"] == 0.25
    # words of the four responses: 3, 2, 5, 4 (commas are not words)
    assert m["length/words_mean"] == 3.5 and m["length/words_p50"] == 3.5
    assert m["length/tokens_mean"] == 5.5
    # no_comma: 1 of 2 pass; word_count at_most 3: "a, b, c, d" has 4 words, both fail
    assert m["constraint/punctuation:no_comma/pass_rate"] == 0.5
    assert m["constraint/cw:word_count/pass_rate"] == 0.0
    for key in ("writing_score/mean", "penalty/mean", "groups/all_pass", "groups/mixed", "groups/all_fail",
                "advantage/max_violator", "length/words_p90"):
        assert key in m


def test_sample_rows_are_json_with_null_for_missing_scores():
    rows = batch().sample_rows()
    assert [r["group"] for r in rows] == [0, 0, 1, 1]
    assert rows[1]["writing_score"] is None and rows[1]["advantage"] == 0.0  # missing: advantage exactly 0
    assert rows[1]["reasons"][0].startswith("punctuation:no_comma: FAIL")
    json.dumps(rows, allow_nan=False)


def test_json_ready_turns_nan_into_null():
    assert json_ready({"a": float("nan"), "b": np.float32(1.5), "c": "x"}) == {"a": None, "b": 1.5, "c": "x"}


def test_below_floor_reads_the_prompts_length_band():
    haiku, story = "Write a haiku about rain.", "Write a story about a lighthouse keeper."
    seven = "Rain taps the tin roof tonight, softly."  # a haiku's floor is 7 words
    records = [SampleRecord("h", haiku, seven, "[]", 9), SampleRecord("h", haiku, "Rain falls.", "[]", 3),
               SampleRecord("s", story, seven, "[]", 9), SampleRecord("s", story, " ".join(["word"] * 80) + ".", "[]", 81)]
    assert [r.below_floor for r in records] == [False, True, True, False]  # a story's floor is 80 words
    scores, passed = np.array([1.0, 0.5, 0.2, 0.9]), np.ones(4)
    b = StepBatch(records, scores, passed, passed.copy(), mix(scores, passed, group_size=2), 2)
    assert b.metrics()["length/below_floor"] == 0.5
    assert [r["below_floor"] for r in b.sample_rows()] == [False, True, True, False]
