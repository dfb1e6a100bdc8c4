"""Speed of our IFEval verification against the reference checkers, same inputs, one run.

Verifies every IFEval prompt's instructions on the fixture responses (the bundled model's
answers, tests/fixtures/ifeval_responses.jsonl), strict then loose, with ours and with the
reference (Google's code from lm-eval, loaded by tests/constraints/ifeval_reference.py), and
prints seconds and the speed ratio. Each of our runs starts cold: every cache of answers or of
text-derived data (checks, languages, n-grams, Punkt decisions) is cleared; loaded models stay.

    .venv/bin/python benchmarks/bench_verify.py [--responses PATH] [--repeat 7]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _helper(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tests" / "constraints" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--responses", default=str(ROOT / "tests" / "fixtures" / "ifeval_responses.jsonl"))
    parser.add_argument("--repeat", type=int, default=7, help="alternating runs per side")
    args = parser.parse_args()

    from rlmr.constraints import verdict, verify

    reference = _helper("ifeval_reference")
    conformance = _helper("test_conformance")
    responses = {r["prompt"]: r["response"] for r in map(json.loads, open(args.responses, encoding="utf-8"))}
    rows = [r for r in conformance.ifeval_rows() if r["prompt"] in responses]
    jobs = [(r, responses[r["prompt"]], conformance.our_specs(r["instruction_id_list"], r["kwargs"])) for r in rows]
    n_instances = sum(len(r["instruction_id_list"]) for r in rows)
    reference.load()
    verify("warm up", [{"id": "language:response_language", "language": "en"}, {"id": "length_constraints:number_sentences", "num_sentences": 1, "relation": "at least"}])

    def ours() -> None:
        verdict.clear_caches()
        for _, response, specs in jobs:
            verify(response, specs, "strict")
            verify(response, specs, "loose")

    def theirs() -> None:
        for row, response, _ in jobs:
            reference.reference_verdicts(row["prompt"], row["instruction_id_list"], row["kwargs"], response)

    # The machine may be shared: runs alternate (reference, rlmr, reference, ...) so both sides
    # see the same load, and the medians are reported, with the ratio of each pair.
    runs: dict[str, list[float]] = {"reference": [], "rlmr": []}
    ratios = []
    for _ in range(args.repeat):
        for name, fn in (("reference", theirs), ("rlmr", ours)):
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
        ratios.append(runs["reference"][-1] / runs["rlmr"][-1])
    print(f"{len(rows)} IFEval prompts, {n_instances} instruction instances, strict + loose, median of {args.repeat} alternating runs")
    print(f"{'checker':<10} {'seconds':>8} {'ms/prompt':>10}")
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"{name:<10} {median:8.3f} {1000 * median / len(rows):10.2f}")
    print(f"speed-up: {statistics.median(ratios):.1f}x median (runs: {', '.join(f'{r:.1f}' for r in ratios)}; target >= 5x)")

if __name__ == "__main__":
    main()
