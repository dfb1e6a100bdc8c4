"""Each strategy on small groups whose rewards and advantages are computed by hand."""

from __future__ import annotations

import math

import numpy as np
import pytest

from rlmr.mixing import STRATEGIES, GroupKind, get_strategy, mix, register_strategy

EPS = 1e-6


def grpo(rewards, eps=EPS):
    """Reference GRPO advantages of one group: (r - mean) / (std_ddof1 * (1 + eps))."""
    r = np.asarray(rewards, float)
    return (r - r.mean()) / (r.std(ddof=1) * (1 + eps))


def test_rlmr_worked_example_matches_the_hand_derivation():
    # S = 2.3, n = 4, n_P = 2, max over violators = 0.9 -> delta* = (4*0.9 - 2.3)/2 = 0.65;
    # spread = 0.9 - 0.2 = 0.7 -> gamma = 0.1 * 0.7 = 0.07; delta = 0.72.
    result = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4)
    grp = result.groups
    assert grp.kind.tolist() == [GroupKind.MIXED]
    assert grp.delta_star[0] == pytest.approx(0.65) and grp.gamma[0] == pytest.approx(0.07)
    assert grp.delta[0] == pytest.approx(0.72)
    np.testing.assert_allclose(result.rewards, [0.18, 0.5, 0.7, -0.52], atol=1e-12)
    np.testing.assert_allclose(result.advantages, grpo([0.18, 0.5, 0.7, -0.52]), rtol=1e-12)
    assert grp.max_violator_advantage[0] == pytest.approx(result.advantages[0]) and result.advantages[0] < 0


def test_rlmr_adds_only_the_margin_when_violators_are_already_below_the_mean():
    # Violators 0.1 and 0.2 are below the mean 0.45: delta* = 0, delta = gamma = 0.1 * 0.7.
    result = mix([0.8, 0.7, 0.1, 0.2], [1, 1, 0, 0], group_size=4)
    assert result.groups.delta_star[0] == 0.0
    assert result.groups.delta[0] == pytest.approx(0.07)


def test_zero_spread_mixed_group_uses_the_floor_and_its_size_cancels_with_std_scaling():
    small = mix([3.0, 3.0, 3.0], [1, 0, 0], group_size=3, margin_floor=1e-3)
    large = mix([3.0, 3.0, 3.0], [1, 0, 0], group_size=3, margin_floor=10.0)
    assert small.groups.delta[0] == 1e-3 and large.groups.delta[0] == 10.0
    np.testing.assert_allclose(small.advantages, large.advantages, rtol=1e-12)
    np.testing.assert_allclose(small.advantages, grpo([1.0, 0.0, 0.0]), rtol=1e-9)
    # Without std scaling the floor sets the size of the push (score units).
    raw = mix([3.0, 3.0, 3.0], [1, 0, 0], group_size=3, margin_floor=10.0, scale_std=False)
    np.testing.assert_allclose(raw.advantages, [20 / 3, -10 / 3, -10 / 3])


def test_all_fail_zero_gives_the_lowest_score_to_everyone_and_zero_advantages():
    result = mix([0.4, 0.9, 0.1], [0, 0, 0], group_size=3)
    assert result.groups.kind[0] == GroupKind.ALL_FAIL
    assert result.rewards.tolist() == [0.1, 0.1, 0.1]
    assert result.advantages.tolist() == [0.0, 0.0, 0.0]


def test_all_fail_partial_ranks_by_satisfied_fraction_then_quality():
    # c sorted: .25 .5 .5 .75 -> smallest gap .25, tau = .125; q = (s - 0.2) / 0.7.
    s, c = [0.2, 0.9, 0.5, 0.4], [0.5, 0.5, 0.25, 0.75]
    result = mix(s, [0, 0, 0, 0], group_size=4, all_fail="partial", satisfied=c)
    q = (np.array(s) - 0.2) / 0.7
    want = np.array(c) + 0.125 * q
    np.testing.assert_allclose(result.rewards, want, rtol=1e-12)
    np.testing.assert_allclose(result.advantages, grpo(want), rtol=1e-9)
    assert np.argsort(result.advantages).tolist() == [2, 0, 1, 3]


def test_all_fail_partial_with_equal_fractions_ranks_by_quality_alone():
    result = mix([0.3, 0.6], [0, 0], group_size=2, all_fail="partial", satisfied=[0.5, 0.5])
    np.testing.assert_allclose(result.rewards, [0.5, 1.5])  # tau = 1, q = 0 and 1


def test_all_fail_writing_gives_plain_grpo_on_the_scores():
    # Everyone violates: a uniform penalty would shift all rewards alike, so the advantages are
    # those of the scores themselves; the best-written violator is reinforced.
    s = [0.4, 0.9, 0.1]
    result = mix(s, [0, 0, 0], group_size=3, all_fail="writing")
    assert result.groups.kind[0] == GroupKind.ALL_FAIL and result.groups.delta[0] == 0
    np.testing.assert_allclose(result.rewards, s)
    np.testing.assert_allclose(result.advantages, grpo(s), rtol=1e-9)
    assert np.argsort(result.advantages).tolist() == [2, 0, 1]


def test_std_scaling_off_gives_centered_rewards():
    result = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4, scale_std=False)
    r = np.array([0.18, 0.5, 0.7, -0.52])
    np.testing.assert_allclose(result.advantages, r - r.mean(), atol=1e-12)


def test_eps_is_relative_to_the_groups_std():
    base = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4, eps=0.0)
    half = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4, eps=0.5)
    np.testing.assert_allclose(half.advantages, base.advantages / 1.5, rtol=1e-12)


