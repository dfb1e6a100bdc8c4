"""The mapping policy between IFEval ids and cw ids: which spec lists state the same constraints."""

import random

import pytest
from hypothesis import given, settings, strategies as st

from rlmr.constraints import build
from rlmr.constraints.extract.equivalence import canonical, equivalent


@pytest.mark.parametrize("a, b", [
    # An inclusive bound and IFEval's exclusive one: "at most 120 words".
    ({"id": "cw:word_count", "relation": "at_most", "n": 120},
     {"id": "length_constraints:number_words", "relation": "less than", "num_words": 121}),
    ({"id": "cw:sentence_count", "relation": "at_least", "n": 3},
     {"id": "length_constraints:number_sentences", "relation": "at least", "num_sentences": 3}),
    # Two IFEval bounds are one range; equal bounds are "exactly".
    ({"id": "cw:word_count", "relation": "between", "n": 100, "n_max": 150},
     [{"id": "length_constraints:number_words", "relation": "at least", "num_words": 100},
      {"id": "length_constraints:number_words", "relation": "less than", "num_words": 151}]),
    ({"id": "cw:sentence_count", "relation": "exactly", "n": 5},
     [{"id": "length_constraints:number_sentences", "relation": "less than", "num_sentences": 6},
      {"id": "length_constraints:number_sentences", "relation": "at least", "num_sentences": 5}]),
    # IFEval's "mention X only once" (present, fewer than 2) is a count of exactly one.
    ({"id": "cw:keyword_count", "keyword": "Butter", "relation": "exactly", "n": 1},
     [{"id": "keywords:existence", "keywords": ["butter"]},
      {"id": "keywords:frequency", "keyword": "butter", "relation": "less than", "frequency": 2}]),
    ({"id": "punctuation:no_comma"}, {"id": "cw:no_comma"}),
    ({"id": "detectable_format:title"}, {"id": "cw:title", "style": "angle"}),
    ({"id": "startend:end_checker", "end_phrase": "The End. "}, {"id": "cw:ends_with", "phrase": "the end."}),
    # Banned words form one set however they are split.
    ([{"id": "keywords:forbidden_words", "forbidden_words": ["Blue", "sea"]}, {"id": "cw:banned_words", "words": ["wave"]}],
     {"id": "cw:banned_words", "words": ["wave", "blue", "sea"]}),
    ({"id": "cw:rhyme_scheme", "scheme": "ABAB CDCD"}, {"id": "cw:rhyme_scheme", "scheme": "ABABCDCD"}),
    ({"id": "cw:title"}, {"id": "cw:title", "style": "any"}),  # defaults filled in
    # "about" is the band the verifier accepts: 95 at 0.1 takes 86..104, i.e. "give or take 9".
    ({"id": "cw:word_count", "relation": "about", "n": 95, "tolerance": 0.1},
     {"id": "cw:word_count", "relation": "about", "n": 95, "tolerance": 9 / 95}),
    ({"id": "cw:word_count", "relation": "about", "n": 200},
     {"id": "cw:word_count", "relation": "between", "n": 180, "n_max": 220}),
])
def test_the_same_constraint_in_two_spellings_is_equivalent(a, b):
    assert equivalent(a, b) and equivalent(b, a)


@pytest.mark.parametrize("a, b", [
    ({"id": "cw:word_count", "relation": "at_most", "n": 120},
     {"id": "length_constraints:number_words", "relation": "less than", "num_words": 120}),
    # *** divided parts and blank-line blocks are different checks.
    ({"id": "cw:paragraph_count", "relation": "exactly", "n": 3}, {"id": "length_constraints:number_paragraphs", "num_paragraphs": 3}),
    ({"id": "cw:word_count", "relation": "about", "n": 200}, {"id": "cw:word_count", "relation": "exactly", "n": 200}),
    ({"id": "cw:word_count", "relation": "about", "n": 95, "tolerance": 0.1},
     {"id": "cw:word_count", "relation": "about", "n": 95, "tolerance": 10 / 95}),
    ({"id": "cw:title", "style": "markdown"}, {"id": "detectable_format:title"}),
    ({"id": "cw:word_count", "relation": "exactly", "n": 100},
     {"id": "length_constraints:number_words", "relation": "at least", "num_words": 100}),
    ({"id": "cw:keyword_count", "keyword": "sea", "relation": "at_least", "n": 2}, {"id": "keywords:existence", "keywords": ["sea"]}),
])
def test_different_constraints_are_not_equivalent(a, b):
    assert not equivalent(a, b)


_IFEVAL = {"at_most": lambda n: [("less than", n + 1)], "at_least": lambda n: [("at least", n)],
           "exactly": lambda n: [("at least", n), ("less than", n + 1)]}


@settings(max_examples=200)
@given(relation=st.sampled_from(sorted(_IFEVAL)), n=st.integers(1, 2000),
       unit=st.sampled_from([("cw:word_count", "length_constraints:number_words", "num_words"),
                             ("cw:sentence_count", "length_constraints:number_sentences", "num_sentences")]))
def test_every_cw_bound_equals_its_ifeval_spelling(relation, n, unit):
    cw_id, ifeval_id, key = unit
    ifeval = [{"id": ifeval_id, "relation": r, key: k} for r, k in _IFEVAL[relation](n)]
    for spec in ifeval:
        build(spec)
    assert equivalent({"id": cw_id, "relation": relation, "n": n}, ifeval)


_SPECS = [
    {"id": "cw:line_count", "relation": "at_least", "n": 4}, {"id": "cw:line_count", "relation": "at_most", "n": 9},
    {"id": "length_constraints:number_words", "relation": "less than", "num_words": 80},
    {"id": "keywords:frequency", "keyword": "moon", "relation": "at least", "frequency": 2},
    {"id": "keywords:forbidden_words", "forbidden_words": ["sun"]}, {"id": "punctuation:no_comma"},
    {"id": "cw:acrostic", "word": "HOPE"}, {"id": "cw:word_count", "relation": "about", "n": 300},
]


@settings(max_examples=100)
@given(picked=st.lists(st.sampled_from(_SPECS), max_size=6), seed=st.integers(0, 1000))
def test_canonical_form_ignores_order_and_is_idempotent(picked, seed):
    shuffled = list(picked)
    random.Random(seed).shuffle(shuffled)
    assert canonical(picked) == canonical(shuffled)
    assert equivalent(canonical(picked), picked)


def test_bounds_on_one_quantity_intersect():
    merged = canonical([{"id": "cw:line_count", "relation": "at_least", "n": 4},
                        {"id": "cw:line_count", "relation": "at_least", "n": 6},
                        {"id": "cw:line_count", "relation": "at_most", "n": 10}])
    assert merged == [{"id": "cw:line_count", "relation": "between", "n": 6, "n_max": 10}]
