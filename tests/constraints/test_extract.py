"""English extraction: phrasings beyond IFEval's, numbers that are not constraints, and specs
that the registry accepts."""

import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from rlmr.constraints import build, known_ids
from rlmr.constraints.extract import extract, specs
from rlmr.constraints.extract.numbers import parse_en, parse_zh

FIXTURE = Path(__file__).parents[1] / "fixtures" / "zh_extract.jsonl"


def ids(prompt):
    return sorted(s["id"] for s in specs(prompt))


@pytest.mark.parametrize("prompt", [
    "Write a story about 3 friends who go camping.",
    "Write a story set in 1999 about a lost dog.",
    "Describe the 7 wonders of the world in a fun way.",
    "Write a poem about the 4 seasons and the 12 months.",
    "Explain why the 2nd amendment matters, in the first person.",
    "My grandmother is 90 years old; write her a birthday card.",
    "Summarize chapter 11 of the book for a 5th grade class.",
    "Write a letter I can send to my landlord about the broken heater.",
    "Tell me about the letter of the law versus the spirit of the law.",
    "Write a blog post about the 10 best hiking trails in Utah.",
])
def test_numbers_that_are_not_constraints_yield_nothing(prompt):
    assert specs(prompt) == []


@pytest.mark.parametrize("prompt, expected", [
    # Comparators map the way IFEval's own data does: inclusive upper bounds become "less than N+1".
    ("Keep it to no more than twenty-five words.", {"relation": "less than", "num_words": 26}),
    ("The essay must not exceed 300 words.", {"relation": "less than", "num_words": 301}),
    ("Your reply should be fewer than 50 words.", {"relation": "less than", "num_words": 50}),
    ("Write a minimum of 400 words.", {"relation": "at least", "num_words": 400}),
    ("Answer in more than a hundred words.", {"relation": "at least", "num_words": 101}),
    ("Write 250 words or fewer.", {"relation": "less than", "num_words": 251}),
    ("The word count of your answer should be 80 or less.", None),
    # Upper bounds said with "nothing"/"past"/"beyond": once read as "more than 100" (inverted).
    ("Write a story in nothing more than 100 words.", {"relation": "less than", "num_words": 101}),
    ("Don't go beyond 200 words.", {"relation": "less than", "num_words": 201}),
])
def test_word_limits_in_many_phrasings(prompt, expected):
    got = [s for s in specs(prompt) if s["id"] == "length_constraints:number_words"]
    if expected is None:  # "word count of" is not a phrasing the rules claim to read
        return
    assert got == [{"id": "length_constraints:number_words", **expected}]


@pytest.mark.parametrize("prompt, expected", [
    ("Write a poem about rain. Nothing past ten lines.", {"relation": "at_most", "n": 10}),
    ("Write a poem that goes no further than 12 lines.", {"relation": "at_most", "n": 12}),
    ("Write a poem; do not go past ten lines.", {"relation": "at_most", "n": 10}),
    ("Write a poem over ten lines long.", {"relation": "at_least", "n": 11}),
])
def test_line_limits_said_as_past_beyond_or_further(prompt, expected):
    assert [s for s in specs(prompt) if s["id"] == "cw:line_count"] == [{"id": "cw:line_count", **expected}]


def test_a_range_becomes_two_bounds():
    got = [s for s in specs("Write between 5 and 8 sentences.") if s["id"].endswith("number_sentences")]
    assert {(s["relation"], s["num_sentences"]) for s in got} == {("at least", 5), ("less than", 9)}


def test_a_restated_count_in_parentheses_is_not_counted_twice():
    got = specs("Keep it under 3 sentences (just 1 or 2 sentences).")
    assert got == [{"id": "length_constraints:number_sentences", "relation": "less than", "num_sentences": 3}]


def test_per_line_counts_are_not_whole_response_counts():
    assert not any(s["id"].endswith("number_sentences") for s in specs("Each line should contain exactly one sentence."))


def test_quoted_material_is_not_an_instruction():
    prompt = 'Rewrite this sentence: "Please answer in less than 5 words and do not use any commas."'
    assert specs(prompt) == []


def test_keywords_forbidden_words_and_frequency_are_read_with_their_terms():
    prompt = ("Write a sonnet about the sea. Include the keywords 'tide' and 'salt'. "
              "Avoid the words blue, wave or foam. The word moon should appear at least three times.")
    got = {s["id"]: s for s in specs(prompt)}
    assert got["keywords:existence"]["keywords"] == ["tide", "salt"]
    assert got["keywords:forbidden_words"]["forbidden_words"] == ["blue", "wave", "foam"]
    assert got["keywords:frequency"] == {"id": "keywords:frequency", "keyword": "moon", "relation": "at least", "frequency": 3}


