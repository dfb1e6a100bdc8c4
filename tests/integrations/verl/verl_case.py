"""Shared by the verl tests: two prompts with constraints, their responses, and the scripted judge.

Registered as the module `verl_case` by this folder's conftest (the suite runs with
--import-mode=importlib, so test folders are not on sys.path).
"""

import json
import re

import llm_server as srv

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


def exported(tmp_path):
    """Our two prompts written by `rlmr data export --format verl`: the parquet path."""
    from typer.testing import CliRunner

    from rlmr.cli import app

    src = tmp_path / "p.jsonl"
    src.write_text("".join(json.dumps({"id": f"p{i}", "prompt": f"Write about the {w}.", "constraints": c}) + "\n"
                           for i, (w, c) in enumerate(zip(["moon", "sea"], CONSTRAINTS))))
    out = tmp_path / "train.parquet"
    result = CliRunner().invoke(app, ["data", "export", str(src), "--format", "verl", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out


def rollout_batch(dataset, tokenizer, group=4):
    """What the trainer hands the reward loop: prompts, responses, masks and the dataset's fields."""
    import numpy as np
    import torch
    from tensordict import TensorDict
    from verl import DataProto
    from verl.utils.dataset.rl_dataset import collate_fn

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
