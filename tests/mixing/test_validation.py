"""Invalid input raises a ValueError that names the group and the value."""

from __future__ import annotations

import math

import pytest

from rlmr.mixing import mix

S4 = [0.1, 0.2, 0.3, 0.4]
P4 = [0, 1, 0, 1]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        (dict(passed=[0, 1, 0]), r"passed has 3 values, writing_scores has 4"),
        (dict(group_size=3), r"4 responses are not a whole number of groups of 3 \(the last group, 1, has 1\)"),
        (dict(group_size=0), r"group_size: expected a positive integer, got 0"),
        (dict(group_size=None), r"give group_size or group_ids"),
        (dict(group_size=None, group_ids=["a", "a", "a", "b"]), r"ragged groups: group 'b' has 1 responses, group 'a' has 3"),
        (dict(group_size=3, group_ids=["a", "a", "b", "b"]), r"group_size is 3 but every group in group_ids has 2"),
        (dict(group_size=None, group_ids=["a", "b"]), r"group_ids has 2 values, writing_scores has 4"),
        (dict(passed=[0, 1, 0.5, 1]), r"passed\[2\] \(group 1\): expected 0 or 1, got 0.5"),
        (dict(passed=[0, 1, 0, 2]), r"passed\[3\] \(group 1\): expected 0 or 1, got 2.0"),
        (dict(passed=[0, float("nan"), 0, 1]), r"passed\[1\] \(group 0\): expected 0 or 1, got nan"),
        (dict(writing_scores=[0.1, math.inf, 0.3, 0.4]), r"writing_scores\[1\] \(group 0\): .*finite or NaN.*got inf"),
        (dict(writing_scores=[0.1, 0.2, 0.3, -math.inf]), r"writing_scores\[3\] \(group 1\).*got -inf"),
        (dict(writing_scores=[0.1, "x", 0.3, 0.4]), r"writing_scores: expected numbers"),
        (dict(satisfied=[0, 1, 1.5, 1]), r"satisfied\[2\] \(group 1\): expected a fraction in \[0, 1\], got 1.5"),
        (dict(satisfied=[0, 1, float("nan"), 1]), r"satisfied\[2\] \(group 1\).*got nan"),
        (dict(satisfied=[0, 1]), r"satisfied has 2 values, writing_scores has 4"),
        (dict(all_fail="skip"), r"all_fail: expected one of zero, partial, writing, got 'skip'"),
        (dict(all_fail="partial"), r"all_fail='partial'.*pass `satisfied`"),
        (dict(margin=0.0), r"margin: expected a positive number, got 0.0"),
        (dict(margin_floor=-1.0), r"margin_floor: expected a positive number, got -1.0"),
        (dict(weights=(1.0,)), r"weights: expected two finite numbers"),
        (dict(eps=-1e-6), r"eps: expected a number >= 0"),
    ],
)
def test_invalid_input_raises_naming_the_place(kwargs, message):
    args = dict(writing_scores=S4, passed=P4, group_size=2) | kwargs
    with pytest.raises(ValueError, match=message):
        mix(args.pop("writing_scores"), args.pop("passed"), **args)


def test_group_ids_name_the_group_in_value_errors():
    with pytest.raises(ValueError, match=r"passed\[1\] \(group 'prompt-7'\): expected 0 or 1, got 3.0"):
        mix(S4, [0, 3, 0, 1], group_ids=["prompt-7", "prompt-7", "x", "x"])


def test_empty_input_is_empty_output():
    result = mix([], [], group_size=4)
    assert result.advantages.shape == (0,) and len(result.groups) == 0
    assert all(math.isnan(value) for value in result.log().values())
