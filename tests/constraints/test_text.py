"""text.py gives NLTK's answers offline: the same words, sentences and tokens as nltk itself
(with the punkt_tab model written by ensure_nltk_punkt_tab), and seeded langdetect."""

import nltk
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints import text as T

PIECES = list("aAbB .!?,'\"-\n()") + ["\u0301", "\u00b2", "\x1c", "e\u0301", "3.5", "Mr.", "U.S.", "NASA", "don't", "``", "x²y", "\u00a0", "中文。", "...", "p.m."]


@pytest.fixture(scope="module", autouse=True)
def punkt_tab(tmp_path_factory):
    root = T.ensure_nltk_punkt_tab(tmp_path_factory.mktemp("nltk_data"))
    assert (root / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").is_file()


@settings(max_examples=300)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_words_sentences_and_tokens_equal_nltks(text):
    # Combining accents and superscripts are where NLTK's `regex` engine and `re` disagree.
    assert T.count_words(text) == len(nltk.tokenize.RegexpTokenizer(r"\w+").tokenize(text))
    assert T.sentences(text) == nltk.sent_tokenize(text)
    assert T.nltk_words(text) == nltk.word_tokenize(text)


def test_sentence_count_can_stop_early():
    text = "One. Two. Three. Four."
    assert T.count_sentences(text) == 4 and T.count_sentences(text, limit=2) == 2


def test_long_abbreviation_chains_split_like_nltk():
    text = "mr.)" * 400 + " The end. Done."
    assert T.sentences(text) == nltk.sent_tokenize(text)


def test_language_detection_is_deterministic_and_none_without_features():
    text = "Ceci est une phrase en français, assez longue pour être reconnue."
    T.detect_language.cache_clear()
    assert T.detect_language(text) == "fr"
    T.detect_language.cache_clear()
    assert T.detect_language(text) == "fr"
    assert T.detect_language("123 456 !!!") is None


def test_cjk_helpers():
    assert T.cjk_chars("你好, world，世界") == ["你", "好", "世", "界"]
    assert T.is_cjk("字") and not T.is_cjk("，") and not T.is_cjk("a")
