"""Chinese extraction: the annotated fixture, ordinals and numbers that are not counts, and
phrasings written separately from the fixture."""

import json
from pathlib import Path

import pytest

from rlmr.constraints.extract import detect_lang, extract, specs

FIXTURE = Path(__file__).parents[1] / "fixtures" / "zh_extract.jsonl"


def _key(spec):
    return json.dumps({k: sorted(v) if isinstance(v, list) else v for k, v in spec.items()}, sort_keys=True, ensure_ascii=False)


def test_fixture_has_at_least_150_annotated_prompts_covering_every_kind():
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    assert len(rows) >= 150
    kinds = {c["id"] for r in rows for c in r["constraints"]}
    assert {"cw:char_count", "cw:line_count", "cw:paragraph_count", "cw:title", "cw:acrostic", "cw:rhyme_scheme",
            "cw:banned_words", "cw:starts_with", "cw:ends_with", "cw:sentence_count"} <= kinds


def test_fixture_metrics_meet_the_targets():
    rows = [json.loads(line) for line in FIXTURE.read_text().splitlines()]
    exact = sum(sorted(map(_key, specs(r["prompt"], "zh"))) == sorted(map(_key, r["constraints"])) for r in rows)
    assert exact / len(rows) >= 0.95


@pytest.mark.parametrize("prompt", [
    "用第三人称讲述一个故事。",
    "写一篇关于三个朋友的小说。",
    "写一个发生在2008年北京的故事。",
    "写一段关于第一次坐飞机的回忆。",
    "写一首诗，写给二十岁的自己。",
    "写一段描写九寨沟的文字。",
])
def test_numbers_that_are_not_constraints_yield_nothing(prompt):
    assert specs(prompt) == []


@pytest.mark.parametrize("prompt, expected", [
    ("请写一篇随笔，篇幅不要超过六百字。", {"id": "cw:char_count", "relation": "at_most", "n": 600}),
    ("写一篇小说，不得少于三千字。", {"id": "cw:char_count", "relation": "at_least", "n": 3000}),
    ("写一篇短文，一百五十字上下。", {"id": "cw:char_count", "relation": "about", "n": 150}),
    ("写一首诗，最多十六行。", {"id": "cw:line_count", "relation": "at_most", "n": 16}),
    ("写一篇文章，分成六个段落。", {"id": "cw:paragraph_count", "relation": "exactly", "n": 6}),
    ("用不超过两句话解释量子纠缠。", {"id": "cw:sentence_count", "relation": "at_most", "n": 2}),
])
def test_counts_in_new_phrasings(prompt, expected):
    assert specs(prompt) == [expected]


def test_verse_form_title_acrostic_and_word_rules_together():
    prompt = "写一首五言绝句，藏“风调雨顺”，标题用《》标出，不要出现“雨”字，以“丰年”结尾。"
    got = {s["id"]: s for s in specs(prompt)}
    assert got["cw:chars_per_line"] == {"id": "cw:chars_per_line", "n": 5, "num_lines": 4}
    assert got["cw:acrostic"]["word"] == "风调雨顺"
    assert got["cw:title"]["style"] == "book"
    assert got["cw:banned_words"]["words"] == ["雨"]
    assert got["cw:ends_with"]["phrase"] == "丰年"


def test_negated_rhyme_is_not_a_constraint():
    assert not any(s["id"] == "cw:rhyme_scheme" for s in specs("写一首八行诗，不用押韵。"))


def test_language_is_detected_and_soft_items_are_not_hard():
    prompt = "以鲁迅的风格写一篇杂文，不超过800字。"
    assert detect_lang(prompt) == "zh"
    items = extract(prompt)
    assert [c.spec for c in items if c.hard] == [{"id": "cw:char_count", "relation": "at_most", "n": 800}]
    assert [c.spec["id"] for c in items if not c.hard] == ["soft:style"]
