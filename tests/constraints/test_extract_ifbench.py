"""`rlmr constraints extract` reads IFBench's constraints back from IFBench's 294 test prompts:
instruction-id F1 over the IFBench ids, and the kwargs of every id found."""

from __future__ import annotations

import collections
import json

from rlmr.constraints import build
from rlmr.constraints.extract import specs
from rlmr.constraints.ifbench_common import is_ifbench_id
from rlmr.data.benchmarks import ifbench_file

SELF_TEXT = ("reference_text", "prompt_to_repeat")
# Row 268's prompt holds several other rows pasted in (tab-separated, with their kwargs): the three
# constraints those pasted prompts state are read too, though the row's gold lists only csv_city.
PASTED = [("268", "count:pronouns"), ("268", "count:pronouns"), ("268", "count:pronouns"), ("268", "custom:character_reverse"), ("268", "words:vowel")]


def test_ifbench_ids_are_recovered_from_the_test_prompts():
    rows = [json.loads(line) for line in ifbench_file().read_text(encoding="utf-8").splitlines()]
    tp = fp = fn = 0
    extras, kwargs_wrong = [], []
    for row in rows:
        got = specs(row["prompt"], "en")
        gold = collections.Counter(row["instruction_id_list"])
        ours = collections.Counter(s["id"] for s in got if is_ifbench_id(s["id"]))
        tp += sum((gold & ours).values())
        fp += sum((ours - gold).values())
        fn += sum((gold - ours).values())
        extras += [(row["key"], i) for i in sorted((ours - gold).elements())]
        for iid, kw in zip(row["instruction_id_list"], row["kwargs"]):
            want = {k: v for k, v in kw.items() if v is not None and k not in SELF_TEXT}
            match = [s for s in got if s["id"] == iid]
            if match and {k: v for k, v in match[0].items() if k != "id" and k not in SELF_TEXT} != want:
                kwargs_wrong.append((row["key"], iid))
        for spec in got:
            build(spec)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nIFBench extraction: tp {tp} fp {fp} fn {fn}, precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f}; extras {extras}")
    assert f1 >= 0.95 and fn == 0 and sorted(extras) == sorted(PASTED)
    assert not kwargs_wrong


def test_synthesised_ifbench_constraints_are_stated_and_read_back(tmp_path):
    import subprocess
    import sys

    from rlmr.data import load_prompts
    from rlmr.data.synth import synthesize

    assert [r.to_dict() for r in synthesize(30, "en", 3)] == [r.to_dict() for r in synthesize(30, "en", 3, ifbench_share=0.0)]
    out = tmp_path / "p.jsonl"
    done = subprocess.run([sys.executable, "-m", "rlmr", "data", "synth", "--n", "60", "--lang", "en", "--ifbench-share", "0.5", "--out", str(out)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    records = load_prompts(out)
    ifbench = [(r, c) for r in records for c in r.constraints if is_ifbench_id(c["id"])]
    assert len(ifbench) >= 10
    for record, spec in ifbench:
        assert spec in specs(record.prompt, "en"), record.prompt
