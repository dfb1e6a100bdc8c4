import nltk
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints import build
from rlmr.constraints.ifeval_change_case import count_capital_words, may_hold_capital_word
from rlmr.constraints.text import detect_language, ensure_nltk_punkt_tab, nltk_words

# Mixed-case pieces around the places where NLTK splits letters apart (contractions, n't) and
# characters whose case Python and regular expressions see differently (circled and title-case
# letters, the ordinal ª).
PIECES = [
    "Mr.", "mR.", "I", "a", "NASA", "NaSA", "McDONALD", "DOn't", "DON'T", "don'T", "GONna", "gONNA",
    "CANnot", "GIMme", "LEMme", "WANna ", "GOTta", "MORE'n", "D'YE", "'TIS", "'tWAS", "Xn't", " 'Tis", " 'Twas", "Ⓐ", "ǅx",
    "ªB", "Bª", "ſ", "X", ".", "!", "?", ")", "(", '"', "'", ",", ":", "--", "*", "…", " ", "  ", "\n",
]


@pytest.fixture(scope="module", autouse=True)
def punkt_tab(tmp_path_factory):
    ensure_nltk_punkt_tab(tmp_path_factory.mktemp("nltk_data"))


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


@settings(max_examples=400)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_capital_word_count_equals_nltks_and_the_shortcut_never_hides_one(text):
    expected = sum(1 for token in nltk.word_tokenize(text) if token.isupper())
    assert count_capital_words(text) == expected
    assert may_hold_capital_word(text) or expected == 0


def test_text_where_every_capital_has_a_lowercase_neighbour_is_not_tokenized():
    assert not may_hold_capital_word("Mr. Smith met Mrs. McDonald." * 3)
    assert may_hold_capital_word("Then I left.") and may_hold_capital_word("It DOn't matter")
    assert may_hold_capital_word("Yn't") and may_hold_capital_word("and 'Tis so")  # "Y", "'T"
    assert count_capital_words("Mr. " * 250_000) == 0
