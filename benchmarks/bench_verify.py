"""Speed of our IFEval verification against the reference checkers, same inputs, one run.

Verifies every IFEval prompt's instructions on the fixture responses (the bundled model's
answers, tests/fixtures/ifeval_responses.jsonl), strict then loose, with ours and with the
reference (Google's code from lm-eval, loaded by tests/constraints/ifeval_reference.py), and
prints seconds and the speed ratio; then the same for language detection alone (langdetect
against `rlmr.constraints.ifeval_langdetect`) on every answer. Each of our runs starts cold:
every cache of answers or of text-derived data (checks, languages, n-grams, Punkt decisions)
is cleared; loaded models stay.

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

    import langdetect

    from rlmr.constraints import ifeval_langdetect, verdict, verify

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

    print(f"{len(rows)} IFEval prompts, {n_instances} instruction instances, strict + loose, median of {args.repeat} alternating runs")
    ratio = _compare(theirs, ours, args.repeat, len(rows), "prompt")
    print(f"speed-up: {ratio} (target >= 5x)")

    # Language detection alone, on every fixture answer: langdetect (seed 0) against ours.
    texts = [response for _, response, _ in jobs]

    def langdetect_all() -> None:  # as the reference checkers call it (seeded by reference.load)
        for text in texts:
            try:
                langdetect.detect(text)
            except langdetect.LangDetectException:
                pass

    def ours_all() -> None:
        ifeval_langdetect.clear_caches()
        for text in texts:
            ifeval_langdetect.detect_language(text)

    print(f"\nlanguage detection alone, {len(texts)} answers, median of {args.repeat} alternating runs")
    print(f"speed-up: {_compare(langdetect_all, ours_all, args.repeat, len(texts), 'text')}")


def _compare(theirs, ours, repeat: int, n_items: int, item: str) -> str:
    """Alternate runs (reference, rlmr, reference, ...) so both sides see the same load on a
    shared machine; print median seconds per side and return the median ratio of the pairs."""
    runs: dict[str, list[float]] = {"reference": [], "rlmr": []}
    ratios = []
    for _ in range(repeat):
        for name, fn in (("reference", theirs), ("rlmr", ours)):
            start = time.perf_counter()
            fn()
            runs[name].append(time.perf_counter() - start)
        ratios.append(runs["reference"][-1] / runs["rlmr"][-1])
    print(f"{'checker':<10} {'seconds':>8} {'ms/' + item:>10}")
    for name, seconds in runs.items():
        median = statistics.median(seconds)
        print(f"{name:<10} {median:8.3f} {1000 * median / n_items:10.2f}")
    return f"{statistics.median(ratios):.1f}x median (runs: {', '.join(f'{r:.1f}' for r in ratios)})"

if __name__ == "__main__":
    main()
