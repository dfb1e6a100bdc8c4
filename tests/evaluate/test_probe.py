"""`rlmr probe`: pass probabilities per prompt, the mixed-group expectation, and the real CLI."""

import json
import os
import subprocess
import sys
from math import comb

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.data.records import PromptRecord
from rlmr.evaluate.probe import PromptProbe, read_probe, tally

NO_COMMA = [{"id": "cw:no_comma"}]


def test_tally_counts_passes_and_truncation_fails_by_default():
    rec = PromptRecord("r1", "Write a line.", [{"id": "cw:word_count", "relation": "at_most", "n": 5}])
    texts = [["One two three.", "One two three four five six seven.", "One two"]]
    cuts = [[False, False, True]]  # the third was cut at the budget: short, but not finished
    strict = tally([rec], texts, cuts, group_size=2)
    assert strict.prompts[0].passes == 1 and strict.prompts[0].truncated == 1
    kept = tally([rec], texts, cuts, group_size=2, truncation="keep")
    assert kept.prompts[0].passes == 2
    assert strict.summary()["constraints"]["cw:word_count"] == {"pass_rate": 1 / 3, "samples": 3}


@given(k=st.integers(1, 12), s=st.integers(0, 12), g=st.integers(2, 8))
@settings(max_examples=200)
def test_mixed_chance_is_the_exact_hypergeometric_share(k, s, g):
    s = min(s, k)
    pr = PromptProbe("x", ("a",), s, k, 0)
    chance = pr.mixed_chance(g)
    assert 0 <= chance <= 1
    if s in (0, k):
        assert chance == 0
    if k >= g:  # enumerate: share of G-subsets of the k samples that are neither all pass nor all fail
        total = comb(k, g)
        assert chance == pytest.approx(1 - (comb(s, g) + comb(k - s, g)) / total)


def test_summary_shares_and_probe_file_round_trip(tmp_path):
    recs = [PromptRecord(f"p{i}", "Write.", NO_COMMA) for i in range(3)]
    texts = [["a b", "a b", "a b"], ["a, b", "a, b", "a, b"], ["a b", "a, b", "a b"]]
    res = tally(recs, texts, [[False] * 3] * 3, group_size=2)
    s = res.summary()
    assert (s["always_pass"], s["never_pass"], s["learnable"]) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert s["expected_mixed"] == pytest.approx((2 / 3) / 3)  # only p2 mixes: 2 of its 3 pairs are mixed
    res.write(tmp_path)
    assert read_probe(tmp_path / "probe.jsonl") == pytest.approx({"p0": 1.0, "p1": 0.0, "p2": 2 / 3})
    rows = [json.loads(line) for line in (tmp_path / "samples.jsonl").open()]
    assert len(rows) == 9 and rows[3]["failed"] == ["cw:no_comma"]


def test_a_bad_probe_file_names_the_line(tmp_path):
    path = tmp_path / "probe.jsonl"
    path.write_text('{"id": "a", "p": 0.5}\n{"id": "b"}\n')
    with pytest.raises(ValueError, match=r"probe.jsonl:2"):
        read_probe(path)


@pytest.mark.slow
def test_probe_cli_on_the_real_embedded_model(tmp_path):
    out = tmp_path / "probe"
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    cmd = [sys.executable, "-m", "rlmr", "probe", "--prompts", "short-train", "--limit", "3", "--k", "2",
           "--max-new-tokens", "12", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [json.loads(line) for line in (out / "probe.jsonl").open()]
    assert [r["k"] for r in rows] == [2, 2, 2]
    samples = [json.loads(line) for line in (out / "samples.jsonl").open()]
    assert len(samples) == 6 and all(s["response"] for s in samples)
    # 12 tokens cut most answers: a cut answer never counts as a pass under the default rule
    assert all(not s["passed"] for s in samples if s["truncated"])
    summary = json.loads((out / "summary.json").read_text())
    assert summary["prompts"] == 3 and "learnable" in summary
    assert "expected_mixed" in done.stdout
