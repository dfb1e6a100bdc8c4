from rlmr.constraints import build


def test_only_ascii_commas_count():
    spec = build({"id": "punctuation:no_comma"})
    assert spec.check("你好，世界").passed  # the full-width comma passes, as in the reference
    assert spec.check("a, b, c").reason == "2 commas; none allowed"
