from rlmr.constraints import build
from rlmr.constraints.ifeval_change_case import count_capital_words
from rlmr.constraints.text import detect_language, nltk_words


def test_capital_words_are_nltk_tokens_that_are_upper():
    text = "The NASA-LED team met the U.S. PRESIDENT. OK? fine"
    assert count_capital_words(text) == sum(1 for t in nltk_words(text) if t.isupper()) == 4
    assert count_capital_words(text, limit=2) == 2
    spec = build({"id": "change_case:capital_word_frequency", "capital_frequency": 5, "capital_relation": "less than"})
    assert spec.check(text).passed


def test_english_capital_and_lowercase():
    capital = build({"id": "change_case:english_capital"})
    lower = build({"id": "change_case:english_lowercase"})
    # langdetect skips all-capital words, so all-caps English is often detected as something
    # else ('hu' here); the reference fails those too.
    caps = "THIS IS A SHORT STORY ABOUT A DOG AND A CAT."
    result = capital.check(caps)
    assert result.passed is (detect_language(caps) == "en") and repr(detect_language(caps)) in result.reason
    assert capital.check("THE END, MY FRIEND, IS NEAR AND THE NIGHT IS DARK AND FULL OF TERRORS").passed
    assert capital.check("This is a short story.").reason == "not all capital letters"
    assert lower.check("this is a short story about a dog and a cat.").passed
    result = lower.check("ceci est une courte histoire sur un chien et un chat.")
    assert not result.passed and "'fr'" in result.reason
