import re

from rlmr.report.html import build_report


def test_the_page_is_self_contained_and_escapes_run_text(two_runs, tmp_path):
    page = build_report(two_runs, tmp_path / "report").read_text()
    srcs = re.findall(r'src="([^"]*)"', page)
    # 9 step figures, length and advantage histograms, eval bars; no trained-vs-untrained pair here
    assert len(srcs) == 12 and all(s.startswith("data:image/png;base64,") for s in srcs)
    assert "href=" not in page and "<script" not in page  # nothing to fetch, nothing to run
    assert "&lt;rain&gt;" in page and "<rain>" not in page
    assert "cw:word_count: 96 words; at most 40" in page


def test_a_run_without_samples_shows_its_eval_responses_with_reasons(two_runs, tmp_path):
    run = two_runs[0]
    for f in (run / "samples").iterdir():
        f.unlink()
    (run / "eval" / "creative-eval" / "responses.jsonl").write_text(
        '{"prompt": "p", "response": "r", "passed": false, "verdict": {"results": '
        '[{"id": "cw:no_comma", "passed": false, "reason": "2 commas"}]}}\n'
    )
    page = build_report([run], tmp_path / "report").read_text()
    assert "cw:no_comma: 2 commas" in page and "eval/creative-eval/responses.jsonl" in page
