"""`rlmr score` end to end: a real subprocess, a real judge server on loopback (scripted answers)."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest


def _helper():
    if "llm_server" not in sys.modules:
        spec = importlib.util.spec_from_file_location("llm_server", Path(__file__).parents[1] / "writing" / "llm_server.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["llm_server"] = module
        spec.loader.exec_module(module)
    return sys.modules["llm_server"]


srv = _helper()


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "rlmr", "score", *args], capture_output=True, text=True, timeout=120)


@pytest.fixture
def judge_server():
    # Longer responses get higher scores; "unparseable" gets prose instead of JSON.
    def answer(body, n):
        text = srv.user_text(body)
        response = text.split("<<<RESPONSE-")[1].split(">>>\n", 1)[1].split("\n<<<END-RESPONSE-")[0]
        if "unparseable" in response:
            return srv.Reply(content="It is rather good.")
        return srv.Reply(content=json.dumps({"score": min(10, 1 + len(response.split()))}))

    server = srv.ScriptedServer(answer).start()
    yield server
    server.stop()


def test_scores_a_file_writes_rows_and_prints_the_summary(judge_server, tmp_path):
    rows = [
        {"prompt": "Write about rain.", "response": "Rain.", "id": "a"},
        {"prompt": "Write about rain.", "response": "Rain on the roof all night long.", "id": "b"},
        {"prompt": "Write about rain.", "response": "unparseable", "id": "c"},
        {"prompt": "Write about rain.", "response": "Rain on the roof, rain on the sea, rain on me.", "id": "d"},
    ]
    src = tmp_path / "responses.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "scored.jsonl"
    result = run_cli("--scorer", f"judge:{judge_server.url}#m", "--responses", str(src), "--out", str(out))
    assert result.returncode == 0, result.stderr
    scored = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in scored] == ["a", "b", "c", "d"]  # other fields kept, order kept
    assert [r["writing_score"] for r in scored] == [pytest.approx(1 / 9), pytest.approx(7 / 9), None, 1.0]
    for key, value in [("count", "4"), ("scored", "3"), ("missing", "1"), ("length_spearman", "1")]:
        assert any(line.split("│")[1:3] and line.split("│")[1].strip() == key and line.split("│")[2].strip() == value
                   for line in result.stdout.splitlines()), (key, result.stdout)


def test_bad_rows_name_the_file_line_and_field(tmp_path):
    src = tmp_path / "responses.jsonl"
    src.write_text('{"prompt": "p", "response": "r"}\n{"prompt": "p", "response": 3}\n', encoding="utf-8")
    result = run_cli("--scorer", "judge:http://127.0.0.1:9/v1#m", "--responses", str(src))
    assert result.returncode == 2
    assert f"{src}:2: response: expected a string, got int" in result.stderr


def test_bad_spec_lists_the_known_kinds(tmp_path):
    src = tmp_path / "r.jsonl"
    src.write_text('{"prompt": "p", "response": "r"}\n', encoding="utf-8")
    result = run_cli("--scorer", "judg:http://x#m", "--responses", str(src))
    assert result.returncode == 2
    assert "known: proxy, classifier, judge" in result.stderr


def test_help_ends_with_an_example():
    result = run_cli("--help")
    assert result.returncode == 0
    assert "rlmr score --scorer proxy --responses responses.jsonl" in result.stdout.replace("\n", " ")


CUTS_AND_LOOP = "first_sentence,first_two,first_30pct,repeat_phrase"


@pytest.fixture
def length_loving_judge():
    """A real judge server (scripted) whose score is the response's length in characters."""
    def answer(body, n):
        text = srv.user_text(body)
        response = text.split("<<<RESPONSE-")[1].split(">>>\n", 1)[1].split("\n<<<END-RESPONSE-")[0]
        return srv.Reply(content=json.dumps({"score": min(1000, 1 + len(response))}))

    server = srv.ScriptedServer(answer).start()
    yield server
    server.stop()


def test_pairs_mode_shows_a_length_loving_judge_failing_the_padding_check(length_loving_judge, tmp_path):
    """A judge that scores longer answers higher beats every brevity cut and loses every
    repeated-phrase pair: the two hacks of the docs, told apart per kind and language."""
    corpus = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "prose.jsonl"
    out = tmp_path / "pairs.jsonl"
    spec = f"judge:{length_loving_judge.url}#m?scale=1000"
    result = run_cli("--scorer", spec, "--pairs", str(corpus), "--kinds", CUTS_AND_LOOP, "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_kind = {}
    for r in rows:
        by_kind.setdefault((r["kind"], r["lang"]), []).append(r["preferred"])
    assert set(by_kind) == {(k, lang) for k in CUTS_AND_LOOP.split(",") for lang in ("en", "zh")}
    for (kind, lang), wins in by_kind.items():
        assert (all(wins) if kind != "repeat_phrase" else not any(wins)), (kind, lang)
    table = {tuple(c.strip() for c in line.split("│")[1:6]) for line in result.stdout.splitlines() if line.count("│") >= 6}
    assert ("repeat_phrase", "zh", "0", "12", "0.0%") in table and ("first_sentence", "en", "11", "11", "100.0%") in table


def test_pairs_mode_rejects_bad_input_with_one_line_and_rc_2(tmp_path):
    src = tmp_path / "originals.jsonl"
    src.write_text('{"id": "a", "prompt": "p", "text": "One. Two. Three."}\n{"id": "b", "prompt": "p"}\n', encoding="utf-8")
    result = run_cli("--scorer", "proxy", "--pairs", str(src))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{src}:2: text: expected a non-empty string, got missing" in result.stderr
    bad_kind = run_cli("--scorer", "proxy", "--pairs", str(src), "--kinds", "first_sentense")
    assert bad_kind.returncode == 2 and "unknown degradation 'first_sentense'" in bad_kind.stderr
    both = run_cli("--scorer", "proxy", "--pairs", str(src), "--responses", str(src))
    assert both.returncode == 2 and "exactly one of --responses FILE or --pairs FILE" in both.stderr


def test_help_shows_the_pairs_example_and_ends_with_a_runnable_one():
    result = run_cli("--help")
    flat = " ".join(result.stdout.split())
    assert "--kinds first_sentence,first_two,first_30pct,repeat_phrase" in flat
    # the last example is the self-contained one (tests/cli/test_help_examples.py runs it)
    assert flat.rstrip(" │╰─╯").endswith("rlmr score --scorer proxy --responses responses.jsonl --out scored.jsonl")
