"""From `rlmr data export` to advantages with verl's real objects: RLHFDataset, the reward loop worker
(naive reward manager + our compute_score, configured by verl's own hydra config), the rm_scores
assembly and the estimator. The writing judge is a scripted OpenAI-compatible server on loopback,
reached as verl's reward-model router address."""

import json
import os
import re

import numpy as np
import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import llm_server as srv  # noqa: E402
import torch  # noqa: E402
import verl  # noqa: E402
from hydra import compose, initialize_config_dir  # noqa: E402
from omegaconf import OmegaConf  # noqa: E402
from tensordict import TensorDict  # noqa: E402
from typer.testing import CliRunner  # noqa: E402
from verl import DataProto  # noqa: E402
from verl.experimental.reward_loop.reward_loop import RewardLoopWorker  # noqa: E402
from verl.utils.dataset.rl_dataset import RLHFDataset, collate_fn  # noqa: E402
from verl.utils.ray_utils import get_event_loop  # noqa: E402

from rlmr.cli import app  # noqa: E402
from rlmr.constraints import verify  # noqa: E402
from rlmr.integrations.verl.encoding import decode  # noqa: E402
from rlmr.integrations.verl.estimator import compute_rlmr_outcome_advantage  # noqa: E402
from rlmr.integrations.verl.reward import compute_score  # noqa: E402
from rlmr.mixing import mix  # noqa: E402
from rlmr.writing import build_scorer  # noqa: E402

WORDS = "the a moon sun sea is bright rose over quiet hills tonight and sleeping The Moon Sun".split()
CONSTRAINTS = [
    [{"id": "cw:word_count", "relation": "at_most", "n": 6}, {"id": "change_case:english_lowercase"},
     {"id": "keywords:existence", "keywords": ["moon"]}],
    [{"id": "keywords:existence", "keywords": ["sea"]}],
]
RESPONSES = [
    ["the moon is bright", "The Moon rose over the quiet sleeping hills tonight", "sun and sea", "the moon the moon the moon the moon"],
    ["the sea is quiet", "sun and hills", "The sea rose", "bright sun over the hills"],
]
JUDGE = "judge-model"


def judge(body, _n):
    """Score = 1 + (words of the candidate) mod 10, read from rlmr's pointwise judge prompt."""
    text = srv.user_text(body)
    candidate = re.search(r"Response to judge:\n(.*?)\n\nRate the response", text, re.S).group(1)
    inner = re.sub(r"<<<[^>]*>>>", "", candidate).split()
    return srv.Reply(json.dumps({"score": 1 + len(inner) % 10}))


@pytest.fixture(scope="module")
def tokenizer_dir(tmp_path_factory):
    """A real (word-level) fast tokenizer saved as a model folder: verl loads it by path."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(["<pad>", "<eos>", "<unk>", *dict.fromkeys(WORDS)])}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>")
    tok.chat_template = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
    path = tmp_path_factory.mktemp("tok")
    tok.save_pretrained(path)
    return path


def verl_config(tokenizer_dir, **rlmr):
    root = os.path.join(os.path.dirname(verl.__file__), "trainer", "config")
    with initialize_config_dir(config_dir=root, version_base=None):
        return compose("ppo_trainer", overrides=[
            f"actor_rollout_ref.model.path={tokenizer_dir}",
            "algorithm.adv_estimator=rlmr",
            *[f"+algorithm.rlmr.{k}={v}" for k, v in rlmr.items()],
            "reward.custom_reward_function.path=pkg://rlmr.integrations.verl.reward",
            "reward.custom_reward_function.name=compute_score",
            f"+reward.custom_reward_function.reward_kwargs.scorer='judge:router#{JUDGE}'",
        ])


def exported(tmp_path):
    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "prompt": f"Write about the {w}.", "constraints": c}) + "\n"
                           for i, (w, c) in enumerate(zip(["moon", "sea"], CONSTRAINTS))))
    out = tmp_path / "train.parquet"
    result = CliRunner().invoke(app, ["data", "export", str(src), "--format", "verl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def rollout_batch(dataset, tokenizer, group=4):
    """What the trainer hands the reward loop: prompts, responses, masks and the dataset's fields."""
    rows, texts = [], []
    for i in range(len(dataset)):
        for text in RESPONSES[i][:group]:
            rows.append(dataset[i])
            texts.append(text)
    fields = collate_fn(rows)
    prompts = tokenizer([r["extra_info"]["prompt"] for r in rows], padding="max_length", max_length=8,
                        truncation=True, return_tensors="pt")
    responses = tokenizer(texts, padding="max_length", max_length=12, return_tensors="pt")
    tensors = TensorDict({
        "prompts": prompts["input_ids"], "responses": responses["input_ids"],
        "attention_mask": torch.cat([prompts["attention_mask"], responses["attention_mask"]], dim=1),
    }, batch_size=len(rows))
    uids = np.asarray([f"uid-{r['extra_info']['index']}" for r in rows], dtype=object)
    non_tensors = {k: v for k, v in fields.items() if not isinstance(v, torch.Tensor)}
    return DataProto(batch=tensors, non_tensor_batch={**non_tensors, "uid": uids}), texts, rows


def test_verls_reward_loop_scores_exported_rows_with_the_right_verdicts(tmp_path, tokenizer_dir, serve):
    server = serve(judge)
    config = verl_config(tokenizer_dir, margin=0.2)
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
