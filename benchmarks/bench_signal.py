"""The learning signal: how many GRPO groups are mixed (RLMR's penalty acts) and carry a gradient,
for the old embedded default (creative-train, English, one constraint, uniform sampler, a response
cut at the budget verified as it is) and the new one (short-train, curriculum sampler, a cut
response fails), side by side in one run on the real untrained policy.

    .venv/bin/python benchmarks/bench_signal.py                  # 12 batches per arm
    .venv/bin/python benchmarks/bench_signal.py --batches 24 --threads 1

Each arm draws `--batches` generation batches with its own sampler (fed the verdicts, as in
training, with the loader's one-batch lag), samples G responses per prompt from the embedded
policy (each arm at its own default's G, prompts per batch, token budget and temperature: 8
responses a batch in both), verifies them, scores them with the proxy scorer and
mixes them with strategy rlmr. The policy is not updated: this measures the signal the first
steps of a run see; the real run's `groups/mixed` is in its metrics.jsonl.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def arm(name: str, records: list, *, sampler_mode: str, truncation: str, batches: int, g: int, ppb: int,
        max_new_tokens: int, temperature: float, seed: int, scorer) -> dict[str, float]:
    from rlmr.constraints import verify
    from rlmr.evaluate.generate import GenerationConfig, generate_flagged
    from rlmr.mixing import mix
    from rlmr.train.sampler import PromptSampler

    ids = [[str(c["id"]) for c in r.constraints] for r in records]
    sampler = PromptSampler(ids, group_size=g, prompts_per_batch=ppb, total_batches=batches + 1, seed=seed,
                            mode=sampler_mode)
    mixed, grad, passed, cut = [], [], [], []
    started = time.perf_counter()
    draws = [sampler.draw(0)]
    for b in range(batches):
        if b + 1 < batches:
            draws.append(sampler.draw(b + 1))  # drawn before batch b's verdicts, as the loader prefetches
        rows = [int(i) for i in draws[b] for _ in range(g)]
        config = GenerationConfig(max_new_tokens=max_new_tokens, temperature=temperature, batch_size=len(rows), seed=seed + b)
        texts, flags = generate_flagged("embedded", [records[i].prompt for i in rows], config)
        ok = [verify(t, records[i].constraints).passed and not (f and truncation == "fail")
              for t, f, i in zip(texts, flags, rows)]
        scores = scorer.score([records[i].prompt for i in rows], texts)
        result = mix(scores, ok, group_size=g, strategy="rlmr")
        log = result.log(prefix="")
        mixed.append(log["groups/mixed"])
        grad.append(log["groups/with_gradient"])
        passed.append(float(np.mean(ok)))
        cut.append(float(np.mean(flags)))
        sampler.record(rows, [float(x) for x in ok])
    return {"arm": name, "G": g, "prompts": ppb, "tokens": max_new_tokens, "temperature": temperature,
            "groups/mixed": float(np.mean(mixed)), "groups/with_gradient": float(np.mean(grad)),
            "pass_rate": float(np.mean(passed)), "truncated": float(np.mean(cut)),
            "seconds": time.perf_counter() - started}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=12, help="generation batches per arm (the default trains 6 steps; more batches give a steadier share)")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from rlmr.data import load_prompts
    from rlmr.train.config import TrainConfig
    from rlmr.writing import build_scorer

    scorer = build_scorer("proxy")
    default = TrainConfig()
    new_cfg = default.grpo
    old = [r for r in load_prompts("creative-train") if r.lang == "en" and len(r.constraints) <= 1]
    new = load_prompts(default.data.prompts)
    common = dict(batches=args.batches, seed=args.seed, scorer=scorer)
    rows = [
        # The 0.1 default (configs/default.yaml at 0d3716f): G=4, batch 8, 96 tokens, TRL's temperature 1.
        arm("old: creative-train en, uniform, cut kept", old, sampler_mode="uniform", truncation="keep",
            g=4, ppb=2, max_new_tokens=96, temperature=1.0, **common),
        arm("new: short-train, curriculum, cut fails", new, sampler_mode="curriculum", truncation="fail",
            g=new_cfg.num_generations, ppb=max(1, new_cfg.batch_size // new_cfg.num_generations),
            max_new_tokens=new_cfg.max_completion_length, temperature=new_cfg.temperature, **common),
    ]
    print(f"\n{args.batches} generation batches per arm, each arm at its default's G, prompts per batch, "
          "token budget and temperature; untrained embedded policy, strategy rlmr")
    print(f"{'arm':44s} {'G':>2s} {'pr':>3s} {'tok':>4s} {'temp':>5s} {'mixed':>7s} {'w/ grad':>8s} {'pass':>6s} "
          f"{'cut':>6s} {'s':>6s}")
    for r in rows:
        print(f"{r['arm']:44s} {r['G']:2d} {r['prompts']:3d} {r['tokens']:4d} {r['temperature']:5.2f} "
              f"{r['groups/mixed']:7.3f} {r['groups/with_gradient']:8.3f} {r['pass_rate']:6.3f} "
              f"{r['truncated']:6.3f} {r['seconds']:6.0f}")
    base = rows[0]["groups/mixed"]
    ratio = rows[1]["groups/mixed"] / base if base else float("inf")
    print(f"mixed-group share, new / old: {ratio:.1f}x")


if __name__ == "__main__":
    main()
