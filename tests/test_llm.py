"""rlmr.llm against a real HTTP server on loopback that returns scripted answers."""

import logging
import threading
import time

import llm_server as srv

from rlmr.llm import ChatRequest, LLMClient


SECRET = "sk-test-5f1e2d3c4b5a69788796a5b4"


def asks(*texts):
    return [ChatRequest(({"role": "user", "content": t},)) for t in texts]


def echo(body, n):
    return srv.Reply(content="echo: " + srv.user_text(body))


def test_replies_come_back_in_request_order(serve):
    server = serve(echo)
    client = LLMClient(server.url, "m", concurrency=4)
    assert client.chat(asks("a", "b", "c")) == ["echo: a", "echo: b", "echo: c"]
    assert server.seen[0].body["model"] == "m"


def test_concurrency_limit_holds_and_is_used(serve):
    server = serve(lambda body, n: srv.Reply(content="ok", delay=0.15))
    client = LLMClient(server.url, "m", concurrency=3)
    assert client.chat(asks(*[str(i) for i in range(10)])) == ["ok"] * 10
    # Never more than 3 at once, and the limit is reached (requests really run in parallel).
    assert server.max_active == 3


def test_a_stalled_request_times_out_to_none_and_is_counted(serve, caplog):
    server = serve(lambda body, n: srv.Reply(content="late", delay=3.0) if "stall" in srv.user_text(body) else srv.Reply(content="ok"))
    client = LLMClient(server.url, "judge-model", timeout=0.3, retries=0)
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="rlmr.llm"):
        out = client.chat(asks("fine", "stall", "fine too"))
    assert out == ["ok", None, "ok"]
    assert time.monotonic() - start < 2.5  # did not wait for the stalled answer
    assert client.stats.failed == {"timeout": 1}
    assert "1/3 requests failed (timeout: 1)" in caplog.text


def test_garbage_bodies_give_none_without_retry(serve, caplog):
    answers = {0: srv.Reply(raw=b"<html>not json</html>"), 1: srv.Reply(raw=b'{"choices": []}'), 2: srv.Reply(content="fine")}
    server = serve(lambda body, n: answers[int(srv.user_text(body))])
    client = LLMClient(server.url, "m", retries=3, backoff=0.01)
    with caplog.at_level(logging.WARNING, logger="rlmr.llm"):
        assert client.chat(asks("0", "1", "2")) == [None, None, "fine"]
    assert server.calls == 3  # a malformed reply will not get better: no retry
    assert client.stats.failed == {"malformed reply": 2}
    assert "2/3 requests failed" in caplog.text


def test_server_killed_mid_batch_gives_none_for_the_rest(serve, caplog):
    box = {}

    def answer(body, n):
        if n < 2:
            return srv.Reply(content=f"reply {n}")
        threading.Thread(target=box["server"].stop).start()  # the process dies while answering
        return srv.Reply(drop=True)

    box["server"] = server = serve(answer)
    client = LLMClient(server.url, "m", concurrency=1, retries=1, backoff=0.05, timeout=2.0)
    with caplog.at_level(logging.WARNING, logger="rlmr.llm"):
        out = client.chat(asks("a", "b", "c", "d", "e"))
    assert out[:2] == ["reply 0", "reply 1"]
    assert out[2:] == [None, None, None]
    assert client.stats.n_failed == 3
    assert "3/5 requests failed" in caplog.text


def test_retries_back_off_exponentially_then_succeed(serve):
    server = serve(lambda body, n: srv.Reply(status=503, content="busy") if n < 3 else srv.Reply(content="ok"))
    client = LLMClient(server.url, "m", retries=3, backoff=0.1)
    assert client.chat(asks("x")) == ["ok"]
    assert client.stats.retried == 3
    gaps = [b.at - a.at for a, b in zip(server.seen, server.seen[1:])]
    # Delays are backoff * 2**attempt, jittered into [50%, 100%]: 0.05-0.1, 0.1-0.2, 0.2-0.4 s.
    assert gaps[0] >= 0.05 and gaps[1] >= 0.1 and gaps[2] >= 0.2
    assert gaps[2] > gaps[0]


def test_client_errors_are_not_retried(serve):
    server = serve(lambda body, n: srv.Reply(status=400, content="bad request"))
    client = LLMClient(server.url, "m", retries=3, backoff=0.01)
    assert client.chat(asks("x")) == [None]
    assert server.calls == 1
    assert client.stats.failed == {"http 400": 1}


def test_cache_answers_a_repeated_request_without_calling(serve, tmp_path):
    server = serve(echo)
    cache = tmp_path / "judge_cache.sqlite"
    first = LLMClient(server.url, "m", cache=cache).chat(asks("p", "q"))
    again = LLMClient(server.url, "m", cache=cache)  # a new process would see the same file
    assert again.chat(asks("p", "q")) == first
    assert server.calls == 2 and again.stats.cached == 2
    # Another model is another key.
    LLMClient(server.url, "other-model", cache=cache).chat(asks("p"))
    assert server.calls == 3


def test_explicit_cache_key_ignores_random_parts_of_the_messages(serve, tmp_path):
    server = serve(echo)
    client = LLMClient(server.url, "m", cache=tmp_path / "c.sqlite")
    one = ChatRequest(({"role": "user", "content": "nonce 1234 prompt"},), cache_key=("rubric", "prompt", "resp"))
    two = ChatRequest(({"role": "user", "content": "nonce 9876 prompt"},), cache_key=("rubric", "prompt", "resp"))
    assert client.chat([one]) == client.chat([two])
    assert server.calls == 1


def test_api_key_is_sent_but_never_logged_cached_or_shown(serve, tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("RLMR_API_KEY", SECRET)
    # Answer by content, not arrival order: the two requests run concurrently.
    server = serve(lambda body, n: srv.Reply(content="ok") if srv.user_text(body) == "a" else srv.Reply(status=500, content="boom"))
    cache = tmp_path / "cache.sqlite"
    client = LLMClient(server.url, "m", cache=cache, retries=1, backoff=0.01)
    with caplog.at_level(logging.DEBUG):  # every logger, httpx and httpcore included
        assert client.chat(asks("a", "b")) == ["ok", None]
    assert all(seen.headers["Authorization"] == f"Bearer {SECRET}" for seen in server.seen)
    assert SECRET not in caplog.text
    assert SECRET.encode() not in cache.read_bytes()
    assert SECRET not in repr(client) and "api_key=set" in repr(client)


def test_key_comes_from_a_named_environment_variable(serve, monkeypatch):
    monkeypatch.delenv("RLMR_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("MY_JUDGE_KEY", SECRET)
    server = serve(echo)
    LLMClient(server.url, "m", api_key_env="MY_JUDGE_KEY").chat(asks("a"))
    LLMClient(server.url, "m").chat(asks("b"))
    assert server.seen[0].headers["Authorization"] == f"Bearer {SECRET}"
    assert "Authorization" not in server.seen[1].headers


def test_chat_works_inside_a_running_event_loop(serve):
    import asyncio

    server = serve(echo)
    client = LLMClient(server.url, "m")

    async def caller():
        return client.chat(asks("inside"))

    assert asyncio.run(caller()) == ["echo: inside"]


def test_an_unreachable_server_gives_none_not_an_exception():
    client = LLMClient("http://127.0.0.1:9/v1", "m", retries=1, backoff=0.01, timeout=1.0)
    assert client.chat(asks("a", "b")) == [None, None]
    assert client.stats.n_failed == 2
