"""The classifier scorer on a real local reward-model folder built by the test.

The folder is the bundled SmolLM2 backbone with a freshly seeded 1-logit head, saved with
`save_pretrained`: exactly what a user's fine-tuned reward model looks like on disk.
"""

import pytest
import torch

from rlmr.writing import build_scorer
from rlmr.writing.classifier import _head_score

PROMPTS = ["Write a haiku about snow.", "Describe a harbour at dawn.", "Write a haiku about snow.", "用一句话描写秋天。"]
RESPONSES = [
    "Snow on the cedar,\nthe whole valley holds its breath,\na crow shakes it loose.",
    "Fishing boats nudge the quay while gulls argue over the first catch of the day.",
    "snow snow snow",
    "秋风吹过田野，稻子低下了金黄的头。",
]


@pytest.fixture(scope="module")
def reward_model_dir(tmp_path_factory):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from rlmr.models import embedded_dir

    torch.manual_seed(0)  # the new head's weights
    model = AutoModelForSequenceClassification.from_pretrained(embedded_dir(), num_labels=1, dtype=torch.float32)
    tokenizer = AutoTokenizer.from_pretrained(embedded_dir())
    model.config.pad_token_id = tokenizer.pad_token_id
    folder = tmp_path_factory.mktemp("reward_model")
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


@pytest.mark.slow
def test_batched_scores_equal_one_by_one(reward_model_dir):
    batched = build_scorer(f"classifier:{reward_model_dir}?batch_size=4").score(PROMPTS, RESPONSES)
    single = build_scorer(f"classifier:{reward_model_dir}?batch_size=1").score(PROMPTS, RESPONSES)
    assert batched == pytest.approx(single, abs=1e-4)
    assert len(set(round(s, 3) for s in batched)) == 4  # the head really reads the text


@pytest.mark.slow
def test_score_depends_on_the_prompt_through_the_chat_template(reward_model_dir):
    scorer = build_scorer(f"classifier:{reward_model_dir}")
    same_response = [RESPONSES[1], RESPONSES[1]]
    a, b = scorer.score(["Describe a harbour at dawn.", "Write a limerick about cheese."], same_response)
    assert a != pytest.approx(b, abs=1e-6)


def test_multi_label_head_gives_log_odds_of_the_last_label():
    logits = torch.tensor([[0.0, 2.0], [1.0, 1.0]])
    assert _head_score(logits) == pytest.approx([2.0, 0.0])
    assert _head_score(torch.tensor([[3.5], [-1.0]])) == [3.5, -1.0]
