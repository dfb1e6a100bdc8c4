"""The `rlmr` estimator through verl's own dispatch equals `rlmr.mixing.mix` (verl installed; CPU)."""

import subprocess
import sys
import uuid

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import torch  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from omegaconf import OmegaConf  # noqa: E402
from verl import DataProto  # noqa: E402
from verl.trainer.ppo.core_algos import get_adv_estimator_fn  # noqa: E402
from verl.trainer.ppo.v1.utils import compute_advantage_for_multi_trajectories  # noqa: E402

from rlmr.integrations.verl import diagnostics  # noqa: E402
from rlmr.integrations.verl.encoding import decode, encode  # noqa: E402
from rlmr.mixing import ALL_FAIL_POLICIES, STRATEGIES, GroupKind, mix  # noqa: E402

L = 7  # response length (tokens)


def algorithm(**rlmr):
    """verl's `algorithm` section as the V1 trainer passes it: an OmegaConf DictConfig."""
    return OmegaConf.create({"adv_estimator": "rlmr", "norm_adv_by_std_in_grpo": rlmr.pop("scale_std", True),
                             "use_kl_in_reward": False, "gamma": 1.0, "lam": 1.0, "rlmr": rlmr})


def batch(scores, n, k, uids, rng):
    """A DataProto as verl's V1 `_compute_advantage` builds it: one encoded reward at each last token."""
    rewards = encode(scores, n, k)
    lengths = rng.integers(1, L + 1, size=len(scores))
    mask = (np.arange(L)[None, :] < lengths[:, None]).astype(np.int64)
    tlr = np.zeros((len(scores), L), np.float32)
    tlr[np.arange(len(scores)), lengths - 1] = rewards
    data = DataProto.from_dict(
        tensors={"token_level_rewards": torch.from_numpy(tlr), "token_level_scores": torch.from_numpy(tlr.copy()),
                 "response_mask": torch.from_numpy(mask)},
        non_tensors={"uid": np.asarray(uids, dtype=object)},
    )
    return data, rewards, mask


@st.composite
def batches(draw):
    n_groups, size = draw(st.integers(1, 6)), draw(st.integers(2, 8))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    scale = draw(st.sampled_from([1e-3, 1.0, 37.0]))
    offset = draw(st.sampled_from([0.0, 5.0, -3.0]))
    total = n_groups * size
    scores = (offset + scale * rng.normal(size=total)).tolist()
    if draw(st.booleans()):
        scores = [round(s, 1) for s in scores]  # ties
    missing = rng.random(total) < draw(st.sampled_from([0.0, 0.15]))
    scores = [None if m else s for s, m in zip(scores, missing)]
    n = rng.integers(0, 5, size=total)
    n = np.repeat(n[::size], size)  # one prompt, one constraint list, per group
    pass_p = draw(st.sampled_from([0.2, 0.5, 0.9]))
    k = np.where(rng.random(total) < pass_p, n, np.floor(rng.random(total) * n)).astype(int)
    uids = np.repeat([str(uuid.UUID(int=int(rng.integers(2**62)))) for _ in range(n_groups)], size)
    order = rng.permutation(total)  # verl's batch balancing reorders rows: groups are not contiguous
    opts = {
        "strategy": draw(st.sampled_from(sorted(STRATEGIES))),
        "all_fail": draw(st.sampled_from(ALL_FAIL_POLICIES)),
        "margin": draw(st.sampled_from([0.05, 0.1, 0.5])),
        "scale_std": draw(st.booleans()),
    }
    return [scores[i] for i in order], n[order].tolist(), k[order].tolist(), uids[order].tolist(), rng, opts


@settings(max_examples=60)
@given(batches())
def test_verl_dispatch_gives_exactly_the_advantages_of_mix(case):
    scores, n, k, uids, rng, opts = case
    data, rewards, mask = batch(scores, n, k, uids, rng)
    keys = [f"{u}_0_{i}" for i, u in enumerate(uids)]  # the V1 trainer's TransferQueue keys: uid_session_index
    out = compute_advantage_for_multi_trajectories(
        data, batch_keys=keys, adv_estimator="rlmr", num_repeat=8, config=algorithm(**opts)
    )
    decoded = decode(rewards)
    scale_std = opts.pop("scale_std")
    want = mix(decoded["writing_score"], decoded["passed"], group_ids=uids, satisfied=decoded["satisfied"],
               scale_std=scale_std, **opts)
    got = out.batch["advantages"].numpy()
    # Exactly mix's advantages as float32 (verl's dtype): within 1e-6 of float64 wherever |A| < 8.
    np.testing.assert_array_equal(got, want.advantages.astype(np.float32)[:, None] * mask)
    small = np.abs(want.advantages) < 8
    np.testing.assert_allclose(got[small], (want.advantages[:, None] * mask)[small], rtol=0, atol=1e-6)
    np.testing.assert_array_equal(out.batch["returns"].numpy(), got)
    assert np.all(got[mask == 0] == 0.0)
    if opts["strategy"] == "rlmr":
        kinds = dict(zip(want.groups.group_id.tolist(), want.groups.kind.tolist()))
        for row, uid in enumerate(uids):
            violator = decoded["passed"][row] == 0 and not np.isnan(decoded["writing_score"][row])
            if kinds[uid] == GroupKind.MIXED and violator:
                assert got[row, : mask[row].sum()].max() < 0, f"violator row {row} of a mixed group"


