"""cw:*_count checks on real English and Chinese texts: the shared relation, and what each unit is."""

from __future__ import annotations

import pytest

from rlmr.constraints import ConstraintError, build

# Dickens, A Tale of Two Cities: ten clauses of six words each, so 60 words.
TWO_CITIES = (
    "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age "
    "of foolishness, it was the epoch of belief, it was the epoch of incredulity, it was the season "
    "of Light, it was the season of Darkness, it was the spring of hope, it was the winter of despair."
)
# 朱自清《匆匆》: 53 Chinese characters and 10 punctuation marks (hand count: 30 in the first
# sentence, 23 in the second; six marks, then four), two sentences (。 and ？).
CONG_CONG = (
    "燕子去了，有再来的时候；杨柳枯了，有再青的时候；桃花谢了，有再开的时候。"
    "但是，聪明的，你告诉我，我们的日子为什么一去不复返呢？"
)
# Austen, Pride and Prejudice: three sentences; "Mr." and "Mrs." end none of them.
BENNET = (
    '"My dear Mr. Bennet," said his lady to him one day, "have you heard that Netherfield Park is '
    'let at last?" Mr. Bennet replied that he had not. "But it is," returned she; "for Mrs. Long '
    'has just been here, and she told me all about it."'
)
JING_YE_SI = "《静夜思》\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"
# Frost, "Nothing Gold Can Stay" (first two quatrains as two stanzas) under a Markdown title.
NOTHING_GOLD = (
    "# Nothing Gold Can Stay\n\n"
    "Nature's first green is gold,\nHer hardest hue to hold.\nHer early leaf's a flower;\nBut only so an hour.\n\n"
    "Then leaf subsides to leaf.\nSo Eden sank to grief,\nSo dawn goes down to day.\nNothing gold can stay."
)


def check(spec: dict, text: str) -> bool:
    return build(spec).check(text).passed


@pytest.mark.parametrize(
    "relation, kwargs, passed",
    [
        ("at_most", {"n": 60}, True),
        ("at_most", {"n": 59}, False),
        ("at_least", {"n": 60}, True),
        ("at_least", {"n": 61}, False),
        ("exactly", {"n": 60}, True),
        ("exactly", {"n": 59}, False),
        ("between", {"n": 50, "n_max": 60}, True),  # inclusive at the top
        ("between", {"n": 60, "n_max": 70}, True),  # inclusive at the bottom
        ("between", {"n": 61, "n_max": 70}, False),
        ("about", {"n": 66}, True),  # default tolerance 0.1: 59.4..72.6
        ("about", {"n": 67}, False),  # 60.3..73.7
        ("about", {"n": 50, "tolerance": 0.2}, True),  # 40..60, at the edge
        ("about", {"n": 100, "tolerance": 0.39}, False),  # 61..139
    ],
)
def test_word_count_relation_on_two_cities_60_words(relation, kwargs, passed):
    assert check({"id": "cw:word_count", "relation": relation, **kwargs}, TWO_CITIES) is passed


def test_about_tolerance_survives_float_error():
    # 0.29 * 100 is 28.999999999999996 in floating point; 71 words is still "about 100".
    assert check({"id": "cw:word_count", "relation": "about", "n": 100, "tolerance": 0.29}, "word " * 71)


@pytest.mark.parametrize(
    "text, words",
    [
        ("I don't like well-known things", 5),  # inner ' and - join a word
        ("state-of-the-art rock'n'roll", 2),
        ("Don’t stop", 2),  # typographic apostrophe too
        ("我爱Python", 3),  # two CJK characters plus one English word
        ("床前明月光", 5),  # each CJK character is one word
        ("U.S. 3.14", 4),  # dots split: U, S, 3, 14
        ("— ... !!! ，。", 0),  # punctuation is never a word
        ("", 0),
    ],
)
def test_word_count_units(text, words):
    assert check({"id": "cw:word_count", "relation": "exactly", "n": words}, text)


def test_word_count_reason_reads_like_a_sentence():
    result = build({"id": "cw:word_count", "relation": "at_most", "n": 50}).check(TWO_CITIES)
    assert not result.passed
    assert result.reason == "60 words; at most 50 allowed"


def test_word_count_reason_is_chinese_for_chinese_text():
    result = build({"id": "cw:word_count", "relation": "at_most", "n": 50}).check(CONG_CONG)
    assert result.reason == "共53字，最多50字"


@pytest.mark.parametrize(
    "count_punctuation, n, passed",
    [(False, 53, True), (False, 63, False), (True, 63, True), (True, 53, False)],
)
def test_char_count_on_cong_cong_with_and_without_punctuation(count_punctuation, n, passed):
    spec = {"id": "cw:char_count", "relation": "exactly", "n": n, "count_punctuation": count_punctuation}
    assert check(spec, CONG_CONG) is passed


def test_char_count_ignores_latin_letters_and_digits():
    # 字数 counts Chinese characters only: "AI" and "2024" add nothing.
    assert check({"id": "cw:char_count", "relation": "exactly", "n": 3}, "2024年AI绘画")  # 年, 绘, 画


def test_mixed_count_adds_english_words_to_chinese_characters():
    text = "今天我们用Python写一首haiku。"  # 今天我们用 写一首 = 8 characters, 2 English words
    assert check({"id": "cw:mixed_count", "relation": "exactly", "n": 10}, text)
    assert not check({"id": "cw:mixed_count", "relation": "at_most", "n": 9}, text)


