"""English phrasings the rules once missed: an opening phrase after a bullet, a closing quote or a
negated sentence; words declared off limits; a quoted keyword that opens its sentence; "precisely
once"; and a range whose first number is "one hundred". Prompts are made up, shaped like the ones
that were missed."""

import pytest

from rlmr.constraints.extract import specs
from rlmr.constraints.extract.equivalence import canonical
from rlmr.constraints.extract.equivalence import key as canonical_key


def canon(items):
    return sorted(map(canonical_key, canonical(items)))


def by_id(prompt, cid):
    return [s for s in specs(prompt) if s["id"] == cid]


@pytest.mark.parametrize("prompt, phrase", [
    # The sentence before says "no fewer" / "never": its negation is not this instruction's.
    ("Draft a memo. Use four paragraphs, no more and no fewer. Open with: \"Good news everyone\" Keep it brief.",
     "Good news everyone"),
    ("Write about a bridge that was never finished. Begin with the words \"Stone by stone\".", "Stone by stone"),
    # After a closing quote ("...silence." Begin with ...).
    ("Finish with the exact phrase \"Goodnight, moon.\" Begin with the words \"Far away\".", "Far away"),
    # As a bullet of a rule list.
    ("Write a toast for a wedding.\n\nRules:\n- Open with: \"Raise your glasses\"\n- No commas anywhere.",
     "Raise your glasses"),
    ("Write a short fable.\n\nRequirements:\n* Begin with the words \"Hush\".\n* At least 90 words.", "Hush"),
])
def test_opening_phrase_in_more_positions(prompt, phrase):
    assert by_id(prompt, "cw:starts_with") == [{"id": "cw:starts_with", "phrase": phrase}]


@pytest.mark.parametrize("prompt", [
    "Write a story and never start with \"Once upon a time\".",
    "Write a poem.\n- Do not begin with \"Roses\".",
])
def test_a_negated_opening_is_still_no_constraint(prompt):
    assert by_id(prompt, "cw:starts_with") == []


@pytest.mark.parametrize("prompt, words", [
    ("The words \"sunset\" or \"ocean\" are off limits. Write a travel postcard.", ["sunset", "ocean"]),
    ("Write a riddle. The words \"cat\" are off-limits.", ["cat"]),
    ("Write a rap verse.\n\nRules:\n- The terms \"money\", \"fame\" or \"gold\" are not permitted.",
     ["money", "fame", "gold"]),
    ("Compose a hymn; the word \"night\" is out of bounds.", ["night"]),
])
def test_words_declared_off_limits_are_forbidden(prompt, words):
    got = by_id(prompt, "keywords:forbidden_words")
    assert got == [{"id": "keywords:forbidden_words", "forbidden_words": words}]


@pytest.mark.parametrize("prompt, keyword, n", [
    ("\"lighthouse\" must appear exactly twice. Write a sea shanty.", "lighthouse", 2),
    ("Write a lullaby.\n\nRules:\n- \"star\" must appear exactly one time.", "star", 1),
    ("Write a limerick. \"cheese\" should be used precisely 3 times.", "cheese", 3),
    ("Write a haiku. Mention \"frost\" precisely once, no more.", "frost", 1),
    ("Write a jingle. Mention \"bubbles\" precisely twice, no more.", "bubbles", 2),
])
def test_exact_keyword_counts(prompt, keyword, n):
    kw = [s for s in specs(prompt) if s["id"].startswith("keywords:")]
    assert canon(kw) == canon([{"id": "cw:keyword_count", "keyword": keyword, "relation": "exactly", "n": n}])


@pytest.mark.parametrize("prompt", [
    "\"Hello world\" is the first program anyone writes. Write about it.",
    "\"Stop\" is the title of my poem; please continue it.",
])
def test_a_quote_opening_a_sentence_without_a_count_is_no_keyword(prompt):
    assert [s for s in specs(prompt) if s["id"].startswith("keywords:")] == []


@pytest.mark.parametrize("prompt, lo, hi", [
    ("Keep it between one hundred and one hundred forty words (inclusive).", 100, 140),
    ("Write between two hundred and two hundred fifty words.", 200, 250),
    ("Write between one hundred and twenty and two hundred words.", 120, 200),
])
def test_a_range_starting_at_a_round_hundred(prompt, lo, hi):
    assert canon(specs(prompt)) == canon([{"id": "cw:word_count", "relation": "between", "n": lo, "n_max": hi}])


def test_hundred_and_one_is_still_one_number():
    assert canon(specs("Use exactly one hundred and one words.")) == canon(
        [{"id": "cw:word_count", "relation": "exactly", "n": 101}])
