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


# Phrasing gaps found on creative-train zh; each prompt below is made up in the same shape.

_CHARS = "cw:char_count"


@pytest.mark.parametrize("prompt, expected", [
    # a number of lines that says where text goes ("单独一行", "对应一行", "另起一行") is not a line count
    ("写一篇短评，题目另起一行写在最前面，不超过300字。", [{"id": _CHARS, "relation": "at_most", "n": 300}]),
    ("正文之前请单独一行写出日期。写一篇日记，不少于五百字。", [{"id": _CHARS, "relation": "at_least", "n": 500}]),
    ("写一首现代诗，韵式用ABAB，一个字母对应一行。", [{"id": "cw:rhyme_scheme", "scheme": "ABAB"}]),
])
def test_a_line_that_places_text_is_not_a_line_count(prompt, expected):
    assert specs(prompt) == expected


@pytest.mark.parametrize("prompt, expected", [
    # 篇幅 takes the unit written after the number; with none it is characters
    ("写一首歌词，篇幅控制在十二行以内。", {"id": "cw:line_count", "relation": "at_most", "n": 12}),
    ("写一篇杂文，篇幅不要超过三十句话。", {"id": "cw:sentence_count", "relation": "at_most", "n": 30}),
    ("写一篇杂文，篇幅不超过800。", {"id": _CHARS, "relation": "at_most", "n": 800}),
])
def test_length_counts_in_the_unit_stated_after_the_number(prompt, expected):
    assert specs(prompt) == [expected]


@pytest.mark.parametrize("prompt, expected", [
    # a quote ending in 。 closes its sentence: what follows is a new instruction
    ("最后一句要写“风停了。”四百字左右，误差不超过四十字。写一篇散文。",
     [{"id": "cw:ends_with", "phrase": "风停了。"}, {"id": _CHARS, "relation": "about", "n": 400, "tolerance": 0.1}]),
    ("第一句必须是“我回来了。”不要出现“战争”“硝烟”。写一篇小说。",
     [{"id": "cw:starts_with", "phrase": "我回来了。"}, {"id": "cw:banned_words", "words": ["战争", "硝烟"]}]),
    ("最后一句写“雨停了。”“雨”字最多出现四次。写一篇随笔。",
     [{"id": "cw:ends_with", "phrase": "雨停了。"}, {"id": "cw:keyword_count", "keyword": "雨", "relation": "at_most", "n": 4}]),
    # the slack of an approximate count is never a count of its own
    ("写一篇五百字左右的随笔，误差控制在五十字以内。", [{"id": _CHARS, "relation": "about", "n": 500}]),
])
def test_sentence_final_quotes_and_slack_do_not_make_constraints(prompt, expected):
    assert specs(prompt) == expected


@pytest.mark.parametrize("prompt, expected", [
    ("写一首八行诗，以AABBCCDD的方式押韵。", [{"id": "cw:line_count", "relation": "exactly", "n": 8},
                                         {"id": "cw:rhyme_scheme", "scheme": "AABBCCDD"}]),
    ("写一首四行短诗，请按ABBA的模式押韵。", [{"id": "cw:line_count", "relation": "exactly", "n": 4},
                                        {"id": "cw:rhyme_scheme", "scheme": "ABBA"}]),
])
def test_rhyme_scheme_written_before_the_word_rhyme(prompt, expected):
    assert specs(prompt) == expected


@pytest.mark.parametrize("prompt, style", [
    ("正文前加一个标题（用《》或 # 标注都行）。写一篇书评。", "any"),
    ("写一篇书评，加一个标题，用《》标出。", "book"),
])
def test_title_style_offering_either_form_is_any(prompt, style):
    assert specs(prompt) == [{"id": "cw:title", "style": style}]


@pytest.mark.parametrize("prompt, word, width", [
    ("将“一帆风顺”依次嵌入每句开头，写一首七言诗。", "一帆风顺", 7),
    ("把“花好月圆”藏在各行行首，写一首五言诗。", "花好月圆", 5),
])
def test_acrostic_word_hidden_at_line_starts(prompt, word, width):
    assert specs(prompt) == [{"id": "cw:acrostic", "word": word}, {"id": "cw:chars_per_line", "n": width}]


@pytest.mark.parametrize("prompt, expected", [
    # words between the count and 对白/对话; the count is turns, not sentences
    ("写一个小故事，至少要有六句放在引号里的对白。", {"id": "cw:dialogue", "min_turns": 6, "style": "quoted"}),
    ("写一段故事，文中需有不少于五处带引号的人物对话。", {"id": "cw:dialogue", "min_turns": 5, "style": "quoted"}),
    ("写成剧本，标题单独一行，不少于六行对白。", {"id": "cw:dialogue", "min_turns": 6, "style": "script"}),
])
def test_dialogue_turns_with_words_before_the_noun(prompt, expected):
    assert specs(prompt) == [expected]


@pytest.mark.parametrize("prompt, expected", [
    ("请在文中用到“星光”，至少三次。写一篇散文。", {"id": "cw:keyword_count", "keyword": "星光", "relation": "at_least", "n": 3}),
    ("写一篇游记，提到“河流”，最多两次。", {"id": "cw:keyword_count", "keyword": "河流", "relation": "at_most", "n": 2}),
    ("写一首现代诗，节数不得少于三节。", {"id": "cw:stanza_count", "relation": "at_least", "n": 3}),
    ("写一首现代诗，诗节数控制在五节以内。", {"id": "cw:stanza_count", "relation": "at_most", "n": 5}),
])
def test_counts_in_a_clause_of_their_own_and_stanza_totals(prompt, expected):
    assert specs(prompt) == [expected]


def test_word_in_the_sense_of_term_does_not_make_a_prompt_verse():
    # "这个词" is a word, not 词 the verse form: 句 counts sentences here
    assert specs("写一篇短文，不要用“然而”这个词，共六句。") == [
        {"id": "cw:banned_words", "words": ["然而"]}, {"id": "cw:sentence_count", "relation": "exactly", "n": 6}]
