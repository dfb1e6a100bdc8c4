from rlmr.constraints import build


def test_end_phrase_ignores_case_and_trailing_quotes():
    spec = build({"id": "startend:end_checker", "end_phrase": "Any other questions?"})
    assert spec.check('"Here it is. any other questions?"  ').passed
    result = spec.check("Here it is.")
    assert not result.passed and "'here it is.'" not in result.reason and "any other questions?" in result.reason


def test_quotation_needs_ascii_quotes_and_two_characters():
    spec = build({"id": "startend:quotation"})
    assert spec.check(' "Hello" ').passed
    assert not spec.check('"').passed
    assert not spec.check("“Hello”").passed
