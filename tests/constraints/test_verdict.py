import pytest

from rlmr.constraints import ConstraintError, Verdict, build, verify, verify_many
from rlmr.constraints.verdict import as_constraint, loose_variants

NO_COMMA = {"id": "punctuation:no_comma"}
FEW_WORDS = {"id": "length_constraints:number_words", "num_words": 5, "relation": "less than"}


def test_strict_verdict_lists_every_constraint_with_a_reason():
    verdict = verify("Hello, world.", [NO_COMMA, FEW_WORDS])
    assert isinstance(verdict, Verdict) and verdict.mode == "strict"
    assert [r.id for r in verdict.results] == ["punctuation:no_comma", "length_constraints:number_words"]
    assert [r.passed for r in verdict.results] == [False, True]
    assert not verdict.passed and verdict.satisfied_fraction == 0.5
    assert verdict.results[0].reason == "1 comma; none allowed"
    assert verdict.to_dict()["results"][1] == {"id": "length_constraints:number_words", "passed": True, "reason": "2 words; fewer than 5 required"}


def test_no_constraints_pass_with_fraction_one():
    verdict = verify("anything", [])
    assert verdict.passed and verdict.satisfied_fraction == 1.0


@pytest.mark.parametrize("text", ["", "   \n\t"])
def test_all_whitespace_fails_every_check_even_ones_it_would_satisfy(text):
    verdict = verify(text, [NO_COMMA, FEW_WORDS], "loose")
    assert not any(r.passed for r in verdict.results)
    assert verdict.results[0].reason == "empty response"


def test_loose_drops_the_first_line_and_stars():
    text = "Sure, here it is:\n*hi there*"
    assert not verify(text, [NO_COMMA]).passed
    loose = verify(text, [NO_COMMA], "loose")
    assert loose.passed and "loose: first line removed" in loose.results[0].reason
    quoted = verify('**"A quote"**', [{"id": "startend:quotation"}], "loose")
    assert quoted.passed and "without *" in quoted.results[0].reason


def test_loose_variants_follow_the_reference_order_without_duplicates():
    names = [name for name, _ in loose_variants("a*\nb*\nc*")]
    assert names == [
        "as is", "without *", "first line removed", "last line removed",
        "first and last lines removed", "first line and * removed", "last line and * removed",
        "first and last lines and * removed",
    ]
    assert [v for _, v in loose_variants("one line")] == ["one line", ""]


def test_loose_never_fails_what_strict_passes():
    specs = [NO_COMMA, FEW_WORDS, {"id": "detectable_format:title"}]
    for text in ["<<T>>\nA, b", "no commas here", "*a*, b\nc\nd"]:
        strict, loose = verify(text, specs), verify(text, specs, "loose")
        assert all(ls.passed for st, ls in zip(strict.results, loose.results) if st.passed)


def test_bad_specs_raise_constraint_errors_naming_the_kwarg():
    with pytest.raises(ConstraintError, match="num_words: expected int"):
        verify("x", [{"id": "length_constraints:number_words", "num_words": "ten", "relation": "at least"}])
    with pytest.raises(ValueError, match="mode"):
        verify("x", [NO_COMMA], "lenient")


def test_verify_many_aligns_texts_and_specs_and_accepts_built_checkers():
    verdicts = verify_many(["a, b", "a b"], [[NO_COMMA], [build(NO_COMMA)]])
    assert [v.passed for v in verdicts] == [False, True]
    with pytest.raises(ValueError, match="2 texts but 1"):
        verify_many(["a", "b"], [[NO_COMMA]])


def test_specs_are_built_once_and_their_value_types_kept_apart():
    spec = {"id": "length_constraints:number_words", "num_words": 5, "relation": "less than"}
    assert as_constraint(spec) is as_constraint(dict(spec))
    assert as_constraint({**spec, "num_words": 5.0}) == as_constraint(spec)  # IFEval writes 5.0
    assert as_constraint({**spec, "num_words": 1}).num_words == 1
    with pytest.raises(ConstraintError, match="num_words: expected int, got True"):
        as_constraint({**spec, "num_words": True})  # equal to 1 and hashed alike, still refused
    keywords = {"id": "keywords:existence", "keywords": ["sea", "ship"]}
    assert as_constraint(keywords).keywords == ("sea", "ship")
    assert as_constraint({**keywords, "keywords": ["sea"]}).keywords == ("sea",)
