import json

import pytest

from rlmr.evaluate.responses import EvalItem, ResponsesError, match_responses, read_rows

ITEMS = [
    EvalItem("1000", "Write a poem.", [{"id": "punctuation:no_comma"}]),
    EvalItem("1001", "Write a story.", [{"id": "detectable_format:title"}]),
]


def write(path, rows):
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


def test_rows_match_by_id_then_by_prompt_text(tmp_path):
    f = write(
        tmp_path / "r.jsonl",
        [
            {"key": 1001, "prompt": "edited prompt", "response": "B"},  # id wins over text
            {"prompt": "Write a poem.", "response": "A"},
        ],
    )
    got = match_responses(f, ITEMS)
    assert [(g.id, g.response, g.constraints) for g in got] == [
        ("1001", "B", [{"id": "detectable_format:title"}]),
        ("1000", "A", [{"id": "punctuation:no_comma"}]),
    ]


def test_a_row_with_its_own_constraints_keeps_them(tmp_path):
    f = write(
        tmp_path / "r.jsonl",
        [
            {"prompt": "Unknown", "response": "x", "constraints": [{"id": "cw:no_comma"}]},
            {"prompt": "Also unknown", "response": "y", "instruction_id_list": ["punctuation:no_comma"], "kwargs": [{}]},
        ],
    )
    got = match_responses(f, ITEMS)
    assert got[0].constraints == [{"id": "cw:no_comma"}]
    assert got[1].constraints == [{"id": "punctuation:no_comma"}]


def test_an_unmatched_row_without_constraints_names_file_and_line(tmp_path):
    f = write(tmp_path / "r.jsonl", [{"prompt": "Write a poem.", "response": "A"}, "", {"prompt": "??", "response": "B"}])
    with pytest.raises(ResponsesError, match=r"r.jsonl:3: prompt: matches no benchmark prompt"):
        match_responses(f, ITEMS)


@pytest.mark.parametrize(
    "line, message",
    [
        ('{"prompt": "p"', r"r.jsonl:1: not valid JSON"),
        ('{"prompt": "p", "response": 3}', r"r.jsonl:1: response: expected a string, got 3"),
        ('["p", "r"]', r"r.jsonl:1: expected a JSON object, got list"),
    ],
)
def test_malformed_rows_name_file_line_and_field(tmp_path, line, message):
    with pytest.raises(ResponsesError, match=message):
        read_rows(write(tmp_path / "r.jsonl", [line]))


def test_an_empty_file_is_an_error(tmp_path):
    with pytest.raises(ResponsesError, match="no responses"):
        read_rows(write(tmp_path / "r.jsonl", [""]))


def test_repeated_prompts_get_sample_indices_in_file_order_unless_rows_carry_one(tmp_path):
    f = write(
        tmp_path / "r.jsonl",
        [
            {"prompt": "Write a poem.", "response": "A0"},
            {"prompt": "Write a story.", "response": "B0", "sample": 3},
            {"prompt": "Write a poem.", "response": "A1"},
        ],
    )
    assert [(g.id, g.sample) for g in match_responses(f, ITEMS)] == [("1000", 0), ("1001", 3), ("1000", 1)]


def test_a_bad_sample_index_names_file_line_and_field(tmp_path):
    f = write(tmp_path / "r.jsonl", [{"prompt": "Write a poem.", "response": "A", "sample": "two"}])
    with pytest.raises(ResponsesError, match=r"r.jsonl:1: sample: expected an integer >= 0, got 'two'"):
        match_responses(f, ITEMS)


def test_a_rows_cut_flag_is_read_and_a_bad_one_names_file_line_and_field(tmp_path):
    f = write(tmp_path / "r.jsonl", [{"prompt": "Write a poem.", "response": "A", "truncated": True},
                                     {"prompt": "Write a story.", "response": "B"}])
    assert [g.truncated for g in match_responses(f, ITEMS)] == [True, None]
    bad = write(tmp_path / "bad.jsonl", [{"prompt": "Write a poem.", "response": "A", "truncated": "yes"}])
    with pytest.raises(ResponsesError, match=r"bad.jsonl:1: truncated: expected true, false or null, got 'yes'"):
        match_responses(bad, ITEMS)
