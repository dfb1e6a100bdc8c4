"""The bundled creative sets: checked, valid, disjoint, reproducible, and jointly satisfiable."""

import json
import random

import pytest

from rlmr.constraints import verify
from rlmr.data import load_prompts
from rlmr.data.bundled import BUNDLED_DIR, MANIFEST, bundled_path
from rlmr.data.synth import synthesize
from rlmr.data.synth.release import SEED, SETS
from rlmr.data.synth.witness import witness

SATISFIABILITY_SAMPLE = 200


@pytest.fixture(scope="module")
def train():
    return load_prompts("creative-train")


@pytest.fixture(scope="module")
def evalset():
    return load_prompts("creative-eval")


def test_every_bundled_record_validates_and_the_sizes_match_the_manifest(train, evalset):
    manifest = json.loads(MANIFEST.read_text())
    assert (len(train), len(evalset)) == (manifest["creative-train"]["rows"], manifest["creative-eval"]["rows"]) == (2000, 300)
    assert {r.lang for r in train} == {"en", "zh"}


def test_train_and_eval_topics_are_disjoint(train, evalset):
    assert not {r.meta["topic"] for r in train} & {r.meta["topic"] for r in evalset}


def test_the_files_are_exactly_what_the_synthesiser_makes():
    assert set(SETS) == {"creative-train", "creative-eval", "short-train", "short-eval"}
    for name, (n, split, _lang, make) in SETS.items():
        lines = (BUNDLED_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        again = make(n, split)
        assert [json.loads(line) for line in lines] == [r.to_dict() for r in again]
    assert synthesize(3, "mix", SEED, "eval") == load_prompts("creative-eval")[:3]


def test_the_short_sets_are_english_one_constraint_and_disjoint():
    train, evalset = load_prompts("short-train"), load_prompts("short-eval")
    assert (len(train), len(evalset)) == (1000, 300)
    assert all(r.lang == "en" and len(r.constraints) == 1 for r in train + evalset)
    assert not {r.meta["topic"] for r in train} & {r.meta["topic"] for r in evalset}
    assert not {r.prompt for r in train} & {r.prompt for r in evalset}
    # every family of the short task is present in both splits (the eval split measures the same task)
    assert {r.meta["family"] for r in train} == {r.meta["family"] for r in evalset}


def test_files_stay_small():
    assert sum((BUNDLED_DIR / f"{name}.jsonl").stat().st_size for name in SETS) < 3_000_000


def test_a_changed_file_is_refused(tmp_path):
    (tmp_path / "manifest.json").write_text(MANIFEST.read_text())
    (tmp_path / "creative-eval.jsonl").write_text((BUNDLED_DIR / "creative-eval.jsonl").read_text() + "\n")
    with pytest.raises(ValueError, match="differs from manifest.json"):
        bundled_path("creative-eval", tmp_path)
    assert bundled_path("creative-eval") == BUNDLED_DIR / "creative-eval.jsonl"


def test_constraints_are_jointly_satisfiable_on_a_sample(train, evalset):
    """A constructed response passes every constraint (strict verifier) for each sampled record."""
    sample = random.Random(0).sample(train + evalset, SATISFIABILITY_SAMPLE)
    failed = []
    for record in sample:
        text = witness(record.constraints, record.lang)
        if text is None or not verify(text, record.constraints, mode="strict").passed:
            failed.append(record.id)
    rate = 1 - len(failed) / len(sample)
    print(f"satisfiable: {rate:.1%} of {len(sample)} sampled bundled records")
    assert failed == []


def test_about_prompts_state_the_band_the_verifier_accepts(train, evalset):
    """"About 95 words, give or take K": K must be the verifier's own slack (about_range), so a
    count the prompt allows is never refused. Rounding tolerance * n once said 10 where the
    check takes 86..104 (slack 9)."""
    import re

    from rlmr.constraints.writing_counts import DEFAULT_TOLERANCE, about_range

    checked = 0
    for record in list(train) + list(evalset):
        for spec in record.constraints:
            if spec.get("relation") != "about":
                continue
            lo, hi = about_range(spec["n"], spec.get("tolerance") or DEFAULT_TOLERANCE)
            stated = re.findall(r"(?:give or take|within|off by more than|浮动不超过|误差不超过)\s*(\d+)", record.prompt)
            assert len(stated) == 1 and int(stated[0]) == hi - spec["n"] == spec["n"] - lo, (record.id, spec, stated)
            checked += 1
    assert checked > 100


def test_every_short_prompt_is_satisfiable():
    """The short task asks for nothing impossible: a constructed response passes each prompt."""
    failed = [r.id for r in load_prompts("short-train") + load_prompts("short-eval")
              if not ((text := witness(r.constraints, r.lang)) and verify(text, r.constraints).passed)]
    assert failed == []
