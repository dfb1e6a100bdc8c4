"""Training speed on CPU, side by side in one run: generation engines, the update, whole steps.

    .venv/bin/python benchmarks/bench_train.py                        # default config, 3 rounds
    .venv/bin/python benchmarks/bench_train.py --set grpo.num_generations=8 --set grpo.batch_size=16 \\
        --set grpo.max_completion_length=128                          # a larger batch
    .venv/bin/python benchmarks/bench_train.py --only generation      # just the tokens/s table
    .venv/bin/python benchmarks/bench_train.py --only strategies      # the overhead of rlmr over writing

Every comparison is measured interleaved (A, B, A, B, ...) for `--rounds` rounds and the median
is reported with the ratio, because the machine is shared and absolute numbers drift.

1. generation: tokens/s of plain transformers `generate` on the float32 policy (what TRL runs
   without vLLM) against `rlmr.train.fastgen` (lean decoding loop on the live policy, or on a bf16
   copy synced from it where the CPU has native bf16; sync included), same model, prompts, batch and length: EOS is switched off so that
   every row decodes `max_completion_length` tokens in both.
2. update: one optimizer step on a batch of that shape (prompt + full completion), split into
   forward, backward and AdamW step, for float32 weights under bf16 autocast (the default), bf16
   weights, and LoRA (r=16 on q,k,v,o): what a change of the training defaults would buy.
3. steps: `--steps` real `rlmr train` steps (the default recipe, `--set` overrides applied) with
   `grpo.generation_engine=transformers` (today's path) and `fast`; mean seconds per step over
   steps 2..N and its parts from metrics.jsonl.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

PARTS = ("time/step_s", "time/generation_s", "time/writing_score_s", "time/update_s")


def config(overrides: list[str], threads: int):
    from rlmr.train.config import load_config

    return load_config(None, [*overrides, f"run.cpu_threads={threads}", "run.progress=false"])


def interleave(options: dict[str, Callable[[], float]], rounds: int) -> dict[str, list[float]]:
    seen: dict[str, list[float]] = {name: [] for name in options}
    for _ in range(rounds):
        for name, fn in options.items():
            seen[name].append(fn())
    return seen


def table(title: str, unit: str, seen: dict[str, list[float]], base: str, higher_is_better: bool) -> None:
    print(f"\n{title}")
    print(f"{'':<34}{'median ' + unit:>16}{'ratio':>12}   rounds")
    ref = statistics.median(seen[base])
    for name, values in seen.items():
        med = statistics.median(values)
        ratio = med / ref if higher_is_better else ref / med
        print(f"{name:<34}{med:>16.3f}{ratio:>11.2f}x   {', '.join(f'{v:.3f}' for v in values)}")


def prompts_of(cfg, n: int) -> list[list[int]]:
    """The first n training prompts of the run's data, chat-templated as TRL does."""
    from rlmr import models
    from rlmr.train.run import prepare

    with tempfile.TemporaryDirectory() as tmp:
        rows = prepare(cfg, Path(tmp) / "run").train_rows
    tok = models.load_tokenizer(cfg.policy.model)
    out = []
    for row in (rows * n)[:n]:
        ids = tok.apply_chat_template(row["prompt"], add_generation_prompt=True, tokenize=True)
        out.append(list(ids["input_ids"] if hasattr(ids, "keys") else ids))
    return out


