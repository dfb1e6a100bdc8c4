"""The ablation's evidence: per-arm numbers with intervals, and a verdict for each of the paper's claims.

Input: each arm's scored eval responses, one file per training seed, all on the same prompts
(`rlmr eval` rows, with `win` against the untrained policy). Seeds are pooled per prompt: a
prompt's value is the mean over every seed's samples, and the intervals are paired bootstraps
over prompts (`rlmr.evaluate.paired`). Such an interval covers prompt and sampling noise, not the
variation between training seeds, so a claim only "holds" when the pooled interval is clear of
the threshold AND every seed, compared alone, points the same way.

The claims (paper: RLMR vs single-signal rewards), each on the arms named in `CLAIM_ARMS`:
  1. RLMR's pass rate is higher than writing-only's.
  2. RLMR's writing score is at least as high as verify-only's (non-inferiority: the interval's
     low end is above -margin; margin 0 by default, so "holds" means no drop can be seen).
  3. RLMR avoids writing-only's length hacking: it breaks length limits less often, or
     writing-only drifts longer than the untrained policy while RLMR stays shorter.
Verdicts: `holds`, `does not hold` (the interval is clear on the wrong side), `cannot tell`.
Numpy only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from rlmr.evaluate.paired import (
    BELOW_FLOOR,
    CONFIDENCE,
    LENGTH_VIOLATION,
    WIN,
    PromptTable,
    bootstrap_indices,
    mean_interval,
    pair_tables,
    paired_difference,
)

HOLDS, FAILS, UNSURE = "holds", "does not hold", "cannot tell"
BASE = "base"
CLAIM_ARMS = {"rlmr": "rlmr", "writing": "writing", "verify": "verify"}
VARIANT_METRICS = ("pass_rate", "writing_score", "words", BELOW_FLOOR)
P90_RESAMPLES = 500  # the p90 interval loops in Python; 500 resamples keep it well under a second


def pooled(tables: Sequence[PromptTable]) -> PromptTable:
    """One table from several seeds' tables: per prompt, the mean of the seeds' prompt means
    (prompts every seed has; a prompt some seed lacks is left out and should not occur)."""
    if len(tables) == 1:
        return tables[0]
    common = set(tables[0].keys).intersection(*[t.keys for t in tables[1:]])
    keys = [k for k in tables[0].keys if k in common]
    pos = [{k: i for i, k in enumerate(t.keys)} for t in tables]
    values = {}
    for metric in tables[0].values:
        stacked = np.array([[t.values[metric][p[k]] for k in keys] for t, p in zip(tables, pos)])
        with np.errstate(invalid="ignore"), _quiet():
            values[metric] = np.nanmean(stacked, axis=0)
    first = pos[0]
    return PromptTable(
        keys=keys,
        ids=[tables[0].ids[first[k]] for k in keys],
        values=values,
        samples=np.array([sum(t.samples[p[k]] for t, p in zip(tables, pos)) for k in keys]),
        words=[np.concatenate([t.words[p[k]] for t, p in zip(tables, pos)]) for k in keys],
    )


class _quiet:
    """Silence numpy's "mean of empty slice" for all-NaN columns (they stay NaN, on purpose)."""

    def __enter__(self) -> None:
        import warnings

        self._ctx = warnings.catch_warnings()
        self._ctx.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc: Any) -> None:
        self._ctx.__exit__(*exc)


def p90_interval(table: PromptTable, idx: np.ndarray, confidence: float = CONFIDENCE) -> dict[str, float]:
    """90th percentile of all responses' words, resampling whole prompts (their samples together)."""
    if not len(table):
        return {"mean": np.nan, "lo": np.nan, "hi": np.nan}
    point = float(np.percentile(np.concatenate(table.words), 90))
    stats = [float(np.percentile(np.concatenate([table.words[i] for i in row]), 90)) for row in idx[:P90_RESAMPLES]]
    tail = (1 - confidence) / 2
    lo, hi = np.quantile(stats, [tail, 1 - tail])
    return {"mean": point, "lo": float(lo), "hi": float(hi)}


def arm_summary(table: PromptTable, seed: int = 0) -> dict[str, dict[str, float]]:
    """Mean and interval over prompts of every table metric, plus the words p90."""
    idx = bootstrap_indices(len(table), seed=seed)
    out = {m: mean_interval(table.values[m], idx) for m in ("pass_rate", "writing_score", "words", LENGTH_VIOLATION, BELOW_FLOOR, WIN)}
    out["words_p90"] = p90_interval(table, idx)
    return out


def paired(ta: PromptTable, tb: PromptTable, metric: str, seed: int = 0) -> dict[str, float]:
    """b - a on `metric` over the prompts both have, with its interval (see paired.py)."""
    p = pair_tables(ta, tb)
    res = paired_difference(ta.values[metric][p.ia], tb.values[metric][p.ib], bootstrap_indices(len(p.ia), seed=seed))
    return {**res, "n_paired": int(len(p.ia))}


