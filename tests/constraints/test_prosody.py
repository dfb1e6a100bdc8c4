"""English syllables and rhymes from the CMU data (via pronouncing), with their fallbacks."""

from __future__ import annotations

import pytest

from rlmr.constraints import prosody


@pytest.mark.parametrize(
    "word, syllables",
    [
        ("pond", (1, 1)),
        ("silence", (2, 2)),
        ("fire", (1, 2)),  # F AY1 R / F AY1 ER0
        ("every", (2, 3)),  # EH1 V R IY0 / EH1 V ER0 IY0
        ("Don’t", (1, 1)),  # typographic apostrophe looked up as "don't"
        ("moon-bright", (2, 2)),  # not in the data: its parts are
        ("flibbertigibbetish", (6, 6)),  # not in the data: syllapy
        ("zzz", (1, 1)),  # never below one
    ],
)
def test_word_syllables(word, syllables):
    assert prosody.word_syllables(word) == syllables


@pytest.mark.parametrize(
    "line, unit",
    [
        ("Shall I compare thee to a summer's day?", "day"),
        ("Have all built their nests in my beard!\"", "beard"),
        ("床前明月光，", "光"),
        ("I love 月光", "光"),
        ("月光 and the sea...", "sea"),
        ("--- ...", ""),
    ],
)
def test_last_unit(line, unit):
    assert prosody.last_unit(line) == unit


@pytest.mark.parametrize(
    "a, b, rhyme",
    [
        ("day", "May", True),
        ("sun", "dun", True),
        ("red", "head", True),  # spelled apart, sound alike
        ("love", "move", False),  # spelled alike, sound apart: pronunciation wins
        ("temperate", "date", False),
        ("dimm'd", "untrimm'd", True),  # neither in the data: spelling decides
        ("光", "乡", True),
        ("光", "月", False),
    ],
)
def test_rhymes(a, b, rhyme):
    assert prosody.rhymes(a, b) is rhyme
