"""`classifier:PATH_OR_ID`: a trained reward model, any transformers sequence classifier.

Skywork-Reward-style models score a whole conversation: the prompt goes in as the user turn and
the response as the assistant turn, through the tokenizer's chat template when it has one
(otherwise `prompt + "\\n\\n" + response`). Batches are padded on the right and the model pools
at the last non-pad token, so batched and one-by-one scores agree.

Output head: `num_labels == 1` -> the logit (the usual reward-model head). With more labels
the score is the log-odds of the last label against the rest (for a 2-class "bad/good"
classifier: logit_good - logit_bad), documented in docs/scorers.md.

bf16 on a GPU, float32 on CPU (exact batched == single parity). The model loads once, lazily.
"""

from __future__ import annotations

import functools
from typing import Sequence

from rlmr.writing.base import ScorerSpec, check_lengths, check_options

BATCH_SIZE = 8
MAX_LENGTH = 2048  # tokens per (prompt, response) conversation; longer ones are cut on the left


@functools.lru_cache(maxsize=4)
def _load(path: str, device: str | None):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from rlmr.models import resolve

    target = resolve(path)
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.startswith("cuda") else torch.float32
    tokenizer = AutoTokenizer.from_pretrained(target)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    tokenizer.truncation_side = "left"  # keep the end of the response, where the score is read
    # Right padding: causal attention never sees the pads, and transformers pools at the last
    # non-pad token, so a padded row scores exactly as it would alone.
    tokenizer.padding_side = "right"
    model = AutoModelForSequenceClassification.from_pretrained(target, dtype=dtype).to(device).eval()
    if model.config.pad_token_id is None:
        model.config.pad_token_id = tokenizer.pad_token_id
    return model, tokenizer, device


class ClassifierScorer:
    """A sequence-classification reward model as a writing scorer."""

    name = "classifier"

    def __init__(self, model: str, *, batch_size: int = BATCH_SIZE, max_length: int = MAX_LENGTH, device: str | None = None):
        self.model_spec, self.batch_size, self.max_length, self.device = model, batch_size, max_length, device

    @classmethod
    def from_spec(cls, spec: ScorerSpec) -> "ClassifierScorer":
        opts = check_options(spec, {"batch_size": int, "max_length": int, "device": str})
        return cls(spec.target, **opts)  # type: ignore[arg-type]

    def conversation(self, tokenizer, prompt: str, response: str) -> str:
        if getattr(tokenizer, "chat_template", None):
            messages = [{"role": "user", "content": prompt}, {"role": "assistant", "content": response}]
            return tokenizer.apply_chat_template(messages, tokenize=False)
        return f"{prompt}\n\n{response}"

    def score(self, prompts: Sequence[str], responses: Sequence[str]) -> list[float | None]:
        import torch

        check_lengths(prompts, responses)
        model, tokenizer, device = _load(self.model_spec, self.device)
        texts = [self.conversation(tokenizer, p, r) for p, r in zip(prompts, responses)]
        out: list[float | None] = []
        for start in range(0, len(texts), self.batch_size):
            batch = tokenizer(texts[start : start + self.batch_size], padding=True, truncation=True,
                              max_length=self.max_length, add_special_tokens=False, return_tensors="pt").to(device)
            with torch.inference_mode():
                hidden = model(**batch).logits.float()  # (B, num_labels), pooled at the last non-pad token
            out.extend(_head_score(hidden))
        return out


def _head_score(logits) -> list[float | None]:
    if logits.shape[-1] == 1:
        return [float(x) for x in logits[:, 0]]
    rest = logits[:, :-1].logsumexp(dim=-1)
    return [float(x) for x in logits[:, -1] - rest]
