"""Scorer spec strings: one grammar for CLI, YAML and Python."""

import pytest

from rlmr.writing import ScorerError, WritingScorer, build_scorer, parse_spec
from rlmr.writing.base import ScorerSpec


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("proxy", ScorerSpec("proxy")),
        ("proxy?max_tokens=64&w_overlap=0.5", ScorerSpec("proxy", options={"max_tokens": "64", "w_overlap": "0.5"})),
        ("classifier:/models/rm", ScorerSpec("classifier", "/models/rm")),
        ("classifier:Skywork/Skywork-Reward-V2-Qwen3-0.6B?batch_size=4",
         ScorerSpec("classifier", "Skywork/Skywork-Reward-V2-Qwen3-0.6B", options={"batch_size": "4"})),
        # URLs have their own colons and slashes; the model name may have them too.
        ("judge:http://127.0.0.1:8000/v1#Qwen/Qwen3-8B", ScorerSpec("judge", "http://127.0.0.1:8000/v1", "Qwen/Qwen3-8B")),
        ("judge:https://api.example.com/v1#gpt:mini?mode=pairwise&rubric=be%20strict",
         ScorerSpec("judge", "https://api.example.com/v1", "gpt:mini", {"mode": "pairwise", "rubric": "be strict"})),
    ],
)
def test_parse_spec(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    "spec, message",
    [
        ("proxi", "unknown scorer kind 'proxi'.*did you mean 'proxy'"),
        ("judge:http://x/v1", "expected judge:URL#MODEL"),
        ("judge:http://x/v1#", "model name after '#' is empty"),
        ("classifier:", "expected classifier:PATH_OR_HUB_ID"),
        ("proxy:something", "takes no target"),
        ("proxy?max_tokens", "key=value"),
        ("proxy?max_tokens=lots", "max_tokens='lots': expected int"),
        ("proxy?w_length=1", "unknown option 'w_length'; known: batch_size, encoder_tokens, max_tokens, prompted, w_diversity"),
        ("proxy?encoder_tokens=0", "encoder_tokens must be >= 1"),
        ("proxy?prompted=maybe", "prompted='maybe': expected bool"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, message):
    with pytest.raises(ScorerError, match=message):
        build_scorer(spec)


def test_building_loads_nothing_and_gives_a_writing_scorer():
    scorer = build_scorer("proxy?max_tokens=32&w_repetition=3")
    assert isinstance(scorer, WritingScorer)
    assert scorer.max_tokens == 32 and scorer.weights.repetition == 3.0
    assert isinstance(build_scorer("classifier:/nowhere"), WritingScorer)  # lazy: no load yet
