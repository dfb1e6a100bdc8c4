"""The page's answer to "did training help?": the paired table, from compare.json or computed."""

import json
import re
import shutil
import subprocess
import sys

import pytest

from rlmr.report.headline import pairings
from rlmr.report.html import build_report
from rlmr.report.rundir import RunDirError, load_run

COMPARE = {
    "a": "runs/x/eval/creative-eval-base/responses.jsonl",
    "b": "runs/x/eval/creative-eval/responses.jsonl",
    "n_paired": 9,
    "unpaired_a": 2,
    "unpaired_b": 0,
    "unpaired_ids": ["e98", "e99"],
    "confidence": 0.95,
    "resamples": 5000,
    "seed": 3,
    "metrics": {
        "pass_rate": {"a": 0.25, "b": 0.5, "diff": 0.25, "lo": 0.0625, "hi": 0.4375},
        "satisfied": {"a": 0.3, "b": 0.55, "diff": 0.25, "lo": 0.05, "hi": 0.45},
        "writing_score": {"a": 1.5, "b": 1.4, "diff": -0.1, "lo": -0.3125, "hi": 0.1125},
        "words": {"a": 60.0, "b": 45.0, "diff": -15.0, "lo": -21.5, "hi": -8.5},
    },
}


def cells(page: str, metric: str) -> list[str]:
    row = re.search(rf"<tr><td>{metric}</td>(.*?)</tr>", page).group(1)
    return [re.sub("<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", row)]


def test_without_compare_json_the_report_computes_the_paired_table(evaluated_run, tmp_path):
    [p] = pairings(load_run(evaluated_run))
    assert p.bench == "creative-eval" and p.source.startswith("computed by the report")
    page = build_report([evaluated_run], tmp_path / "report").read_text()
    untrained, trained, diff, reading = cells(page, "pass rate")
    assert (untrained, trained, diff.split(" [")[0]) == ("0.3", "0.7", "+0.4")
    assert reading == "higher after training"
    assert "10 prompts answered by both policies" in page and "0 only untrained, 1 only trained (e10)" in page
    assert 'alt="rlmr: creative-eval differences"' in page and 'alt="rlmr: creative-eval per constraint"' in page


def test_compare_json_is_shown_as_written(evaluated_run, tmp_path):
    (evaluated_run / "eval" / "creative-eval" / "compare.json").write_text(json.dumps(COMPARE))
    page = build_report([evaluated_run], tmp_path / "report").read_text()
    assert cells(page, "pass rate") == ["0.25", "0.5", "+0.25 [0.0625, 0.438]", "higher after training"]
    assert cells(page, "writing score")[2:] == ["-0.1 [-0.312, 0.113]", "cannot tell (interval contains 0)"]
    assert cells(page, "words")[2:] == ["-15 [-21.5, -8.5]", "shorter after training"]
    assert '<b class="neutral">-15</b>' in page and '<b class="pass">+0.25</b>' in page  # length: neither good nor bad
    assert "9 prompts answered by both policies" in page and "2 only untrained" in page and "e98, e99" in page
    assert "eval/creative-eval/compare.json (rlmr eval --baseline)" in page


def test_the_base_is_found_through_results_json_outside_the_run(evaluated_run, tmp_path):
    # rlmr ablate's layout: the untrained eval sits in OUT/base/eval/<bench>, outside every run.
    elsewhere = tmp_path / "base" / "eval" / "creative-eval"
    shutil.copytree(evaluated_run / "eval" / "creative-eval-base", elsewhere)
    shutil.rmtree(evaluated_run / "eval" / "creative-eval-base")
    results = evaluated_run / "eval" / "creative-eval" / "results.json"
    results.write_text(json.dumps({"benchmark": "creative-eval", "baseline": str(elsewhere / "responses.jsonl")}))
    [p] = pairings(load_run(evaluated_run))
    assert p.base_file == elsewhere / "responses.jsonl" and p.comparison["n_paired"] == 10


def test_a_run_without_a_base_eval_says_how_to_make_one(two_runs, tmp_path):
    page = build_report(two_runs, tmp_path / "report").read_text()
    assert "No trained-vs-untrained evaluation in these runs" in page


def test_a_broken_compare_json_stops_the_report_naming_the_file_and_field(evaluated_run, tmp_path):
    bad = dict(COMPARE, metrics={"pass_rate": {"a": 0.1, "b": 0.2}})
    (evaluated_run / "eval" / "creative-eval" / "compare.json").write_text(json.dumps(bad))
    with pytest.raises(RunDirError, match=r"compare.json: metrics.pass_rate: missing diff, lo, hi"):
        pairings(load_run(evaluated_run))
    out = tmp_path / "report"
    done = subprocess.run([sys.executable, "-m", "rlmr", "report", str(evaluated_run), "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 2 and "compare.json: metrics.pass_rate: missing" in done.stderr
    assert "Traceback" not in done.stderr and not out.exists()