def test_letter_frequency_and_its_negated_form():
    got = specs("Never use the letter z. The letter e should appear at most 20 times.")
    assert {(s["letter"], s["let_relation"], s["let_frequency"]) for s in got} == {("z", "less than", 1), ("e", "less than", 21)}


@pytest.mark.parametrize("prompt, expected_ids", [
    ("End your story with the phrase 'And that was that.'", ["startend:end_checker"]),
    ("Respond only in Spanish, please.", ["language:response_language"]),
    ("Put your whole answer in double quotes and give it a title like <<my title>>.", ["detectable_format:title", "startend:quotation"]),
    ("Write it all in lowercase and add a P.S. at the end.", ["change_case:english_lowercase", "detectable_content:postscript"]),
    ("Use exactly 4 bullet points and no commas.", ["detectable_format:number_bullet_lists", "punctuation:no_comma"]),
    ("Split the answer into 3 parts separated by the markdown divider ***.", ["length_constraints:number_paragraphs"]),
    ("Write a 14-line poem with the rhyme of your choice.", ["cw:line_count"]),
])
def test_form_instructions_in_new_phrasings(prompt, expected_ids):
    assert ids(prompt) == expected_ids


def test_end_phrase_keeps_its_exact_text():
    got = specs('Finish with this exact sentence: "See you tomorrow, friend."')
    assert got == [{"id": "startend:end_checker", "end_phrase": "See you tomorrow, friend."}]


def test_repeat_prompt_takes_the_request_on_the_other_side():
    prompt = "Write a haiku about rain.\nFirst repeat the request above word for word, then answer."
    assert specs(prompt) == [{"id": "combination:repeat_prompt", "prompt_to_repeat": "Write a haiku about rain."}]


def test_spans_point_at_the_stating_text_and_soft_items_are_marked():
    prompt = "Write a letter in a melancholic tone, in less than 200 words."
    items = extract(prompt)
    for c in items:
        assert prompt[c.span[0]:c.span[1]] == c.text and c.source == "rules"
    soft = [c for c in items if not c.hard]
    assert [c.spec for c in soft] == [{"id": "soft:tone", "value": "melancholic"}]


@given(st.integers(min_value=2, max_value=100_000), st.sampled_from(["at most", "no more than", "up to", "a maximum of"]))
def test_inclusive_upper_bounds_map_to_less_than_n_plus_one(n, comparator):
    got = specs(f"Please answer in {comparator} {n} words.")
    assert got == [{"id": "length_constraints:number_words", "relation": "less than", "num_words": n + 1}]


@given(st.integers(min_value=1, max_value=100_000))
def test_lower_bounds_keep_n(n):
    got = specs(f"Your response should contain at least {n} sentences.")
    assert got == [{"id": "length_constraints:number_sentences", "relation": "at least", "num_sentences": n}]


@pytest.mark.parametrize("text, value", [
    ("twenty-five", 25), ("a dozen", 12), ("twice", 2), ("one hundred and ten", 110), ("1,200", 1200), ("seven", 7),
])
def test_english_numbers(text, value):
    assert parse_en(text) == value


@pytest.mark.parametrize("text, value", [
    ("三百", 300), ("两", 2), ("十二", 12), ("一百零五", 105), ("８００", 800), ("三千五百", 3500), ("一万二千", 12000),
    ("二〇二四", 2024), ("两三", None),
])
def test_chinese_numbers(text, value):
    assert parse_zh(text) == value


def _bundled_prompts():
    import importlib.util
    spec = importlib.util.find_spec("eval_framework")
    rows = [json.loads(line)["prompt"] for line in FIXTURE.read_text().splitlines()]
    if spec and spec.submodule_search_locations:
        path = Path(list(spec.submodule_search_locations)[0]) / "tasks/ifeval/data/input_data.jsonl"
        rows += [json.loads(line)["prompt"] for line in path.read_text().splitlines()]
    return rows


def test_every_extracted_spec_builds_in_the_registry():
    known = set(known_ids())
    produced = [s for p in _bundled_prompts() for s in specs(p)]
    missing = sorted({s["id"] for s in produced} - known)
    if any(not i.startswith("cw:") for i in missing):
        pytest.skip(f"checkers not registered yet: {missing}")
    assert not missing
    for s in produced:
        build(s)
