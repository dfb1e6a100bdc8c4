"""The judge fallback: proposals are validated against the registry, invalid ones dropped and
counted, and rules stay authoritative when merged. Parsing is tested with a plain function that
answers like a model would; the wiring through the shared LLM client runs against a real
scripted HTTP server on loopback (tests/writing/llm_server.py)."""

import json
import logging
import time

import llm_server as srv
import pytest

from rlmr.constraints.extract import extract, specs
from rlmr.constraints.extract.judge import judge_from_spec, kinds, merge, propose
from rlmr.writing import ScorerError


PROMPT = "Write a poem about autumn. Keep it short, eight lines at the very most, and never say 'leaf'."
# The rules find the banned word but not "three tops" (checked in the first server test).
STORY = ('Write a short story about a lighthouse keeper; do not use the word "storm". '
         "Keep the whole thing to a handful of paragraphs, three tops.")
PARAGRAPHS = {"spec": {"id": "cw:paragraph_count", "relation": "at_most", "n": 3},
              "quote": "a handful of paragraphs, three tops"}


def answering(text):
    def chat(messages):
        assert messages[0]["role"] == "system" and PROMPT in messages[1]["content"]
        return text
    return chat


@pytest.fixture(scope="module")
def loopback():
    """One server for the module (each shutdown waits out a 0.5 s poll); tests swap its script."""
    script = {}
    server = srv.ScriptedServer(lambda body, n: script["answer"](body, n)).start()
    yield server, script
    server.stop()


@pytest.fixture
def serve(loopback):
    server, script = loopback

    def start(answer):
        script["answer"] = answer
        server.seen.clear()
        return server

    return start


def replying(*proposals, delay=0.0):
    return lambda body, n: srv.Reply(content="```json\n" + json.dumps(list(proposals)) + "\n```", delay=delay)


def test_valid_proposals_are_kept_with_their_span_and_marked_as_judge():
    answer = json.dumps([{"spec": {"id": "cw:line_count", "relation": "at_most", "n": 8}, "quote": "eight lines at the very most"}])
    result = propose(PROMPT, answering("```json\n" + answer + "\n```"))
    assert result.dropped == 0 and result.proposed == 1
    (item,) = result.items
    assert item.source == "judge" and item.spec["n"] == 8
    assert PROMPT[item.span[0]:item.span[1]] == "eight lines at the very most"


def test_invalid_proposals_are_dropped_and_counted():
    answer = json.dumps([
        {"spec": {"id": "cw:line_count", "relation": "roughly", "n": 8}},
        {"spec": {"id": "no:such_id"}},
        "not an object",
        {"spec": {"id": "cw:banned_words", "words": ["leaf"]}, "quote": "never say 'leaf'"},
    ])
    result = propose(PROMPT, answering(answer))
    assert result.dropped == 3
    assert [c.spec["id"] for c in result.items] == ["cw:banned_words"]


def test_unreadable_or_missing_answers_yield_nothing():
    assert propose(PROMPT, answering("I think there are two constraints.")).items == []
    assert propose(PROMPT, answering(None)).dropped == 0


def test_kinds_see_through_spellings_of_one_rule():
    assert kinds({"id": "keywords:forbidden_words", "forbidden_words": ["a"]}) == kinds({"id": "cw:banned_words", "words": ["b"]})
    assert kinds({"id": "length_constraints:number_words", "relation": "less than", "num_words": 50}) \
        == kinds({"id": "cw:word_count", "relation": "about", "n": 300})
    assert kinds({"id": "keywords:existence", "keywords": ["sea"]}) != kinds({"id": "cw:keyword_count", "keyword": "moon",
                                                                              "relation": "at_least", "n": 2})


def test_merge_keeps_rule_items_and_adds_only_new_kinds():
    rules = extract(PROMPT)
    judge = propose(PROMPT, answering(json.dumps([
        {"spec": {"id": "cw:line_count", "relation": "at_most", "n": 6}, "quote": "eight lines at the very most"},
        {"spec": {"id": "cw:banned_words", "words": ["leaf", "tree"]}},
        {"spec": {"id": "punctuation:no_comma"}},
    ]))).items
    merged = merge(rules, judge)
    assert merged[:len(rules)] == rules
    assert [c.spec for c in merged[len(rules):]] == [{"id": "punctuation:no_comma"}]


def test_judge_over_http_adds_what_the_rules_missed(serve):
    assert all(c.spec["id"] != "cw:paragraph_count" for c in extract(STORY))
    server = serve(replying(PARAGRAPHS))
    items = extract(STORY, judge=judge_from_spec(f"{server.url}#extractor"))
    (added,) = [c for c in items if c.source == "judge"]
    assert added.spec == PARAGRAPHS["spec"] and added.text == PARAGRAPHS["quote"] and added.hard
    assert [c.source for c in items].count("rules") == len(extract(STORY))
    body = server.seen[0].body
    assert body["model"] == "extractor" and STORY in srv.user_text(body)
    assert PARAGRAPHS["spec"] in specs(STORY, judge=judge_from_spec(f"{server.url}#extractor"))


def test_invalid_proposals_over_http_are_dropped_and_logged(serve, caplog):
    server = serve(replying(
        {"spec": {"id": "cw:paragraph_cnt", "relation": "at_most", "n": 3}},
        {"spec": {"id": "cw:paragraph_count", "relation": "at_most", "n": "three"}},
        PARAGRAPHS,
    ))
    with caplog.at_level(logging.INFO, logger="rlmr.constraints.extract.judge"):
        items = extract(STORY, judge=judge_from_spec(f"judge:{server.url}#m"))
    assert [c.spec for c in items if c.source == "judge"] == [PARAGRAPHS["spec"]]
    assert "3 proposed, 1 added, 2 invalid dropped, 0 already found by the rules" in caplog.text


def test_proposals_the_rules_already_found_are_not_duplicated(serve, caplog):
    rules = extract(STORY)
    server = serve(replying(
        {"spec": {"id": "cw:banned_words", "words": ["storm"]}, "quote": 'do not use the word "storm"'},
        {"spec": {"id": "keywords:forbidden_words", "forbidden_words": ["storm", "sea"]}},
    ))
    with caplog.at_level(logging.INFO, logger="rlmr.constraints.extract.judge"):
        assert extract(STORY, judge=judge_from_spec(f"{server.url}#m")) == rules
    assert "2 proposed, 0 added, 0 invalid dropped, 2 already found by the rules" in caplog.text


@pytest.mark.parametrize("reply", [srv.Reply(raw=b"<html>busy</html>"), srv.Reply(content="Sure! Two constraints."),
                                   srv.Reply(status=400, content="bad"), srv.Reply(content="[]", delay=2.0)])
def test_garbage_or_a_stalled_server_gives_the_rules_only_result(serve, reply):
    server = serve(lambda body, n: reply)
    start = time.monotonic()
    assert extract(STORY, judge=judge_from_spec(f"{server.url}#m?timeout=0.3&retries=0")) == extract(STORY)
    assert time.monotonic() - start < 1.5


def test_bad_judge_specs_name_the_problem():
    with pytest.raises(ScorerError, match="expected judge:URL#MODEL"):
        judge_from_spec("http://127.0.0.1:8000/v1")
    with pytest.raises(ScorerError, match="unknown option 'mode'"):
        judge_from_spec("http://127.0.0.1:8000/v1#m?mode=pairwise")
