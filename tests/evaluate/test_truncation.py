"""`rlmr eval --truncation`: a response cut at the token budget verified as is (keep, IFEval's
protocol) or counted as a violator (fail, training's rule), with the share cut reported either way."""

from __future__ import annotations

import json

import pytest

from rlmr.evaluate.run import EvalRequest, run_eval

# An upper bound met only because the answer was cut: the case training's rule exists for.
ROWS = [
    {"prompt": "A story in at most 5 words.", "response": "Once upon a", "truncated": True,
     "constraints": [{"id": "cw:word_count", "relation": "at_most", "n": 5}]},
    {"prompt": "A line in at most 5 words.", "response": "The sea is calm.", "truncated": False,
     "constraints": [{"id": "cw:word_count", "relation": "at_most", "n": 5}]},
    {"prompt": "A word, no commas.", "response": "Yes", "constraints": [{"id": "cw:no_comma"}]},  # cut not known
]


def evaluate(tmp_path, rows, rule, benchmark=None, name="eval"):
    path = tmp_path / f"{name}.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    results = run_eval(EvalRequest(benchmark=benchmark, responses=str(path), scorer="none", judge="none",
                                   out=str(tmp_path / name), truncation=rule, progress=False))
    saved = [json.loads(x) for x in (tmp_path / name / "responses.jsonl").read_text(encoding="utf-8").splitlines()]
    return results, saved


def test_keep_verifies_a_cut_response_as_is_and_reports_the_share_cut(tmp_path):
    results, saved = evaluate(tmp_path, ROWS, "keep")
    assert [r["passed"] for r in saved] == [True, True, True]
    assert results["pass_rate"] == 1.0
    assert results["truncation"] == "keep"
    assert results["truncated"] == 0.5 and results["truncated_unknown"] == 1  # among the two that say
    assert [r["truncated"] for r in saved] == [True, False, None]


def test_fail_makes_only_the_cut_response_a_violator_with_a_reason(tmp_path):
    results, saved = evaluate(tmp_path, ROWS, "fail")
    assert [r["passed"] for r in saved] == [False, True, True]
    assert saved[0]["satisfied_fraction"] == 0.0
    assert saved[0]["reasons"] == ["cw:word_count: cut at the token budget: a violation (truncation: fail)"]
    assert results["pass_rate"] == pytest.approx(2 / 3)
    assert results["constraint/cw:word_count/pass_rate"] == 0.5


def test_ifeval_counts_a_cut_response_failed_in_both_modes_and_every_instruction(tmp_path):
    from rlmr.data import load_prompts

    record = next(r for r in load_prompts("ifeval") if [c["id"] for c in r.constraints] == ["punctuation:no_comma"])
    rows = [{"prompt": record.prompt, "response": "A calm answer without any comma", "truncated": cut} for cut in (True, False)]
    kept, _ = evaluate(tmp_path, rows, "keep", benchmark="ifeval", name="keep")
    failed, saved = evaluate(tmp_path, rows, "fail", benchmark="ifeval", name="fail")
    assert (kept["prompt_strict"], kept["prompt_loose"], kept["inst_loose"]) == (1.0, 1.0, 1.0)
    assert (failed["prompt_strict"], failed["prompt_loose"], failed["inst_strict"], failed["inst_loose"]) == (0.5,) * 4
    assert saved[0]["strict"]["passed"] is False and saved[0]["loose"]["passed"] is False
    assert failed["per_instruction"]["punctuation:no_comma"] == {"n": 2, "strict": 0.5, "loose": 0.5}


def test_an_eval_output_read_back_keeps_its_cut_flags(tmp_path):
    _, first = evaluate(tmp_path, ROWS, "keep", name="first")
    again, saved = evaluate(tmp_path, first, "fail", name="again")
    assert [r["truncated"] for r in saved] == [True, False, None]
    assert [r["passed"] for r in saved] == [False, True, True]


def test_an_unknown_rule_fails_before_anything_is_read(tmp_path):
    with pytest.raises(ValueError, match=r"--truncation: expected one of keep, fail, got 'drop'"):
        run_eval(EvalRequest(benchmark=None, responses=str(tmp_path / "missing.jsonl"), truncation="drop"))


def test_a_baseline_scored_under_another_rule_is_scored_again_under_this_one(tmp_path):
    # The baseline file's stored verdicts were made under keep; comparing under fail must not reuse them.
    _, _ = evaluate(tmp_path, ROWS, "keep", name="base")
    path = tmp_path / "cand.jsonl"
    path.write_text("".join(json.dumps({**r, "truncated": False}) + "\n" for r in ROWS), encoding="utf-8")
    results = run_eval(EvalRequest(benchmark=None, responses=str(path), baseline=str(tmp_path / "base" / "responses.jsonl"),
                                   scorer="none", judge="none", out=str(tmp_path / "cmp"), truncation="fail", progress=False))
    diff = results["compare"]["metrics"]["pass_rate"]
    assert diff["a"] == pytest.approx(2 / 3) and diff["b"] == 1.0
