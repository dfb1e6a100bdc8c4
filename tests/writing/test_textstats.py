"""Model-free proxy components on real English and Chinese text."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.writing.textstats import diversity, prompt_overlap, repetition, truncated, units

POEM = "Whose woods these are I think I know. His house is in the village though."
ZH = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"


def test_units_are_words_and_cjk_characters():
    assert units("Don't stop-over 3 times") == ["don't", "stop-over", "3", "times"]
    assert units(ZH)[:5] == ["床", "前", "明", "月", "光"]
    assert units("AI写作 test") == ["ai", "写", "作", "test"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The end.", 0.0),
        ('"Is it over?" she asked.', 0.0),
        ("He said, \u201cGo.\u201d", 0.0),  # closing quote after the full stop
        ("*The end.*", 0.0),  # markdown emphasis
        ("\u4ed6\u8d70\u4e86\u3002", 0.0),  # 他走了。
        ("\u4ed6\u8d70\u4e86\uff0c", 1.0),  # ends on a Chinese comma
        ("And then the", 1.0),
        ("", 1.0),
    ],
)
def test_truncated(text, expected):
    assert truncated(text) == expected


def test_repetition_sees_loops_in_both_languages():
    assert repetition(units(POEM)) == 0.0
    loop = POEM + " " + " ".join(["in the village though"] * 4)
    assert repetition(units(loop)) > 0.3
    assert repetition(units(ZH)) < 0.1
    assert repetition(units(ZH + "低头思故乡" * 4)) > 0.3


def test_diversity_is_lower_for_a_narrow_vocabulary():
    varied = units("the quick brown fox jumps over a lazy dog while seven wild geese fly north " * 1)
    narrow = units("the dog and the dog and the cat and the dog " * 3)
    assert diversity(varied) > 0.9 > 0.5 > diversity(narrow)
    assert diversity([]) == 0.0


@settings(max_examples=40)
@given(st.lists(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=120, max_size=400))
def test_diversity_and_repetition_stay_in_unit_interval(tokens):
    assert 0.0 < diversity(tokens) <= 1.0
    assert 0.0 <= repetition(tokens) < 1.0


@settings(max_examples=30)
@given(st.integers(min_value=2, max_value=6))
def test_mattr_does_not_fall_with_length_for_the_same_kind_of_text(copies):
    # Plain type-token ratio halves when a text is doubled; the moving average does not.
    block = [f"w{i}" for i in range(60)]
    assert diversity(block * copies) == pytest.approx(diversity(block * 2), abs=0.02)


def test_prompt_overlap_counts_topic_words_not_instruction_words():
    prompt = "Write a short poem about autumn leaves."
    assert prompt_overlap(prompt, "Autumn leaves fall on the quiet street.") == 1.0
    assert prompt_overlap(prompt, "A short poem about the sea.") == 0.0
    assert prompt_overlap("写一首关于月亮的诗。", "床前明月光。") == pytest.approx(0.5)  # 月 yes, 亮 no
