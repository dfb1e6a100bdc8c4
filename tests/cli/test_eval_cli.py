"""`rlmr eval` end to end: IFEval numbers equal the reference evaluator's on the same file."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
FIXTURE = HERE.parent / "fixtures" / "ifeval_responses.jsonl"

# Responses that exercise most IFEval checkers both ways: commas or none, JSON, titles, bullets,
# sections, capitals, lower case, postscripts, quotes, the fixed answers, two responses, empty.
CANNED = [
    "Sure, here is my answer. It has commas, and it is short.",
    '```json\n{"answer": "yes", "reason": "it fits"}\n```',
    "<<A Title>>\n\nThe first paragraph speaks of the sea\n\n***\n\nThe second paragraph ends here. P.S. see you.",
    "* one point\n* two point\n* three point\n- a dash point",
    "SECTION 1\nintro words here\nSECTION 2\nmore words here\nSECTION 3 final words",
    "THIS ANSWER IS WRITTEN ENTIRELY IN CAPITAL LETTERS AND IT IS ENGLISH.",
    "this answer is written entirely in lower case letters and it is english.",
    '"A quoted answer with *highlighted* and **bold** parts, and [placeholder] [address]."',
    "My answer is yes.",
    "First response about dogs.\n******\nSecond response about cats.",
    "   ",
    "Intro line.\n*first highlight* and *second highlight*\nEnd line with Is there anything else I can help with?",
    " ".join(["word"] * 320) + ".",
    "Dear reader,\n\nThis letter is in English. It is brief. It ends well.\n\nP.P.S. one more thing",
]


def reference_draws_at_random(constraints: list[dict]) -> bool:
    """Where the reference's verdict is a coin flip, so no evaluator can match it.

    Its LetterFrequencyChecker replaces a `letter` that is not one ASCII letter with
    `random.choice(string.ascii_letters)`, unseeded. Two IFEval prompts do that: 1122 ('#') and
    1129 ('!'). rlmr counts the given character instead; those prompts are left out of parity.
    """
    for c in constraints:
        letter = c.get("letter")
        if c["id"] == "keywords:letter_frequency" and not (
            isinstance(letter, str) and len(letter) == 1 and 97 <= ord(letter.lower()) <= 122
        ):
            return True
    return False


def parity_file(rows: list[dict], tmp_path: Path) -> Path:
    """The rows whose reference verdicts are deterministic, as a responses file."""
    from rlmr.data import load_prompts

    random_prompts = {r.prompt for r in load_prompts("ifeval") if reference_draws_at_random(r.constraints)}
    assert len(random_prompts) == 2  # 1122 and 1129
    path = tmp_path / "parity_responses.jsonl"
    kept = [r for r in rows if r["prompt"] not in random_prompts]
    path.write_text("".join(json.dumps(r) + "\n" for r in kept), encoding="utf-8")
    return path


def canned_rows() -> list[dict]:
    """Responses for all 541 IFEval prompts (canned texts in rotation), in Google's format."""
    from rlmr.data import load_prompts

    return [{"prompt": r.prompt, "response": CANNED[i % len(CANNED)]} for i, r in enumerate(load_prompts("ifeval"))]


def reference_module():
    spec = importlib.util.spec_from_file_location("ifeval_reference", HERE.parent / "evaluate" / "ifeval_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reference_on(path: Path) -> dict[str, float]:
    ref = reference_module()
    if ref.reference_dir() is None:
        pytest.skip("lm-eval (the reference IFEval code) is not installed")
    raw = {}
    from rlmr.data import load_prompts

    for record in load_prompts("ifeval"):
        raw[record.prompt] = {
            "key": int(record.id),
            "prompt": record.prompt,
            "instruction_id_list": [c["id"] for c in record.constraints],
            "kwargs": [{k: v for k, v in c.items() if k != "id"} for c in record.constraints],
        }
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return ref.reference_scores([raw[r["prompt"]] for r in rows], [r["response"] for r in rows])


def run_eval_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rlmr", "eval", *args], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("source", ["canned", "fixture"])
def test_ifeval_numbers_equal_the_reference_evaluator(tmp_path, source):
    rows = canned_rows()
    if source == "fixture":
        rows = [json.loads(x) for x in FIXTURE.read_text().splitlines() if x.strip()] if FIXTURE.is_file() else []
        if not rows:
            pytest.skip(f"{FIXTURE} has no responses yet")
    responses = parity_file(rows, tmp_path)
    out = tmp_path / "eval"
    done = run_eval_cli("--benchmark", "ifeval", "--responses", str(responses), "--out", str(out))
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "results.json").read_text())
    expected = reference_on(responses)
    assert {k: results[k] for k in expected} == expected
    kept = len(responses.read_text().splitlines())
    assert results["n_prompts"] == kept
    if source == "canned":  # all 541 prompts but the 2 random ones (2 instructions each)
        assert kept == 539 and results["n_instructions"] == 834 - 4
    saved = [json.loads(line) for line in (out / "responses.jsonl").read_text().splitlines()]
    assert len(saved) == kept and {"strict", "loose", "passed"} <= set(saved[0])
    assert "prompt_strict" in done.stdout


def test_a_bad_responses_file_fails_with_file_and_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"prompt": "Write a poem.", "response": "x"}\n{"prompt": 1}\n')
    done = run_eval_cli("--benchmark", "ifeval", "--responses", str(bad), "--out", str(tmp_path / "o"))
    assert done.returncode == 2
    assert "bad.jsonl:2: prompt: expected a string" in done.stderr


def test_creative_responses_with_their_own_constraints_need_no_benchmark_match(tmp_path):
    rows = [
        {"prompt": "A haiku, no commas.", "response": "old pond\nfrog jumps in\nsplash", "constraints": [{"id": "cw:no_comma"}]},
        {"prompt": "A line, no commas.", "response": "yes, no", "constraints": [{"id": "cw:no_comma"}]},
    ]
    responses = tmp_path / "r.jsonl"
    responses.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "eval"
    done = run_eval_cli(
        "--benchmark", "none", "--responses", str(responses), "--scorer", "none", "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    results = json.loads((out / "results.json").read_text())
    assert results["pass_rate"] == 0.5 and results["constraint/cw:no_comma/pass_rate"] == 0.5
    assert results["length/words_mean"] == pytest.approx((6 + 2) / 2)
    saved = [json.loads(line) for line in (out / "responses.jsonl").read_text().splitlines()]
    assert saved[1]["passed"] is False and saved[1]["reasons"]
