"""Sampling from a causal LM on CPU that reads the policy's current weights before every batch.

Why: TRL's transformers path calls `model.generate`, which keeps decoding every row until the
longest one stops and runs the general `generate` machinery per token. Sampling needs only: one
batched prefill, one token per step on the KV cache, the sampling filters on the last position,
and finished rows dropped from the batch. `GenerationCopy` holds the weights to sample from: a
bf16 copy refreshed from the live policy by `sync` on CPUs with native bf16 (AVX512-BF16/AMX:
half the bytes per step), else the live float32 policy itself (on AVX2, bf16 matmuls measured
2x slower than float32; see docs/scaling.md "CPU generation").

The sampling semantics are those of TRL's transformers path: temperature, then top-k, top-p and
min-p filtering (in that order), stop at the first EOS (which is kept), at most `max_new_tokens`
tokens. Returned ids are lists of ints, as TRL's `_generate_single_turn` returns.
"""

from __future__ import annotations

import copy
import inspect
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

import torch

from rlmr.hardware import native_bf16_cpu


@dataclass(frozen=True)
class Sampling:
    """Next-token sampling settings (TRL's names; 0 / None / 1.0 switch a filter off)."""

    max_new_tokens: int
    temperature: float = 1.0
    top_p: float = 1.0
    top_k: int = 0
    min_p: float | None = None


def supported(model: Any, *, repetition_penalty: float = 1.0, multimodal: bool = False) -> str | None:
    """Why the fast path cannot serve this model (None: it can)."""
    if repetition_penalty != 1.0:
        return "repetition_penalty is not 1.0"
    if multimodal:
        return "multimodal inputs"
    if hasattr(model, "peft_config"):
        return "LoRA (peft) policy: the generation copy would need merged adapter weights"
    if next(model.parameters()).device.type != "cpu":
        return "model is not on CPU"
    return None


def native_bf16() -> bool:
    """Whether this CPU multiplies bf16 in hardware (AVX512-BF16 or AMX). Without it (plain AVX2)
    torch's bf16 matmul converts on the fly and measured 2x SLOWER than float32 here."""
    return native_bf16_cpu()


class GenerationCopy:
    """The weights sampling reads: `sync(policy)` before each batch, then `sample(prompts, ...)`.

    dtype None picks bf16 where the CPU has native bf16, else the policy's own dtype; when that
    equals the policy's dtype no copy is made and `sync` only points at the live model (its
    weights are the current ones by construction, and no memory is spent on a second model).
    """

    def __init__(self, model: Any, dtype: torch.dtype | None = None) -> None:
        policy_dtype = next(model.parameters()).dtype
        self.dtype = dtype or (torch.bfloat16 if native_bf16() else policy_dtype)
        self.shared = self.dtype == policy_dtype
        self.model: Any = model
        if not self.shared:
            self.model = copy.deepcopy(model).to(self.dtype).eval()
            for p in self.model.parameters():
                p.requires_grad_(False)
        self._pairs: list[tuple[torch.Tensor, torch.Tensor]] | None = None
        self.sync_seconds = 0.0

    def sync(self, policy: Any) -> None:
        """Make the next `sample` read the policy's current weights (a cast copy, or the policy itself)."""
        started = time.perf_counter()
        if self.shared:
            self.model = policy
        else:
            if self._pairs is None:
                ours = dict(self.model.named_parameters())
                ours.update(dict(self.model.named_buffers()))
                theirs = dict(policy.named_parameters())
                theirs.update(dict(policy.named_buffers()))
                if set(ours) != set(theirs):
                    missing = sorted(set(ours) ^ set(theirs))[:5]
                    raise ValueError(f"generation copy and policy differ in parameters: {missing}")
                self._pairs = [(ours[name], theirs[name]) for name in ours]
            with torch.no_grad():
                for mine, live in self._pairs:
                    mine.copy_(live)
        self.sync_seconds = time.perf_counter() - started

    @torch.no_grad()
    def sample(
        self,
        prompt_ids: Sequence[Sequence[int]],
        sampling: Sampling,
        *,
        eos_token_ids: Sequence[int],
        pad_token_id: int,
        generator: torch.Generator | None = None,
    ) -> list[list[int]]:
        """One completion per prompt: sampled ids up to and including the first EOS."""
        return decode(self.model, prompt_ids, sampling, eos_token_ids=eos_token_ids, pad_token_id=pad_token_id,
                      generator=generator)


