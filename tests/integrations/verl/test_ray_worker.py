"""The plugin inside real Ray worker processes, as verl runs them: a reward loop worker actor
scoring with our compute_score, and a task resolving `rlmr` through verl's registry.

A one-node Ray cluster on this machine, started by the test: loopback address, 1 CPU, no
dashboard; the judge is the scripted server on 127.0.0.1."""

import os
import sys

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import ray  # noqa: E402
from verl.experimental.reward_loop.reward_loop import RewardLoopWorker  # noqa: E402
from verl.utils.dataset.rl_dataset import RLHFDataset  # noqa: E402

from rlmr.constraints import verify  # noqa: E402
from rlmr.mixing import mix  # noqa: E402

from verl_case import CONSTRAINTS, exported, judge, rollout_batch  # noqa: E402

# Test modules are not importable in a Ray worker (tests/ is no package): ship this one by value.
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
TIMEOUT = 1200  # a fresh Ray worker imports torch, Ray and verl: minutes on a loaded 2-core machine


@pytest.fixture(scope="module")
def cluster():
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    os.environ.clear()
    os.environ.update(env)
    ray.init(num_cpus=1, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False,
             runtime_env={"env_vars": {"OMP_NUM_THREADS": "1", "TOKENIZERS_PARALLELISM": "false"}})
    yield
    ray.shutdown()


class ScoringWorker(RewardLoopWorker):
    """verl's reward loop worker plus one probe: what the trainer's process does with the rewards.

    One worker process for both (each new Ray process imports verl anew, slow on 2 cores)."""

    def estimator(self, rm_scores, mask, uids, algorithm):
        import os
        import sys

        from verl.trainer.ppo.core_algos import get_adv_estimator_fn

        fn = get_adv_estimator_fn("rlmr")  # resolved by name, as verl's compute_advantage does
        adv, _ = fn(token_level_rewards=rm_scores, response_mask=mask, index=uids, config=algorithm)
        return os.getpid(), fn.__module__, "rlmr.integrations.verl.plugin" in sys.modules, adv.numpy()


def test_the_plugin_works_in_ray_workers(cluster, tmp_path, verl_config, serve):
    server = serve(judge)
    config = verl_config()
    address = server.url.removesuffix("/v1").removeprefix("http://")
    worker = ray.remote(ScoringWorker).options(num_cpus=0).remote(config, address)  # as verl wraps its worker
    local = RewardLoopWorker(config, reward_router_address=address)  # only for its tokenizer and assembly
    dataset = RLHFDataset(str(exported(tmp_path)), local.input_tokenizer,
                          {"max_prompt_length": 64, "filter_overlong_prompts": False, "cache_dir": str(tmp_path / "c")})
    data, texts, rows = rollout_batch(dataset, local.input_tokenizer)

    outputs = ray.get(worker.compute_score_batch.remote(data), timeout=TIMEOUT)
    infos = [o["reward_extra_info"] for o in outputs]
    for info, text, row in zip(infos, texts, rows):
        assert info["passed"] == float(verify(text, CONSTRAINTS[row["extra_info"]["index"]]).passed)

    rm_scores = local.reward_manager.assemble_rm_scores(data, [o["reward_score"] for o in outputs])
    mask = data.batch["attention_mask"][:, data.batch["prompts"].shape[1]:]
    pid, module, loaded, adv = ray.get(
        worker.estimator.remote(rm_scores, mask, data.non_tensor_batch["uid"], config.algorithm), timeout=TIMEOUT)
    assert pid != os.getpid() and loaded and module == "rlmr.integrations.verl.estimator"
    want = mix([i["writing_score"] for i in infos], [i["passed"] for i in infos],
               group_ids=list(data.non_tensor_batch["uid"]), satisfied=[i["satisfied"] for i in infos])
    np.testing.assert_array_equal(adv, want.advantages.astype(np.float32)[:, None] * mask.numpy())