@dataclass(frozen=True)
class Claim:
    """One claim's verdict and the numbers it rests on."""

    name: str
    statement: str
    verdict: str
    evidence: dict[str, Any]
    why: str


def directional(
    pooled_diff: dict[str, float], per_seed: Sequence[dict[str, float]], *, margin: float = 0.0, sign: float = 1.0
) -> tuple[str, str]:
    """Verdict on "sign * (b - a) > -margin" from the pooled interval and the per-seed diffs.

    holds: the interval lies above -margin and every seed's diff does too; does not hold: the
    interval lies below -margin; cannot tell otherwise (or when seeds disagree).
    """
    t = -margin
    lo, hi = sorted((sign * pooled_diff["lo"], sign * pooled_diff["hi"]))
    shown = f"diff {pooled_diff['diff']:+.4g}, interval [{pooled_diff['lo']:+.4g}, {pooled_diff['hi']:+.4g}]"
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return UNSURE, "no interval (metric undefined)"
    if lo > t:
        if all(sign * d["diff"] > t for d in per_seed):
            return HOLDS, f"{shown} is clear and every seed agrees"
        return UNSURE, f"{shown} is clear but the seeds disagree"
    if hi < t:
        return FAILS, f"{shown} is clear on the wrong side"
    return UNSURE, f"{shown} contains the threshold"


def judge_claims(
    pooled_tables: dict[str, PromptTable], seed_tables: dict[str, list[PromptTable]], *, margin: float = 0.0
) -> list[Claim]:
    """The three verdicts; an arm that is missing makes its claims `cannot tell`."""
    rlmr, writing, verify = (CLAIM_ARMS[k] for k in ("rlmr", "writing", "verify"))

    def diff(a: str, b: str, metric: str) -> tuple[dict[str, float], list[dict[str, float]]]:
        sa, sb = seed_tables[a], seed_tables[b]
        sa = sa * len(sb) if len(sa) == 1 else sa  # the untrained policy has one "seed" for all
        per_seed = [paired(ta, tb, metric) for ta, tb in zip(sa, sb)]
        return paired(pooled_tables[a], pooled_tables[b], metric), per_seed

    claims = []
    have = set(pooled_tables)
    if {rlmr, writing} <= have:
        d, s = diff(writing, rlmr, "pass_rate")
        verdict, why = directional(d, s)
        claims.append(Claim("1", "RLMR's pass rate > writing-only's", verdict, {"pass_rate": d, "per_seed": s}, why))
    else:
        claims.append(Claim("1", "RLMR's pass rate > writing-only's", UNSURE, {}, f"needs arms {rlmr} and {writing}"))
    if {rlmr, verify} <= have:
        d, s = diff(verify, rlmr, "writing_score")
        verdict, why = directional(d, s, margin=margin)
        claims.append(Claim("2", f"RLMR's writing score >= verify-only's (margin {margin:g})", verdict,
                            {"writing_score": d, "per_seed": s}, why))
    else:
        claims.append(Claim("2", "RLMR's writing score >= verify-only's", UNSURE, {}, f"needs arms {rlmr} and {verify}"))
    claims.append(length_claim(pooled_tables, seed_tables, diff))
    return claims


def length_claim(pooled_tables: dict[str, PromptTable], seed_tables: dict[str, list[PromptTable]], diff: Any) -> Claim:
    """Claim 3: fewer length-limit violations than writing-only, or no drift where writing-only drifts."""
    rlmr, writing = CLAIM_ARMS["rlmr"], CLAIM_ARMS["writing"]
    statement = "RLMR avoids writing-only's length hacking"
    if not {rlmr, writing} <= set(pooled_tables):
        return Claim("3", statement, UNSURE, {}, f"needs arms {rlmr} and {writing}")
    viol, viol_seeds = diff(writing, rlmr, LENGTH_VIOLATION)
    words, words_seeds = diff(writing, rlmr, "words")
    evidence: dict[str, Any] = {"length_violation": viol, "words": words, "per_seed": viol_seeds}
    verdict, why = directional(viol, viol_seeds, sign=-1.0)
    if verdict == HOLDS:
        caveat = ""
        if BASE in pooled_tables:  # the verdict stands; the reader should know whether there was a hack
            hack, _ = diff(BASE, writing, LENGTH_VIOLATION)
            evidence["writing_vs_base_violation"] = hack
            if not hack["diff"] > 0:
                caveat = (f"; but writing-only breaks them no more often than the untrained policy (diff {hack['diff']:+.4g}): "
                          "fewer violations than an arm that did not hack length")
        return Claim("3", statement, HOLDS, evidence, "fewer length-limit violations: " + why + caveat)
    if verdict == FAILS:
        return Claim("3", statement, FAILS, evidence, "more length-limit violations: " + why)
    if BASE in pooled_tables:
        drift, drift_seeds = diff(BASE, writing, "words")
        evidence["writing_drift_words"] = drift
        drifts, _ = directional(drift, drift_seeds)
        shorter, _ = directional(words, words_seeds, sign=-1.0)
        if drifts == HOLDS and shorter == HOLDS:
            return Claim("3", statement, HOLDS, evidence, "writing-only drifts longer than the untrained policy; RLMR is shorter")
        if drifts != HOLDS:
            return Claim("3", statement, UNSURE, evidence, "writing-only shows no length hacking to avoid here "
                         f"(violations: {why}; drift interval [{drift['lo']:+.4g}, {drift['hi']:+.4g}] words)")
    return Claim("3", statement, UNSURE, evidence, why)


