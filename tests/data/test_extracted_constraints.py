"""Data loading uses extraction: rows without constraints get them from the prompt text, and
rows with constraints can be cross-checked against it (warnings name FILE:LINE)."""

import json
import logging

from typer.testing import CliRunner

from rlmr.cli import app
from rlmr.constraints import verify
from rlmr.constraints.extract.equivalence import equivalent
from rlmr.data import check_file, load_prompts

ROWS = [
    {"id": "no-field", "prompt": "Write a poem about rain in exactly 4 lines, with no commas."},
    {"id": "zh-no-field", "prompt": "写一首关于秋天的诗，不超过八行，不要出现“落叶”。"},
    {"id": "empty-list", "prompt": "Write a poem about rain in exactly 4 lines.", "constraints": []},
    {"id": "agrees", "prompt": "Write a haiku in under 30 words.", "lang": "en",
     "constraints": [{"id": "cw:word_count", "relation": "at_most", "n": 29}]},
    {"id": "disagrees", "prompt": "Write a haiku in under 30 words.",
     "constraints": [{"id": "cw:no_comma"}]},
]


def _write(tmp_path, rows=ROWS):
    path = tmp_path / "prompts.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def test_rows_without_a_constraints_field_get_extracted_hard_constraints(tmp_path):
    records = {r.id: r for r in load_prompts(_write(tmp_path))}
    en, zh = records["no-field"], records["zh-no-field"]
    assert en.meta["constraints_source"] == "extracted"
    assert equivalent(en.constraints, [{"id": "cw:line_count", "relation": "exactly", "n": 4}, {"id": "cw:no_comma"}])
    assert zh.lang == "zh" and zh.meta["constraints_source"] == "extracted"
    assert equivalent(zh.constraints, [{"id": "cw:line_count", "relation": "at_most", "n": 8},
                                       {"id": "cw:banned_words", "words": ["落叶"]}])
    # The extracted specs are registry specs the verifier runs as they are.
    assert verify("Rain on the roof\nrain on the road\nrain in my hair\nrain all day", en.constraints).passed


def test_an_explicit_empty_list_and_given_constraints_are_left_alone(tmp_path):
    records = {r.id: r for r in load_prompts(_write(tmp_path))}
    assert records["empty-list"].constraints == [] and "constraints_source" not in records["empty-list"].meta
    assert records["disagrees"].constraints == [{"id": "cw:no_comma"}]
    assert not load_prompts(_write(tmp_path), extract=False)[0].constraints


def test_cross_check_warns_at_each_disagreeing_row(tmp_path, caplog):
    path = _write(tmp_path)
    checked = check_file(path, cross_check=True)
    # Line 3 states no constraints while its text asks for 4 lines; line 4 agrees; line 5 differs both ways.
    assert [w.line for w in checked.warnings] == [3, 5, 5]
    text = "\n".join(map(str, checked.warnings))
    assert f"{path}:5: constraints: cross-check: not read from the prompt text: " in text and "cw:no_comma" in text
    assert "read from the prompt text but not in the record" in text and "cw:word_count" in text
    with caplog.at_level(logging.WARNING, logger="rlmr.data"):
        assert len(load_prompts(path, cross_check=True)) == len(ROWS)  # warnings drop nothing
    assert f"{path}:5: constraints" in caplog.text
    assert not check_file(path).warnings


def test_cli_validate_cross_check_prints_warnings_and_still_succeeds(tmp_path):
    path = _write(tmp_path)
    result = CliRunner().invoke(app, ["data", "validate", str(path), "--cross-check"])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}:5: constraints: cross-check" in result.stderr
    assert "2 row(s) without constraints got them from their prompt text" in result.stderr
    assert "5 valid prompt(s) of 5" in result.stdout
