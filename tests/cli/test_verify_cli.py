import json
from types import SimpleNamespace

from typer.testing import CliRunner

from rlmr.cli import app


def rlmr(*args):
    """Run `rlmr verify ...` in process (the real app, real files)."""
    result = CliRunner().invoke(app, ["verify", *args])
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_verify_files_joined_on_prompt_writes_verdicts_and_prints_a_summary(tmp_path):
    prompts = write_jsonl(tmp_path / "p.jsonl", [
        {"prompt": "Say hi without commas.", "constraints": [{"id": "punctuation:no_comma"}]},
        {"prompt": "Title it.", "instruction_id_list": ["detectable_format:title", "punctuation:no_comma"], "kwargs": [{}, {}]},
    ])
    responses = write_jsonl(tmp_path / "r.jsonl", [
        {"prompt": "Title it.", "response": "Sure:\n<<Ode>>, a poem"},
        {"prompt": "Say hi without commas.", "response": "Hi there"},
    ])
    out = tmp_path / "v.jsonl"
    run = rlmr("--prompts", str(prompts), "--responses", str(responses), "--out", str(out))
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["passed"] for r in rows] == [False, True]
    assert rows[0]["results"][1] == {"id": "punctuation:no_comma", "passed": False, "reason": "1 comma; none allowed"}
    assert "punctuation:no_comma" in run.stdout and "0.500" in run.stdout
    assert "prompt-level accuracy: 0.5000" in run.stdout


def test_loose_mode_is_passed_through(tmp_path):
    prompts = write_jsonl(tmp_path / "p.jsonl", [{"prompt": "q", "constraints": [{"id": "punctuation:no_comma"}]}])
    responses = write_jsonl(tmp_path / "r.jsonl", [{"prompt": "q", "response": "Sure, here:\nno commas"}])
    out = tmp_path / "v.jsonl"
    assert rlmr("--prompts", str(prompts), "--responses", str(responses), "--mode", "loose", "--out", str(out)).returncode == 0
    assert json.loads(out.read_text())["passed"] is True


def test_bad_rows_name_the_file_line_and_field(tmp_path):
    prompts = write_jsonl(tmp_path / "p.jsonl", [
        {"prompt": "q", "constraints": [{"id": "punctuation:no_comma"}]},
        {"prompt": "r", "constraints": [{"id": "length_constraints:number_words", "num_words": "ten", "relation": "at least"}]},
    ])
    responses = write_jsonl(tmp_path / "r.jsonl", [{"prompt": "q", "response": "x"}])
    run = rlmr("--prompts", str(prompts), "--responses", str(responses))
    assert run.returncode == 2
    assert f"{prompts}:2: constraints[0]: length_constraints:number_words: num_words: expected int" in run.stderr
    missing = write_jsonl(tmp_path / "r2.jsonl", [{"prompt": "unknown", "response": "x"}])
    run = rlmr("--prompts", str(tmp_path / "p.jsonl"), "--responses", str(missing))
    assert run.returncode == 2


def test_one_text_prints_the_verdict_and_exits_by_result():
    failed = rlmr("--text", "Hello, world.", "--constraint", '{"id": "punctuation:no_comma"}')
    assert failed.returncode == 1 and json.loads(failed.stdout)["results"][0]["passed"] is False
    passed = rlmr("--text", "Hello world.", "--constraint", '[{"id": "punctuation:no_comma"}]', "--mode", "loose")
    assert passed.returncode == 0 and json.loads(passed.stdout)["mode"] == "loose"
    unknown = rlmr("--text", "x", "--constraint", '{"id": "punctuation:no_coma"}')
    assert unknown.returncode == 2 and "did you mean punctuation:no_comma" in unknown.stderr


def test_list_shows_every_ifeval_id_with_kwargs():
    run = rlmr("--list")
    assert run.returncode == 0
    assert "length_constraints:number_words(num_words: int, relation: 'less than' | 'at least')" in run.stdout
    assert sum(1 for line in run.stdout.splitlines() if not line.startswith("cw:")) >= 25
