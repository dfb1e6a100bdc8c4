"""Evaluation speed: IFEval scoring of 541 responses, and generation throughput f32 vs bf16.

    .venv/bin/python benchmarks/bench_eval.py [--prompts 4] [--tokens 64]

Scoring is what `rlmr eval --responses` costs (no model). Generation is greedy through
`rlmr.evaluate.generate` on the embedded SmolLM2-135M; tokens/s counts new tokens actually
generated (a response that ends early counts its own length). Prints one table.
"""

from __future__ import annotations

import argparse
import os
import time

CANNED = (
    "Sure, here is my answer. It has commas, and it is short.",
    "<<A Title>>\n\nThe first paragraph\n\n***\n\nThe second paragraph. P.S. bye",
    "* one\n* two\n- three",
    "THIS ANSWER IS IN CAPITAL LETTERS.",
)


def bench_scoring() -> tuple[str, float, str]:
    from rlmr.data import load_prompts
    from rlmr.evaluate.ifeval import score_ifeval

    records = load_prompts("ifeval")
    responses = [CANNED[i % len(CANNED)] + f" {i}" for i in range(len(records))]
    start = time.perf_counter()
    scores = score_ifeval([r.constraints for r in records], responses)
    elapsed = time.perf_counter() - start
    return ("IFEval scoring, 541 responses, strict + loose", elapsed, f"{scores.metrics['n_instructions']} instructions")


def bench_generation(n_prompts: int, tokens: int, bf16: bool) -> tuple[str, float, str]:
    from rlmr.data import load_prompts
    from rlmr.evaluate.generate import GenerationConfig, generate
    from rlmr.models import load_tokenizer

    prompts = [r.prompt for r in load_prompts("creative-eval")[:n_prompts]]
    config = GenerationConfig(max_new_tokens=tokens, batch_size=n_prompts, bf16=bf16, engine="hf")
    generate("embedded", prompts[:1], GenerationConfig(max_new_tokens=2, bf16=bf16, engine="hf"))  # warm caches
    start = time.perf_counter()
    texts = generate("embedded", prompts, config)
    elapsed = time.perf_counter() - start
    tokenizer = load_tokenizer("embedded")
    new_tokens = sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) for t in texts)
    label = f"generation {n_prompts} x {tokens} tokens, {'bf16 autocast' if bf16 else 'float32'}"
    return (label, elapsed, f"{new_tokens / elapsed:.1f} tok/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--prompts", type=int, default=4)
    parser.add_argument("--tokens", type=int, default=64)
    args = parser.parse_args()
    rows = [bench_scoring()]
    for bf16 in (False, True):
        rows.append(bench_generation(args.prompts, args.tokens, bf16))
    print(f"load average at end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'what':<52} {'seconds':>8}  note")
    for label, seconds, note in rows:
        print(f"{label:<52} {seconds:>8.2f}  {note}")


if __name__ == "__main__":
    main()
