"""`rlmr.constraints.nltk_tokens` (NLTK tokens read in pieces, prefixes and suffixes) and the
fast IFBench checks built on it give exactly what the real `nltk.word_tokenize` /
`nltk.sent_tokenize` give, on random and hostile texts. Small `window`s make short texts take
the prefix / suffix paths that 1 MB texts take."""

from __future__ import annotations

import string

import nltk
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints import build
from rlmr.constraints import nltk_tokens as fast
from rlmr.constraints.ifbench_head import HEAD_PRONOUNS
from rlmr.constraints.text import ensure_nltk_punkt_tab, treebank_words

ensure_nltk_punkt_tab()

# Pieces that reach every rule of NLTK's word tokenizer and Punkt: abbreviations, quotes of all
# kinds, brackets, contractions, dashes, dots, colons, whitespace kinds, combining marks.
PIECES = [
    "The", "cat", "Mr.", "Dr.", "etc.", "U.S.", "a.", "?!", "don't", "gonna", "(x", '"', "''", "...", "3.5",
    "x.", "Ok.", "iPhone", "NASA", "–", "it", "me", "gimme", "lemme+", "itn't", "it's", "(", ")", "[", "]",
    "{", "<", ">", ";", "&", "*", "“", "”", "‘", "’", "«", "»", "`", "``", "-", "--", ":", ",", "'", "!", "?",
    ".", " ", " ", " ", "\n", "\t", "  ", "\xa0", "é", "İ", "5", "cannot", "wanna", "'tis", "they", "Them",
    "you.", "He", "a", "b", "B", "ǅ", "\u0301", "😀", "\x1c", "wanna ",
]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(alphabet=st.sampled_from(list("aA .,!?'\"()[]:;-\n\tx")), max_size=60),
)
WINDOWS = st.sampled_from([1, 4, 8, 32])


def nltk_tokens(text: str) -> list[str]:
    return nltk.word_tokenize(text)


@settings(max_examples=300)
@given(TEXTS)
def test_all_tokens_equal_nltk(text):
    assert list(fast.iter_tokens(text)) == nltk_tokens(text)


@settings(max_examples=300)
@given(TEXTS, st.integers(1, 4), WINDOWS)
def test_first_and_last_tokens_equal_nltk(text, k, window):
    expected = nltk_tokens(text)
    assert fast.first_tokens(text, k, window=window) == expected[:k]
    assert fast.last_tokens(text, k, window=window) == expected[-k:]


@settings(max_examples=200)
@given(TEXTS, st.integers(1, 3), st.integers(1, 3), WINDOWS)
def test_sentence_n_and_its_first_words_equal_nltk(text, n, m, window):
    def keep(t):
        return any(c.isalnum() for c in t)

    sentences = nltk.sent_tokenize(text)
    count, span = fast.nth_sentence_span(text, n, window=window)
    if len(sentences) < n:
        assert (count, span) == (len(sentences), None)
        return
    assert text[span[0] : span[1]] == sentences[n - 1]
    expected = [t for t in nltk_tokens(sentences[n - 1]) if keep(t)][:m]
    assert fast.first_tokens(text[span[0] : span[1]], m, keep, window=window) == expected


@settings(max_examples=300)
@given(TEXTS)
def test_a_sentence_is_the_sum_of_its_pieces(text):
    assert [t for before, piece in fast.pieces(text) for t in fast.piece_tokens(piece, before)] == treebank_words(text)
    for before, piece in fast.pieces(text):
        if not before:
            assert list(fast.piece_tokens(piece)) == treebank_words(piece)


