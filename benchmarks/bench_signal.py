"""The learning signal: how many GRPO groups are mixed (RLMR's penalty acts) and carry a gradient,
for the old embedded default (creative-train, English, one constraint, uniform sampler, a response
cut at the budget verified as it is) and the new one (short-train, curriculum sampler, a cut
response fails), side by side in one run on the real untrained policy.

    .venv/bin/python benchmarks/bench_signal.py                  # 12 batches per arm
    .venv/bin/python benchmarks/bench_signal.py --batches 24 --threads 1

Each arm draws `--batches` generation batches with its own sampler (fed the verdicts, as in
training, with the loader's one-batch lag), samples G responses per prompt from the embedded
policy (temperature 1, the default budget), verifies them, scores them with the proxy scorer and
mixes them with strategy rlmr. The policy is not updated: this measures the signal the first
steps of a run see; the real run's `groups/mixed` is in its metrics.jsonl.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def arm(name: str, records: list, *, sampler_mode: str, truncation: str, batches: int, g: int, ppb: int,
        max_new_tokens: int, seed: int, scorer) -> dict[str, float]:
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
        config = GenerationConfig(max_new_tokens=max_new_tokens, temperature=1.0, batch_size=len(rows), seed=seed + b)
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
    return {"arm": name, "groups/mixed": float(np.mean(mixed)), "groups/with_gradient": float(np.mean(grad)),
            "pass_rate": float(np.mean(passed)), "truncated": float(np.mean(cut)),
            "seconds": time.perf_counter() - started}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batches", type=int, default=12)
    ap.add_argument("--group-size", type=int, default=8)
    ap.add_argument("--prompts-per-batch", type=int, default=2)
    ap.add_argument("--max-new-tokens", type=int, default=96)
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    from rlmr.data import load_prompts
    from rlmr.writing import build_scorer

    scorer = build_scorer("proxy")
    old = [r for r in load_prompts("creative-train") if r.lang == "en" and len(r.constraints) <= 1]
    new = load_prompts("short-train")
    common = dict(batches=args.batches, g=args.group_size, ppb=args.prompts_per_batch,
                  max_new_tokens=args.max_new_tokens, seed=args.seed, scorer=scorer)
    rows = [
        arm("old: creative-train en, uniform, cut kept", old, sampler_mode="uniform", truncation="keep", **common),
        arm("new: short-train, curriculum, cut fails", new, sampler_mode="curriculum", truncation="fail", **common),
    ]
    print(f"\n{args.batches} batches x {args.prompts_per_batch} groups of {args.group_size}, "
          f"{args.max_new_tokens} new tokens, untrained embedded policy, strategy rlmr")
    print(f"{'arm':44s} {'mixed':>7s} {'w/ grad':>8s} {'pass':>6s} {'cut':>6s} {'s':>6s}")
    for r in rows:
        print(f"{r['arm']:44s} {r['groups/mixed']:7.3f} {r['groups/with_gradient']:8.3f} {r['pass_rate']:6.3f} "
              f"{r['truncated']:6.3f} {r['seconds']:6.0f}")
    base = rows[0]["groups/mixed"]
    ratio = rows[1]["groups/mixed"] / base if base else float("inf")
    print(f"mixed-group share, new / old: {ratio:.1f}x")


if __name__ == "__main__":
    main()
