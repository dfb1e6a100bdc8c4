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
