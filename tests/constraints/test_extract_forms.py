"""Creative forms read from English and Chinese prompts (stanzas, syllables, rhyme, acrostic,
dialogue, word repetition, openings), measured on the dev sets with the equivalence policy."""

import collections
import json
from pathlib import Path

import pytest

from rlmr.constraints.extract import specs
from rlmr.constraints.extract.equivalence import canonical, equivalent, key

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _rows(name):
    return [json.loads(line) for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("name, lang", [("en_extract.jsonl", "en"), ("zh_extract.jsonl", "zh")])
def test_dev_sets_meet_the_targets_under_the_equivalence_policy(name, lang):
    rows = _rows(name)
    tp = fp = fn = exact = 0
    for row in rows:
        gold = collections.Counter(map(key, canonical(row["constraints"])))
        got = collections.Counter(map(key, canonical(specs(row["prompt"], lang))))
        tp += sum((gold & got).values())
        fp += sum((got - gold).values())
        fn += sum((gold - got).values())
        exact += gold == got
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    assert 2 * precision * recall / (precision + recall) >= 0.98
    assert exact / len(rows) >= 0.95


def test_english_dev_set_is_large_and_has_negatives():
    rows = _rows("en_extract.jsonl")
    assert len(rows) >= 150 and sum(not r["constraints"] for r in rows) >= 25
    kinds = {c["id"] for r in rows for c in r["constraints"]}
    assert {"cw:stanza_count", "cw:syllable_pattern", "cw:rhyme_scheme", "cw:acrostic", "cw:dialogue",
            "cw:max_word_repeat", "cw:starts_with", "cw:line_count", "keywords:frequency"} <= kinds


@pytest.mark.parametrize("prompt, expected", [
    ("Keep it under 80 words, please: a poem about moss.", [{"id": "cw:word_count", "relation": "at_most", "n": 79}]),
    ("Your poem must have exactly 6 lines.", [{"id": "cw:line_count", "relation": "exactly", "n": 6}]),
    ("No more than 10 lines, please. Write about a kettle.", [{"id": "cw:line_count", "relation": "at_most", "n": 10}]),
    ("Write a story that should contain the word 'lamp' at least twice.",
     [{"id": "cw:keyword_count", "keyword": "lamp", "relation": "at_least", "n": 2}]),
    ("Write it as a script with at least 7 exchanges between a nurse and a pirate.", [{"id": "cw:dialogue", "min_turns": 7}]),
    ("Don't repeat any word more than twice.", [{"id": "cw:max_word_repeat", "n": 2}]),
    ("Write a poem about wolves in five stanzas.", [{"id": "cw:stanza_count", "relation": "exactly", "n": 5}]),
    ("Write a haiku; follow a 5-7-5 syllable pattern.", [{"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}]),
    ("Write a quatrain about rust with the rhyme scheme ABBA.", [{"id": "cw:rhyme_scheme", "scheme": "ABBA"}]),
    ("Write a poem in 6 lines of rhyming couplets.", [{"id": "cw:line_count", "relation": "exactly", "n": 6},
                                                      {"id": "cw:rhyme_scheme", "scheme": "AABBCC"}]),
    ("Write a poem; the first letters of the lines should spell RAIN.", [{"id": "cw:acrostic", "word": "RAIN"}]),
    ("Write a story. Begin with the sentence 'It was late.'", [{"id": "cw:starts_with", "phrase": "It was late."}]),
    ("写一首现代诗，分四节，“星”字至少出现两次。", [{"id": "cw:stanza_count", "relation": "exactly", "n": 4},
                                        {"id": "cw:keyword_count", "keyword": "星", "relation": "at_least", "n": 2}]),
    ("用剧本的形式写一段对话，不少于十轮。", [{"id": "cw:dialogue", "min_turns": 10, "style": "script"}]),
    ("写一篇短文，每个词最多出现三次。", [{"id": "cw:max_word_repeat", "n": 3}]),
])
def test_new_phrasings(prompt, expected):
    assert equivalent(specs(prompt), expected), specs(prompt)


@pytest.mark.parametrize("prompt", [
    "Write a sonnet about a lighthouse.",                       # a form name states no rule
    "Write a dialogue between a cat and a dog.",                # no count of turns
    "Write an acrostic poem about love.",                       # no word to spell
    "Write a poem with 3 stanzas of 4 lines each, ABAB in each stanza.",  # per-stanza counts and scheme
    "Write a story about the ABC of gardening in 1990.",        # capitals that rhyme nothing
    "Write a blog post about 5-7-5 haiku and why people love them.",  # no syllable instruction
    "Write a poem where each line starts with 'I remember'.",   # a per-line opening
    "Write about a festival: 写春节的三节课。",
])
def test_mentions_that_are_not_whole_response_rules(prompt):
    got = [s["id"] for s in specs(prompt)]
    assert not {"cw:rhyme_scheme", "cw:syllable_pattern", "cw:dialogue", "cw:acrostic", "cw:line_count", "cw:starts_with"} & set(got), got
    assert "cw:stanza_count" not in got or "3 stanzas" in prompt


def test_a_scheme_is_repeated_over_a_stated_line_count_and_dropped_when_it_cannot_fit():
    assert {"id": "cw:rhyme_scheme", "scheme": "AABBCCDD"} in specs("Write an 8-line poem, rhyme scheme AABB.")
    assert not [s for s in specs("Write a 7-line poem, rhyme scheme AABB.") if s["id"] == "cw:rhyme_scheme"]
