"""The eval entry: prompts -> responses (generated, or read from a file) -> metrics -> files.

Writes `OUT/results.json` (the metrics at top level, details nested) and `OUT/responses.jsonl`
(every response with its verdicts, so a number can always be traced back to texts). OUT defaults
to `RUN/eval/<benchmark>/` when the model is an `rlmr train` run directory, else
`eval/<benchmark>/`.

Benchmarks: `ifeval` gives the four IFEval accuracies; every other prompt set (`creative-eval`,
`writingbench`, a prompts file) gives pass rates, writing score and length statistics. A
baseline (a responses file or a model) adds the pairwise win rate through a judge.
"""

from __future__ import annotations

import datetime as _dt
import json
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rlmr.evaluate.generate import GenerationConfig, generate
from rlmr.evaluate.responses import EvalItem, match_responses, write_jsonl

IFEVAL = "ifeval"


@dataclass
class EvalRequest:
    """What to evaluate; see `rlmr eval --help` for each field."""

    benchmark: str | None = IFEVAL  # a bundled name or a prompts file; None: the responses carry all
    model: str | None = None
    responses: str | None = None
    baseline: str | None = None  # a responses file or a model spec
    judge: str = "proxy"
    scorer: str | None = "auto"  # auto: none for ifeval, proxy otherwise; "none" disables
    limit: int | None = None
    out: str | None = None
    generation: GenerationConfig = field(default_factory=GenerationConfig)
    progress: bool = True  # a live `generate k/N  elapsed  ETA` line on stderr


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


def collect_responses(req: EvalRequest, items: list[EvalItem] | None) -> tuple[list[EvalItem], float | None]:
    """Items with responses (read or generated) and the generation time (None when read)."""
    if req.responses:
        got = match_responses(req.responses, items)
        return (got[: req.limit] if req.limit else got), None
    if items is None:
        raise ValueError("give a benchmark to generate for, or --responses FILE")
    items = items[: req.limit] if req.limit else items
    start = time.perf_counter()
    texts = generate_with_progress(req, req.model, [it.prompt for it in items], f"generate {req.model}")
    for it, text in zip(items, texts):
        it.response = text
    return items, time.perf_counter() - start


def baseline_texts(req: EvalRequest, items: list[EvalItem]) -> list[str | None]:
    """The baseline's response for each item (None where the baseline file lacks the prompt)."""
    assert req.baseline is not None
    path = Path(req.baseline)
    if path.is_file() and path.suffix in (".jsonl", ".json"):
        rows = match_responses(path, None)
        by_id = {r.id: r.response for r in rows}
        by_prompt = {r.prompt: r.response for r in rows}
        return [by_id.get(it.id, by_prompt.get(it.prompt)) for it in items]
    return generate_with_progress(req, req.baseline, [it.prompt for it in items], f"baseline {req.baseline}")


def generate_with_progress(req: EvalRequest, model: str | None, prompts: list[str], label: str) -> list[str]:
    """`generate`, with a progress line (prompts done, elapsed, ETA) while it runs."""
    from rlmr.progress import Progress

    with Progress(label, len(prompts), enabled=req.progress) as bar:
        bar.note("loading the model")
        return list(generate(model, prompts, req.generation, on_batch=lambda done, total: bar.update(done, note="")))


def score_items(req: EvalRequest, items: list[EvalItem]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """(results, per-row annotations) for the benchmark kind."""
    responses = [it.response or "" for it in items]
    constraints = [it.constraints for it in items]
    if req.benchmark == IFEVAL:
        from rlmr.evaluate.ifeval import score_ifeval

        scored = score_ifeval(constraints, responses)
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
        return results, rows
    from rlmr.evaluate.creative import score_creative

    scorer_spec = req.scorer if req.scorer != "auto" else "proxy"
    scorer = None
    if scorer_spec and scorer_spec != "none":
        from rlmr.writing import build_scorer

        scorer = build_scorer(scorer_spec)
    creative = score_creative([it.prompt for it in items], constraints, responses, scorer)
    results = {**creative.metrics, "per_constraint": creative.per_constraint, "scorer": scorer_spec}
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


def add_win_rate(req: EvalRequest, items: list[EvalItem], rows: list[dict[str, Any]]) -> dict[str, Any]:
    from rlmr.evaluate.judges import build_judge
    from rlmr.evaluate.winrate import win_rate

    base = baseline_texts(req, items)
    keep = [i for i, b in enumerate(base) if b is not None]
    result = win_rate(
        build_judge(req.judge),
        [items[i].prompt for i in keep],
        [items[i].response or "" for i in keep],
        [base[i] for i in keep],  # type: ignore[misc]
    )
    for i, score in zip(keep, result.per_pair):
        rows[i]["baseline_response"] = base[i]
        rows[i]["win"] = score
    return {**result.to_dict(), "baseline": req.baseline, "judge": req.judge, "win_rate_unmatched": len(items) - len(keep)}


def check_request(req: EvalRequest) -> None:
    """Every check that needs no model, so a typo fails in a second with one line, not after a load.

    Raises ValueError (ModelNotFound, ScorerError, ResponsesError) naming the option and value.
    """
    from rlmr import models
    from rlmr.writing import parse_spec

    if req.responses is None and req.model is not None:
        models.check(req.model, "--model")
    if req.baseline is not None:
        path = Path(req.baseline)
        if not (path.is_file() and path.suffix in (".jsonl", ".json")):
            models.check(req.baseline, "--baseline")
        parse_spec(req.judge)
    if req.scorer not in (None, "auto", "none"):
        parse_spec(req.scorer)
    out = default_out(req)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out: {out} is a file; give a folder")


def run_eval(req: EvalRequest) -> dict[str, Any]:
    """Evaluate, write results.json and responses.jsonl under the output folder, return the results."""
    from rlmr.redact import redact_tree

    check_request(req)
    items, gen_s = collect_responses(req, load_items(req.benchmark))
    results, rows = score_items(req, items)
    if req.baseline:
        results.update(add_win_rate(req, items, rows))
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
    write_jsonl(
        out / "responses.jsonl",
        [
            {"id": it.id, "prompt": it.prompt, "response": it.response, "constraints": it.constraints, **row}
            for it, row in zip(items, rows)
        ],
    )
    results["out"] = str(out)
    return results
