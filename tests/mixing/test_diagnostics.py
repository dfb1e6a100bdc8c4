"""MixResult.log: stable metric keys (docs/contracts.md section 5) with hand-computed values."""

from __future__ import annotations

import math

import pytest

from rlmr.mixing import GroupKind, mix

CONTRACT_KEYS = {
    "pass_rate",
    "writing_score/mean",
    "writing_score/passed",
    "writing_score/violated",
    "penalty/mean",
    "penalty/max",
    "groups/all_pass",
    "groups/mixed",
    "groups/all_fail",
    "advantage/max_violator",
    "scorer/missing",
}


def three_groups():
    # group 0 mixed (the worked example, delta 0.72), group 1 all pass, group 2 all fail with a missing score.
    scores = [0.9, 0.5, 0.7, 0.2, 0.6, 0.6, 0.8, 0.4, 0.3, None, 0.1, 0.5]
    passed = [0, 1, 1, 0, 1, 1, 1, 1, 0, 0, 0, 0]
    return mix(scores, passed, group_size=4)


def test_log_has_the_contract_keys_under_the_prefix():
    metrics = three_groups().log(prefix="train/")
    assert {key.removeprefix("train/") for key in metrics} >= CONTRACT_KEYS
    assert all(key.startswith("train/") for key in metrics)
    assert set(three_groups().log(prefix="")) >= CONTRACT_KEYS


def test_log_values_match_a_hand_count():
    m = three_groups().log(prefix="")
    assert m["pass_rate"] == pytest.approx(6 / 12)
    assert m["scorer/missing"] == pytest.approx(1 / 12)
    assert m["writing_score/mean"] == pytest.approx(5.6 / 11)
    assert m["writing_score/passed"] == pytest.approx((0.5 + 0.7 + 0.6 + 0.6 + 0.8 + 0.4) / 6)
    assert m["writing_score/violated"] == pytest.approx((0.9 + 0.2 + 0.3 + 0.1 + 0.5) / 5)
    assert m["penalty/mean"] == pytest.approx(0.72) and m["penalty/max"] == pytest.approx(0.72)
    assert (m["groups/all_pass"], m["groups/mixed"], m["groups/all_fail"]) == pytest.approx((1 / 3,) * 3)
    assert m["groups/too_few_valid"] == 0.0
    assert m["advantage/max_violator"] < 0


def test_group_diagnostics_per_group():
    grp = three_groups().groups
    assert [GroupKind(k).label for k in grp.kind] == ["mixed", "all-pass", "all-fail"]
    assert grp.n_valid.tolist() == [4, 4, 3] and grp.n_passed.tolist() == [2, 4, 0]
    assert grp.delta[1] == 0.0 and grp.delta[2] == 0.0
    assert math.isnan(grp.max_violator_advantage[1])  # no violator
    assert grp.max_violator_advantage[2] == 0.0  # all-fail, zero policy


def test_undefined_metrics_are_nan_not_zero():
    m = mix([0.3, 0.4], [1, 1], group_size=2).log(prefix="")
    assert math.isnan(m["writing_score/violated"])
    assert math.isnan(m["penalty/mean"]) and math.isnan(m["advantage/max_violator"])