def bench_generation(cfg, rounds: int) -> dict[str, list[float]]:
    import torch
    from transformers import GenerationConfig

    from rlmr import models
    from rlmr.train.fastgen import GenerationCopy, Sampling, left_pad

    g = cfg.grpo
    tok = models.load_tokenizer(cfg.policy.model)
    policy = models.load_causal_lm(cfg.policy.model)  # float32 master weights, as the trainer holds them
    prompts = prompts_of(cfg, g.batch_size)
    n, batch = g.max_completion_length, len(prompts)
    ids, mask = left_pad(prompts, tok.pad_token_id)
    no_eos = [-1]  # nothing stops early: both decode batch x n tokens
    gen_cfg = GenerationConfig(max_new_tokens=n, do_sample=True, temperature=g.temperature, top_p=g.top_p, top_k=0,
                               pad_token_id=tok.pad_token_id, eos_token_id=no_eos, disable_compile=True)
    copy = GenerationCopy(policy)

    def plain() -> float:
        started = time.perf_counter()
        with torch.no_grad():
            out = policy.generate(input_ids=ids, attention_mask=mask, generation_config=gen_cfg)
        assert out.shape[1] - ids.shape[1] == n
        return batch * n / (time.perf_counter() - started)

    def fast() -> float:
        started = time.perf_counter()
        copy.sync(policy)
        out = copy.sample(prompts, Sampling(n, g.temperature, g.top_p), eos_token_ids=no_eos,
                          pad_token_id=tok.pad_token_id)
        assert all(len(row) == n for row in out)
        return batch * n / (time.perf_counter() - started)

    fast()  # first call allocates the copy's caches; neither side is timed cold
    label = f"fastgen ({'live policy' if copy.shared else 'bf16 copy, synced'})"
    seen = interleave({"transformers generate (fp32)": plain, label: fast}, rounds)
    print(f"(weight sync of the copy: {copy.sync_seconds * 1000:.0f} ms, included above)")
    table(f"generation tokens/s, batch {batch} x {n} new tokens", "tok/s", seen, "transformers generate (fp32)", True)
    return seen


def bench_update(cfg, rounds: int) -> None:
    import torch

    from rlmr import models

    g = cfg.grpo
    prompts = prompts_of(cfg, g.batch_size)
    length = max(len(p) for p in prompts) + g.max_completion_length
    ids = torch.randint(100, 20000, (g.batch_size, length), generator=torch.Generator().manual_seed(0))

    def variant(kind: str):
        model = models.load_causal_lm(cfg.policy.model, dtype="bfloat16" if kind == "bf16 weights" else "float32")
        model.train()
        if kind == "LoRA r=16 (fp32 + autocast)":
            from peft import LoraConfig, get_peft_model

            model = get_peft_model(model, LoraConfig(task_type="CAUSAL_LM", r=16, lora_alpha=32,
                                                     target_modules=["q_proj", "k_proj", "v_proj", "o_proj"]))
        params = [p for p in model.parameters() if p.requires_grad]
        opt = torch.optim.AdamW(params, lr=1e-5)
        autocast = kind != "bf16 weights"
        return model, opt, autocast

    kinds = ("fp32 + bf16 autocast (default)", "bf16 weights", "LoRA r=16 (fp32 + autocast)")
    built = {k: variant(k) for k in kinds}
    parts: dict[str, dict[str, list[float]]] = {k: {"forward": [], "backward": [], "optimizer": []} for k in kinds}

    def one(kind: str) -> float:
        model, opt, autocast = built[kind]
        t0 = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=autocast):
            logits = model(input_ids=ids).logits[:, -g.max_completion_length - 1:-1]
            logp = torch.log_softmax(logits.float(), dim=-1)
            loss = -logp.gather(-1, ids[:, -g.max_completion_length:, None]).mean()
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        opt.step()
        opt.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        for name, dt in zip(("forward", "backward", "optimizer"), (t1 - t0, t2 - t1, t3 - t2)):
            parts[kind][name].append(dt)
        return t3 - t0

    for kind in kinds:  # warm-up (allocates optimizer state)
        one(kind)
        for values in parts[kind].values():
            values.clear()
    seen = interleave({k: (lambda k=k: one(k)) for k in kinds}, rounds)
    table(f"update: one optimizer step on {g.batch_size} x {length} tokens (seconds)", "s", seen, kinds[0], False)
    print(f"{'':<34}{'forward':>10}{'backward':>10}{'optimizer':>10}  (median s)")
    for kind in kinds:
        print(f"{kind:<34}" + "".join(f"{statistics.median(parts[kind][p]):>10.3f}" for p in parts[kind]))


