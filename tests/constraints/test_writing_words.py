"""Word-choice checks on real texts: keyword counts, banned words, repeated content words."""

from __future__ import annotations

import pytest

from rlmr.constraints import ConstraintError, build

TWO_CITIES = (
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age "
    "of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season "
    "of Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair."
)
JING_YE_SI = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"
CONG_CONG = (
    "燕子去了，有再来的时候；杨柳枯了，有再青的时候；桃花谢了，有再开的时候。"
    "但是，聪明的，你告诉我，我们的日子为什么一去不复返呢？"
)
# Shelley, "To the Moon" (opening lines).
TO_THE_MOON = (
    "Art thou pale for weariness\nOf climbing heaven and gazing on the earth,\n"
    "Wandering companionless\nAmong the stars that have a different birth,—"
)


def run(spec: dict, text: str):
    return build(spec).check(text)


@pytest.mark.parametrize(
    "name, text, keyword, relation, n, passed",
    [
        ("times_twice", TWO_CITIES, "times", "exactly", 2, True),
        ("case_insensitive", TWO_CITIES, "LIGHT", "exactly", 1, True),
        ("word_bounded_age_not_in_foolishness", TWO_CITIES, "age", "exactly", 2, True),
        ("phrase_across_a_comma_is_not_found", TWO_CITIES, "times it", "at_least", 1, False),
        ("phrase_with_spaces", TWO_CITIES, "the season of", "exactly", 2, True),
        ("at_most_zero", TWO_CITIES, "moon", "at_most", 0, True),
        ("at_least_three_fails", TWO_CITIES, "epoch", "at_least", 3, False),
        ("no_plural_match", "The seas were wide. A sea!", "sea", "exactly", 1, True),  # "seas" is another word
        ("apostrophes_typographic", "Don’t go. Don't stay.", "don't", "exactly", 2, True),
        ("chinese_substring", JING_YE_SI, "明月", "exactly", 2, True),  # 明月光, 望明月
        ("chinese_single_character", JING_YE_SI, "头", "exactly", 2, True),  # 举头, 低头
        ("chinese_at_least_fails", JING_YE_SI, "故乡", "at_least", 2, False),
        ("mixed_keyword_is_substring", "我爱AI绘画，AI绘画爱我", "AI绘画", "exactly", 2, True),
    ],
)
def test_keyword_count(name, text, keyword, relation, n, passed):
    spec = {"id": "cw:keyword_count", "keyword": keyword, "relation": relation, "n": n}
    assert run(spec, text).passed is passed, name


def test_keyword_count_reason():
    spec = {"id": "cw:keyword_count", "keyword": "epoch", "relation": "at_least", "n": 3}
    assert run(spec, TWO_CITIES).reason == "“epoch” appears 2 times; at least 3 required"
    spec = {"id": "cw:keyword_count", "keyword": "故乡", "relation": "at_least", "n": 2}
    assert run(spec, JING_YE_SI).reason == "“故乡”出现1次，至少2次"


@pytest.mark.parametrize(
    "name, text, words, passed",
    [
        ("none_used", TO_THE_MOON, ["very", "suddenly"], True),
        ("very_is_not_in_every", "Every star was there.", ["very"], True),  # word-bounded in English
        ("used_once", "It was very dark.", ["very"], False),
        ("case_insensitive", "SUDDENLY the door opened.", ["suddenly"], False),
        ("chinese_substring", "他突然站了起来。", ["突然"], False),
        ("chinese_absent", JING_YE_SI, ["突然", "非常"], True),
        ("hyphenated_word", "A well-known tale.", ["well-known"], False),
        ("part_of_hyphenated_word", "A well-known tale.", ["known"], False),  # a hyphen is a word boundary
    ],
)
def test_banned_words(name, text, words, passed):
    assert run({"id": "cw:banned_words", "words": words}, text).passed is passed, name


def test_banned_words_reason_lists_the_words_used():
    result = run({"id": "cw:banned_words", "words": ["very", "dark", "light"]}, "It was very dark.")
    assert result.reason == "uses banned words: “very”, “dark”"


@pytest.mark.parametrize(
    "name, text, n, passed",
    [
        # "it" and "was" repeat ten times, but they are stop words; "times", "age", "epoch" and
        # "season" occur twice each.
        ("two_cities_two_allowed", TWO_CITIES, 2, True),
        ("two_cities_one_allowed", TWO_CITIES, 1, False),
        ("case_folded", "Sea sea SEA", 2, False),
        ("cong_cong_three_allowed", CONG_CONG, 3, True),  # 时候 and 再 occur three times
        ("cong_cong_two_allowed", CONG_CONG, 2, False),
        # 的 and 我 repeat, but single-character function words do not count.
        ("function_characters_free", "我的书，我的笔，我的纸，我的家。", 1, True),
        ("numbers_are_no_words", "1 2 3 1 2 3 1 2 3", 1, True),
        ("empty", "", 1, True),
    ],
)
def test_max_word_repeat(name, text, n, passed):
    assert run({"id": "cw:max_word_repeat", "n": n}, text).passed is passed, name


def test_max_word_repeat_reasons():
    assert run({"id": "cw:max_word_repeat", "n": 1}, "Sea, sea, sea.").reason == "“sea” appears 3 times; at most 1 allowed"
    # Chinese counting stops at the first word over the limit, so the count is a lower bound.
    assert run({"id": "cw:max_word_repeat", "n": 2}, "大海，大海，大海。").reason == "“大海”至少出现3次，最多2次"


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"id": "cw:keyword_count", "keyword": "", "relation": "at_least", "n": 1}, "keyword: must be a non-empty string"),
        ({"id": "cw:keyword_count", "keyword": "sea", "relation": "about", "n": 1}, "relation: expected one of"),
        ({"id": "cw:keyword_count", "keyword": "sea", "relation": "at_least", "n": -2}, "n: must be an integer >= 0"),
        ({"id": "cw:banned_words", "words": []}, "words: must be a non-empty list"),
        ({"id": "cw:banned_words", "words": ["ok", " "]}, r"words\[1\]: must be a non-empty string"),
        ({"id": "cw:banned_words", "words": "very"}, "words: expected list"),
        ({"id": "cw:max_word_repeat", "n": 0}, "n: must be an integer >= 1"),
    ],
)
def test_bad_kwargs(spec, message):
    with pytest.raises(ConstraintError, match=message):
        build(spec)


@pytest.mark.parametrize(
    "spec, en, zh",
    [
        ({"id": "cw:keyword_count", "keyword": "moon", "relation": "at_least", "n": 3}, "Use the word “moon” at least 3 times.", "“moon”一词至少出现3次。"),
        ({"id": "cw:banned_words", "words": ["突然", "非常"]}, "Do not use the words “突然”, “非常”.", "不要使用以下词语：“突然”、“非常”。"),
        ({"id": "cw:max_word_repeat", "n": 1}, "Do not use any content word more than 1 time.", "任何实词的出现次数不超过1次。"),
    ],
)
def test_describe(spec, en, zh):
    assert build(spec).describe() == en
    assert build(spec).describe("zh") == zh