def _ci(m: dict[str, float], digits: int = 3) -> str:
    if not np.isfinite(m.get("mean", m.get("diff", np.nan))):
        return "–"
    value = m["mean"] if "mean" in m else m["diff"]
    sign = "+" if "diff" in m and "mean" not in m else ""
    return f"{value:{sign}.{digits}f} [{m['lo']:{sign}.{digits}f}, {m['hi']:{sign}.{digits}f}]"


ARM_COLUMNS = (
    ("pass_rate", "pass rate"),
    ("writing_score", "writing score"),
    ("words", "words (mean)"),
    ("words_p90", "words (p90)"),
    (LENGTH_VIOLATION, "length-limit violations"),
    (BELOW_FLOOR, "below length floor"),
    (WIN, "win rate vs untrained"),
)


def markdown(summary: dict[str, Any]) -> str:
    """The README table: per-arm numbers with 95% intervals, then one verdict per claim."""
    lines = [f"Command: `{summary['command']}`", ""]
    lines.append(
        f"Eval: `{summary['benchmark']}`, {summary['n_prompts']} prompts x {summary['samples']} samples x "
        f"{summary['seeds']} seed(s) per arm. Brackets: 95% paired bootstrap intervals over prompts "
        f"(seeds pooled). Pass-rate difference half-width vs untrained: ±{summary['halfwidth']:.3f}."
    )
    lines += ["", "| arm | " + " | ".join(label for _, label in ARM_COLUMNS) + " | pass rate - untrained |"]
    lines.append("|" + "---|" * (len(ARM_COLUMNS) + 2))
    for arm, row in summary["arms"].items():
        delta = summary["vs_base"].get(arm, {}).get("pass_rate")
        cells = [_ci(row[key]) for key, _ in ARM_COLUMNS] + [_ci(delta) if delta else "–"]
        lines.append(f"| {arm} | " + " | ".join(cells) + " |")
    lines += ["", "| claim | verdict | why |", "|---|---|---|"]
    for c in summary["claims"]:
        lines.append(f"| {c['name']}. {c['statement']} | **{c['verdict']}** | {c['why']} |")
    if summary.get("variants"):
        lines += ["", "Variants (each arm minus the arm it varies; `rlmr` is `all_fail: zero`):", "",
                  "| arm | minus | pass rate | writing score | words | below length floor |", "|---|---|---|---|---|---|"]
        for arm, d in summary["variants"].items():
            lines.append(f"| {arm} | {d['base']} | {_ci(d['pass_rate'])} | {_ci(d['writing_score'])} | "
                         f"{_ci(d['words'], 1)} | {_ci(d[BELOW_FLOOR])} |")
    return "\n".join(lines) + "\n"


def summarize(
    seed_tables: dict[str, list[PromptTable]],
    *,
    margin: float = 0.0,
    seed: int = 0,
    bases: dict[str, str] | None = None,
    **meta: Any,
) -> dict[str, Any]:
    """Everything the table shows (as JSON-ready data): arms, differences vs untrained, claims,
    and each variant arm minus the arm it varies (`bases`; by default every `rlmr-*` arm minus
    `rlmr`, the all-fail policies)."""
    tables = {arm: pooled(ts) for arm, ts in seed_tables.items()}
    summary: dict[str, Any] = {**meta, "margin": margin, "confidence": CONFIDENCE}
    summary["arms"] = {arm: arm_summary(t, seed) for arm, t in tables.items()}
    base = tables.get(BASE)
    summary["vs_base"] = {
        arm: {m: paired(base, t, m, seed) for m in ("pass_rate", "writing_score", "words", LENGTH_VIOLATION)}
        for arm, t in tables.items() if base is not None and arm != BASE
    }
    widths = [(d["pass_rate"]["hi"] - d["pass_rate"]["lo"]) / 2 for d in summary["vs_base"].values()]
    summary["halfwidth"] = float(np.nanmean(widths)) if widths else float("nan")
    summary["n_prompts"] = len(base) if base is not None else max((len(t) for t in tables.values()), default=0)
    summary["claims"] = [c.__dict__ for c in judge_claims(tables, seed_tables, margin=margin)]
    rlmr = CLAIM_ARMS["rlmr"]
    if bases is None:
        bases = {arm: rlmr for arm in tables if arm.startswith(rlmr + "-")}
    summary["variants"] = {
        arm: {"base": base, **{m: paired(tables[base], tables[arm], m, seed) for m in VARIANT_METRICS}}
        for arm, base in bases.items() if arm in tables and base in tables
    }
    return summary
