"""The eval entry: prompts -> responses (generated, or read from a file) -> metrics -> files.

Writes `OUT/results.json` (the metrics at top level, details nested) and `OUT/responses.jsonl`
(every response with its verdicts, so a number can always be traced back to texts). OUT defaults
to `RUN/eval/<benchmark>/` when the model is an `rlmr train` run directory, else
`eval/<benchmark>/`.

Benchmarks: `ifeval` and `ifbench` give the four IFEval-style accuracies; every other prompt set (`creative-eval`,
`writingbench`, a prompts file) gives pass rates, writing score and length statistics. With
`samples` k > 1 (generation config) every prompt gets k sampled responses; each prompt's
responses are averaged first, then prompts (the unit of the 95% intervals in `intervals`). A
baseline (a responses file or a model) adds the pairwise win rate through a judge and
`OUT/compare.json`: the paired differences (model - baseline) with their bootstrap intervals
(`rlmr.evaluate.paired`).
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rlmr.evaluate.generate import GenerationConfig, generate_flagged
from rlmr.evaluate.paired import (
    BELOW_FLOOR,
    LENGTH_VIOLATION,
    PromptTable,
    bootstrap_indices,
    compare_tables,
    mean_interval,
    prompt_table,
)
from rlmr.evaluate.responses import EvalItem, ResponsesError, match_responses, write_jsonl
from rlmr.jsonl import iter_objects

IFEVAL = "ifeval"
IFBENCH = "ifbench"
# Benchmarks scored as IFEval is: prompt/instruction level, strict/loose.
IFEVAL_STYLE = (IFEVAL, IFBENCH)
# A response cut at the token budget: `keep` verifies it as it is (IFEval's reference protocol, so
# numbers compare with published ones); `fail` counts it as a violator, training's default rule.
TRUNCATION_RULES = ("keep", "fail")


@dataclass
class EvalRequest:
    """What to evaluate; see `rlmr eval --help` for each field."""

    benchmark: str | None = IFEVAL  # a bundled name or a prompts file; None: the responses carry all
    model: str | None = None
    responses: str | None = None
    baseline: str | None = None  # a responses file or a model spec
    judge: str | None = "proxy"  # for the win rate; "none" skips it (compare.json is still written)
    scorer: str | None = "auto"  # auto: none for ifeval/ifbench, proxy otherwise; "none" disables
    limit: int | None = None
    out: str | None = None
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    progress: bool = True  # a live `generate k/N  elapsed  ETA` line on stderr
    truncation: str = "keep"  # TRUNCATION_RULES


def benchmark_name(benchmark: str | None) -> str:
    if benchmark is None:
        return "responses"
    path = Path(benchmark)
    return path.stem if path.suffix else benchmark


def is_run_dir(path: str | None) -> bool:
    return path is not None and Path(path).is_dir() and (Path(path) / "metrics.jsonl").is_file()


def default_out(req: EvalRequest) -> Path:
    if req.out:
        return Path(req.out)
    root = Path(req.model) / "eval" if is_run_dir(req.model) else Path("eval")
    return root / benchmark_name(req.benchmark)


def load_items(benchmark: str | None) -> list[EvalItem] | None:
    if benchmark is None:
        return None
    from rlmr.data import load_prompts

    return [EvalItem(r.id, r.prompt, list(r.constraints)) for r in load_prompts(benchmark)]


def first_prompts(items: list[EvalItem], n: int | None) -> list[EvalItem]:
    """The rows of the first n distinct prompts (all their samples)."""
    if not n:
        return items
    keep: set[tuple[str, str]] = set()
    out = []
    for it in items:
        key = (it.id, it.prompt)
        if key not in keep and len(keep) >= n:
            continue
        keep.add(key)
        out.append(it)
    return out


def sampled(items: list[EvalItem], texts: list[str], k: int, cut: list[bool] | None = None) -> list[EvalItem]:
    """One item per response: texts (and their cut flags) are prompt-major, k per prompt (see `generate`)."""
    return [
        EvalItem(it.id, it.prompt, list(it.constraints), texts[i * k + j], j, None if cut is None else cut[i * k + j])
        for i, it in enumerate(items)
        for j in range(k)
    ]


def collect_responses(req: EvalRequest, items: list[EvalItem] | None) -> tuple[list[EvalItem], float | None]:
    """One item per response (read or generated) and the generation time (None when read)."""
    if req.responses:
        return first_prompts(match_responses(req.responses, items), req.limit), None
    if items is None:
        raise ValueError("give a benchmark to generate for, or --responses FILE")
    items = items[: req.limit] if req.limit else items
    start = time.perf_counter()
    texts, cut = generate_with_progress(req, req.model, [it.prompt for it in items], f"generate {req.model}")
    return sampled(items, texts, req.generation.samples, cut), time.perf_counter() - start


def generate_with_progress(
    req: EvalRequest, model: str | None, prompts: list[str], label: str
) -> tuple[list[str], list[bool]]:
    """`generate_flagged` (responses and whether each was cut), with a progress line (prompts
    done, elapsed, ETA) while it runs."""
    from rlmr.progress import Progress

    with Progress(label, len(prompts) * max(1, req.generation.samples), enabled=req.progress) as bar:
        bar.note("loading the model")
        texts, cut = generate_flagged(model, prompts, req.generation, on_batch=lambda done, total: bar.update(done, note=""))
        return list(texts), list(cut)


def scorer_spec(req: EvalRequest) -> str | None:
    """The writing scorer actually used: None for IFEval, IFBench and `none`."""
    if req.benchmark in IFEVAL_STYLE:
        return None
    spec = req.scorer if req.scorer != "auto" else "proxy"
    return None if spec in (None, "none") else spec


def score_items(req: EvalRequest, items: list[EvalItem]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(results, per-row annotations) for the benchmark kind."""
    responses = [it.response or "" for it in items]
    constraints = [it.constraints for it in items]
    cut = [bool(it.truncated) for it in items] if req.truncation == "fail" else None
    if req.benchmark in IFEVAL_STYLE:
        from rlmr.evaluate.ifeval import score_ifeval

        scored = score_ifeval(constraints, responses, cut)
        results = {**scored.metrics, "per_instruction": scored.per_instruction}
        rows = [
            {
                "passed": v["strict"]["passed"],
                "passed_loose": v["loose"]["passed"],
                "reasons": [f"{x['id']}: {x['reason']}" for x in v["strict"]["results"] if not x["passed"]],
                **v,
            }
            for v in scored.verdicts
        ]
        return {**results, **truncation_stats(req, items)}, rows
    from rlmr.evaluate.creative import score_creative

    spec = scorer_spec(req)
    scorer = None
    if spec is not None:
        from rlmr.writing import build_scorer

        scorer = build_scorer(spec)
    creative = score_creative([it.prompt for it in items], constraints, responses, scorer, cut=cut)
    results = {**creative.metrics, "per_constraint": creative.per_constraint, "scorer": spec or "none",
               **truncation_stats(req, items)}
    rows = [
        {
            "passed": r["verdict"]["passed"],
            "satisfied_fraction": r["verdict"]["satisfied_fraction"],
            "reasons": [f"{x['id']}: {x['reason']}" for x in r["verdict"]["results"] if not x["passed"]],
            "verdict": r["verdict"],
            "writing_score": r["writing_score"],
            "words": r["words"],
        }
        for r in creative.rows
    ]
    return results, rows


