"""Which responses the page shows: a fair rule, not a pick."""

from rlmr.report.samples import pick_samples, side_by_side


def row(prompt, passed, n=0):
    return {"prompt_id": prompt, "prompt": f"prompt {prompt}", "response": f"r{n}", "passed": passed}


def test_samples_alternate_violators_and_passers_across_prompts():
    # Eight responses of one all-fail prompt come first, as a batch of groups can: they must not fill the page.
    rows = [row("A", False, i) for i in range(8)] + [row("B", True), row("B", False), row("C", True), row("D", False)]
    picked = pick_samples(rows, 4)
    assert [(r["prompt_id"], r["passed"]) for r in picked] == [("A", False), ("B", True), ("C", True), ("D", False)]
    assert len({r["prompt_id"] for r in pick_samples(rows, 3)}) == 3


def test_with_fewer_prompts_than_slots_the_rest_is_filled_without_repeats():
    rows = [row("A", False, i) for i in range(3)] + [row("A", True, 9)]
    picked = pick_samples(rows, 3)
    assert len(picked) == 3 and len({id(r) for r in picked}) == 3
    assert {r["passed"] for r in picked} == {True, False}


def test_side_by_side_takes_the_first_prompts_both_answered_in_base_order(eval_rows):
    base, trained = eval_rows
    trained = [r for r in trained if r["id"] != "e1"][::-1]  # another order, and e1 missing
    pairs = side_by_side(base, trained, 3)
    assert [(b["id"], t["id"]) for b, t in pairs] == [("e0", "e0"), ("e2", "e2"), ("e3", "e3")]
