"""The judge fallback: proposals are validated against the registry, invalid ones dropped and
counted, and rules stay authoritative when merged. The chat model here is a plain function that
answers like a model would (no server needed to test parsing and validation)."""

import json

from rlmr.constraints.extract import extract
from rlmr.constraints.extract.judge import merge, propose

PROMPT = "Write a poem about autumn. Keep it short, eight lines at the very most, and never say 'leaf'."


def answering(text):
    def chat(messages):
        assert messages[0]["role"] == "system" and messages[1]["content"] == PROMPT
        return text
    return chat


def test_valid_proposals_are_kept_with_their_span_and_marked_as_judge():
    answer = json.dumps([{"spec": {"id": "cw:line_count", "relation": "at_most", "n": 8}, "quote": "eight lines at the very most"}])
    result = propose(PROMPT, answering("```json\n" + answer + "\n```"))
    assert result.dropped == 0
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


def test_merge_keeps_rule_items_and_adds_only_new_ids():
    rules = extract(PROMPT)
    judge = propose(PROMPT, answering(json.dumps([
        {"spec": {"id": "cw:line_count", "relation": "at_most", "n": 8}, "quote": "eight lines at the very most"},
        {"spec": {"id": "keywords:forbidden_words", "forbidden_words": ["leaf", "tree"]}},
    ]))).items
    merged = merge(rules, judge)
    assert merged[:len(rules)] == rules
    by_id = {c.spec["id"]: c for c in merged}
    assert by_id["keywords:forbidden_words"].source == "rules"
