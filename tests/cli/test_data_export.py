"""`rlmr data export --format verl`: verl's parquet schema, read back with pandas and pyarrow."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rlmr.cli import app
from rlmr.constraints import verify
from rlmr.data import load_prompts

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pd = pytest.importorskip("pandas")

BROKEN = Path(__file__).parents[1] / "data" / "broken"
runner = CliRunner()


def export(*args):
    return runner.invoke(app, ["data", "export", *args])


@pytest.mark.parametrize("source", ["creative-eval", "ifeval-sample"])
def test_export_round_trips_every_field(tmp_path, source):
    if source == "ifeval-sample":  # an IFEval-format user file: the other input shape
        src = tmp_path / "ifeval.jsonl"
        src.write_text(json.dumps({"key": 7, "prompt": "Write a haiku about rain, all lowercase.",
                                   "instruction_id_list": ["change_case:english_lowercase"], "kwargs": [{}]}) + "\n")
        source = str(src)
    out = tmp_path / "train.parquet"
    result = export(source, "--format", "verl", "--out", str(out), "--system", "You are a writer.", "--split", "eval")
    assert result.exit_code == 0, result.output
    records = load_prompts(source)
    assert f"wrote {len(records)} prompts" in result.stdout

    schema = pq.read_schema(out)
    assert schema.names == ["data_source", "prompt", "ability", "reward_model", "extra_info"]
    assert pa.types.is_list(schema.field("prompt").type)
    assert pa.types.is_string(schema.field("reward_model").type.field("ground_truth").type)

    frame = pd.read_parquet(out)
    assert len(frame) == len(records)
    for (i, row), rec in zip(frame.iterrows(), records):
        assert row["data_source"] == "rlmr"
        assert [dict(m) for m in row["prompt"]] == [{"role": "system", "content": "You are a writer."},
                                                   {"role": "user", "content": rec.prompt}]
        assert json.loads(row["reward_model"]["ground_truth"]) == rec.constraints
        info = row["extra_info"]
        assert (info["index"], info["id"], info["prompt"], info["split"]) == (i, rec.id, rec.prompt, "eval")
        assert (info["lang"], info["genre"], info["source"]) == (rec.lang, rec.genre, rec.source)


def test_the_exported_constraints_verify_as_the_originals(tmp_path):
    out = tmp_path / "t.parquet"
    assert export("creative-eval", "--out", str(out)).exit_code == 0
    rows = pq.read_table(out).to_pylist()
    text = "A short answer.\n\nIn two paragraphs."
    for row, rec in zip(rows[:50], load_prompts("creative-eval")[:50]):
        specs = json.loads(row["reward_model"]["ground_truth"])
        assert verify(text, specs).to_dict() == verify(text, rec.constraints).to_dict()


@pytest.mark.parametrize("args, needle", [
    (["--format", "openrlhf"], "--format: unknown format 'openrlhf'; known: verl"),
    (["--out", "/nonexistent-dir/x.parquet"], "does not exist"),
])
def test_bad_options_exit_2_with_one_line(tmp_path, args, needle):
    argv = ["creative-eval", "--out", str(tmp_path / "x.parquet"), *args] if "--out" not in args else ["creative-eval", *args]
    result = export(*argv)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in result.output
    assert not list(tmp_path.iterdir())


def test_a_bad_row_names_file_line_field_and_writes_nothing(tmp_path):
    out = tmp_path / "x.parquet"
    result = export(str(BROKEN / "bad_relation.jsonl"), "--out", str(out))
    assert result.exit_code == 2
    line = result.output.strip().splitlines()
    assert len(line) == 1 and "bad_relation.jsonl:" in line[0] and "Traceback" not in result.output
    assert not out.exists() and not list(tmp_path.iterdir())


def test_the_help_example_runs_as_pasted(tmp_path, monkeypatch):
    help_text = export("--help").stdout
    line = [ln.strip() for ln in help_text.splitlines() if ln.strip().startswith("rlmr data export")][-1]
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, line.split()[1:])
    assert result.exit_code == 0, result.output
    assert len(pq.read_table(tmp_path / "train.parquet")) == len(load_prompts("creative-train"))
