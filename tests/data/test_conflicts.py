"""The conflict table: IFEval's reference conflicts, and count limits that leave no possible count."""

from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints.writing_counts import relation_holds
from rlmr.data.conflicts import IFEVAL_CONFLICTS, find_conflicts


def test_ifeval_table_is_symmetric_and_every_id_conflicts_with_itself():
    assert len(IFEVAL_CONFLICTS) == 25
    for cid, others in IFEVAL_CONFLICTS.items():
        assert cid in others
        for other in others:
            assert cid in IFEVAL_CONFLICTS[other]


def test_ifeval_table_keeps_the_reference_exceptions():
    # json_format conflicts with everything but forbidden_words and existence (reference table).
    assert "keywords:existence" not in IFEVAL_CONFLICTS["detectable_format:json_format"]
    assert "punctuation:no_comma" in IFEVAL_CONFLICTS["detectable_format:json_format"]
    assert IFEVAL_CONFLICTS["detectable_format:constrained_response"] == set(IFEVAL_CONFLICTS)
    assert "punctuation:no_comma" not in IFEVAL_CONFLICTS["combination:two_responses"]
    assert "detectable_format:title" in IFEVAL_CONFLICTS["startend:quotation"]


_count = st.fixed_dictionaries({
    "id": st.just("cw:word_count"),
    "relation": st.sampled_from(["at_most", "at_least", "exactly", "about"]),
    "n": st.integers(1, 300),
})
_between = st.integers(0, 300).flatmap(lambda n: st.fixed_dictionaries(
    {"id": st.just("cw:word_count"), "relation": st.just("between"), "n": st.just(n), "n_max": st.integers(n, 400)}))


def _holds(spec, k):
    return relation_holds(k, spec["relation"], spec["n"], spec.get("n_max"), spec.get("tolerance"))


@settings(max_examples=300)
@given(a=st.one_of(_count, _between), b=st.one_of(_count, _between))
def test_two_word_limits_conflict_exactly_when_no_count_meets_both(a, b):
    possible = any(_holds(a, k) and _holds(b, k) for k in range(0, 800))
    assert bool(list(find_conflicts([a, b]))) == (not possible)


def test_creative_conflicts_each_name_the_later_constraint():
    cases = [
        [{"id": "cw:banned_words", "words": ["窗"]}, {"id": "cw:ends_with", "phrase": "窗外下雨。"}],
        [{"id": "cw:no_comma"}, {"id": "cw:starts_with", "phrase": "Well, then"}],
        [{"id": "cw:starts_with", "phrase": "Hello"}, {"id": "cw:title", "style": "any"}],
        [{"id": "cw:chars_per_line", "n": 5, "num_lines": 4}, {"id": "cw:char_count", "relation": "at_most", "n": 12}],
        [{"id": "cw:acrostic", "word": "HOPE"}, {"id": "cw:rhyme_scheme", "scheme": "AABBA"}],
        [{"id": "cw:ends_with", "phrase": "The end."}, {"id": "startend:end_checker", "end_phrase": "Goodbye."}],
        [{"id": "cw:chars_per_line", "n": 5}, {"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}],
    ]
    for specs in cases:
        assert [(i, j) for i, j, _ in find_conflicts(specs)] == [(0, 1)], specs


def test_compatible_creative_combinations_pass():
    assert not list(find_conflicts([
        {"id": "cw:chars_per_line", "n": 7, "num_lines": 4}, {"id": "cw:acrostic", "word": "春暖花开"},
        {"id": "cw:rhyme_scheme", "scheme": "AAXA"}, {"id": "cw:char_count", "relation": "exactly", "n": 28},
    ]))
    assert not list(find_conflicts([
        {"id": "cw:starts_with", "phrase": "Hope is"}, {"id": "cw:acrostic", "word": "HOPE"},
        {"id": "cw:banned_words", "words": ["sea"]}, {"id": "cw:keyword_count", "keyword": "seas", "relation": "at_least", "n": 1},
    ]))
