"""Benchmark the `proxy` writing scorer: speed, preference for originals, correlation with length.

    .venv/bin/python benchmarks/bench_score.py                 # all three parts
    .venv/bin/python benchmarks/bench_score.py --only speed --threads 1 --spec proxy --spec 'proxy?prompted=1'
    .venv/bin/python benchmarks/bench_score.py --only speed --threads 1 --against HEAD~1   # vs an older proxy.py
    .venv/bin/python benchmarks/bench_score.py --only pairs --spec 'proxy?w_shortfall=0&w_overshoot=0'  # no length band

1. speed: ms per 200-word English response, batched (wall and CPU time; the load average is
   printed because the machine may be shared: on an oversubscribed CPU, wall time is not the
   scorer's own cost, and a single thread often beats two spinning ones);
2. pairs: how often the score prefers the original over each deterministic degradation, over
   the team-built EN + ZH corpus (tests/fixtures/writing_pairs: originals.jsonl, 64 texts x 5
   kinds + 3 brevity cuts; prose.jsonl, more real prose for the cuts only);
3. length: Pearson/Spearman of score with length over the corpus texts, and within each
   original over its prefixes of 1..n whole sentences that end with terminal punctuation (does
   adding sentences raise the score?), split at the floor of the prompt's length band (too short:
   should rise; at or above the floor: should not), and above a stated ceiling (the prompt plus
   "Use at most N words." with N at 60% of the text: should fall).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

FIXTURES = Path(__file__).parents[1] / "tests" / "fixtures" / "writing_pairs"
CORPUS = FIXTURES / "originals.jsonl"
PROSE = FIXTURES / "prose.jsonl"  # more real texts, used for the brevity cuts only


def load_items(path: Path = CORPUS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def corpus_pairs(items: list[dict], prose: list[dict]) -> list:
    """The preference pairs of the test: every kind on the originals, the cuts on the prose too."""
    from rlmr.writing.degrade import CUTS, build_pairs

    return build_pairs(items) + build_pairs(prose, CUTS)


def scorer_at_commit(ref: str):
    """The `proxy` scorer as `src/rlmr/writing/proxy.py` was at git `ref`, loaded as its own
    module next to the current one, so both run in one process, interleaved."""
    import importlib.util
    import subprocess
    import sys
    import tempfile

    root = Path(__file__).parents[1]
    source = subprocess.run(["git", "show", f"{ref}:src/rlmr/writing/proxy.py"], cwd=root, check=True,
                            capture_output=True, text=True).stdout
    path = Path(tempfile.mkdtemp()) / "proxy_at_ref.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"rlmr_proxy_at_{ref}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.ProxyScorer()


def speed_inputs(items: list[dict], n: int, words: int = 200) -> tuple[list[str], list[str]]:
    """n English (prompt, response) pairs, each response `words` words cut from four corpus texts."""
    english = [i for i in items if i["lang"] == "en"]
    prompts, responses = [], []
    for k in range(n):
        pool = " ".join(english[(k + j) % len(english)]["text"] for j in range(4)).split()
        responses.append(" ".join(pool[:words]).rstrip(",;:") + ".")
        prompts.append(english[k % len(english)]["prompt"])
    return prompts, responses


def bench_speed(scorers: dict, items: list[dict], n: int, rounds: int, words: int = 200) -> None:
    """Rounds interleave the scorers, so a noisy neighbour hits them all alike."""
    prompts, responses = speed_inputs(items, n, words)
    for scorer in scorers.values():
        scorer.score(prompts, responses)  # load models, build kernels for these shapes
    times: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _ in range(rounds):
        for spec, scorer in scorers.items():
            wall, cpu = time.perf_counter(), time.process_time()
            scorer.score(prompts, responses)
            times[spec].append(((time.perf_counter() - wall) / n * 1000, (time.process_time() - cpu) / n * 1000))
    print(f"\n## speed: {n} English responses of {words} words, {rounds} rounds interleaved")
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    first = next(iter(scorers))
    print(f"| scorer | wall ms/response, median | best | CPU ms/response, median | vs {first} (median wall) |")
    print("|---|---|---|---|---|")
    base = statistics.median(w for w, _ in times[first])
    for spec, rows in times.items():
        med = statistics.median(w for w, _ in rows)
        print(f"| `{spec}` | {med:.1f} | {min(w for w, _ in rows):.1f} | {statistics.median(c for _, c in rows):.1f} | {med / base:.2f}x |")


def score_texts(scorer, pairs) -> dict[tuple[str, str], float | None]:
    keys = list(dict.fromkeys([(p.prompt, p.original) for p in pairs] + [(p.prompt, p.degraded) for p in pairs]))
    scores = scorer.score([k[0] for k in keys], [k[1] for k in keys])
    return dict(zip(keys, scores))


def bench_pairs(scorer, items: list[dict], prose: list[dict]) -> dict:
    from rlmr.writing.degrade import KINDS

    pairs = corpus_pairs(items, prose)
    start = time.perf_counter()
    scores = score_texts(scorer, pairs)
    wins: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for p in pairs:
        wins[(p.kind, p.lang)].append(scores[(p.prompt, p.original)] > scores[(p.prompt, p.degraded)])
    print(f"\n## pairs: original preferred over degraded ({len(pairs)} pairs, {len(scores)} texts scored in {time.perf_counter() - start:.0f} s)")
    print("| degradation | en | zh | both |\n|---|---|---|---|")
    for kind in KINDS:
        en, zh = wins[(kind, "en")], wins[(kind, "zh")]
        print(f"| {kind} | {sum(en)}/{len(en)} = {sum(en) / len(en):.1%} | {sum(zh)}/{len(zh)} = {sum(zh) / len(zh):.1%} "
              f"| {(sum(en) + sum(zh)) / (len(en) + len(zh)):.1%} |")
    allw = [w for v in wins.values() for w in v]
    print(f"| **all** | | | **{sum(allw)}/{len(allw)} = {sum(allw) / len(allw):.1%}** |")
    return scores


class SharedComponents:
    """`proxy` scorers that differ only in their weights read the same components: compute each
    (prompt, text) once and combine it with each weight set (`--spec proxy --spec 'proxy?w_...'`)."""

    def __init__(self, base):
        self.base, self.cache = base, {}

    def view(self, weights):
        shared = self

        class View:
            name = shared.base.name

            def score(self, prompts, texts):
                missing = list(dict.fromkeys(k for k in zip(prompts, texts) if k not in shared.cache))
                if missing:
                    parts = shared.base.score_components([k[0] for k in missing], [k[1] for k in missing])
                    shared.cache.update(zip(missing, parts))
                return [None if shared.cache[k] is None else weights.combine(shared.cache[k]) for k in zip(prompts, texts)]

        return View()


def same_reading(scorers) -> bool:
    from rlmr.writing.proxy import ProxyScorer

    reads = {(s.max_tokens, s.prompted, s.encoder_tokens) for s in scorers if isinstance(s, ProxyScorer)}
    return len(reads) == 1 and all(isinstance(s, ProxyScorer) for s in scorers)


def bench_length(scorer, items: list[dict], scores: dict | None) -> None:
    from rlmr.writing.batch import length_correlation
    from rlmr.writing.degrade import segments
    from rlmr.writing.length_band import band_for
    from rlmr.writing.textstats import truncated, units

    print("\n## length: correlation of the score with length (words; CJK characters)")
    print("| set | n | Pearson | Spearman |\n|---|---|---|---|")
    originals = scorer.score([i["prompt"] for i in items], [i["text"] for i in items])
    for lang in ("en", "zh", None):
        idx = [k for k, i in enumerate(items) if lang is None or i["lang"] == lang]
        r, rho = length_correlation([originals[k] for k in idx], [items[k]["text"] for k in idx])
        print(f"| originals {lang or 'all'} | {len(idx)} | {r:+.2f} | {rho:+.2f} |")
    if scores:
        r, rho = length_correlation(list(scores.values()), [k[1] for k in scores])
        print(f"| originals + degraded | {len(scores)} | {r:+.2f} | {rho:+.2f} |")
    prompts, texts, owner = [], [], []
    for k, item in enumerate(items):
        parts, joiner = segments(item["text"])
        for n in range(1, len(parts) + 1):
            if truncated(joiner.join(parts[:n])):
                continue  # a verse prefix ending on a comma is a cut text, not a shorter one
            prompts.append(item["prompt"])
            texts.append(joiner.join(parts[:n]))
            owner.append(k)
    prefix_scores = scorer.score(prompts, texts)
    floors = [band_for(p).lower for p in prompts]
    regions = {
        "all": lambda j: True,
        "below the prompt's length floor (too short)": lambda j: len(units(texts[j])) < floors[j],
        "at or above the floor": lambda j: len(units(texts[j])) >= floors[j],
    }
    for name, keep in regions.items():
        rhos = []
        for k in range(len(items)):
            sel = [j for j, o in enumerate(owner) if o == k and keep(j)]
            if len(sel) >= 3:
                rhos.append(length_correlation([prefix_scores[j] for j in sel], [texts[j] for j in sel])[1])
        rhos = [x for x in rhos if x == x]
        mean = f"{statistics.mean(rhos):+.2f}" if rhos else "-"
        print(f"| prefixes of 1..n sentences, per text (mean Spearman), {name} | {len(rhos)} texts with 3+ prefixes | | {mean} |")
    # Too long: the same prefixes under a prompt that caps the length at 60% of the whole text.
    capped, ctexts, cowner = [], [], []
    for j, (p, t, o) in enumerate(zip(prompts, texts, owner)):
        whole = len(units(items[o]["text"]))
        cap = max(5, int(0.6 * whole))
        if len(units(t)) > cap:
            word = "个字" if items[o]["lang"] == "zh" else "words"
            suffix = f"字数不超过{cap}个字。" if items[o]["lang"] == "zh" else f" Use at most {cap} {word}."
            capped.append(p + suffix)
            ctexts.append(t)
            cowner.append(o)
    capped_scores = scorer.score(capped, ctexts)
    rhos = []
    for k in range(len(items)):
        sel = [j for j, o in enumerate(cowner) if o == k]
        if len(sel) >= 3:
            rhos.append(length_correlation([capped_scores[j] for j in sel], [ctexts[j] for j in sel])[1])
    rhos = [x for x in rhos if x == x]
    mean = f"{statistics.mean(rhos):+.2f}" if rhos else "-"
    print(f"| prefixes above a stated ceiling (prompt + 'at most N words', N = 60% of the text; too long) | {len(rhos)} texts with 3+ prefixes | | {mean} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=("speed", "pairs", "length"), help="run one part")
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--n", type=int, default=32, help="responses in the speed batch")
    parser.add_argument("--rounds", type=int, default=5, help="speed rounds per scorer")
    parser.add_argument("--against", metavar="GIT_REF", help="speed: also time proxy.py as it was at this commit")
    parser.add_argument(
        "--spec",
        action="append",
        help="scorer spec, repeatable: speed compares them side by side, pairs uses the first, length "
        "reports each when all are proxy specs that differ only in w_* weights, else the first "
        "(default: proxy; proxy options: max_tokens, batch_size, prompted, w_*)",
    )
    args = parser.parse_args()
    import torch

    from rlmr.writing import build_scorer

    if args.threads:
        torch.set_num_threads(args.threads)
    specs = args.spec or ["proxy"]
    print(f"# bench_score: {', '.join(specs)}; torch threads {torch.get_num_threads()}")
    scorers = {spec: build_scorer(spec) for spec in specs}
    scorer = scorers[specs[0]]
    items, prose = load_items(), load_items(PROSE)
    if args.only in (None, "speed"):
        if args.against:
            scorers[f"proxy at {args.against}"] = scorer_at_commit(args.against)
        bench_speed(scorers, items, args.n, args.rounds)
    scores = bench_pairs(scorer, items, prose) if args.only in (None, "pairs") else None
    if args.only in (None, "length"):
        if len(specs) > 1 and same_reading(scorers.values()):
            shared = SharedComponents(scorer)
            for spec in specs:
                print(f"\n### `{spec}`")
                bench_length(shared.view(scorers[spec].weights), items, scores if spec == specs[0] else None)
        else:
            bench_length(scorer, items, scores)


if __name__ == "__main__":
    main()
