"""No `cw:` check ever raises, on any string: hypothesis text, structural junk, 50 KB random unicode.

A verifier that raises on one odd response kills a training run, so every `cw:` id is listed
here with an example spec (a test fails when an id is added without one).
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rlmr.constraints import CheckResult, build, known_ids

EXAMPLES = [
    {"id": "cw:word_count", "relation": "about", "n": 20},
    {"id": "cw:word_count", "relation": "between", "n": 1, "n_max": 3},
    {"id": "cw:char_count", "relation": "at_least", "n": 2, "count_punctuation": True},
    {"id": "cw:mixed_count", "relation": "exactly", "n": 3},
    {"id": "cw:sentence_count", "relation": "at_most", "n": 2},
    {"id": "cw:paragraph_count", "relation": "exactly", "n": 2},
    {"id": "cw:line_count", "relation": "at_least", "n": 2},
    {"id": "cw:stanza_count", "relation": "about", "n": 3, "tolerance": 0.5},
    {"id": "cw:syllable_pattern", "pattern": [1, 2]},
    {"id": "cw:chars_per_line", "n": 1},
    {"id": "cw:chars_per_line", "n": 2, "num_lines": 2},
    {"id": "cw:rhyme_scheme", "scheme": "AA"},
    {"id": "cw:rhyme_scheme", "scheme": "ABXB"},
    {"id": "cw:acrostic", "word": "a月"},
    {"id": "cw:starts_with", "phrase": "ß"},  # casefolds to "ss": longer than itself
    {"id": "cw:ends_with", "phrase": "”"},
    {"id": "cw:ends_with", "phrase": "the end"},
    {"id": "cw:title"},
    {"id": "cw:title", "style": "book"},
    {"id": "cw:keyword_count", "keyword": "a b", "relation": "at_least", "n": 1},
    {"id": "cw:keyword_count", "keyword": "月", "relation": "exactly", "n": 1},
    {"id": "cw:banned_words", "words": ["a", "明月", "(", "\\b"]},  # regex metacharacters are literal
    {"id": "cw:no_comma"},
    {"id": "cw:max_word_repeat", "n": 1},
    {"id": "cw:dialogue", "min_turns": 1},
    {"id": "cw:dialogue", "min_turns": 1, "style": "quoted"},
]
CHECKERS = [build(spec) for spec in EXAMPLES]
# Pieces that steer the checks into their structural branches.
TOKENS = [
    "\n", "\n\n", "\r\n", " ", "\t", "\u2028", "\x00", "\x01", ".", "...", "…", "。", "！", "？", "?", "!",
    ",", "，", "、", "《", "》", "<<", ">>", "# ", "#", "**", "***", "---", ":", "：", "(", "（", ")",
    '"', "“", "”", "「", "」", "'", "’", "-", "Dr.", "e.g.", "J.", "A", "a", "I", "moon", "day", "May",
    "fire", "the", "明", "月", "光", "霜", "乡", "行", "ß", "İ", "ﬁ", "😀", "\u0301", "\ud800", "0", "10:30",
]
junk = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
any_text = st.text(alphabet=st.characters(exclude_categories=()), max_size=300)  # surrogates included


def _assert_total(text: str) -> None:
    for checker in CHECKERS:
        result = checker.check(text)
        assert isinstance(result, CheckResult), checker.id
        assert isinstance(result.passed, bool), checker.id
        assert isinstance(result.reason, str) and result.reason, checker.id


def test_every_cw_id_has_an_example():
    assert {spec["id"] for spec in EXAMPLES} == {i for i in known_ids() if i.startswith("cw:")}


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(junk, any_text))
def test_no_check_raises_on_any_string(text):
    _assert_total(text)


@pytest.mark.parametrize("seed", [0, 1])
def test_no_check_raises_on_50_kb_of_random_unicode(seed):
    rng = random.Random(seed)
    # Every plane up to U+2FFFF (lone surrogates included), with a CJK and newline bias.
    chars = [chr(rng.randrange(0x4E00, 0xA000)) if rng.random() < 0.3 else chr(rng.randrange(0, 0x30000)) for _ in range(50_000)]
    for i in range(0, len(chars), 97):
        chars[i] = rng.choice(TOKENS)
    _assert_total("".join(chars))


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda spec: spec["id"])
def test_describe_in_english_and_chinese(spec):
    constraint = build(spec)
    english, chinese = constraint.describe(), constraint.describe("zh")
    assert english.endswith(".") and english[0].isupper()
    assert chinese.endswith("。") and any("\u4e00" <= c <= "\u9fff" for c in chinese)
