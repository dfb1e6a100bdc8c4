"""`rlmr compare` and `rlmr eval --baseline/--samples` on real files (and, marked slow, the real model)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "compare"
KEYS = {"a", "b", "n_paired", "unpaired_a", "unpaired_b", "unpaired_ids", "confidence", "resamples", "seed", "metrics"}


def rlmr(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rlmr", *args], capture_output=True, text=True, timeout=600)


def scored(name: str, out: Path, *extra: str) -> Path:
    done = rlmr("eval", "--benchmark", "none", "--responses", str(FIXTURES / f"{name}.jsonl"), "--scorer", "none",
                "--out", str(out), *extra)
    assert done.returncode == 0, done.stderr
    return out


def test_compare_prints_paired_differences_and_writes_the_json_schema(tmp_path):
    base, cand = scored("base", tmp_path / "base"), scored("cand", tmp_path / "cand")
    done = rlmr("compare", str(base), str(cand), "--out", str(tmp_path / "c.json"), "--resamples", "500")
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "c.json").read_text())
    assert set(result) == KEYS and result["n_paired"] == 12 and result["resamples"] == 500
    m = result["metrics"]["pass_rate"]
    # 12 prompts x 2 samples; base passes 8 of 24 responses, the candidate 16 (fixtures' rotation).
    assert (m["a"], m["b"]) == (pytest.approx(1 / 3), pytest.approx(2 / 3)) and m["lo"] > 0
    line = next(x for x in done.stdout.splitlines() if "pass rate" in x)
    assert "+0.3333" in line
    assert "writing score" in done.stdout and "nan" in done.stdout  # no scorer: undefined, not 0


def test_eval_with_a_baseline_writes_compare_json_and_counts_unpaired_prompts(tmp_path):
    base = scored("base", tmp_path / "base")
    rows = (FIXTURES / "cand.jsonl").read_text().splitlines()
    fewer = tmp_path / "fewer.jsonl"
    fewer.write_text("\n".join(rows[4:]) + "\n")  # drops prompts p00 and p01 (2 samples each)
    done = rlmr("eval", "--benchmark", "none", "--responses", str(fewer), "--scorer", "none", "--out", str(tmp_path / "o"),
                "--baseline", str(base / "responses.jsonl"), "--judge", "none")
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "o" / "compare.json").read_text())
    assert set(result) == KEYS and result["a"] == str(base / "responses.jsonl") and result["b"] == str(fewer)
    assert (result["n_paired"], result["unpaired_a"], result["unpaired_b"]) == (10, 2, 0)
    assert result["unpaired_ids"] == ["p00", "p01"]
    assert "2 only in A" in done.stdout


def test_compare_of_unscored_responses_exits_2_naming_file_line_and_field(tmp_path):
    out = tmp_path / "c.json"
    done = rlmr("compare", str(FIXTURES / "base.jsonl"), str(FIXTURES / "cand.jsonl"), "--out", str(out))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "base.jsonl:1: passed: expected true/false, got None" in done.stderr
    assert not out.exists()


def test_greedy_sampling_of_several_responses_is_refused(tmp_path):
    done = rlmr("eval", "--model", "embedded", "--benchmark", "creative-eval", "--samples", "3", "--temperature", "0",
                "--out", str(tmp_path / "o"))
    assert done.returncode == 2 and "samples=3 needs temperature > 0" in done.stderr
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_eval_samples_k_responses_per_prompt_from_the_real_model(tmp_path):
    out = tmp_path / "k2"
    done = rlmr("eval", "--model", "embedded", "--benchmark", "creative-eval", "--limit", "2", "--samples", "2",
                "--max-new-tokens", "16", "--scorer", "none", "--out", str(out))
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "results.json").read_text())
    assert (results["n_prompts"], results["n_responses"], results["samples"]) == (2, 4, 2)
    assert results["generation"]["temperature"] == 1.0
    rows = [json.loads(x) for x in (out / "responses.jsonl").read_text().splitlines()]
    assert [(r["id"], r["sample"]) for r in rows] == [(rows[0]["id"], 0), (rows[0]["id"], 1), (rows[2]["id"], 0), (rows[2]["id"], 1)]
    assert all("passed" in r and "verdict" in r and r["response"] for r in rows)
    per_prompt = [sum(r["passed"] for r in rows[i : i + 2]) / 2 for i in (0, 2)]
    assert results["pass_rate"] == pytest.approx(sum(per_prompt) / 2)
    lo, hi = results["intervals"]["pass_rate"]["lo"], results["intervals"]["pass_rate"]["hi"]
    assert lo <= results["pass_rate"] <= hi
    # The file scored again against itself as the baseline: every prompt pairs, every difference is 0.
    done = rlmr("eval", "--benchmark", "creative-eval", "--responses", str(out / "responses.jsonl"), "--scorer", "none",
                "--baseline", str(out / "responses.jsonl"), "--judge", "none", "--out", str(tmp_path / "self"))
    assert done.returncode == 0, done.stderr
    result = json.loads((tmp_path / "self" / "compare.json").read_text())
    assert result["n_paired"] == 2 and all(m["diff"] == 0 for m in result["metrics"].values() if m["diff"] == m["diff"])
