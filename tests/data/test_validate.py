"""The broken-file corpus: every defect is reported at its file:line and field; valid rows survive."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.data import DataError, check_file, load_prompts

BROKEN = Path(__file__).with_name("broken")

# file, expected (line, field, words the reason must contain) for every problem, valid rows left.
CASES = [
    ("bad_json.jsonl", [(2, "row", "bad JSON")], 2),
    ("bad_utf8.jsonl", [(3, "row", "undecodable text (invalid UTF-8 byte 0xe9")], 3),
    ("not_object.jsonl", [(2, "row", "expected a JSON object, got array")], 1),
    ("missing_prompt.jsonl", [(2, "prompt", "missing")], 1),
    ("missing_id.jsonl", [(2, "id", "missing")], 1),
    ("empty_prompt.jsonl", [(3, "prompt", "empty prompt")], 2),
    ("prompt_not_string.jsonl", [(1, "prompt", "expected str, got int 42")], 1),
    ("duplicate_id.jsonl", [(3, "id", "duplicate id 'ok-1' (first at line 1)")], 2),
    ("bad_lang.jsonl", [(2, "lang", "expected one of en, zh, got 'fr'")], 1),
    ("unknown_field.jsonl", [(1, "promt", "did you mean 'prompt'")], 1),
    ("constraints_not_list.jsonl", [(2, "constraints", "expected a list")], 1),
    ("constraint_not_object.jsonl", [(2, "constraints[1]", "expected an object")], 1),
    ("constraint_missing_id.jsonl", [(1, "constraints[0].id", "missing")], 1),
    ("unknown_constraint.jsonl", [(2, "constraints[0].id", "did you mean cw:word_count")], 1),
    ("ill_typed_kwarg.jsonl", [(4, "constraints[1].num_words", "expected int, got 'ten'")], 3),
    ("missing_kwarg.jsonl", [(2, "constraints[0].n", "missing")], 1),
    ("unexpected_kwarg.jsonl", [(2, "constraints[0].strict", "unexpected kwarg")], 1),
    ("bad_relation.jsonl", [(2, "constraints[0].relation", "got 'fewer'")], 1),
    ("bad_kwarg_value.jsonl", [(2, "constraints[0].tolerance", "only allowed when relation is 'about'")], 1),
    ("conflict_word_counts.jsonl", [(2, "constraints[1]", "no possible number of words (0..100 vs >= 200)")], 1),
    ("conflict_banned_required.jsonl", [(2, "constraints[1]", "'sea' both required")], 1),
    ("conflict_start_acrostic.jsonl", [(2, "constraints[1]", "acrostic starts with 'H'")], 1),
    ("conflict_lines.jsonl", [(2, "constraints[1]", "no possible number of lines (3 vs >= 4)")], 1),
    ("conflict_ifeval.jsonl", [(2, "instruction_id_list[1]", "IFEval conflict table")], 1),
    ("ifeval_bad_kwarg.jsonl", [(1, "kwargs[1].num_words", "expected int, got 'ten'")], 1),
    ("lang_mismatch.jsonl", [(2, "constraints[0].id", "meant for zh text")], 1),
    ("meta_not_object.jsonl", [(2, "meta", "expected an object, got list")], 1),
    ("genre_not_string.jsonl", [(2, "genre", "expected str")], 1),
    ("id_not_string.jsonl", [(2, "id", "expected a non-empty string, got True")], 1),
    ("bad_array.json", [(4, "row", "expected a JSON object, got string"), (5, "lang", "got 'de'")], 2),
    ("bad_cells.csv", [(3, "constraints", "bad JSON in CSV cell"), (6, "row", "more cells than the header")], 2),
]


def test_the_corpus_covers_at_least_twenty_kinds_of_defect_and_every_file_is_tested():
    assert len(CASES) >= 20
    assert sorted(name for name, _, _ in CASES) == sorted(p.name for p in BROKEN.iterdir())


@pytest.mark.parametrize("name,expected,valid", CASES, ids=[c[0] for c in CASES])
def test_each_defect_is_reported_at_its_line_and_field(name, expected, valid):
    path = BROKEN / name
    checked = check_file(path)
    got = [(p.line, p.field) for p in checked.problems]
    assert got == [(line, field) for line, field, _ in expected]
    for problem, (_, _, words) in zip(checked.problems, expected):
        assert words in problem.reason
        assert str(problem).startswith(f"{path}:{problem.line}: {problem.field}: ")
    # Nothing valid is dropped: every row is either a record or reported.
    assert len(checked.records) == valid
    assert len(checked.records) + checked.n_invalid == checked.n_rows


def test_load_raises_one_error_listing_every_problem():
    with pytest.raises(DataError) as info:
        load_prompts(BROKEN / "bad_cells.csv")
    message = str(info.value)
    assert message.startswith("2 invalid row(s) of 4:")
    assert f"{BROKEN / 'bad_cells.csv'}:3: constraints: bad JSON" in message
    assert f"{BROKEN / 'bad_cells.csv'}:6: row:" in message


def test_skip_invalid_keeps_exactly_the_valid_rows_and_warns_with_the_count(caplog):
    records = load_prompts(BROKEN / "ill_typed_kwarg.jsonl", skip_invalid=True)
    assert [r.id for r in records] == ["ok-1", "ok-2", "ok-3"]
    assert "skipped 1 invalid row(s) of 4" in caplog.text


def test_ifeval_rows_convert_and_null_kwargs_are_dropped():
    checked = check_file(BROKEN / "ifeval_bad_kwarg.jsonl")
    (record,) = checked.records
    assert record.id == "8"
    assert record.constraints == [{"id": "punctuation:no_comma"}]
    assert record.source == "ifeval"


def test_a_missing_file_names_the_path_and_the_bundled_sets():
    with pytest.raises(FileNotFoundError, match="nope.jsonl: no such file, and not a bundled set"):
        load_prompts("nope.jsonl")


_BAD_LINES = [
    '{"id": "x", "prompt": ',
    '["not", "an", "object"]',
    '{"prompt": "no id"}',
    '{"id": "x", "prompt": ""}',
    '{"id": "x", "prompt": "p", "lang": "fr"}',
    '{"id": "x", "prompt": "p", "constraints": [{"id": "cw:nope"}]}',
    '{"id": "x", "prompt": "p", "constraints": [{"id": "cw:word_count", "relation": "at_most", "n": "ten"}]}',
]


@settings(max_examples=60)
@given(kinds=st.lists(st.one_of(st.just(None), st.sampled_from(_BAD_LINES)), min_size=1, max_size=25))
def test_every_row_is_either_kept_or_reported_at_its_own_line(tmp_path_factory, kinds):
    """Mixed good and bad rows: the good ones come back in order, each bad one is reported once."""
    lines, good, bad = [], [], []
    for number, kind in enumerate(kinds, start=1):
        if kind is None:
            lines.append(json.dumps({"id": f"ok-{number}", "prompt": f"Write poem {number}.", "constraints": [{"id": "cw:no_comma"}]}))
            good.append(f"ok-{number}")
        else:
            lines.append(kind.replace('"x"', f'"bad-{number}"'))
            bad.append(number)
    path = tmp_path_factory.mktemp("mix") / "p.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    checked = check_file(path)
    assert [r.id for r in checked.records] == good
    assert sorted({p.line for p in checked.problems}) == bad
