import math

import pytest

from rlmr.evaluate.creative import count_words, score_creative, writing_score_stats


class LengthScorer:
    """Scores by word count; cannot score an empty response (None), as a failing judge would."""

    def score(self, prompts, responses):
        return [float(len(r.split())) if r.strip() else None for r in responses]


@pytest.mark.parametrize(
    "text, words",
    [
        ("don't stop-now, friend", 3),  # inner apostrophe and hyphen join, as cw:word_count counts
        ("春眠不觉晓 and dawn", 7),  # each CJK ideograph is one word
        ("", 0),
    ],
)
def test_count_words_matches_the_cw_word_count_rules(text, words):
    assert count_words(text) == words


def test_pass_rates_per_constraint_and_missing_scores_are_kept_apart():
    prompts = ["a", "b", "c"]
    constraints = [[{"id": "cw:no_comma"}], [{"id": "cw:no_comma"}, {"id": "punctuation:no_comma"}], []]
    responses = ["no commas here", "one, two", "   "]
    scored = score_creative(prompts, constraints, responses, LengthScorer())
    m = scored.metrics
    assert m["pass_rate"] == pytest.approx(2 / 3)  # no constraints counts as passed
    assert m["constraint/cw:no_comma/pass_rate"] == 0.5
    assert m["constraint/punctuation:no_comma/pass_rate"] == 0.0
    assert m["writing_score/missing"] == 1
    assert m["writing_score/mean"] == 2.5 and m["writing_score/passed"] == 3.0 and m["writing_score/violated"] == 2.0
    assert scored.rows[1]["verdict"]["passed"] is False and scored.rows[2]["writing_score"] is None


def test_all_missing_scores_give_nan_never_zero():
    stats = writing_score_stats([None, None], [True, False])
    assert math.isnan(stats["writing_score/mean"]) and stats["writing_score/missing"] == 2
