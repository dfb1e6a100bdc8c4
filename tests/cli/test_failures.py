"""Every bad input a newcomer met (issue 17) ends in one line on stderr naming the place, exit code 2,
no traceback, and nothing written or changed. Each case runs the real command line in a scratch
folder and compares the folder's files before and after."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rlmr.cli import app

BAD_BYTES = b'{"prompt": "caf\xe9", "response": "x"}\n'  # Latin-1, not UTF-8


def snapshot(root: Path) -> dict[str, str]:
    """Relative path -> content hash of every file under root (folders as entries too)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


@pytest.fixture
def cwd(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.jsonl").write_bytes(BAD_BYTES)
    (tmp_path / "bad.yaml").write_bytes(b"run:\n  steps: 1  # caf\xe9\n")
    (tmp_path / "p.jsonl").write_text('{"prompt": "Say hi.", "constraints": [{"id": "punctuation:no_comma"}]}\n')
    (tmp_path / "r.jsonl").write_text('{"prompt": "Write.", "response": "A text."}\n'
                                      '{"prompt": "Write again.", "response": "Another text."}\n')
    (tmp_path / "runs").mkdir()
    return tmp_path


def run_bad(root: Path, *args: str, names: str, lines: int = 1) -> str:
    """Run `rlmr ARGS`, assert the failure contract, return stderr."""
    before = snapshot(root)
    result = CliRunner().invoke(app, list(args))
    stderr = result.stderr
    assert result.exit_code == 2, (result.exit_code, result.output, stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in stderr and "Traceback" not in result.stdout
    assert names in stderr, stderr
    error_lines = [line for line in stderr.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1 and len(stderr.strip().splitlines()) <= lines, stderr
    assert snapshot(root) == before, "a failed command wrote or changed files"
    return stderr


# 1. a model path that does not exist is not a hub id
def test_eval_with_a_missing_run_directory_names_the_option(cwd):
    err = run_bad(cwd, "eval", "--model", "runs/rlmr", "--benchmark", "creative-eval", "--limit", "2",
                  names="--model: runs/rlmr: no such folder")
    assert "hub id" in err  # says what is allowed


def test_train_with_a_missing_model_folder_stops_before_writing_the_run(cwd):
    run_bad(cwd, "train", "--set", "policy.model=/nonexistent_model", "--set", "run.steps=1", "--out", "X",
            names="policy.model: /nonexistent_model: no such folder")


def test_probe_with_a_missing_model_folder_names_the_option(cwd):
    run_bad(cwd, "probe", "--model", "runs/nope", "--out", "pp", names="--model: runs/nope: no such folder")


def test_a_folder_that_is_no_model_is_named(cwd):
    run_bad(cwd, "eval", "--model", "runs", "--benchmark", "creative-eval", names="--model: runs: not a model folder")


# 2. resume of a finished run
def test_resume_of_a_finished_run_says_so_and_changes_nothing(cwd):
    from rlmr.train.config import load_config

    run = cwd / "done"
    (run / "checkpoints" / "checkpoint-2").mkdir(parents=True)
    (run / "config.yaml").write_text(load_config(None, ["run.steps=2"]).to_yaml())
    (run / "checkpoints" / "checkpoint-2" / "trainer_state.json").write_text(json.dumps({"global_step": 2}))
    (run / "metrics.jsonl").write_text('{"step": 1}\n{"step": 2}\n')
    (run / "model").mkdir()
    (run / "model" / "config.json").write_text("{}")
    err = run_bad(cwd, "train", "--resume", "done", names="done: already finished (2 of run.steps=2")
    assert "--set run.steps=4" in err  # and how to go on


# 3. non-UTF-8 input names the file and line, everywhere
@pytest.mark.parametrize("args", [
    ("verify", "--prompts", "p.jsonl", "--responses", "bad.jsonl"),
    ("score", "--responses", "bad.jsonl"),
    ("constraints", "extract", "--file", "bad.jsonl"),
    ("mix", "bad.jsonl", "--group-size", "1"),
    ("eval", "--benchmark", "none", "--responses", "bad.jsonl"),
], ids=lambda a: a[0])
def test_non_utf8_input_names_file_and_line(cwd, args):
    err = run_bad(cwd, *args, names="bad.jsonl:1: not UTF-8 (byte 0xe9 at column 16)")
    assert "UnicodeDecodeError" not in err


def test_non_utf8_config_names_file_and_line(cwd):
    run_bad(cwd, "train", "--config", "bad.yaml", "--out", "t", names="bad.yaml:2: not UTF-8 (byte 0xe9")


# 4. former tracebacks
def test_extract_from_a_missing_file(cwd):
    run_bad(cwd, "constraints", "extract", "--file", "missing.jsonl", names="missing.jsonl: no such file")


def test_extract_with_an_unknown_language(cwd):
    run_bad(cwd, "constraints", "extract", "--lang", "fr", "Write a poem.", names="--lang: expected en or zh")


def test_synth_into_a_missing_folder(cwd):
    run_bad(cwd, "data", "synth", "--n", "2", "--out", "no/such/dir/s.jsonl",
            names="--out: no/such/dir/s.jsonl: the folder no/such/dir does not exist")


# 5. a judge that scores nothing
def test_score_with_a_judge_that_scores_nothing_fails_and_writes_nothing(cwd):
    # port 9 (discard) on loopback: every request is refused at once; the client's summary line precedes ours
    err = run_bad(cwd, "score", "--scorer", "judge:http://127.0.0.1:9/v1#m?retries=0", "--responses", "r.jsonl",
                  "--out", "scored.jsonl", names="scored 0 of 2 responses", lines=3)
    assert not (cwd / "scored.jsonl").exists() and "nothing written" in err


# 6. ablate checks its strategy names before any work
def test_ablate_rejects_an_unknown_strategy_first(cwd):
    run_bad(cwd, "ablate", "--strategies", "foo,rlmr", "--out", "abl", names="--strategies: unknown arm 'foo'")


def test_ablate_suggests_the_close_name(cwd):
    err = run_bad(cwd, "ablate", "--strategies", "rlmr,linaer", "--out", "abl", names="unknown arm 'linaer'")
    assert "did you mean 'linear'" in err


def test_ablate_rejects_a_bad_variant_first_and_knows_a_good_ones_name(cwd):
    run_bad(cwd, "ablate", "--variant", "floor=rlmr", "--out", "abl", names="--variant: variant 'floor=rlmr': expected key=value")
    run_bad(cwd, "ablate", "--variant", "floor=rlmr,reward.length_floor=fail", "--arms", "rlmr,flor", "--out", "abl",
            names="unknown arm 'flor' (did you mean 'floor'?)")
    assert not (cwd / "abl").exists()


# 7. credentials inside URLs are never printed or written
def test_a_password_in_a_judge_url_is_masked_in_errors(cwd):
    err = run_bad(cwd, "train", "--set", "reward.scorer=judge:http://u:secret@127.0.0.1:9/v1", "--out", "X",
                  names="reward.scorer: judge spec")
    assert "secret" not in err and "***@127.0.0.1" in err


def test_a_password_in_a_judge_url_is_masked_in_config_yaml():
    from rlmr.train.config import load_config

    text = load_config(None, ["reward.scorer=judge:http://u:secret@host:8000/v1#m?api_key=sk-123"]).to_yaml()
    assert "secret" not in text and "sk-123" not in text
    assert "judge:http://***@host:8000/v1#m?api_key=***" in text


def test_a_password_in_a_judge_url_is_masked_in_results_json(cwd):
    rows = [{"prompt": "Say hi.", "response": "Hi there", "constraints": [{"id": "punctuation:no_comma"}]}]
    (cwd / "c.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(app, ["eval", "--benchmark", "none", "--responses", "c.jsonl", "--scorer", "none",
                                      "--baseline", "c.jsonl", "--judge", "judge:http://u:secret@127.0.0.1:9/v1#m",
                                      "--out", "ev"])
    assert result.exit_code == 0, result.output + result.stderr
    written = (cwd / "ev" / "results.json").read_text() + (cwd / "ev" / "responses.jsonl").read_text()
    assert "secret" not in written and "secret" not in result.output + result.stderr
    assert "http://***@127.0.0.1:9/v1#m" in written


# 8. disk: the smoke-run defaults keep one checkpoint
def test_default_run_keeps_one_checkpoint():
    from rlmr.train.config import load_config

    cfg = load_config(None, [])
    assert cfg.run.save_total_limit == 1
    assert cfg.run.steps % cfg.run.save_every == 0  # the last step is a checkpoint: a finished run resumes exactly
