"""`rlmr mix` on real files: JSONL and CSV in, tables out, rows written back, errors that name the line."""

from __future__ import annotations

import csv
import json
import subprocess
import sys

import numpy as np
from typer.testing import CliRunner

from rlmr.cli import app
from rlmr.mixing import mix

ROWS = [
    {"group": "p1", "writing_score": 0.9, "passed": False},
    {"group": "p1", "writing_score": 0.5, "passed": True},
    {"group": "p1", "writing_score": 0.7, "passed": True},
    {"group": "p1", "writing_score": 0.2, "passed": False},
    {"group": "p2", "writing_score": 0.4, "passed": False},
    {"group": "p2", "writing_score": None, "passed": True},
    {"group": "p2", "writing_score": 0.6, "passed": False},
    {"group": "p2", "writing_score": 0.1, "passed": False},
]


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def run(*args):
    return CliRunner().invoke(app, ["mix", *map(str, args)])


def test_jsonl_in_csv_out_matches_the_library(tmp_path):
    src, out = write_jsonl(tmp_path / "scored.jsonl", ROWS), tmp_path / "mixed.csv"
    result = run(src, "--out", out)
    assert result.exit_code == 0, result.output
    assert "mixed" in result.output and "all-fail" in result.output and "0.72" in result.output
    with out.open(newline="") as fh:
        written = list(csv.DictReader(fh))
    assert [r["group"] for r in written] == ["p1"] * 4 + ["p2"] * 4
    expected = mix([r["writing_score"] for r in ROWS], [r["passed"] for r in ROWS], group_ids=[r["group"] for r in ROWS])
    np.testing.assert_allclose([float(r["advantage"]) for r in written], expected.advantages, rtol=1e-12)
    assert written[5]["writing_score"] == "" and written[5]["reward"] == "" and float(written[5]["advantage"]) == 0.0


def test_csv_in_without_groups_uses_group_size_and_writes_jsonl(tmp_path):
    src, out = tmp_path / "scored.csv", tmp_path / "mixed.jsonl"
    src.write_text("writing_score,passed,satisfied\n0.3,0,0.5\n0.8,0,0.25\n,1,1\n0.6,1,1\n")
    result = run(src, "--group-size", 2, "--all-fail", "partial", "--out", out)
    assert result.exit_code == 0, result.output
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["group"] for r in written] == ["0", "0", "1", "1"]
    assert written[0]["advantage"] > 0 > written[1]["advantage"]  # partial credit: 0.5 beats 0.25
    assert written[2]["writing_score"] is None and written[2]["advantage"] == 0.0
    assert written[3]["advantage"] == 0.0  # group 1 has one valid member: too few


def test_a_bad_row_names_file_line_and_field(tmp_path):
    rows = ROWS[:3] + [{"group": "p1", "writing_score": "high", "passed": True}]
    src = write_jsonl(tmp_path / "bad.jsonl", rows)
    result = run(src)
    assert result.exit_code == 2
    assert f"{src}:4: writing_score: expected a number or null, got 'high'" in result.output


def test_a_bad_csv_flag_names_the_line_counting_the_header(tmp_path):
    src = tmp_path / "bad.csv"
    src.write_text("group,writing_score,passed\na,0.1,yes\na,0.2,maybe\n")
    result = run(src)
    assert result.exit_code == 2 and f"{src}:3: passed: expected true/false or 1/0, got 'maybe'" in result.output


def test_ragged_groups_and_unknown_strategies_are_reported(tmp_path):
    src = write_jsonl(tmp_path / "ragged.jsonl", ROWS[:7])
    assert "ragged groups: group 'p2' has 3 responses" in run(src).output
    src = write_jsonl(tmp_path / "ok.jsonl", ROWS)
    result = run(src, "--strategy", "rlrm")
    assert result.exit_code == 2 and "known: linear, normalize_then_sum, rlmr, verify, writing" in result.output


def test_missing_group_field_needs_group_size(tmp_path):
    src = write_jsonl(tmp_path / "nogroup.jsonl", [{"writing_score": 0.1, "passed": 1}] * 2)
    result = run(src)
    assert result.exit_code == 2 and "group: missing; add a group field or give --group-size" in result.output


def test_help_ends_with_a_copy_paste_example():
    out = subprocess.run([sys.executable, "-m", "rlmr", "mix", "--help"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout.rstrip().splitlines()[-1].strip() == "rlmr mix scored.jsonl --out mixed.csv"