def test_the_scores_mixed_are_the_inputs_rounded_to_the_encoding():
    # Against the unrounded float64 scores, mixing the encoded batch moves advantages by < 1e-4 here.
    rng = np.random.default_rng(0)
    scores = (3.0 + rng.normal(size=64)).tolist()
    n, k = [2] * 64, rng.integers(0, 3, size=64).tolist()
    uids = np.repeat([f"p{i}" for i in range(8)], 8).tolist()
    data, rewards, mask = batch(scores, n, k, uids, rng)
    adv, _ = get_adv_estimator_fn("rlmr")(
        token_level_rewards=data.batch["token_level_rewards"], response_mask=data.batch["response_mask"],
        index=data.non_tensor_batch["uid"], config=algorithm(),
    )
    exact = mix(scores, [float(a == b) for a, b in zip(k, n)], group_ids=uids, satisfied=np.divide(k, n))
    assert np.abs(adv.numpy() - exact.advantages[:, None] * mask).max() < 1e-4


def test_metrics_are_recorded_for_the_logger():
    diagnostics.drain()
    rng = np.random.default_rng(1)
    scores = [0.9, 0.5, 0.7, 0.2] * 2
    data, _, _ = batch(scores, [1] * 8, [0, 1, 1, 0, 1, 1, 1, 1], ["a"] * 4 + ["b"] * 4, rng)
    get_adv_estimator_fn("rlmr")(
        token_level_rewards=data.batch["token_level_rewards"], response_mask=data.batch["response_mask"],
        index=data.non_tensor_batch["uid"], config=algorithm(),
    )
    got = diagnostics.drain()
    assert got["rlmr/groups/mixed"] == 0.5 and got["rlmr/groups/all_pass"] == 0.5
    assert got["rlmr/advantage/max_violator"] < 0
    assert got["rlmr/penalty/mean"] > 0 and got["rlmr/pass_rate"] == 0.75
    assert diagnostics.drain() == {}


@pytest.mark.parametrize("config, message", [
    ({"use_kl_in_reward": True}, "use_kl_in_reward"),
    ({"rlmr": {"marginn": 0.1}}, r"algorithm.rlmr.marginn: unknown key"),
    ({"rlmr": {"strategy": "rlmx"}}, "did you mean 'rlmr'"),
    ({"rlmr": {"margin": -1}}, "margin"),
])
def test_bad_config_fails_loudly(config, message):
    data, _, _ = batch([1.0, 2.0], [1, 1], [1, 0], ["u", "u"], np.random.default_rng(0))
    with pytest.raises(ValueError, match=message):
        get_adv_estimator_fn("rlmr")(
            token_level_rewards=data.batch["token_level_rewards"], response_mask=data.batch["response_mask"],
            index=data.non_tensor_batch["uid"], config=OmegaConf.create(config),
        )


def test_a_kl_shaped_reward_is_refused():
    data, _, _ = batch([1.0, 2.0], [1, 1], [1, 0], ["u", "u"], np.random.default_rng(0))
    tlr = data.batch["token_level_rewards"].clone()
    tlr[:, 0] -= 0.01  # a per-token KL term, as algorithm.use_kl_in_reward would add
    tlr[tlr.abs() < 1e-30] = -0.01
    with pytest.raises(ValueError, match="nonzero tokens"):
        get_adv_estimator_fn("rlmr")(token_level_rewards=tlr, response_mask=torch.ones_like(tlr),
                                     index=np.asarray(["u", "u"], dtype=object), config=algorithm())


def test_import_verl_loads_the_plugin_through_the_entry_point():
    code = ("import sys, verl\nfrom verl.trainer.ppo.core_algos import ADV_ESTIMATOR_REGISTRY as R\n"
            "print('rlmr' in R, R.get('rlmr').__module__ if 'rlmr' in R else '-')\n")
    on = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert on.stdout.split() == ["True", "rlmr.integrations.verl.estimator"]
    off = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**__import__("os").environ, "VERL_USE_EXTERNAL_PLUGINS": "none"})
    assert off.stdout.split() == ["False", "-"], "the estimator must come from the verl.plugins entry point"