@settings(max_examples=100)
@given(st.lists(st.sampled_from(PIECES + [")", "]", "”", '"', ".", ")" * 300, "x" * 300, "\"'" * 150]), max_size=12).map("".join))
def test_long_pieces_cut_after_closers_keep_the_tokens(text):
    text = text * (600 // (len(text) + 1) + 1)  # long enough for the closer cuts
    assert [t for before, piece in fast.pieces(text) for t in fast.piece_tokens(piece, before)] == treebank_words(text)


@pytest.mark.parametrize("unit", ["Mr. Gray met Dr. No. He left?! ", "a.)Dr.--x?y ", '"a"\t', "([", "([{" * 50 + ")]}" * 50, '"x" \'y\'\n.z ', "\"'"])
def test_long_hostile_texts_equal_nltk(unit):
    text = unit * (20_000 // len(unit))
    expected = nltk_tokens(text)
    assert list(fast.iter_tokens(text)) == expected
    assert fast.first_tokens(text, 3) == expected[:3]
    assert fast.last_tokens(text, 3) == expected[-3:]


def test_regex_whitespace_is_python_whitespace():
    # The tokenizer normalizes `regex`'s \s and splits on Python's: the pieces rely on the first
    # being inside the second.
    pattern = regex.compile(r"\s")
    assert all(chr(c).isspace() for c in range(0x110000) if pattern.match(chr(c)))


# The fast IFBench checks against their definitions over real NLTK tokens.


def _pronouns(text: str) -> int:
    return sum(1 for t in nltk_tokens(text.replace("/", " ").lower()) if t in HEAD_PRONOUNS)


PRONOUN_TEXTS = st.lists(st.sampled_from(PIECES + ["It", "ME", "Gimme", "who.", "all", "none", "/", "themselves", "n't", "it.5", ".it", "..", "it.x"]), max_size=30).map("".join)


@settings(max_examples=300)
@given(PRONOUN_TEXTS, st.integers(0, 6))
def test_head_pronouns_equal_counting_nltk_tokens(text, n):
    assert build({"id": "ifbench_head:count:pronouns", "N": n}).check(text).passed == (_pronouns(text) >= n)


@settings(max_examples=60)
@given(PRONOUN_TEXTS, st.integers(0, 3))
def test_head_pronouns_on_long_texts(text, extra):
    text = (text + " ") * (6000 // (len(text) + 1) + 1)
    n = _pronouns(text)
    for threshold in (n - extra, n + 1):
        assert build({"id": "ifbench_head:count:pronouns", "N": max(threshold, 0)}).check(text).passed == (n >= threshold)


def _head_title_case(text: str) -> bool:
    for word in nltk_tokens(text):
        if not word or not word[0].isalpha():
            continue
        head, rest = word[0], word[1:]
        if (len(word) == 1 and head.islower()) or (len(word) > 1 and head.islower() and (rest.isupper() or rest.islower())):
            return False
    return True


def _title_case(text: str) -> bool:  # the reference's TitleCaseChecker loop
    for word in nltk_tokens(text):
        if word[:1].isupper() and word[1:].islower():
            continue
        if word[:1].islower() and (word[1:].isupper() or word[1:].islower()):
            return False
    return True


TITLE_TEXTS = st.lists(st.sampled_from(PIECES + ["aB", "Ab", "b.c", "(a", "a-b", "x'y", "ßa"]), max_size=30).map("".join)


@settings(max_examples=300)
@given(TITLE_TEXTS)
def test_title_case_checks_equal_their_nltk_definitions(text):
    assert build({"id": "format:title_case"}).check(text).passed == _title_case(text)
    assert build({"id": "ifbench_head:format:title_case"}).check(text).passed == _head_title_case(text)


@settings(max_examples=200)
@given(TEXTS, st.sampled_from(["it", "cat", "Mr.", "x", "."]))
def test_head_words_position_equals_its_nltk_definition(text, keyword):
    words = nltk_tokens(text)
    if len(words) < 2:
        expected = False
    else:
        last = -3 if words[-1] in string.punctuation else -2
        expected = len(words) >= -last and words[1].lower() == words[last].lower() == keyword
    assert build({"id": "ifbench_head:words:words_position", "keyword": keyword}).check(text).passed == expected


@settings(max_examples=200)
@given(st.text(max_size=80), st.text(max_size=40))
def test_trigram_overlap_counted_with_numpy_equals_the_sets(text, reference):
    from rlmr.constraints.ifbench_ratio import _overlap_counts, _trigrams

    if len(text) < 3:
        return
    grams = {text[i : i + 3] for i in range(len(text) - 2)}
    assert _overlap_counts(text, reference + text[: len(text) // 2]) == (len(grams & _trigrams(reference + text[: len(text) // 2])), len(grams))
