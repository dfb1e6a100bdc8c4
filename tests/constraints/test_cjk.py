"""The text units under the `cw:` checks: CJK characters, words, sentences, clauses, rhyme classes."""

from __future__ import annotations

import pytest

from rlmr.constraints import cjk


@pytest.mark.parametrize(
    "char, context, rhyme_class",
    [
        ("光", "", "江阳"),  # guang: uang
        ("乡", "", "江阳"),  # xiang: iang rhymes with uang
        ("流", "", "由求"),  # liu: iou
        ("楼", "", "由求"),  # lou: ou
        ("月", "", "乜斜"),  # yue: üe
        ("思", "", "一七"),  # si: the apical i rhymes with i
        ("行", "银", "江阳"),  # 银行 yinhang: context picks the reading
        ("行", "步", "中东"),  # 步行 buxing
        ("乐", "音", "乜斜"),  # 音乐 yinyue
        ("乐", "快", "梭波"),  # 快乐 kuaile
    ],
)
def test_zh_rhyme_class(char, context, rhyme_class):
    assert cjk.zh_rhyme_class(char, context) == rhyme_class


def test_zh_rhyme_class_of_a_non_han_character_is_none():
    assert cjk.zh_rhyme_class("😀") is None


def test_verse_clauses_cut_chinese_couplets_but_not_english_lines():
    assert cjk.verse_clauses("床前明月光，疑是地上霜。") == ["床前明月光", "疑是地上霜"]
    assert cjk.verse_clauses("Hello, world.") == ["Hello, world."]
    assert cjk.verse_clauses("  ") == []


def test_zh_word_counts_counts_repeated_runs_once_each_time():
    counts = cjk.zh_word_counts("大海很蓝。" * 1000)
    assert counts["大海"] == 1000
    assert "很" not in counts  # a single-character function word


def test_zh_word_counts_with_a_limit_skips_cold_characters():
    # No character occurs more than twice, so no word can: nothing is segmented.
    assert not cjk.zh_word_counts("床前明月光，疑是地上霜。", limit=2)
    # 明 and 月 occur twice, but jieba reads 明月光 and 望明月: no word passes the limit.
    assert max(cjk.zh_word_counts("床前明月光，举头望明月。", limit=1).values()) == 1
    assert cjk.zh_word_counts("大海，大海，蓝天。", limit=1)["大海"] == 2


def test_unpunctuated_run_is_segmented_in_pieces():
    # 6,400 characters without punctuation: cut into 64-character pieces, every 大海 still counted.
    counts = cjk.zh_word_counts("大海" * 3200)
    assert counts["大海"] == 3200


@pytest.mark.parametrize(
    "text, lang",
    [("The moon is bright.", "en"), ("月亮很亮。", "zh"), ("我爱AI", "zh"), ("AI and 我", "en"), ("", "en")],
)
def test_reason_lang_follows_the_majority_script(text, lang):
    assert cjk.reason_lang(text) == lang


def test_punctuation_counts_ascii_and_full_width_alike():
    assert cjk.punctuation_count("你好，世界！\"ok\"……——") == 8  # ， ！ " " … … — —
