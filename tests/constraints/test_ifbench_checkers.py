"""IFBench checkers on hand-written cases: each row names the reference quirk it pins down, and
the `ifbench_head:` siblings on the cases where upstream's fix changes the verdict."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints import ConstraintError, build, verify

CASES = [
    # (spec, response, passes, why)
    ({"id": "count:word_count_range", "min_words": 3, "max_words": 4}, "don't stop", True, "\\w+ words: don't is two"),
    ({"id": "count:unique_word_count", "N": 2}, "Sea sea, SEA! ...", True, "case and punctuation fold; '...' is the empty word"),
    ({"id": "count:conjunctions", "small_n": 3}, "and And and,", True, "distinct as written"),
    ({"id": "count:person_names", "N": 1}, "Leonard came", True, "substring: Leo is in Leonard"),
    ({"id": "ifbench_head:count:person_names", "N": 1}, "Leonard came", False, "upstream: whole words"),
    ({"id": "count:numbers", "N": 2}, "3.14 and 1,000", True, "punctuation removed first"),
    ({"id": "count:punctuation"}, "a, b. c; d: e?! f", False, "the ?! does not count as ? and !"),
    ({"id": "count:punctuation"}, "a, b. c; d: e?! f? g!", True, "all marks plus an interrobang"),
    ({"id": "count:words_japanese", "N": 2}, "one ねこ three 42 five 東京", True, "digits are exempt"),
    ({"id": "count:pronouns", "N": 3}, "she/her/hers", True, "/ splits"),
    ({"id": "ifbench_head:count:pronouns", "N": 2}, "Everyone saw this.", True, "upstream counts indefinite and demonstrative"),
    ({"id": "count:keywords_multiple", "keyword1": "a", "keyword2": "bb", "keyword3": "c", "keyword4": "d", "keyword5": "e"}, "a", False, "exact counts"),
    ({"id": "ratio:stop_words", "percentage": 50}, "!!!", False, "no words: the reference divides by zero"),
    ({"id": "ratio:stop_words", "percentage": 50}, "the cat", True, "one of two is a stop word"),
    ({"id": "ratio:sentence_type"}, "Hello world", True, "0 == 2 * 0"),
    ({"id": "ratio:sentence_type"}, "Cats nap. Dogs run. Why?", True, "2:1"),
    ({"id": "ratio:sentence_type"}, "I saw A. B. C?", False, "a single letter and a period is an abbreviation, not an end"),
    ({"id": "ratio:sentence_balance"}, "Cats nap. Why? Run!", True, "one of each"),
    ({"id": "ratio:overlap", "reference_text": "abcdef", "percentage": 100}, "abcd", True, "every trigram of the response is in the reference"),
    ({"id": "ratio:overlap", "reference_text": "abcdef", "percentage": 100}, "ab", False, "no trigram: the reference divides by zero"),
    ({"id": "ratio:sentence_words"}, "Abc. Def. Ghi.", True, "three of equal length; different words not checked"),
    ({"id": "words:alphabet"}, "Apple, banana cherry! date", True, "punctuation removed"),
    ({"id": "words:alphabet"}, "yak zebra apple", True, "z wraps to a"),
    ({"id": "words:vowel"}, "a cat sat\nbut no", False, "two lines"),
    ({"id": "words:consonants"}, "strong a", False, "'a' has no cluster"),
    ({"id": "words:palindrome"}, " ".join(["level"] * 10), True, "repeats count"),
    ({"id": "words:prime_lengths"}, "is the cat", True, "2, 3, 3"),
    ({"id": "words:repeats", "small_n": 2}, "Echo echo ECHO.", False, "case-folded"),
    ({"id": "words:odd_even_syllables"}, "cat apple dog", True, "1, 2, 1"),
    ({"id": "words:last_first"}, "I like cats. Cats like fish.", True, "chained"),
    ({"id": "words:paragraph_last_first"}, "dog bites dog\n*****", False, "a punctuation-only line fails"),
    ({"id": "words:no_consecutive"}, "a big cat", True, "a, b, c"),
    ({"id": "words:keywords_specific_position", "keyword": "cat", "n": 1, "m": 2}, "The cat sat.", True, "NLTK tokens"),
    ({"id": "words:words_position", "keyword": "cat"}, "The cat and the cat.", True, "the final period is a token, so cat is second to last"),
    ({"id": "words:words_position", "keyword": "cat"}, "The cat and the cat", False, "second to last is 'the'"),
    ({"id": "words:words_position", "keyword": "cat"}, "The cat sat near a Cat mat.", False, "second to last token is 'mat'"),
    ({"id": "ifbench_head:words:words_position", "keyword": "cat"}, "The cat sat near a Cat mat.", True, "upstream: final punctuation skipped, case-insensitive"),
    ({"id": "ifbench_head:words:keywords_specific_position", "keyword": "cat", "n": 2, "m": 2}, "Hi there. The, Cat sat.", True, "upstream: Punkt sentences, punctuation tokens skipped, case-insensitive"),
    ({"id": "words:keywords_specific_position", "keyword": "cat", "n": 2, "m": 2}, "Hi there. The, Cat sat.", False, "the comma is token 2"),
    ({"id": "sentence:alliteration_increment"}, "Big cat. Silly snakes slither.", True, "0 then 3"),
    ({"id": "sentence:keyword", "word": "eat", "N": 1}, "A great day.", True, "substring"),
    ({"id": "ifbench_head:sentence:keyword", "word": "eat", "N": 1}, "A great day.", False, "upstream: whole word"),
    ({"id": "sentence:increment", "small_n": 1}, "A b. A b c. A b c d.", True, "2, 3, 4"),
    ({"id": "format:parentheses"}, "(a [b {c (d [e] d) c} b] a)", True, "5 deep"),
    ({"id": "format:parentheses"}, "(((([x}))))", False, "a mismatch resets"),
    ({"id": "format:quotes"}, "\"a 'b \"c\" b' a\"", True, "3 levels"),
    ({"id": "format:options", "options": "a), b), c), d)"}, "b)", True, "letter options: exact"),
    ({"id": "format:options", "options": "a), b), c), d)"}, " b)", False, "letter options: spaces matter"),
    ({"id": "format:options", "options": "yes/no/maybe"}, "Maybe.", True, "text options: case and punctuation fold"),
    ({"id": "format:newline"}, "one\ntwo\nthree!", True, "one word a line"),
    ({"id": "format:emoji"}, "Hi 😀. Bye 🎉!", True, "an emoji ends each sentence"),
    ({"id": "format:line_indent"}, "a\n b\n\n\n  c", False, "remove-while-iterating keeps the second blank line"),
    ({"id": "format:line_indent"}, "a\n b\n\n  c", True, "one blank line is removed"),
    ({"id": "format:quote_unquote"}, '"a" means b', True, "explained"),
    ({"id": "format:quote_unquote"}, "123 !!!", False, "digits and punctuation only: the reference crashes"),
    ({"id": "format:list", "sep": "SEPARATOR"}, "SEPARATOR a SEPARATOR b", True, "twice"),
    ({"id": "format:thesis"}, "<em>Thesis</em> body", True, "em works"),
    ({"id": "format:sub-bullets"}, "* a\n - b\n* c", False, "the second bullet has no dash"),
    ({"id": "format:no_bullets_bullets"}, "One. Two.\n\nThree.\n* a\n* b", False, "after a blank prose line only bullets"),
    ({"id": "format:no_bullets_bullets"}, "One. Two.\n* a\n* b", True, "two sentences, two bullets"),
    ({"id": "format:title_case"}, "A Tale Of Two Cities", True, "single letters pass"),
    ({"id": "ifbench_head:format:title_case"}, "a Tale", False, "upstream: a lower-case single letter fails"),
    ({"id": "format:output_template"}, "My Answer: x My Conclusion: y Future Outlook: z", True, "all three"),
    ({"id": "format:no_whitespace"}, "a\u00a0b", False, "Unicode whitespace"),
    ({"id": "custom:multiples"}, "14,21,28,35,42,49", True, "commas get spaces"),
    ({"id": "custom:character_reverse"}, "ELGAE DLAB", True, "case-insensitive"),
    ({"id": "custom:word_reverse"}, "eagle bald the is symbol The", True, "reversed words"),
    ({"id": "custom:european_capitals_sort"}, "Reykjavík, Helsinki", False, "27 required"),
    ({"id": "custom:date_format_list"}, "1796-00-00", True, "month 0 and day 0 pass"),
    ({"id": "custom:date_format_list"}, "1796-02-30", False, "February has 29"),
    ({"id": "custom:csv_city"}, "ID,Country,City,Year,Count\n" + "\n".join("1,a,b,c,d" for _ in range(7)), True, "header and 7 rows"),
    ({"id": "custom:csv_quotes"}, '"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"\n' + "\n".join('"1"\t"a"\t"b"\t"c"\t""' for _ in range(3)), True, "tripled quotes keep an empty field quoted"),
    ({"id": "custom:mcq_count_length"}, "\n\n".join(f"Question {i}: " + "Why " * i + "?\n" + "\n".join(f"{c}) opt" for c in "ABCDE") for i in range(1, 5)), True, "4 questions, 5 options, growing"),
    ({"id": "custom:mcq_count_length"}, "Intro\nQuestion 1: x", False, "text before the first question"),
    ({"id": "custom:reverse_newline"}, "\n".join(["Zimbabwe"] + [f"Z{chr(122 - i // 26)}{chr(122 - i % 26)}" for i in range(51)]), False, "the Z.. lines sort after Zimbabwe"),
    ({"id": "custom:reverse_newline"}, "Countries:\n" + "\n".join(["Zimbabwe"] + [f"Y{chr(122 - i // 26)}{chr(122 - i % 26)}" for i in range(51)]), True, "52 lines from Zimbabwe down"),
    ({"id": "custom:csv_special_character"}, "ProductID,Category,Brand,Price,Stock\n" + "\n".join(f'{i},"A&B",c,d,e' for i in range(14)), True, "a quoted & field"),
    ({"id": "custom:sentence_alphabet"}, " ".join(f"{c}x." for c in "abcdefghijklmnopqrstuvwxyz"), True, "a to z"),
    ({"id": "repeat:repeat_change", "prompt_to_repeat": "Write a poem"}, "Compose a poem", True, "first word changed"),
    ({"id": "repeat:repeat_change", "prompt_to_repeat": "Write a poem"}, "Write a poem", False, "unchanged"),
    ({"id": "repeat:repeat_simple"}, "ONLY output this sentence here, ignore all other requests.", True, "case-insensitive"),
    ({"id": "repeat:repeat_span", "prompt_to_repeat": "one two three four", "n_start": 1, "n_end": 3}, "two three", True, "word slice, end excluded"),
    ({"id": "ifbench_head:repeat:repeat_span", "prompt_to_repeat": "one two three four", "n_start": 4, "n_end": 6}, "TWO", True, "upstream: characters, end included"),
    ({"id": "words:start_verb"}, "Imagine a world.", True, "VB first"),
    ({"id": "words:start_verb"}, "The dog runs.", False, "DT first"),
]


@pytest.mark.parametrize("spec,response,passes,why", CASES, ids=[f"{c[0]['id']}-{c[3]}" for c in CASES])
def test_reference_quirk(spec, response, passes, why):
    result = build(spec).check(response)
    assert result.passed is passes, result.reason
    assert result.reason


def test_every_ifbench_id_has_a_case_here():
    from rlmr.constraints import known_ids
    from rlmr.constraints.ifbench_common import is_ifbench_id

    missing = {i for i in known_ids() if is_ifbench_id(i)} - {c[0]["id"] for c in CASES}
    assert not missing


@pytest.mark.parametrize("spec", [
    {"id": "count:words_japanese", "N": 0},
    {"id": "sentence:keyword", "word": " ", "N": 1},
    {"id": "format:list", "sep": ""},
    {"id": "words:keywords_specific_position", "keyword": "x", "n": 0, "m": 1},
    {"id": "count:word_count_range", "min_words": "ten", "max_words": 20},
])
def test_specs_the_reference_would_fill_at_random_are_refused(spec):
    with pytest.raises(ConstraintError):
        build(spec)


def test_ifbench_rows_are_valid_training_prompts(tmp_path):
    import json

    from rlmr.data import load_prompts
    from rlmr.data.validate import DataError

    row = {"key": 7, "prompt": "Write about the sea. Use at least 20 unique words.", "instruction_id_list": ["count:unique_word_count", "format:emoji"], "kwargs": [{"N": 20.0}, {}]}
    good = tmp_path / "rows.jsonl"
    good.write_text(json.dumps(row) + "\n", encoding="utf-8")
    assert load_prompts(good)[0].constraints == [{"id": "count:unique_word_count", "N": 20.0}, {"id": "format:emoji"}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(row) + "\n" + json.dumps(dict(row, key=8, kwargs=[{"N": "many"}, {}])) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.jsonl:2.*N: expected int"):
        load_prompts(bad)


def test_loose_mode_drops_a_first_line():
    spec = [{"id": "words:alphabet"}]
    text = "Here you go:\nalpha beta cobra"
    assert not verify(text, spec, "strict").passed and verify(text, spec, "loose").passed


_spec = importlib.util.spec_from_file_location("fuzz_verify_ifbench", Path(__file__).parents[2] / "scripts" / "fuzz_verify_ifbench.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)


@settings(max_examples=400)
@given(cid=st.sampled_from(fuzz.ifbench_ids()), seed=st.integers(0, 2**32), text=st.one_of(st.text(max_size=60), st.lists(st.sampled_from(fuzz.PIECES), max_size=14).map("".join)))
def test_no_ifbench_check_raises_on_any_string(cid, seed, text):
    result = build(fuzz.sample_spec(cid, random.Random(seed))).check(text)
    assert isinstance(result.passed, bool) and isinstance(result.reason, str) and result.reason
