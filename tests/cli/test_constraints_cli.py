import json
import subprocess
import sys


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "rlmr", "constraints", "extract", *args], capture_output=True, text=True)


def test_extract_text_prints_specs_and_spans():
    out = run_cli("Write a haiku about rain in less than 20 words. Do not use any commas.")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    specs = [json.loads(line.split("\t")[0]) for line in lines]
    assert {"id": "length_constraints:number_words", "relation": "less than", "num_words": 20} in specs
    assert {"id": "punctuation:no_comma"} in specs
    assert "'less than 20 words'" in out.stdout


def test_extract_file_writes_rows_with_extracted_constraints(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text(json.dumps({"id": "a", "prompt": "写一首五言绝句，题目用《》标出。"}, ensure_ascii=False) + "\n"
                   + json.dumps({"id": "b", "prompt": "Tell me about 3 friends."}) + "\n", encoding="utf-8")
    dst = tmp_path / "x.jsonl"
    out = run_cli("--file", str(src), "--out", str(dst))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"]
    assert {c["spec"]["id"] for c in rows[0]["extracted"]} == {"cw:chars_per_line", "cw:title"}
    assert rows[1]["extracted"] == []


def test_bad_rows_name_the_file_and_line(tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"prompt": "ok"}\n{"text": "no prompt"}\n')
    out = run_cli("--file", str(src))
    assert out.returncode != 0
    assert f"{src}:2: prompt" in out.stderr


def test_help_ends_with_an_example():
    out = subprocess.run([sys.executable, "-m", "rlmr", "constraints", "extract", "--help"], capture_output=True, text=True)
    assert "rlmr constraints extract --file" in out.stdout
    assert "#my-model" in out.stdout
    assert out.stdout.rstrip().endswith("--out prompts.extracted.jsonl")  # the runnable example comes last


def run_in_process(*args):
    """The CLI in this process (the loopback server runs here too; saves an interpreter start)."""
    from typer.testing import CliRunner

    from rlmr.cli import app

    return CliRunner().invoke(app, ["constraints", "extract", *args])


def test_judge_adds_a_constraint_marked_with_its_source(tmp_path, serve):
    """--judge against a real scripted server on loopback, for TEXT and for --file."""
    import llm_server as srv

    story = "Write a short story about a lighthouse keeper. Keep it to a handful of paragraphs, three tops."
    proposal = {"spec": {"id": "cw:paragraph_count", "relation": "at_most", "n": 3}, "quote": "three tops"}
    server = serve(lambda body, n: srv.Reply(content=json.dumps([proposal]) if story in srv.user_text(body) else "[]"))
    out = run_in_process(story, "--judge", f"{server.url}#extractor")
    assert out.exit_code == 0, out.output
    start = story.index("three tops")
    assert out.stdout.strip() == (f'{{"id": "cw:paragraph_count", "relation": "at_most", "n": 3}}\t[{start}:{start + 10}]'
                                  " hard judge 'three tops'")
    src, dst = tmp_path / "p.jsonl", tmp_path / "x.jsonl"
    src.write_text(json.dumps({"prompt": story}) + "\n" + json.dumps({"prompt": "Do not use any commas."}) + "\n")
    out = run_in_process("--file", str(src), "--out", str(dst), "--judge", f"{server.url}#extractor")
    assert out.exit_code == 0, out.output
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [[(c["spec"]["id"], c["source"]) for c in r["extracted"]] for r in rows] == [
        [("cw:paragraph_count", "judge")], [("punctuation:no_comma", "rules")]]
    assert "judge extractor: 1 constraints added" in out.stderr
    assert len(server.seen) == 3


def test_bad_judge_spec_fails_with_the_reason():
    out = run_in_process("Write a poem.", "--judge", "http://127.0.0.1:1/v1")
    assert out.exit_code == 2
    assert "--judge: judge spec" in out.stderr and "expected judge:URL#MODEL" in out.stderr
