"""Verse-form checks on real poems: haiku and 汉俳 syllables, 五言/七言 lines, rhyme schemes, acrostics."""

from __future__ import annotations

import pytest

from rlmr.constraints import ConstraintError, build

# Bashō, "The Old Pond" (a common 5-7-5 translation).
OLD_POND = "An old silent pond\nA frog jumps into the pond\nSplash! Silence again."
# Sōseki, a translation that keeps the images but not the count: 5-6-5.
WINTRY = "Over the wintry\nforest, winds howl in rage\nwith no leaves to blow."
# 赵朴初 (1980), a 汉俳 in 5-7-5 written as one line: clauses are the lines.
HAN_HAI = "绿阴今雨来，山花枝接海花开，和风起汉台。"
JING_YE_SI = "《静夜思》\n床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。"
# 王之涣《登鹳雀楼》, two couplets per line: four five-character lines; 流 and 楼 rhyme (由求).
DENG_GUAN_QUE_LOU = "《登鹳雀楼》\n白日依山尽，黄河入海流。\n欲穷千里目，更上一层楼。"
# 王之涣《凉州词》, 七言绝句; 间, 山, 关 rhyme (言前).
LIANG_ZHOU_CI = "黄河远上白云间，一片孤城万仞山。\n羌笛何须怨杨柳，春风不度玉门关。"
# 杜甫《绝句》, 七言; 天 and 船 rhyme (ian, uan: 言前); 一行 reads yì háng.
JUE_JU = "两个黄鹂鸣翠柳，一行白鹭上青天。\n窗含西岭千秋雪，门泊东吴万里船。"
# 杜甫《春望》, 五言律诗: eight lines.
CHUN_WANG = (
    "《春望》\n国破山河在，城春草木深。\n感时花溅泪，恨别鸟惊心。\n"
    "烽火连三月，家书抵万金。\n白头搔更短，浑欲不胜簪。"
)
SONNET_130 = (
    "My mistress' eyes are nothing like the sun;\n"
    "Coral is far more red than her lips' red;\n"
    "If snow be white, why then her breasts are dun;\n"
    "If hairs be wires, black wires grow on her head."
)
SONNET_18_OPENING = (
    "Shall I compare thee to a summer's day?\n"
    "Thou art more lovely and more temperate:\n"
    "Rough winds do shake the darling buds of May,\n"
    "And summer's lease hath all too short a date;"
)
SONNET_18_SECOND = (
    "Sometime too hot the eye of heaven shines,\n"
    "And often is his gold complexion dimm'd;\n"
    "And every fair from fair sometime declines,\n"
    "By chance or nature's changing course untrimm'd;"
)
TWINKLE = "Twinkle, twinkle, little star,\nHow I wonder what you are.\nUp above the world so high,\nLike a diamond in the sky."
# Lear's limerick: AABBA, with the first line's word ("beard") coming back at the end.
LIMERICK = (
    "There was an Old Man with a beard,\nWho said, \"It is just as I feared!—\n"
    "Two Owls and a Hen,\nFour Larks and a Wren,\nHave all built their nests in my beard!\""
)
MOON_ACROSTIC = "<<Night Watch>>\nMoonlight pools on the sill,\nOwls keep the hour,\n\"Oaks lean into the hush,\"\nNight folds its wings."
SEASONS_ACROSTIC = "春风拂柳绿，夏雨润荷香。\n秋月照千里，冬雪覆山冈。"


def run(spec: dict, text: str):
    return build(spec).check(text)


