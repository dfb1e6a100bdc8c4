"""Every supported format reads the same records; rows keep their line (or row) numbers."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.data import PromptRecord, check_file, load_prompts, write_jsonl
from rlmr.data.io import read_rows

RECORDS = [
    PromptRecord("a", "Write a haiku about rain.", [{"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}], "en", "haiku", "t", {"k": 1}),
    PromptRecord("b", "写一首五言绝句。", [{"id": "cw:chars_per_line", "n": 5, "num_lines": 4}, {"id": "cw:title", "style": "book"}],
                 "zh", "jueju", "t", {}),
    PromptRecord("c", "Write a story, with commas.", [], "en", "story", "t", {}),
]


def _rows():
    return [r.to_dict() for r in RECORDS]


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "p.jsonl"
    write_jsonl(_rows(), path)
    assert load_prompts(path) == RECORDS


def test_json_array_round_trip_with_element_lines(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps(_rows(), ensure_ascii=False, indent=2), encoding="utf-8")
    assert load_prompts(path) == RECORDS
    assert [r.line for r in read_rows(path)][0] == 2


def test_csv_round_trip_with_json_cells(tmp_path):
    import pandas as pd

    frame = pd.DataFrame(_rows())
    for column in ("constraints", "meta"):
        frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False))
    path = tmp_path / "p.csv"
    frame.to_csv(path, index=False)
    assert load_prompts(path) == RECORDS


def test_parquet_with_struct_columns_round_trips_and_reports_row_numbers(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = _rows() + [{**_rows()[0], "id": "bad", "prompt": ""}]
    path = tmp_path / "p.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)  # kwargs become struct fields filled with nulls
    checked = check_file(path)
    assert checked.records == RECORDS
    assert [(p.line, p.field) for p in checked.problems] == [(4, "prompt")]


def test_saved_datasets_folder(tmp_path):
    import datasets

    rows = [{**r, "constraints": json.dumps(r["constraints"]), "meta": json.dumps(r["meta"])} for r in _rows()]
    datasets.Dataset.from_list(rows).save_to_disk(str(tmp_path / "ds"))
    assert load_prompts(tmp_path / "ds") == RECORDS


def test_unsupported_suffix_and_plain_folder_are_refused(tmp_path):
    (tmp_path / "p.txt").write_text("x")
    with pytest.raises(ValueError, match="unsupported file type '.txt'"):
        read_rows(tmp_path / "p.txt")
    with pytest.raises(ValueError, match="not one written by datasets"):
        read_rows(tmp_path)


_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=40)
@given(prompts=st.lists(_text, min_size=1, max_size=6), lang=st.sampled_from(["en", "zh"]))
def test_any_valid_prompts_survive_a_jsonl_round_trip_unchanged(tmp_path_factory, prompts, lang):
    records = [PromptRecord(f"id-{i}", p, [{"id": "cw:no_comma"}], lang, "g", "s", {"i": i}) for i, p in enumerate(prompts)]
    path = tmp_path_factory.mktemp("rt") / "p.jsonl"
    write_jsonl([r.to_dict() for r in records], path)
    assert load_prompts(path) == records
