import pytest

from rlmr.constraints import ConstraintError, build


def check(text, **spec):
    return build(spec).check(text)


def test_sentences_follow_punkt_abbreviations():
    # "Mr." and "p.m." do not end sentences in NLTK's English Punkt model.
    text = "Mr. Smith came at 3 p.m. on Monday. He left. Did he?"
    assert check(text, id="length_constraints:number_sentences", num_sentences=3, relation="at least").passed
    result = check(text, id="length_constraints:number_sentences", num_sentences=3, relation="less than")
    assert not result.passed and result.reason == "3+ sentences; fewer than 3 required"


def test_words_are_backslash_w_runs():
    # "don't" is two words and a run of Chinese characters is one, as in the reference.
    spec = dict(id="length_constraints:number_words", num_words=4, relation="less than")
    assert not check("I don't know 你好世界", **spec).passed
    assert check("I know 你好世界", **spec).passed


@pytest.mark.parametrize(
    "text, passed",
    [
        ("One\n***\nTwo", True),
        ("***\nOne\n***\nTwo\n***", True),  # empty first and last chunks are ignored
        ("One\n***\n\n***\nTwo", False),  # an empty middle chunk fails
        ("One\n\nTwo", False),
    ],
)
def test_paragraphs_split_on_three_stars(text, passed):
    assert check(text, id="length_constraints:number_paragraphs", num_paragraphs=2).passed is passed


def test_nth_paragraph_first_word_strips_quotes_and_punctuation():
    spec = dict(id="length_constraints:nth_paragraph_first_word", num_paragraphs=2, nth_paragraph=2, first_word="Summary")
    assert check("Intro here.\n\n\"Summary, then more.", **spec).passed
    assert not check("Intro here.\n\nOverview first.", **spec).passed
    assert not check("Intro.\n\nSummary.\n\nExtra.", **spec).passed  # 3 paragraphs


def test_nth_paragraph_must_lie_within_the_paragraph_count():
    with pytest.raises(ConstraintError, match="nth_paragraph"):
        build({"id": "length_constraints:nth_paragraph_first_word", "num_paragraphs": 2, "nth_paragraph": 3, "first_word": "a"})
