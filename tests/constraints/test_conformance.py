"""Our 25 IFEval checkers give exactly the reference verdict (Google's code as shipped in
lm-eval), strict and loose, on the bundled model's real answers to IFEval's 541 prompts plus
corner-case variants of each (tests/constraints/ifeval_mutations.py)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import random
import re
import sys
from pathlib import Path


from rlmr.constraints import verify

HERE = Path(__file__).parent
FIXTURE = HERE.parent / "fixtures" / "ifeval_responses.jsonl"
IFEVAL_SHA256 = "67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49"
MIN_PAIRS = 5000


def _load_helper(name: str):
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def ifeval_rows() -> list[dict]:
    spec = importlib.util.find_spec("eval_framework")
    path = Path(list(spec.submodule_search_locations)[0]) / "tasks/ifeval/data/input_data.jsonl"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == IFEVAL_SHA256, f"{path}: unexpected sha256"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def reference_is_random(iid: str, kwargs: dict) -> bool:
    """Instances where the reference draws a random kwarg (so its verdict is a coin flip)."""
    return iid == "keywords:letter_frequency" and not re.fullmatch("[a-zA-Z]", kwargs.get("letter") or "")


def our_specs(ids: list[str], kw_list: list[dict]) -> list[dict]:
    return [{"id": iid, **{k: v for k, v in kw.items() if v is not None}} for iid, kw in zip(ids, kw_list)]


def test_ifeval_verdicts_match_the_reference_strict_and_loose():
    reference = _load_helper("ifeval_reference")
    mutate = _load_helper("ifeval_mutations")
    responses = {r["prompt"]: r["response"] for r in map(json.loads, FIXTURE.open(encoding="utf-8"))}
    rows = ifeval_rows()
    assert len(rows) == 541 and all(r["prompt"] in responses for r in rows)
    compared, skipped, mismatches = 0, 0, []
    for row in rows:
        ids, kw_list = row["instruction_id_list"], row["kwargs"]
        keep = [i for i, (iid, kw) in enumerate(zip(ids, kw_list)) if not reference_is_random(iid, kw)]
        skipped += len(ids) - len(keep)
        if not keep:
            continue
        ids, kw_list = [ids[i] for i in keep], [kw_list[i] for i in keep]
        specs = our_specs(ids, kw_list)
        rng = random.Random(row["key"])
        for text in mutate.mutations(row["prompt"], ids, kw_list, responses[row["prompt"]], rng):
            strict, loose = reference.reference_verdicts(row["prompt"], ids, kw_list, text)
            ours_strict = [r.passed for r in verify(text, specs, "strict").results]
            ours_loose = [r.passed for r in verify(text, specs, "loose").results]
            for iid, a, b, c, d in zip(ids, strict, ours_strict, loose, ours_loose):
                compared += 1
                if (a, c) != (b, d):
                    mismatches.append((row["key"], iid, text[:200], (a, c), (b, d)))
    print(f"\nIFEval conformance: {compared} (response, instruction) pairs compared in strict and loose mode; "
          f"{skipped} instances skipped where the reference draws a random kwarg; {len(mismatches)} mismatches")
    assert compared >= MIN_PAIRS
    assert not mismatches, mismatches[:5]
