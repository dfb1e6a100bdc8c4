import pytest

from rlmr.constraints import ConstraintError, build


def check(text, **spec):
    return build(spec).check(text)


@pytest.mark.parametrize(
    "keywords, text, passed",
    [
        (["sea"], "The SEA was calm.", True),
        # Reference quirk: a substring match, no word boundary ("hou" is in "house").
        (["hou"], "A small house.", True),
        (["sea", "sky"], "The sea was calm.", False),
    ],
)
def test_existence_is_case_insensitive_substring(keywords, text, passed):
    result = check(text, id="keywords:existence", keywords=keywords)
    assert result.passed is passed
    if not passed:
        assert "'sky'" in result.reason


def test_frequency_counts_overlapping_substrings_like_the_reference():
    spec = dict(id="keywords:frequency", keyword="war", relation="at least", frequency=3)
    assert check("War and warfare: a war.", **spec).passed
    result = check("War and peace.", **spec)
    assert not result.passed and result.reason == "1 occurrences of 'war'; at least 3 required"
    assert check("War and peace.", **{**spec, "relation": "less than", "frequency": 2}).passed


def test_forbidden_words_are_word_bounded():
    spec = dict(id="keywords:forbidden_words", forbidden_words=["rock", "sleep"])
    assert check("Rocky roads and sleepers.", **spec).passed
    result = check("We ROCK all night.", **spec)
    assert not result.passed and "'rock'" in result.reason


def test_letter_frequency_counts_the_lower_cased_letter():
    spec = dict(id="keywords:letter_frequency", letter="E", let_frequency=3, let_relation="at least")
    assert check("Eve sees", **spec).passed  # e, e, e, e
    assert not check("Bob", **spec).passed
    # Non-letters are counted as given (the reference would draw a random letter instead).
    assert check("#1 #2 #3", id="keywords:letter_frequency", letter="#", let_frequency=3, let_relation="at least").passed


@pytest.mark.parametrize(
    "spec, field",
    [
        ({"id": "keywords:existence", "keywords": []}, "keywords"),
        ({"id": "keywords:existence", "keywords": ["("]}, "regular expression"),
        ({"id": "keywords:frequency", "keyword": "a", "frequency": -1, "relation": "at least"}, "frequency"),
        ({"id": "keywords:frequency", "keyword": "a", "frequency": 1, "relation": "at most"}, "relation"),
        ({"id": "keywords:letter_frequency", "letter": "ab", "let_frequency": 1, "let_relation": "at least"}, "letter"),
    ],
)
def test_bad_kwargs_are_refused_where_the_reference_would_draw_random_ones(spec, field):
    with pytest.raises(ConstraintError, match=field):
        build(spec)