def train_steps(cfg_overrides: list[str], engine: str, steps: int, threads: int, out: Path) -> dict[str, float]:
    from rlmr.train.run import train_run

    cfg = config([*cfg_overrides, f"grpo.generation_engine={engine}", f"run.steps={steps}", "run.save_every=0"],
                 threads)
    train_run(cfg, out)
    rows = [json.loads(line) for line in (out / "metrics.jsonl").read_text().splitlines()]
    rows = rows[1:] or rows  # step 1 warms up kernels
    return {p: statistics.fmean(r[p] for r in rows if isinstance(r.get(p), (int, float))) for p in PARTS}


def bench_steps(overrides: list[str], steps: int, threads: int, rounds: int) -> None:
    engines = ("transformers", "fast")
    seen: dict[str, list[dict[str, float]]] = {e: [] for e in engines}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            for e in engines:
                seen[e].append(train_steps(overrides, e, steps, threads, Path(tmp) / f"{e}{r}"))
    print(f"\nrlmr train, {steps} steps per run, means over steps 2..{steps}, median over {rounds} rounds (seconds)")
    print(f"{'generation_engine':<20}" + "".join(f"{p.split('/')[1][:-2]:>16}" for p in PARTS) + f"{'step speed-up':>16}")
    base = statistics.median(s["time/step_s"] for s in seen["transformers"])
    for e in engines:
        med = {p: statistics.median(s[p] for s in seen[e]) for p in PARTS}
        print(f"{e:<20}" + "".join(f"{med[p]:>16.2f}" for p in PARTS) + f"{base / med['time/step_s']:>15.2f}x")
    print("per round step_s: " + "; ".join(f"{e}: " + ", ".join(f"{s['time/step_s']:.1f}" for s in seen[e])
                                          for e in engines))


def bench_strategies(overrides: list[str], steps: int, threads: int) -> None:
    """The overhead of rlmr over writing (mixing + verification), as before this benchmark grew."""
    from rlmr.train.run import train_run

    with tempfile.TemporaryDirectory() as tmp:
        means = {}
        for strategy in ("rlmr", "writing"):
            cfg = config([*overrides, f"reward.strategy={strategy}", f"run.steps={steps}", "run.save_every=0"], threads)
            train_run(cfg, Path(tmp) / strategy)
            rows = [json.loads(x) for x in (Path(tmp) / strategy / "metrics.jsonl").read_text().splitlines()][1:]
            means[strategy] = {k: statistics.fmean(r[k] for r in rows if isinstance(r.get(k), (int, float)))
                               for k in ("time/step_s", "time/mix_s", "time/verify_s")}
    rl = means["rlmr"]
    added = rl["time/mix_s"] + rl["time/verify_s"]
    print(f"\nrlmr adds by construction (mix + verify): {added * 1000:.1f} ms = {100 * added / rl['time/step_s']:.2f}% "
          f"of a {rl['time/step_s']:.1f} s step; rlmr - writing step time: "
          f"{rl['time/step_s'] - means['writing']['time/step_s']:+.2f} s (sampling noise included)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", dest="overrides", action="append", default=[], help="config override, as `rlmr train`")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds; medians are reported")
    ap.add_argument("--steps", type=int, default=3, help="training steps per run in the step comparison")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch default)")
    ap.add_argument("--only", choices=("generation", "update", "steps", "strategies"), action="append",
                    help="run only these parts (repeatable; default: generation, update, steps)")
    args = ap.parse_args()
    parts = args.only or ["generation", "update", "steps"]
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    cfg = config(args.overrides, args.threads)
    g = cfg.grpo
    print(f"config: batch {g.batch_size}, groups of {g.num_generations}, {g.max_completion_length} new tokens, "
          f"threads={args.threads or 'default'}, {args.rounds} interleaved rounds")
    if "generation" in parts:
        bench_generation(cfg, args.rounds)
    if "update" in parts:
        bench_update(cfg, args.rounds)
    if "steps" in parts:
        bench_steps(args.overrides, args.steps, args.threads, args.rounds)
    if "strategies" in parts:
        bench_strategies(args.overrides, max(args.steps, 2), args.threads)


if __name__ == "__main__":
    main()
