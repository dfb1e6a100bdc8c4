"""Batched generation for evaluation: chat template, greedy by default, one response per prompt.

Two engines: transformers `generate` (everywhere; on CPU under bf16 autocast, which is about
2x faster than float32 on CPUs with AVX512-BF16) and vLLM (when it is installed and a GPU is
present; `generate` is latency-bound on a GPU). Prompts are sorted by length before batching so
that left padding stays short, and the answers are put back in the caller's order.

torch, transformers and vllm are imported inside the functions.
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from typing import Any, Callable, Sequence

ENGINES = ("auto", "hf", "vllm")


@dataclass(frozen=True)
class GenerationConfig:
    """How responses are sampled. temperature 0 means greedy (the default, reproducible)."""

    max_new_tokens: int = 256
    temperature: float = 0.0
    top_p: float = 1.0
    batch_size: int = 8
    system_prompt: str | None = None  # None keeps the chat template's own default
    seed: int = 0
    bf16: bool = True
    engine: str = "auto"

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine: expected one of {', '.join(ENGINES)}, got {self.engine!r}")
        if self.max_new_tokens < 1 or self.batch_size < 1:
            raise ValueError("max_new_tokens and batch_size must be >= 1")
        if self.temperature < 0:
            raise ValueError(f"temperature must be >= 0, got {self.temperature}")


def pick_engine(config: GenerationConfig) -> str:
    """`auto` picks vLLM only when it is importable and a CUDA device is present."""
    if config.engine != "auto":
        return config.engine
    if importlib.util.find_spec("vllm") is None:
        return "hf"
    import torch

    return "vllm" if torch.cuda.is_available() else "hf"


def chat_messages(prompt: str, system_prompt: str | None) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    return messages + [{"role": "user", "content": prompt}]


def generate(
    model: str | os.PathLike | None,
    prompts: Sequence[str],
    config: GenerationConfig = GenerationConfig(),
    on_batch: Callable[[int, int], None] | None = None,
) -> list[str]:
    """One response per prompt from `model` (`embedded`, a folder, a run directory or a hub id)."""
    return generate_flagged(model, prompts, config, on_batch)[0]


def generate_flagged(
    model: str | os.PathLike | None,
    prompts: Sequence[str],
    config: GenerationConfig = GenerationConfig(),
    on_batch: Callable[[int, int], None] | None = None,
) -> tuple[list[str], list[bool]]:
    """`generate` plus, per response, whether it was cut at `max_new_tokens` before its end (no
    end-of-sequence token): a cut response must not pass an upper bound by being cut."""
    if not prompts:
        return [], []
    if pick_engine(config) == "vllm":
        return _generate_vllm(model, prompts, config)
    return _generate_hf(model, prompts, config, on_batch)


def _generate_hf(
    model_spec: Any, prompts: Sequence[str], config: GenerationConfig, on_batch: Any
) -> tuple[list[str], list[bool]]:
    import torch

    from rlmr.hardware import native_bf16_cpu
    from rlmr.models import load_causal_lm, load_tokenizer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = load_tokenizer(model_spec)
    tokenizer.padding_side = "left"  # decoder-only: pad on the left so generation continues the prompt
    dtype = "bfloat16" if (config.bf16 and device == "cuda") else "float32"
    model = load_causal_lm(model_spec, dtype=dtype, device=device)
    texts = [
        tokenizer.apply_chat_template(chat_messages(p, config.system_prompt), tokenize=False, add_generation_prompt=True)
        for p in prompts
    ]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out: list[str] = [""] * len(texts)
    cut: list[bool] = [False] * len(texts)
    stops = {tokenizer.eos_token_id, tokenizer.pad_token_id} - {None}
    torch.manual_seed(config.seed)
    sampling = (
        {"do_sample": True, "temperature": config.temperature, "top_p": config.top_p}
        if config.temperature > 0
        else {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
    )
    # bf16 autocast only where the CPU has native bf16: on AVX2 it made sampling 3x slower (rlmr.hardware)
    autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=config.bf16 and device == "cpu" and native_bf16_cpu())
    for start in range(0, len(order), config.batch_size):
        idx = order[start : start + config.batch_size]
        batch = tokenizer([texts[i] for i in idx], return_tensors="pt", padding=True, add_special_tokens=False)
        batch = batch.to(device)
        with torch.inference_mode(), autocast:
            generated = model.generate(
                **batch,
                max_new_tokens=config.max_new_tokens,
                pad_token_id=tokenizer.pad_token_id,
                **sampling,
            )
        new_tokens = generated[:, batch["input_ids"].shape[1] :]
        for row, (i, text) in enumerate(zip(idx, tokenizer.batch_decode(new_tokens, skip_special_tokens=True))):
            out[i] = text.strip()
            ids = new_tokens[row].tolist()
            cut[i] = len(ids) >= config.max_new_tokens and not stops.intersection(ids)
        if on_batch is not None:
            on_batch(min(start + config.batch_size, len(order)), len(order))
    return out, cut


def _generate_vllm(model_spec: Any, prompts: Sequence[str], config: GenerationConfig) -> tuple[list[str], list[bool]]:
    from vllm import LLM, SamplingParams

    from rlmr.models import resolve

    llm = LLM(model=resolve(model_spec), seed=config.seed, dtype="bfloat16" if config.bf16 else "auto")
    params = SamplingParams(
        max_tokens=config.max_new_tokens,
        temperature=config.temperature,
        top_p=config.top_p if config.temperature > 0 else 1.0,
        seed=config.seed,
    )
    outputs = llm.chat([chat_messages(p, config.system_prompt) for p in prompts], params, use_tqdm=False)
    return [o.outputs[0].text.strip() for o in outputs], [o.outputs[0].finish_reason == "length" for o in outputs]
