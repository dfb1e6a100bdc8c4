"""The original/degraded corpus: deterministic, big enough, and each degradation does its job."""

import json
from collections import Counter
from pathlib import Path

import pytest

from rlmr.writing.degrade import KINDS, build_pairs
from rlmr.writing.textstats import TERMINALS, truncated, units

CORPUS = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "originals.jsonl"


@pytest.fixture(scope="module")
def items():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def pairs(items):
    return build_pairs(items)


def test_corpus_has_at_least_30_texts_per_language_and_300_pairs(items, pairs):
    assert Counter(i["lang"] for i in items) == {"en": 32, "zh": 32}
    assert len({i["id"] for i in items}) == len(items)
    # Originals end their sentences, except a letter's signature ("祝好！老周"): kept on purpose,
    # a real false positive of the truncation component.
    assert [i["id"] for i in items if truncated(i["text"])] == ["zh-xin"]
    assert len(pairs) == 320 and Counter(p.kind for p in pairs) == {k: 64 for k in KINDS}


def test_pairs_are_deterministic(items, pairs):
    assert build_pairs(items) == pairs


def test_every_degraded_text_differs_from_its_original(pairs):
    assert all(p.degraded != p.original for p in pairs)


def test_shuffle_keeps_the_words_and_changes_the_order(pairs):
    for p in (p for p in pairs if p.kind == "shuffle_sentences"):
        assert Counter(units(p.original)) == Counter(units(p.degraded)), p.id
        assert units(p.original) != units(p.degraded), p.id


def test_word_salad_keeps_the_words(pairs):
    for p in (p for p in pairs if p.kind == "word_salad"):
        assert Counter(units(p.original)) == Counter(units(p.degraded)), p.id


def test_truncation_stops_inside_a_sentence(pairs):
    for p in (p for p in pairs if p.kind == "truncate"):
        assert p.original.startswith(p.degraded) and p.degraded.rstrip()[-1] not in TERMINALS, p.id
        assert 0.4 < len(p.degraded) / len(p.original) < 0.9


def test_off_topic_swaps_in_another_text_of_the_same_language(items, pairs):
    texts = {i["text"]: i["lang"] for i in items}
    for p in (p for p in pairs if p.kind == "off_topic"):
        assert texts[p.degraded] == p.lang


def test_repeat_phrase_adds_a_loop(pairs):
    for p in (p for p in pairs if p.kind == "repeat_phrase"):
        assert len(units(p.degraded)) > len(units(p.original)) + 10, p.id