def truncation_stats(req: EvalRequest, items: list[EvalItem]) -> dict[str, Any]:
    """The rule applied and the share of responses cut at the token budget, among those whose
    cut is known (generated here, or read from a file that says); None when none is known."""
    known = [it.truncated for it in items if it.truncated is not None]
    return {"truncation": req.truncation, "truncated": sum(known) / len(known) if known else None,
            "truncated_unknown": len(items) - len(known)}


def output_rows(items: list[EvalItem], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The responses.jsonl rows: the item, its sample index, whether it was cut, its verdicts and scores."""
    return [
        {"id": it.id, "sample": it.sample, "prompt": it.prompt, "response": it.response, "constraints": it.constraints,
         "truncated": it.truncated, **row}
        for it, row in zip(items, rows)
    ]


def prompt_table_of(rows: list[dict[str, Any]]) -> PromptTable:
    return prompt_table([(f"row {i}", r) for i, r in enumerate(rows, 1)])


def prompt_first(req: EvalRequest, results: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    """Average each prompt's samples first, then over prompts; add 95% intervals over prompts.

    With one response per prompt this changes nothing. IFEval's four accuracies stay as the
    reference computes them (over responses: the same when every prompt has k responses).
    """
    table = prompt_table_of(rows)
    idx = bootstrap_indices(len(table), seed=req.generation.seed)
    results["n_prompts"], results["n_responses"] = len(table), len(rows)
    results["samples"] = int(table.samples.max()) if len(table) else 0
    keys = {"pass_rate": "pass_rate"}
    if req.benchmark not in IFEVAL_STYLE:
        keys.update({"satisfied_mean": "satisfied", "length/words_mean": "words", "length/limit_violated": LENGTH_VIOLATION,
                     "length/below_floor": BELOW_FLOOR})
        if "writing_score/mean" in results:
            keys["writing_score/mean"] = "writing_score"
    intervals = {}
    for key, metric in keys.items():
        intervals[key] = mean_interval(table.values[metric], idx)
        if req.benchmark not in IFEVAL_STYLE:
            results[key] = intervals[key]["mean"]
    results["intervals"] = intervals


def baseline_rows(req: EvalRequest, items: list[EvalItem]) -> tuple[list[EvalItem], list[dict[str, Any]]]:
    """The baseline's items and scored rows: read from its file (reused as scored when its eval
    used the same scorer, else scored here) or generated from the baseline model."""
    assert req.baseline is not None
    path = Path(req.baseline)
    if path.is_file() and path.suffix in (".jsonl", ".json"):
        base = match_responses(path, load_items(req.benchmark))
        reused = prescored_rows(path, req)
        if reused is not None:
            return base, reused
    else:
        prompts: dict[tuple[str, str], EvalItem] = {}
        for it in items:
            prompts.setdefault((it.id, it.prompt), it)
        distinct = list(prompts.values())
        texts, cut = generate_with_progress(req, req.baseline, [it.prompt for it in distinct], f"baseline {req.baseline}")
        base = sampled(distinct, texts, req.generation.samples, cut)
    _, rows = score_items(req, base)
    return base, output_rows(base, rows)


def prescored_rows(path: Path, req: EvalRequest) -> list[dict[str, Any]] | None:
    """The rows of an `rlmr eval` responses file when they carry verdicts by the same scorer and
    truncation rule (a results.json from before the rule verified as is: `keep`)."""
    results = path.parent / "results.json"
    if not results.is_file():
        return None
    try:
        meta = json.loads(results.read_text(encoding="utf-8"))
        used, rule = meta.get("scorer", "none") or "none", meta.get("truncation", "keep")
    except (json.JSONDecodeError, AttributeError):
        return None
    if used != (scorer_spec(req) or "none") or rule != req.truncation:
        return None
    rows = [row for _, row in iter_objects(path, ResponsesError)]
    return rows if all(isinstance(r.get("passed"), bool) for r in rows) else None


def add_win_rate(req: EvalRequest, items: list[EvalItem], rows: list[dict[str, Any]], base: list[EvalItem]) -> dict[str, Any]:
    """Judge each response against the baseline's response to the same prompt (same sample
    index where the baseline has it, else its first), matched by prompt text as before."""
    from rlmr.evaluate.judges import build_judge
    from rlmr.evaluate.winrate import win_rate

    by_sample = {(b.prompt, b.sample): b.response for b in base}
    by_prompt: dict[str, str | None] = {}
    for b in base:
        by_prompt.setdefault(b.prompt, b.response)
    texts = [by_sample.get((it.prompt, it.sample), by_prompt.get(it.prompt)) for it in items]
    keep = [i for i, t in enumerate(texts) if t is not None]
    result = win_rate(
        build_judge(req.judge),
        [items[i].prompt for i in keep],
        [items[i].response or "" for i in keep],
        [texts[i] for i in keep],  # type: ignore[misc]
    )
    for i, score in zip(keep, result.per_pair):
        rows[i]["baseline_response"] = texts[i]
        rows[i]["win"] = score
    return {**result.to_dict(), "baseline": req.baseline, "judge": req.judge, "win_rate_unmatched": len(items) - len(keep)}


def check_request(req: EvalRequest) -> None:
    """Every check that needs no model, so a typo fails in a second with one line, not after a load.

    Raises ValueError (ModelNotFound, ScorerError, ResponsesError) naming the option and value.
    """
    from rlmr import models
    from rlmr.writing import parse_spec

    if req.truncation not in TRUNCATION_RULES:
        raise ValueError(f"--truncation: expected one of {', '.join(TRUNCATION_RULES)}, got {req.truncation!r}")
    if req.responses is None and req.model is not None:
        models.check(req.model, "--model")
    if req.baseline is not None:
        path = Path(req.baseline)
        if not (path.is_file() and path.suffix in (".jsonl", ".json")):
            models.check(req.baseline, "--baseline")
        if req.judge not in (None, "none"):  # judge none: the paired comparison only
            parse_spec(req.judge)
    if req.scorer not in (None, "auto", "none"):
        parse_spec(req.scorer)
    out = default_out(req)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out: {out} is a file; give a folder")


def run_eval(req: EvalRequest) -> dict[str, Any]:
    """Evaluate, write results.json and responses.jsonl (and, with a baseline, compare.json)
    under the output folder; return the results (plus `compare` with a baseline)."""
    from rlmr.redact import redact_tree

    check_request(req)
    items, gen_s = collect_responses(req, load_items(req.benchmark))
    results, rows = score_items(req, items)
    compare = None
    if req.baseline:
        base, base_rows = baseline_rows(req, items)
        if req.judge not in (None, "none"):  # judge "none": the paired comparison only
            results.update(add_win_rate(req, items, rows, base))
    out_rows = output_rows(items, rows)
    prompt_first(req, results, out_rows)
    if req.baseline:
        label = req.model if req.model is not None else req.responses
        compare = compare_tables(
            prompt_table_of(base_rows), prompt_table_of(out_rows), req.baseline, str(label), seed=req.generation.seed
        )
    out = default_out(req)
    results = {
        "benchmark": benchmark_name(req.benchmark),
        "model": req.model,
        "responses_file": req.responses,
        "generation": asdict(req.generation) if gen_s is not None else None,
        "time/generate_s": gen_s,
        "created": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        **results,
    }
    results = redact_tree(results)  # judge and scorer specs may carry a URL with a password
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    write_jsonl(out / "responses.jsonl", out_rows)
    if compare is not None:
        (out / "compare.json").write_text(json.dumps(compare, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        results["compare"] = compare
    results["out"] = str(out)
    return results
