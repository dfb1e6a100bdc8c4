"""The row files of `rlmr mix`: parsing, round trip, and errors as FILE:LINE: FIELD: reason."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rlmr.mixing import mix
from rlmr.mixing.rows import MixInputError, output_records, read_rows, write_records


def test_jsonl_and_csv_round_trip_to_the_same_rows(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        '{"group": 7, "writing_score": 0.5, "passed": 1, "satisfied": 1}\n\n'
        '{"group": 7, "writing_score": null, "passed": false, "satisfied": 0.5}\n'
    )
    rows = read_rows(src)
    assert rows.lines == [1, 3] and rows.groups == ["7", "7"]
    assert math.isnan(rows.writing_scores[1]) and rows.passed.tolist() == [1.0, 0.0]
    result = mix(rows.writing_scores, rows.passed, group_ids=rows.groups, satisfied=rows.satisfied)
    records = output_records(rows, result, None)
    write_records(tmp_path / "out.csv", records)
    again = read_rows(tmp_path / "out.csv")
    assert again.groups == rows.groups and again.lines == [2, 3]
    np.testing.assert_array_equal(again.passed, rows.passed)
    np.testing.assert_array_equal(again.satisfied, rows.satisfied)
    assert math.isnan(again.writing_scores[1])


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"group": "a", "writing_score": 0.1, "passed": true}\n{"group": "a", "writing_score": 0.1\n', r":2: not valid JSON"),
        ('[1, 2]\n', r":1: expected a JSON object, got list"),
        ('{"group": "a", "passed": true}\n', r":1: writing_score: missing"),
        ('{"group": "a", "writing_score": true, "passed": true}\n', r":1: writing_score: expected a number or null, got True"),
        ('{"group": "a", "writing_score": 1e999, "passed": true}\n', r":1: writing_score: expected a finite number"),
        ('{"group": "a", "writing_score": 0.1, "passed": 2}\n', r":1: passed: expected true/false or 1/0, got 2"),
        ('{"group": "a", "writing_score": 0.1, "passed": 1, "satisfied": 1.2}\n', r":1: satisfied: expected a fraction in \[0, 1\], got 1.2"),
        ('{"group": "a", "writing_score": 0.1, "passed": 1}\n{"writing_score": 0.1, "passed": 1}\n', r":2: group: missing"),
        ('\n', r"no rows"),
    ],
)
def test_bad_jsonl_rows_name_the_line_and_field(tmp_path, text, message):
    src = tmp_path / "rows.jsonl"
    src.write_text(text)
    with pytest.raises(MixInputError, match=message):
        read_rows(src)


def test_csv_missing_scores_and_bad_numbers(tmp_path):
    src = tmp_path / "rows.csv"
    src.write_text("group,writing_score,passed\na,,true\na,NaN,0\na,x1,1\n")
    with pytest.raises(MixInputError, match=r"rows.csv:4: writing_score: not a number: 'x1'"):
        read_rows(src)
    src.write_text("group,writing_score,passed\na,,true\na,null,0\n")
    assert np.isnan(read_rows(src).writing_scores).all()