def test_missing_scores_get_nan_rewards_and_zero_advantages():
    result = mix([0.9, None, 0.7, 0.2], [0, 1, 1, 0], group_size=4)
    assert math.isnan(result.rewards[1]) and result.advantages[1] == 0.0
    # The other three are mixed as a group of three: delta* = (3*0.9 - 1.8)/1 = 0.9, gamma = 0.07.
    assert result.groups.n_valid[0] == 3 and result.groups.delta[0] == pytest.approx(0.97)
    np.testing.assert_allclose(result.advantages[[0, 2, 3]], grpo([0.9 - 0.97, 0.7, 0.2 - 0.97]), rtol=1e-9)


def test_fewer_than_two_valid_members_gives_zero_advantages():
    result = mix([None, 0.3, float("nan"), None], [1, 0, 1, 1], group_size=4)
    assert result.groups.kind[0] == GroupKind.TOO_FEW_VALID
    assert result.advantages.tolist() == [0.0] * 4
    assert result.rewards[1] == 0.3 and np.isnan(result.rewards[[0, 2, 3]]).all()


def test_group_ids_in_any_order_give_the_same_result_as_consecutive_groups():
    s = [0.9, 0.5, 0.7, 0.2, 0.1, 0.4, 0.8, 0.3]
    v = [0, 1, 1, 0, 1, 0, 0, 1]
    consecutive = mix(s, v, group_size=4)
    order = [4, 0, 5, 1, 6, 2, 7, 3]  # interleave the two groups
    ids = ["b", "a", "b", "a", "b", "a", "b", "a"]
    shuffled = mix([s[i] for i in order], [v[i] for i in order], group_ids=ids)
    np.testing.assert_array_equal(shuffled.advantages, consecutive.advantages[order])
    assert shuffled.groups.group_id.tolist() == ["a", "b"]


def test_writing_is_grpo_on_the_scores():
    result = mix([0.9, 0.5, 0.7, 0.2], [0, 1, 1, 0], group_size=4, strategy="writing")
    assert result.rewards.tolist() == [0.9, 0.5, 0.7, 0.2]
    np.testing.assert_allclose(result.advantages, grpo([0.9, 0.5, 0.7, 0.2]), rtol=1e-12)


def test_verify_uses_passed_or_satisfied_and_ignores_missing_scores():
    flags = mix([None] * 4, [0, 1, 1, 0], group_size=4, strategy="verify")
    assert flags.rewards.tolist() == [0, 1, 1, 0] and flags.groups.n_valid[0] == 4
    np.testing.assert_allclose(flags.advantages, grpo([0, 1, 1, 0]), rtol=1e-12)
    fractions = mix([None] * 4, [0, 1, 1, 0], group_size=4, strategy="verify", satisfied=[0.5, 1, 1, 0])
    assert fractions.rewards.tolist() == [0.5, 1, 1, 0]


def test_linear_uses_fixed_weights_and_so_depends_on_the_scorers_units():
    s, v = np.array([0.9, 0.5, 0.7, 0.2]), np.array([0, 1, 1, 0])
    result = mix(s, v, group_size=4, strategy="linear", weights=(2.0, 0.5))
    np.testing.assert_allclose(result.rewards, 2.0 * s + 0.5 * v, rtol=1e-12)
    np.testing.assert_allclose(result.advantages, grpo(2.0 * s + 0.5 * v), rtol=1e-9)
    rescaled = mix(1000 * s, v, group_size=4, strategy="linear", weights=(2.0, 0.5))
    assert np.argmax(result.advantages) != np.argmax(rescaled.advantages) or not np.allclose(
        result.advantages, rescaled.advantages
    )


def test_normalize_then_sum_adds_group_z_scores_and_drops_constant_signals():
    s, v = np.array([0.9, 0.5, 0.7, 0.2]), np.array([0, 1, 1, 0])
    z = lambda x: (x - x.mean()) / x.std(ddof=1)  # noqa: E731
    result = mix(s, v, group_size=4, strategy="normalize_then_sum")
    np.testing.assert_allclose(result.rewards, z(s) + z(v), rtol=1e-9)
    all_pass = mix(s, [1, 1, 1, 1], group_size=4, strategy="normalize_then_sum")
    np.testing.assert_allclose(all_pass.rewards, z(s), rtol=1e-9)


def test_normalize_then_sum_exact_cancellation_gives_zero_not_noise():
    # z(s) = [+.707, -.707], z(v) = [-.707, +.707]: the sum is 0 and must stay 0 after rescaling.
    for scale in (1.0, 3.7e-5, 1.1e4):
        result = mix([0.8 * scale + 1, 0.3 * scale + 1], [0, 1], group_size=2, strategy="normalize_then_sum")
        assert result.advantages.tolist() == [0.0, 0.0]


def test_unknown_strategy_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown strategy 'rlrm' \(did you mean 'rlmr'\?\); known: linear, "):
        mix([0.1, 0.2], [0, 1], group_size=2, strategy="rlrm")


def test_a_new_strategy_is_one_function_and_one_decorator():
    @register_strategy("negated_writing_for_test")
    def negated(g, opts):
        base = get_strategy("writing").fn(g, opts)
        return type(base)(-base.rewards, -base.centered, base.delta_star, base.gamma)

    try:
        result = mix([0.9, 0.5], [1, 1], group_size=2, strategy="negated_writing_for_test")
        assert result.advantages[0] < 0 < result.advantages[1]
        register_strategy("negated_writing_for_test")(negated)  # same function again: fine
        with pytest.raises(ValueError, match="already registered"):
            register_strategy("rlmr")(negated)
    finally:
        STRATEGIES.pop("negated_writing_for_test")
