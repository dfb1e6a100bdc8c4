"""The synthesiser: deterministic, varied, valid, and suited to each form."""

import re
from collections import Counter

import pytest

from rlmr.data import check_rows
from rlmr.data.io import RawRow
from rlmr.data.synth import synthesize
from rlmr.data.synth.forms import FORMS
from rlmr.data.synth.numbers import en_words, zh_words


@pytest.fixture(scope="module")
def mixed():
    return synthesize(600, "mix", seed=11)


def test_same_seed_same_records_and_another_seed_differs():
    assert synthesize(30, "mix", 4) == synthesize(30, "mix", 4)
    assert [r.prompt for r in synthesize(30, "mix", 4)] != [r.prompt for r in synthesize(30, "mix", 5)]


def test_every_synthesised_record_validates_with_one_to_three_constraints(mixed):
    checked = check_rows([RawRow(i + 1, r.to_dict()) for i, r in enumerate(mixed)], "synth")
    assert checked.problems == []
    assert {len(r.constraints) for r in mixed} == {1, 2, 3}
    assert len({r.prompt for r in mixed}) == len(mixed)


def test_both_languages_and_most_forms_appear(mixed):
    langs = Counter(r.lang for r in mixed)
    assert langs["en"] > 200 and langs["zh"] > 200
    for lang, forms in FORMS.items():
        seen = {r.genre for r in mixed if r.lang == lang}
        assert len(seen) >= len(forms) - 2, (lang, {f.genre for f in forms} - seen)


def test_forms_get_the_structure_that_suits_them(mixed):
    for r in mixed:
        ids = {c["id"]: c for c in r.constraints}
        if r.genre == "haiku" and "cw:syllable_pattern" in ids:
            assert ids["cw:syllable_pattern"]["pattern"] == [5, 7, 5]
        if r.genre == "wuyan_jueju" and "cw:chars_per_line" in ids:
            assert ids["cw:chars_per_line"] == {"id": "cw:chars_per_line", "n": 5, "num_lines": 4}
        if r.genre == "sonnet" and "cw:line_count" in ids:
            assert ids["cw:line_count"]["n"] == 14
        limit = ids.get("cw:word_count") or ids.get("cw:char_count")
        if limit and limit["relation"] == "at_most":
            assert limit["n"] >= 15  # a good response fits: no 20-word sonnets


def test_phrasings_vary_for_the_same_constraint(mixed):
    # Strip digits/number words and quoted text: what is left is the sentence shape.
    shapes = Counter()
    for r in mixed:
        if r.lang == "en" and any(c["id"] == "cw:no_comma" for c in r.constraints):
            shapes.update(s for s in ("Do not use any commas", "No commas anywhere", "without a single comma") if s in r.prompt)
    assert len(shapes) == 3
    layouts = Counter("list" if "\n- " in r.prompt else "inline" for r in mixed)
    assert layouts["list"] > 50 and layouts["inline"] > 300


def test_numbers_appear_both_as_digits_and_as_words(mixed):
    en = " ".join(r.prompt for r in mixed if r.lang == "en")
    zh = "".join(r.prompt for r in mixed if r.lang == "zh")
    assert re.search(r"\b\d{2,3} words\b", en) and re.search(r"\b(twenty|thirty|forty|fifty|hundred)\b", en)
    assert re.search(r"\d+个字", zh) and re.search("[一二三四五六七八九十百]+个字", zh)


def test_number_words():
    assert [en_words(n) for n in (7, 14, 40, 345)] == ["seven", "fourteen", "forty", "three hundred forty-five"]
    assert [zh_words(n) for n in (2, 10, 15, 105, 300, 1005)] == ["二", "十", "十五", "一百零五", "三百", "一千零五"]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="lang must be one of en, zh, mix"):
        synthesize(3, "fr")
    with pytest.raises(ValueError, match="split must be one of"):
        synthesize(3, "en", split="test")
