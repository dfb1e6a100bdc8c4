"""The length band `proxy` reads from the prompt: floors where the form calls for substance,
no pull beyond them, ceilings only where the prompt (or the form's definition) sets one."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlmr.writing.length_band import LengthBand, band_for, below_floor
from rlmr.writing.textstats import units

FIXTURES = Path(__file__).parents[1] / "fixtures" / "writing_pairs"


def test_a_story_needs_more_than_a_sentence_and_a_haiku_does_not():
    story = band_for("Write a short story about the first snow.")
    one_sentence = len(units("The first snow brought an unnerving chill to everyone."))
    assert story.shortfall(one_sentence) > 0.7
    haiku = band_for("Write a haiku about frogs.")
    assert haiku.shortfall(len(units("An old silent pond,\na frog jumps into the pond,\nsplash! Silence again."))) == 0.0
    couplet = band_for("Write a two-line couplet about tea.")
    assert couplet.shortfall(len(units("The kettle sings, the cups are laid,\nand all the morning's plans are weighed."))) == 0.0
    assert couplet.upper is not None and couplet.upper <= 40


def test_a_stated_ceiling_caps_the_band_and_the_floor_sits_below_it():
    band = band_for("Write a short story about snow in at most 40 words.")
    assert band.upper == 40 and band.lower == 30 and band.source == "constraint"
    assert band.overshoot(40) == 0.0 and band.overshoot(60) == pytest.approx(0.5)
    zh = band_for("写一篇不超过200字的散文。")
    assert zh.upper == 200 and zh.lower <= 200


def test_stated_counts_win_over_the_form():
    assert band_for("Write a letter to a friend in at least 120 words.").lower == 120
    assert band_for("Write a story in three sentences.").lower < band_for("Write a story.").lower
    assert band_for("用三句话写一个故事。").source == "constraint"


def test_forms_and_modifiers_in_chinese_and_english():
    assert band_for("写一首登临古战场、怀念历史英雄的豪放词。").source == "form:词"
    assert band_for("给刚搬来的新邻居写一封欢迎信。").source.startswith("form:封")
    assert band_for("写两首表达漂泊之苦与忧国之情的律诗。").lower == 2 * band_for("写一首律诗。").lower
    assert band_for("Write a long poem about rain.").lower > band_for("Write a poem about rain.").lower > band_for("Write a short poem about rain.").lower
    assert band_for("Write a short poem that describes hope.").source == "form:poem"  # the form word, not the verb
    assert band_for("Hello.").source == "default"


def test_every_original_of_the_corpus_meets_its_floor_and_ceiling():
    """The defaults are floors, not targets: no real text of the corpus is called too short."""
    for name in ("originals.jsonl", "prose.jsonl"):
        for line in (FIXTURES / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            band, n = band_for(item["prompt"]), len(units(item["text"]))
            assert band.shortfall(n) == 0.0 and band.overshoot(n) == 0.0, (item["id"], band, n)


@given(lower=st.floats(1, 500), upper=st.none() | st.floats(1, 500), a=st.integers(0, 2000), b=st.integers(0, 2000))
def test_shortfall_never_pays_for_length_past_the_floor_and_overshoot_never_pays_for_length(lower, upper, a, b):
    band = LengthBand(lower, upper, "test")
    lo, hi = sorted((a, b))
    assert 0.0 <= band.shortfall(hi) <= band.shortfall(lo) <= 1.0
    assert 0.0 <= band.overshoot(lo) <= band.overshoot(hi) <= 1.0
    if hi >= lower:
        assert band.shortfall(hi) == 0.0
    if upper is None:
        assert band.overshoot(hi) == 0.0


PROMPTS = ("Write a story about a lighthouse.", "Write a haiku about rain.", "Describe a market in at most 40 words.",
           "写一篇关于秋天的散文。", "Write a very short poem about snow.")


@given(prompt=st.sampled_from(PROMPTS), n=st.integers(0, 300), extra=st.integers(0, 300))
def test_below_floor_is_exactly_fewer_units_than_the_floor_and_more_never_makes_it_short(prompt, n, extra):
    word = "雨" if "秋" in prompt else "word "
    short, longer = word * n, word * (n + extra)
    assert below_floor(prompt, short) == (len(units(short)) < band_for(prompt).lower)
    assert not (below_floor(prompt, short) is False and below_floor(prompt, longer))