@pytest.mark.parametrize(
    "name, text, pattern, passed",
    [
        ("old_pond_5_7_5", OLD_POND, [5, 7, 5], True),
        ("wintry_is_5_6_5", WINTRY, [5, 7, 5], False),
        ("han_hai_one_line_5_7_5", HAN_HAI, [5, 7, 5], True),  # CJK: one syllable per character
        ("old_pond_too_few_lines", OLD_POND, [5, 7, 5, 7], False),
        # "fire" is 1 or 2 syllables in the CMU data ("F AY1 R" / "F AY1 ER0"): either reading counts.
        ("fire_read_as_one", "fire", [1], True),
        ("fire_read_as_two", "fire", [2], True),
        ("fire_is_never_three", "fire", [3], False),
        # Not in the CMU data: syllapy counts it.
        ("unknown_word_falls_back", "flibbertigibbetish", [6], True),
    ],
)
def test_syllable_pattern(name, text, pattern, passed):
    assert run({"id": "cw:syllable_pattern", "pattern": pattern}, text).passed is passed, name


def test_syllable_pattern_reason_names_the_line():
    assert run({"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}, WINTRY).reason == "line 2 has 6 syllables; 7 required"


@pytest.mark.parametrize(
    "name, text, kwargs, passed",
    [
        ("jing_ye_si_wu_yan", JING_YE_SI, {"n": 5, "num_lines": 4}, True),
        ("jing_ye_si_is_not_qi_yan", JING_YE_SI, {"n": 7}, False),
        ("jing_ye_si_is_not_lv_shi", JING_YE_SI, {"n": 5, "num_lines": 8}, False),
        ("deng_guan_que_lou_two_couplets_per_line", DENG_GUAN_QUE_LOU, {"n": 5, "num_lines": 4}, True),
        ("liang_zhou_ci_qi_yan", LIANG_ZHOU_CI, {"n": 7, "num_lines": 4}, True),
        ("du_fu_jue_ju_qi_yan", JUE_JU, {"n": 7, "num_lines": 4}, True),
        ("chun_wang_lv_shi", CHUN_WANG, {"n": 5, "num_lines": 8}, True),
        # A title without 《》 is just a first line of three characters.
        ("unmarked_title_counts_as_a_line", JING_YE_SI.replace("《静夜思》", "静夜思"), {"n": 5}, False),
        ("english_prose_is_no_verse", "The sea was calm tonight.", {"n": 5}, False),
        ("empty", "", {"n": 5}, False),
    ],
)
def test_chars_per_line(name, text, kwargs, passed):
    assert run({"id": "cw:chars_per_line", **kwargs}, text).passed is passed, name


def test_chars_per_line_reason_names_the_line_in_chinese():
    broken = JING_YE_SI.replace("举头望明月", "举头望天上明月")
    assert run({"id": "cw:chars_per_line", "n": 5}, broken).reason == "第3句7字，应为5字"


@pytest.mark.parametrize(
    "name, text, scheme, passed",
    [
        ("sonnet_130_abab", SONNET_130, "ABAB", True),
        ("sonnet_130_is_not_aabb", SONNET_130, "AABB", False),
        # temperate/date is a Elizabethan half rhyme: their CMU rhyming parts differ.
        ("sonnet_18_temperate_date", SONNET_18_OPENING, "ABAB", False),
        ("sonnet_18_day_may_only", SONNET_18_OPENING, "AXAX", True),
        # dimm'd / untrimm'd are not in the CMU data: spelling decides ("immd").
        ("sonnet_18_elided_words", SONNET_18_SECOND, "ABAB", True),
        ("twinkle_aabb", TWINKLE, "AABB", True),
        ("lear_limerick_aabba", LIMERICK, "AABBA", True),
        ("jing_ye_si_aaxa", JING_YE_SI, "AAXA", True),  # 光 霜 乡: uang uang iang, 江阳
        ("jing_ye_si_not_aaaa", JING_YE_SI, "AAAA", False),  # 月 (üe) is 乜斜
        ("deng_guan_que_lou_xaxa", DENG_GUAN_QUE_LOU, "XAXA", True),  # 流 楼: iou ou, 由求
        ("liang_zhou_ci_aaxa", LIANG_ZHOU_CI, "AAXA", True),  # 间 山 关: ian an uan, 言前
        ("du_fu_jue_ju_xaxa", JUE_JU, "XAXA", True),
        ("du_fu_jue_ju_not_aaaa", JUE_JU, "AAAA", False),  # 柳 (iou) is 由求
        # 簪 rhymed with 深/心/金 in Tang pronunciation (侵韵) but reads zān today: modern 十三辙 says no.
        ("chun_wang_modern_reading", CHUN_WANG, "XAXAXAXA", False),
        ("chun_wang_first_six_lines", CHUN_WANG, "XAXAXAXX", True),
        ("too_many_lines", TWINKLE, "AAB", False),
    ],
)
def test_rhyme_scheme(name, text, scheme, passed):
    assert run({"id": "cw:rhyme_scheme", "scheme": scheme}, text).passed is passed, name


def test_rhyme_scheme_reasons_quote_the_words():
    assert run({"id": "cw:rhyme_scheme", "scheme": "ABAB"}, SONNET_18_OPENING).reason == (
        "lines 2 and 4 do not rhyme (temperate / date)"
    )
    assert run({"id": "cw:rhyme_scheme", "scheme": "XAXAXAXA"}, CHUN_WANG).reason == "第2句与第8句不押韵（深/簪）"


@pytest.mark.parametrize(
    "name, text, word, passed",
    [
        ("moon_under_a_title", MOON_ACROSTIC, "MOON", True),
        ("moon_case_insensitive", MOON_ACROSTIC, "moon", True),
        ("leading_quote_skipped", MOON_ACROSTIC, "MOON", True),  # line 3 opens with a quote mark
        ("wrong_word", MOON_ACROSTIC, "NOON", False),
        ("word_longer_than_poem", MOON_ACROSTIC, "MOONS", False),
        ("seasons_cang_tou_shi", SEASONS_ACROSTIC, "春夏秋冬", True),
        ("seasons_out_of_order", SEASONS_ACROSTIC, "春秋夏冬", False),
        ("spaces_in_word_ignored", MOON_ACROSTIC, "M O O N", True),
    ],
)
def test_acrostic(name, text, word, passed):
    assert run({"id": "cw:acrostic", "word": word}, text).passed is passed, name


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"id": "cw:syllable_pattern", "pattern": []}, "pattern: must be a non-empty list"),
        ({"id": "cw:syllable_pattern", "pattern": [5, 0, 5]}, "every syllable count must be an integer >= 1"),
        ({"id": "cw:syllable_pattern", "pattern": "5-7-5"}, "pattern: expected list"),
        ({"id": "cw:chars_per_line", "n": 0}, "n: must be an integer >= 1"),
        ({"id": "cw:chars_per_line", "n": 5, "num_lines": 0}, "num_lines: must be an integer >= 1"),
        ({"id": "cw:rhyme_scheme", "scheme": "abab"}, "scheme: must be capital letters A-Z"),
        ({"id": "cw:rhyme_scheme", "scheme": ""}, "scheme: must be capital letters A-Z"),
        ({"id": "cw:acrostic", "word": " -- "}, "word: must hold at least one letter"),
    ],
)
def test_bad_kwargs(spec, message):
    with pytest.raises(ConstraintError, match=message):
        build(spec)


@pytest.mark.parametrize(
    "spec, en, zh",
    [
        ({"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}, "Write 3 lines with 5, 7 and 5 syllables.", "共3句，每句音节（字）数依次为5、7、5。"),
        ({"id": "cw:chars_per_line", "n": 7, "num_lines": 4}, "Write 4 lines of 7 characters each (punctuation not counted).", "全诗4句，每句7字（标点不计）。"),
        ({"id": "cw:rhyme_scheme", "scheme": "AABB"}, "Write 4 lines whose endings rhyme in the scheme AABB.", "共4句，句末押韵，韵式为AABB。"),
        ({"id": "cw:acrostic", "word": "春夏秋冬"}, "Write an acrostic: the first letters of the lines spell “春夏秋冬”.", "写一首藏头诗：各句首字依次为“春夏秋冬”。"),
    ],
)
def test_describe(spec, en, zh):
    assert build(spec).describe() == en
    assert build(spec).describe("zh") == zh