def left_pad(prompt_ids: Sequence[Sequence[int]], pad_token_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(ids, attention mask), left-padded to the longest prompt."""
    width = max(len(p) for p in prompt_ids)
    ids = torch.full((len(prompt_ids), width), pad_token_id, dtype=torch.long)
    mask = torch.zeros((len(prompt_ids), width), dtype=torch.long)
    for row, p in enumerate(prompt_ids):
        if p:
            ids[row, width - len(p):] = torch.as_tensor(list(p), dtype=torch.long)
            mask[row, width - len(p):] = 1
    return ids, mask


def next_tokens(logits: torch.Tensor, s: Sampling, generator: torch.Generator | None) -> torch.Tensor:
    """Sample one token per row from last-position logits (B, V), float32."""
    if s.temperature <= 0:
        return logits.argmax(dim=-1)
    logits = logits / s.temperature
    if s.top_k and s.top_k < logits.size(-1):
        kth = torch.topk(logits, s.top_k, dim=-1).values[:, -1:]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    probs = torch.softmax(logits, dim=-1)
    if s.top_p < 1.0:  # transformers' order: top-k, top-p, then min-p
        sorted_probs, order = torch.sort(probs, dim=-1, descending=True)
        before = sorted_probs.cumsum(dim=-1) - sorted_probs  # mass strictly above each token
        sorted_probs = sorted_probs.masked_fill(before >= s.top_p, 0.0)  # the top token always stays
        probs = torch.zeros_like(probs).scatter_(-1, order, sorted_probs)
    if s.min_p:
        floor = probs.max(dim=-1, keepdim=True).values * s.min_p
        probs = probs.masked_fill(probs < floor, 0.0)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)


def decode(
    model: Any,
    prompt_ids: Sequence[Sequence[int]],
    s: Sampling,
    *,
    eos_token_ids: Sequence[int],
    pad_token_id: int,
    generator: torch.Generator | None = None,
) -> list[list[int]]:
    """Prefill the left-padded batch once, then decode token by token, dropping rows that stopped."""
    from transformers import DynamicCache

    ids, mask = left_pad(prompt_ids, pad_token_id)
    n = ids.size(0)
    out: list[list[int]] = [[] for _ in range(n)]
    if n == 0 or s.max_new_tokens <= 0:
        return out
    eos = torch.as_tensor(list(eos_token_ids), dtype=torch.long)
    alive = torch.arange(n)  # original row of each live batch row
    positions = (mask.cumsum(-1) - 1).clamp(min=0)
    cache = DynamicCache(config=model.config)
    # transformers 5.2x renamed `past_key_values` to `cache` (the old name warns); 4.x knows only the old
    cache_kw = "cache" if "cache" in inspect.signature(model.forward).parameters else "past_key_values"
    logits = model(input_ids=ids, attention_mask=mask, position_ids=positions, use_cache=True, logits_to_keep=1,
                   **{cache_kw: cache}).logits[:, -1].float()
    next_pos = positions[:, -1:] + 1
    for _ in range(s.max_new_tokens):
        tok = next_tokens(logits, s, generator)
        for row, t in zip(alive.tolist(), tok.tolist()):
            out[row].append(t)
        done = torch.isin(tok, eos)
        if len(out[alive[0].item()]) >= s.max_new_tokens:
            break
        if bool(done.any()):
            keep = (~done).nonzero().squeeze(-1)
            if keep.numel() == 0:
                break
            alive, tok, mask, next_pos = alive[keep], tok[keep], mask[keep], next_pos[keep]
            cache.batch_select_indices(keep)
        mask = torch.cat([mask, mask.new_ones((mask.size(0), 1))], dim=1)
        logits = model(input_ids=tok[:, None], attention_mask=mask, position_ids=next_pos, use_cache=True,
                       logits_to_keep=1, **{cache_kw: cache}).logits[:, -1].float()
        next_pos = next_pos + 1
    return out
