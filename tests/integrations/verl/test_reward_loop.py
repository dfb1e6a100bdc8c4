"""From `rlmr data export` to advantages with verl's real objects: RLHFDataset, the reward loop worker
(naive reward manager + our compute_score, configured by verl's own hydra config), the rm_scores
assembly and the estimator. The writing judge is a scripted OpenAI-compatible server on loopback,
reached as verl's reward-model router address."""

import json

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

from omegaconf import OmegaConf  # noqa: E402
from verl.experimental.reward_loop.reward_loop import RewardLoopWorker  # noqa: E402
from verl.utils.dataset.rl_dataset import RLHFDataset  # noqa: E402
from verl.utils.ray_utils import get_event_loop  # noqa: E402

from rlmr.constraints import verify  # noqa: E402
from rlmr.integrations.verl.encoding import decode  # noqa: E402
from rlmr.integrations.verl.estimator import compute_rlmr_outcome_advantage  # noqa: E402
from rlmr.integrations.verl.reward import compute_score  # noqa: E402
from rlmr.mixing import mix  # noqa: E402
from rlmr.writing import build_scorer  # noqa: E402

from verl_case import CONSTRAINTS, JUDGE, exported, judge, rollout_batch  # noqa: E402


def test_verls_reward_loop_scores_exported_rows_with_the_right_verdicts(tmp_path, verl_config, serve):
    server = serve(judge)
    config = verl_config(margin=0.2)
    parquet = exported(tmp_path)
    data_cfg = OmegaConf.create({"prompt_key": "prompt", "max_prompt_length": 64, "filter_overlong_prompts": False,
                                 "cache_dir": str(tmp_path / "cache")})
    worker = RewardLoopWorker(config, reward_router_address=server.url.removesuffix("/v1").removeprefix("http://"))
    dataset = RLHFDataset(str(parquet), worker.input_tokenizer, data_cfg)
    assert len(dataset) == 2 and dataset[0]["data_source"] == "rlmr"
    data, texts, rows = rollout_batch(dataset, worker.input_tokenizer)

    outputs = get_event_loop().run_until_complete(worker.compute_score_batch(data))

    direct = build_scorer(f"judge:{server.url}#{JUDGE}")
    for out, text, row in zip(outputs, texts, rows):
        info = out["reward_extra_info"]
        specs = CONSTRAINTS[row["extra_info"]["index"]]
        truth = verify(text, specs)
        assert info["passed"] == float(truth.passed) and info["satisfied"] == truth.satisfied_fraction
        assert info["n_constraints"] == len(specs)
        assert info["writing_score"] == pytest.approx(direct.score([row["extra_info"]["prompt"]], [text])[0], rel=2e-5)
        got = decode(np.asarray([out["reward_score"]], np.float32))
        assert got["passed"][0] == info["passed"] and got["writing_score"][0] == info["writing_score"]
    assert {o["reward_extra_info"]["passed"] for o in outputs} == {0.0, 1.0}
    assert len({o["reward_extra_info"]["writing_score"] for o in outputs}) >= 3, "the judge's scores must vary"
    assert all(s.body["model"] == JUDGE for s in server.seen)

    # The colocated path's assembly (one float32 at each last token), then verl's estimator dispatch.
    rm_scores = worker.reward_manager.assemble_rm_scores(data, [o["reward_score"] for o in outputs])
    mask = data.batch["attention_mask"][:, data.batch["prompts"].shape[1]:]
    adv, _ = compute_rlmr_outcome_advantage(token_level_rewards=rm_scores, response_mask=mask,
                                            index=data.non_tensor_batch["uid"], config=config.algorithm)
    infos = [o["reward_extra_info"] for o in outputs]
    want = mix([i["writing_score"] for i in infos], [i["passed"] for i in infos], margin=0.2,
               group_ids=list(data.non_tensor_batch["uid"]), satisfied=[i["satisfied"] for i in infos])
    np.testing.assert_array_equal(adv.numpy(), want.advantages.astype(np.float32)[:, None] * mask.numpy())
    violators = [j for j, i in enumerate(infos) if i["passed"] == 0]
    assert violators and all(adv[j].sum() < 0 for j in violators)


def test_compute_score_reads_constraints_from_extra_info_too(serve):
    server = serve(judge)
    info = {"prompt": "Write about the sea.", "constraints": CONSTRAINTS[1]}
    out = compute_score("rlmr", "the sea is quiet", None, info, scorer=f"judge:{server.url}#{JUDGE}")
    assert out["passed"] == 1.0 and out["n_constraints"] == 1.0
    assert decode(np.asarray([out["score"]], np.float32))["k"][0] == 1


@pytest.mark.parametrize("ground_truth, info, message", [
    ("[{\"id\": ", {"prompt": "p"}, "reward_model.ground_truth: expected the constraint specs as JSON"),
    ("{\"id\": \"x\"}", {"prompt": "p"}, "expected a list of constraint specs"),
    ("[]", {}, "extra_info.prompt"),
    (json.dumps([{"id": "change_case:english_lowercase"}] * 15), {"prompt": "p"}, "at most 14"),
])
def test_compute_score_rejects_bad_rows_naming_the_field(ground_truth, info, message):
    with pytest.raises(ValueError, match=message):
        compute_score("rlmr", "text", ground_truth, info, scorer="judge:http://127.0.0.1:9/v1#m")


def test_router_spec_without_a_router_says_what_to_set():
    with pytest.raises(ValueError, match="reward.reward_model.enable=true"):
        compute_score("rlmr", "text", "[]", {"prompt": "p"}, scorer=f"judge:router#{JUDGE}")
