from rlmr.constraints import build


def test_response_language_uses_langdetect_codes():
    english = build({"id": "language:response_language", "language": "en"})
    assert english.check("The weather today is sunny and warm, perfect for a walk.").passed
    result = english.check("Le temps est ensoleillé et chaud aujourd'hui, parfait pour une promenade.")
    assert not result.passed and "'fr'" in result.reason


def test_undetectable_language_counts_as_followed_like_the_reference():
    result = build({"id": "language:response_language", "language": "de"}).check("12345 !!! ...")
    assert result.passed and "undetectable" in result.reason