@pytest.mark.parametrize(
    "name, text, sentences",
    [
        ("austen_abbreviations_mr_mrs", BENNET, 3),
        ("two_cities_one_long_sentence", TWO_CITIES, 1),
        ("cong_cong_full_width_stops", CONG_CONG, 2),
        ("initials_are_no_ends", "J. K. Rowling wrote it. She lives in Edinburgh.", 2),
        ("e_g_is_no_end", "Some birds, e.g. owls, hunt at night. Others do not.", 2),
        ("ellipsis_ends_a_sentence", "Wait… I know. 等等……我知道了。", 4),
        ("decimal_point_is_no_end", "Pi is 3.14 or so. Yes!", 2),
        ("quote_after_stop", '"Go home." She went.', 2),
        ("blank_line_ends_an_unpunctuated_heading", "Chapter One\n\nIt was dark. It rained.", 3),
        ("no_terminator_is_still_one_sentence", "a sentence without a stop", 1),
        ("punctuation_only_is_none", "... !!! ???", 0),
    ],
)
def test_sentence_count(name, text, sentences):
    assert check({"id": "cw:sentence_count", "relation": "exactly", "n": sentences}, text), name


def test_sentence_count_skips_the_title_line():
    assert check({"id": "cw:sentence_count", "relation": "exactly", "n": 2}, "<<Rain>>\n\nIt rained. It stopped.")


@pytest.mark.parametrize(
    "name, text, paragraphs",
    [
        ("title_then_three_paragraphs", "# A Day\n\nMorning came.\n\nNoon passed.\nStill noon.\n\nNight fell.", 3),
        ("crlf_line_ends", "First part.\r\n\r\nSecond part.", 2),
        ("spaces_on_the_blank_line", "One.\n   \t\nTwo.", 2),
        ("separator_line_splits", "One.\n***\nTwo.", 2),  # a `***` line holds no content
        ("many_blank_lines_are_one_break", "One.\n\n\n\n\nTwo.", 2),
        ("chinese_prose", "燕子去了，有再来的时候。\n\n杨柳枯了，有再青的时候。", 2),
        ("empty", "", 0),
    ],
)
def test_paragraph_count(name, text, paragraphs):
    assert check({"id": "cw:paragraph_count", "relation": "exactly", "n": paragraphs}, text), name


def test_line_and_stanza_counts_on_frost_under_a_markdown_title():
    assert check({"id": "cw:line_count", "relation": "exactly", "n": 8}, NOTHING_GOLD)
    assert check({"id": "cw:stanza_count", "relation": "exactly", "n": 2}, NOTHING_GOLD)
    assert not check({"id": "cw:stanza_count", "relation": "at_least", "n": 3}, NOTHING_GOLD)


def test_line_count_on_jing_ye_si_excludes_the_book_title():
    assert check({"id": "cw:line_count", "relation": "exactly", "n": 4}, JING_YE_SI)
    # Without 《》 the first line is no title, so "静夜思" is a fifth line.
    assert check({"id": "cw:line_count", "relation": "exactly", "n": 5}, JING_YE_SI.replace("《静夜思》", "静夜思"))


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"relation": "between", "n": 5}, "n_max: required"),
        ({"relation": "between", "n": 5, "n_max": 4}, "n_max: must be an integer >= n"),
        ({"relation": "at_most", "n": 5, "n_max": 9}, "n_max: only allowed"),
        ({"relation": "about", "n": 5, "tolerance": 1.0}, "tolerance: must be a number strictly between 0 and 1"),
        ({"relation": "about", "n": 5, "tolerance": 0}, "tolerance: must be a number strictly between 0 and 1"),
        ({"relation": "at_most", "n": 5, "tolerance": 0.1}, "tolerance: only allowed"),
        ({"relation": "at_most", "n": -1}, "n: must be an integer >= 0"),
        ({"relation": "atmost", "n": 5}, "relation: expected one of"),
        ({"relation": "at_most", "n": "five"}, "n: expected int"),
        ({"n": 5}, "relation: missing"),
    ],
)
def test_bad_kwargs_name_the_kwarg(spec, message):
    with pytest.raises(ConstraintError, match=message):
        build({"id": "cw:word_count", **spec})


def test_direct_construction_validates_too():
    from rlmr.constraints.writing_counts import LineCount

    with pytest.raises(ValueError, match="n: must be an integer >= 0"):
        LineCount(relation="exactly", n=-3)


@pytest.mark.parametrize(
    "spec, en, zh",
    [
        ({"id": "cw:word_count", "relation": "at_most", "n": 120}, "Write at most 120 words.", "全文不超过120字。"),
        ({"id": "cw:char_count", "relation": "between", "n": 300, "n_max": 500}, "Write between 300 and 500 Chinese characters.", "全文300至500字。"),
        ({"id": "cw:sentence_count", "relation": "about", "n": 10, "tolerance": 0.2}, "Write about 10 sentences (within 20%).", "全文约10句（上下浮动不超过20%）。"),
        ({"id": "cw:stanza_count", "relation": "exactly", "n": 1}, "Write exactly 1 stanza.", "全文恰好1节。"),
    ],
)
def test_describe_in_both_languages(spec, en, zh):
    constraint = build(spec)
    assert constraint.describe() == en
    assert constraint.describe("zh") == zh


def test_spec_round_trips():
    constraint = build({"id": "cw:char_count", "relation": "about", "n": 300, "tolerance": 0.2, "count_punctuation": True})
    assert build(constraint.spec()) == constraint
