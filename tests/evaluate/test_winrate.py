import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.evaluate.winrate import bootstrap_interval, pair_scores, win_rate, win_rate_from_scores


class FirstSlotJudge:
    """The worst position bias: always prefers whatever is shown first."""

    def prefer(self, prompts, first, second):
        return [1.0] * len(prompts)


class LengthJudge:
    """Prefers the longer response, ties on equal length; has no position bias."""

    def prefer(self, prompts, first, second):
        return [1.0 if len(a) > len(b) else 0.0 if len(a) < len(b) else 0.5 for a, b in zip(first, second)]


class BiasedLengthJudge(LengthJudge):
    """Knows the right answer but breaks ties (and only ties) toward the first slot."""

    def prefer(self, prompts, first, second):
        return [1.0 if v == 0.5 else v for v in super().prefer(prompts, first, second)]


class FlakyJudge(LengthJudge):
    """Fails (None) on every prompt that contains 'flaky', whichever order."""

    def prefer(self, prompts, first, second):
        verdicts = super().prefer(prompts, first, second)
        return [None if "flaky" in p else v for p, v in zip(prompts, verdicts)]


def test_a_judge_that_always_prefers_the_first_slot_gives_exactly_half():
    prompts = [f"p{i}" for i in range(37)]
    result = win_rate(FirstSlotJudge(), prompts, ["a"] * 37, ["bb"] * 37)
    assert result.rate == 0.5
    assert result.low == 0.5 and result.high == 0.5  # every pair scores 0.5: no spread


def test_known_preferences_give_the_known_rate():
    # 6 pairs: A longer in 3, shorter in 2, equal in 1 -> (3 + 0.5) / 6.
    a = ["xxxx", "xxxx", "xxxx", "x", "x", "xx"]
    b = ["x", "x", "x", "xxxx", "xxxx", "yy"]
    result = win_rate(LengthJudge(), [""] * 6, a, b)
    assert result.rate == pytest.approx(3.5 / 6)
    assert result.per_pair == (1.0, 1.0, 1.0, 0.0, 0.0, 0.5)


def test_position_bias_on_ties_cancels_out():
    a = ["xx", "xxx", "x"]
    b = ["yy", "y", "yyy"]
    unbiased = win_rate(LengthJudge(), [""] * 3, a, b)
    biased = win_rate(BiasedLengthJudge(), [""] * 3, a, b)
    assert biased.rate == unbiased.rate == pytest.approx(1.5 / 3)


def test_failed_judgements_are_left_out_and_counted_not_scored_as_losses():
    prompts = ["ok", "flaky one", "ok"]
    result = win_rate(FlakyJudge(), prompts, ["xxx", "x", "xxx"], ["y", "yyy", "y"])
    assert result.rate == 1.0
    assert result.n_pairs == 2 and result.n_missing == 1
    assert result.per_pair[1] is None


def test_all_failed_gives_nan_not_zero():
    result = win_rate_from_scores([None, None])
    assert math.isnan(result.rate) and result.n_missing == 2


def test_misaligned_inputs_raise_with_the_lengths():
    with pytest.raises(ValueError, match=r"prompts \(2\)"):
        win_rate(LengthJudge(), ["a", "b"], ["x"], ["y", "z"])


def test_out_of_range_preference_raises():
    with pytest.raises(ValueError, match="in \\[0, 1\\]"):
        pair_scores([1.5], [0.0])


@settings(max_examples=60)
@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1)), min_size=1, max_size=30))
def test_swapping_a_and_b_mirrors_the_rate(prefs):
    forward = [f for f, _ in prefs]
    backward = [b for _, b in prefs]
    a_rate = win_rate_from_scores(pair_scores(forward, backward)).rate
    b_rate = win_rate_from_scores(pair_scores(backward, forward)).rate
    assert a_rate + b_rate == pytest.approx(1.0)
    assert 0.0 <= a_rate <= 1.0


@settings(max_examples=40)
@given(st.lists(st.floats(0, 1), min_size=1, max_size=40), st.integers(0, 2**16))
def test_interval_brackets_the_mean(values, seed):
    low, high = bootstrap_interval(values, seed=seed, samples=300)
    mean = float(np.mean(values))
    assert low - 1e-9 <= mean <= high + 1e-9


def test_bootstrap_interval_covers_the_true_rate_about_95_percent_of_the_time():
    # Known case: each pair is a win with probability 0.7. Over 300 independent experiments of
    # 120 pairs, a 95% interval should contain 0.7 in roughly 95% of them (binomial sd ~1.3 pt;
    # the percentile bootstrap runs slightly narrow at this n, hence the lower bound of 0.90).
    rng = np.random.default_rng(1234)
    true_rate, experiments, n = 0.7, 300, 120
    covered = 0
    for i in range(experiments):
        wins = (rng.random(n) < true_rate).astype(float)
        low, high = bootstrap_interval(wins, seed=i, samples=1000)
        covered += low <= true_rate <= high
    assert 0.90 <= covered / experiments <= 0.99
