"""`rlmr data synth | validate | stats` through the real CLI app."""

import json
from pathlib import Path

from typer.testing import CliRunner

from rlmr.cli import app

BROKEN = Path(__file__).parents[1] / "data" / "broken"
runner = CliRunner()


def test_synth_then_validate_then_stats(tmp_path):
    out = tmp_path / "p.jsonl"
    result = runner.invoke(app, ["data", "synth", "--n", "40", "--lang", "zh", "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 40 prompts" in result.stdout
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 40 and {r["lang"] for r in rows} == {"zh"}

    result = runner.invoke(app, ["data", "validate", str(out)])
    assert result.exit_code == 0, result.output
    assert "40 valid prompt(s) of 40" in result.stdout

    result = runner.invoke(app, ["data", "stats", str(out), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["prompts"] == 40 and stats["lang"] == {"zh": 40}


def test_synth_is_byte_identical_for_the_same_seed(tmp_path):
    for name in ("a", "b"):
        runner.invoke(app, ["data", "synth", "--n", "25", "--seed", "9", "--out", str(tmp_path / f"{name}.jsonl")])
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_validate_lists_every_problem_and_exits_1():
    path = BROKEN / "bad_cells.csv"
    result = runner.invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:3: constraints: bad JSON in CSV cell" in result.stderr
    assert f"{path}:6: row: 1 more cells" in result.stderr
    assert "2 invalid row(s) of 4; 2 valid" in result.stderr


def test_skip_invalid_drops_bad_rows_reports_how_many_and_writes_the_rest(tmp_path):
    clean = tmp_path / "clean.jsonl"
    result = runner.invoke(app, ["data", "validate", str(BROKEN / "duplicate_id.jsonl"), "--skip-invalid", "--out", str(clean)])
    assert result.exit_code == 0
    assert "2 valid prompt(s) of 3; dropped 1 invalid row(s)" in result.stdout
    assert [json.loads(line)["id"] for line in clean.read_text().splitlines()] == ["ok-1", "ok-2"]


def test_stats_tables_for_a_bundled_set_and_errors_for_bad_input():
    result = runner.invoke(app, ["data", "stats", "creative-eval"])
    assert result.exit_code == 0, result.output
    assert "300 prompts" in result.stdout and "cw:chars_per_line" in result.stdout
    result = runner.invoke(app, ["data", "synth", "--n", "5", "--lang", "fr", "--out", "x.jsonl"])
    assert result.exit_code == 2 and "lang must be one of en, zh, mix" in result.stderr
    result = runner.invoke(app, ["data", "validate", "missing.jsonl"])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_every_data_command_help_ends_with_an_example():
    for command in ("synth", "validate", "stats", "export"):
        result = runner.invoke(app, ["data", command, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout and "rlmr data " + command in result.stdout
