"""Claim verdicts follow the intervals: synthetic arms with known differences, pooled over seeds."""

from __future__ import annotations

import numpy as np
import pytest

from rlmr.evaluate.evidence import FAILS, HOLDS, UNSURE, directional, markdown, pooled, summarize
from rlmr.evaluate.paired import LENGTH_VIOLATION, prompt_table

N = 120  # prompts


def arm(pass_p: float, *, score: float = 0.5, words: int = 40, too_long_p: float = 0.0, seed: int = 0, k: int = 2):
    """A table of N prompts x k samples: pass with probability pass_p; every prompt carries a
    length limit that is broken with probability too_long_p."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(N):
        for s in range(k):
            passed = bool(rng.random() < pass_p)
            too_long = bool(rng.random() < too_long_p)
            results = [{"id": "cw:no_comma", "passed": passed}, {"id": "cw:word_count", "passed": not too_long}]
            rows.append((f"mem:{i}:{s}", {
                "id": f"p{i}", "prompt": f"prompt {i}", "constraints": [{"id": "cw:no_comma"}, {"id": "cw:word_count", "relation": "at_most", "n": 50}],
                "passed": passed, "satisfied_fraction": float(passed), "verdict": {"results": results},
                "writing_score": score + 0.1 * rng.standard_normal(), "words": words + 80 * too_long, "win": 0.5,
            }))
    return prompt_table(rows)


def verdicts(tables, **kw):
    return [c["verdict"] for c in summarize(tables, benchmark="x", samples=2, seeds=2, command="c", **kw)["claims"]]


def test_claims_hold_when_rlmr_clearly_wins_on_every_seed():
    tables = {
        "base": [arm(0.3, seed=9)],
        "writing": [arm(0.3, score=0.6, too_long_p=0.5, seed=s) for s in (1, 2)],
        "verify": [arm(0.7, score=0.4, seed=s) for s in (3, 4)],
        "rlmr": [arm(0.7, score=0.55, too_long_p=0.1, seed=s) for s in (5, 6)],
    }
    assert verdicts(tables) == [HOLDS, HOLDS, HOLDS]


def test_claims_fail_when_the_interval_is_clear_on_the_wrong_side():
    tables = {
        "writing": [arm(0.7, too_long_p=0.05, seed=s) for s in (1, 2)],
        "verify": [arm(0.7, score=0.6, seed=s) for s in (3, 4)],
        "rlmr": [arm(0.3, score=0.4, too_long_p=0.5, seed=s) for s in (5, 6)],
    }
    assert verdicts(tables) == [FAILS, FAILS, FAILS]


def test_identical_arms_cannot_be_told_apart_and_missing_arms_say_so():
    same = {name: [arm(0.5, seed=s) for s in (1, 2)] for name in ("writing", "verify", "rlmr")}
    assert verdicts(same) == [UNSURE, UNSURE, UNSURE]
    claims = summarize({"rlmr": same["rlmr"]}, benchmark="x", samples=2, seeds=2, command="c")["claims"]
    assert [c["verdict"] for c in claims] == [UNSURE] * 3 and "needs arms" in claims[0]["why"]


def test_a_pooled_win_that_one_seed_contradicts_is_not_a_holds():
    d = {"diff": 0.1, "lo": 0.05, "hi": 0.15}
    assert directional(d, [{"diff": 0.12}, {"diff": 0.08}])[0] == HOLDS
    verdict, why = directional(d, [{"diff": 0.2}, {"diff": -0.01}])
    assert verdict == UNSURE and "seeds disagree" in why
    # "less is better" (sign -1) and a non-inferiority margin.
    assert directional({"diff": -0.1, "lo": -0.15, "hi": -0.05}, [], sign=-1.0)[0] == HOLDS
    assert directional({"diff": -0.01, "lo": -0.03, "hi": 0.01}, [], margin=0.05)[0] == HOLDS
    assert directional({"diff": -0.01, "lo": -0.03, "hi": 0.01}, [])[0] == UNSURE


def test_seeds_pool_per_prompt_as_the_mean_of_their_prompt_means():
    a, b = arm(1.0, seed=1, k=1), arm(0.0, seed=2, k=3)
    p = pooled([a, b])
    assert np.all(p.values["pass_rate"] == 0.5) and p.samples.tolist() == [4] * N
    assert np.all(p.values[LENGTH_VIOLATION] == 0.0)


def test_the_markdown_has_a_row_per_arm_and_a_verdict_per_claim():
    tables = {"base": [arm(0.3, seed=9)], "writing": [arm(0.3, seed=1)], "verify": [arm(0.5, seed=2)], "rlmr": [arm(0.7, seed=3)],
              "rlmr-writing": [arm(0.6, seed=4)]}
    summary = summarize(tables, benchmark="short-eval", samples=2, seeds=1, command="rlmr ablate --preset cpu")
    text = markdown(summary).splitlines()
    assert text[0] == "Command: `rlmr ablate --preset cpu`"
    assert f"{N} prompts x 2 samples x 1 seed(s)" in text[2]
    assert summary["halfwidth"] == pytest.approx(np.mean([(d["pass_rate"]["hi"] - d["pass_rate"]["lo"]) / 2 for d in summary["vs_base"].values()]))
    rows = [line for line in text if line.startswith("| ")]
    assert rows[0].startswith("| arm | pass rate | writing score | words (mean) | words (p90) | length-limit violations | below length floor")
    assert [r.split(" | ")[0] for r in rows[1:6]] == ["| base", "| writing", "| verify", "| rlmr", "| rlmr-writing"]
    assert rows[3].endswith("|") and "–" in rows[1]  # the untrained policy has no difference to itself
    claim_rows = [r for r in rows if r.startswith(("| 1.", "| 2.", "| 3."))]
    assert len(claim_rows) == 3 and "**holds**" in claim_rows[0]
    assert any(r.startswith("| rlmr-writing |") for r in rows[-1:])


def test_each_variant_is_shown_minus_the_arm_it_varies():
    tables = {"base": [arm(0.3, seed=9)], "rlmr": [arm(0.4, seed=3)], "verify": [arm(0.5, seed=2)],
              "rlmr-floor": [arm(0.8, seed=4)], "verify-lr": [arm(0.5, seed=5)]}
    summary = summarize(tables, benchmark="x", samples=2, seeds=1, command="c",
                        bases={"rlmr-floor": "rlmr", "verify-lr": "verify", "gone": "rlmr"})
    assert list(summary["variants"]) == ["rlmr-floor", "verify-lr"]  # an arm without a table is left out
    floor = summary["variants"]["rlmr-floor"]
    assert floor["base"] == "rlmr" and floor["pass_rate"]["lo"] > 0  # 0.8 vs 0.4 on 120 prompts x 2
    lines = markdown(summary).splitlines()
    header = lines.index("| arm | minus | pass rate | writing score | words | below length floor |")
    assert lines[header + 2].startswith("| rlmr-floor | rlmr | +0.")
    assert lines[header + 3].startswith("| verify-lr | verify | ")
    # Without bases, the rlmr-* arms are the all-fail variants of rlmr, as before.
    assert list(summarize(tables, benchmark="x", samples=2, seeds=1, command="c")["variants"]) == ["rlmr-floor"]


def test_fewer_violations_than_a_writing_arm_that_did_not_hack_holds_with_a_caveat():
    def claim3(base_too_long):
        tables = {
            "base": [arm(0.3, too_long_p=base_too_long, seed=9)],
            "writing": [arm(0.3, too_long_p=0.5, seed=s) for s in (1, 2)],
            "rlmr": [arm(0.3, too_long_p=0.1, seed=s) for s in (5, 6)],
        }
        return summarize(tables, benchmark="x", samples=2, seeds=2, command="c")["claims"][2]

    hacked, not_hacked = claim3(0.1), claim3(0.8)  # writing-only breaks limits more / less than untrained
    assert hacked["verdict"] == not_hacked["verdict"] == HOLDS  # the pre-registered rule is unchanged
    assert "no more often than the untrained policy" not in hacked["why"]
    assert "no more often than the untrained policy" in not_hacked["why"]
    assert not_hacked["evidence"]["writing_vs_base_violation"]["diff"] < 0
