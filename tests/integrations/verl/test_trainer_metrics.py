"""The RLMR metrics reach verl's logger: `trainer.v1.trainer_mode=rlmr_sync` moves what the
estimator recorded into the step's metrics, and verl's Tracking (file backend) writes them."""

import json
import uuid

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import torch  # noqa: E402
from omegaconf import OmegaConf  # noqa: E402
from verl import DataProto  # noqa: E402
from verl.trainer.ppo.v1 import PPOTrainerSync, get_trainer_cls  # noqa: E402
from verl.trainer.ppo.v1.utils import compute_advantage_for_multi_trajectories  # noqa: E402
from verl.utils.tracking import Tracking  # noqa: E402

from rlmr.integrations.verl import diagnostics  # noqa: E402
from rlmr.integrations.verl.encoding import encode  # noqa: E402
from rlmr.integrations.verl.trainer import RLMRMetricsMixin  # noqa: E402


def test_rlmr_trainer_modes_are_verls_trainers_plus_the_mixin():
    cls = get_trainer_cls("rlmr_sync")
    assert cls.__mro__[1:3] == (RLMRMetricsMixin, PPOTrainerSync)
    for mode in ("rlmr_colocate_async", "rlmr_separate_async"):
        assert issubclass(get_trainer_cls(mode), RLMRMetricsMixin)


class _AdvantageStep:
    """verl's V1 `_compute_advantage` minus the TransferQueue round trip: the same call on a DataProto."""

    config = OmegaConf.create({"algorithm": {"adv_estimator": "rlmr", "use_kl_in_reward": False,
                                             "norm_adv_by_std_in_grpo": True, "rlmr": {"margin": 0.1}}})

    def _compute_advantage(self, batch, metrics):
        keys = [f"{u}_0_{i}" for i, u in enumerate(batch.non_tensor_batch["uid"])]
        return compute_advantage_for_multi_trajectories(batch, batch_keys=keys, adv_estimator="rlmr",
                                                        config=self.config.algorithm)


class _Trainer(RLMRMetricsMixin, _AdvantageStep):
    pass


def test_metrics_reach_verls_tracking_logger(tmp_path, monkeypatch):
    scores = [0.9, 0.5, 0.7, 0.2, 0.3, 0.4, 0.8, 0.6]
    k = [0, 1, 1, 0, 1, 1, 1, 1]
    rewards = np.zeros((8, 4), np.float32)
    rewards[:, -1] = encode(scores, [1] * 8, k)
    uids = np.asarray([str(uuid.uuid4())] * 4 + [str(uuid.uuid4())] * 4, dtype=object)
    batch = DataProto.from_dict(tensors={"token_level_rewards": torch.from_numpy(rewards),
                                         "response_mask": torch.ones(8, 4, dtype=torch.long)},
                                non_tensors={"uid": uids})
    diagnostics.record({"rlmr/stale": 1.0})  # left over from an unlogged call: must not leak into the step
    metrics: dict = {}
    out = _Trainer()._compute_advantage(batch, metrics)
    assert "advantages" in out.batch.keys()
    assert "rlmr/stale" not in metrics
    assert metrics["rlmr/groups/mixed"] == 0.5 and metrics["rlmr/advantage/max_violator"] < 0
    assert metrics["rlmr/penalty/mean"] > 0

    path = tmp_path / "metrics.jsonl"
    monkeypatch.setenv("VERL_FILE_LOGGER_PATH", str(path))
    logger = Tracking(project_name="rlmr-test", experiment_name="metrics", default_backend=["file"])
    logger.log(data=metrics, step=1)
    logger.finish()
    logged = json.loads(path.read_text().splitlines()[0])
    assert logged["step"] == 1
    for key in ("rlmr/penalty/mean", "rlmr/groups/mixed", "rlmr/advantage/max_violator", "rlmr/pass_rate"):
        assert logged["data"][key] == pytest.approx(metrics[key])


def test_drain_averages_calls_and_takes_maxima():
    diagnostics.drain()
    diagnostics.record({"rlmr/penalty/mean": 1.0, "rlmr/penalty/max": 2.0, "rlmr/advantage/max_violator": -0.5})
    diagnostics.record({"rlmr/penalty/mean": float("nan"), "rlmr/penalty/max": 3.0, "rlmr/advantage/max_violator": -0.2})
    got = diagnostics.drain()
    assert got == {"rlmr/penalty/mean": 1.0, "rlmr/penalty/max": 3.0, "rlmr/advantage/max_violator": -0.2}
