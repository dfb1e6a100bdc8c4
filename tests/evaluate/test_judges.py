from rlmr.evaluate.judges import ScorerJudge
from rlmr.evaluate.winrate import win_rate


class WordCountScorer:
    """A pointwise scorer with a known answer: more words is better; '?' cannot be scored."""

    def __init__(self):
        self.calls = 0

    def score(self, prompts, responses):
        self.calls += len(responses)
        return [None if "?" in r else float(len(r.split())) for r in responses]


def test_a_pointwise_scorer_judges_pairs_and_scores_each_response_once():
    scorer = WordCountScorer()
    judge = ScorerJudge(scorer)
    prompts = ["p1", "p2", "p3", "p4"]
    a = ["one two three", "one", "one two", "what?"]
    b = ["one", "one two three", "uno dos", "one"]
    result = win_rate(judge, prompts, a, b)
    assert result.per_pair == (1.0, 0.0, 0.5, None)
    assert result.rate == 0.5 and result.n_missing == 1
    assert scorer.calls == 8  # both orders asked, each (prompt, response) scored once


def first_slot_server():
    """A real OpenAI-compatible chat server on loopback whose judge always answers "A"."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers["Content-Length"]))
            body = json.dumps(
                {"choices": [{"index": 0, "message": {"role": "assistant", "content": '{"winner": "A"}'}}]}
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_an_llm_judge_that_always_answers_a_comes_out_at_exactly_half():
    from rlmr.evaluate.judges import build_judge

    server = first_slot_server()
    try:
        judge = build_judge(f"judge:http://127.0.0.1:{server.server_port}/v1#first-slot")
        result = win_rate(judge, ["p1", "p2", "p3"], ["short", "mid text", "x"], ["longer reply", "y", "zz"])
    finally:
        server.shutdown()
    assert result.per_pair == (0.5, 0.5, 0.5)
    assert result.rate == 0.5 and result.n_missing == 0
