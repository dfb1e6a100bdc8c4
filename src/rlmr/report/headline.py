"""Find a run's trained-vs-untrained evaluations: the pairs behind "did training help?".

An eval folder RUN/eval/<name>/ is the trained side when it has a base to compare with: the
responses file its results.json names as `baseline` (what `rlmr eval --baseline` records, as
`make run` and `rlmr ablate` do), else a sibling RUN/eval/<name>-base/. The numbers come from
<name>/compare.json when `rlmr eval` wrote one, else from `computed_comparison`: the same
paired bootstrap (`rlmr.evaluate.paired`, seed 0), so both ways give one schema and one method.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rlmr.evaluate.paired import PairingError, compare_tables, prompt_table
from rlmr.report.rundir import Run, RunDirError, read_compare, read_responses

BASE_SUFFIX = "-base"


@dataclass
class Pairing:
    """One benchmark evaluated before (a) and after (b) training, with the paired numbers."""

    bench: str
    comparison: dict[str, Any]  # the compare.json schema (docs/evaluation.md)
    source: str  # where the numbers come from, said on the page
    base_rows: list[dict[str, Any]]
    trained_rows: list[dict[str, Any]]
    base_file: Path | None


def baseline_file(run: Run, eval_dir: Path) -> Path | None:
    """The base responses for one eval folder, or None when it has no base."""
    recorded = []  # paths as written where eval ran: results.json's baseline, compare.json's "a"
    for name, key in (("results.json", "baseline"), ("compare.json", "a")):
        try:
            value = json.loads((eval_dir / name).read_text(encoding="utf-8")).get(key)
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(value, str) and value:
            recorded.append(Path(value))
    candidates = []
    for path in recorded:
        if path.suffix != ".jsonl":
            path = path / "responses.jsonl"  # a folder of `rlmr eval`
        # relative to where eval ran; the run may have moved since, so also look inside the run
        candidates += [path, run.path.parent / path, run.path / "eval" / path.parent.name / path.name]
    candidates.append(eval_dir.with_name(eval_dir.name + BASE_SUFFIX) / "responses.jsonl")
    own = (eval_dir / "responses.jsonl").resolve()
    return next((c for c in candidates if c.is_file() and c.resolve() != own), None)


def computed_comparison(
    base: list[tuple[str, dict[str, Any]]], trained: list[tuple[str, dict[str, Any]]], a: str, b: str
) -> dict[str, Any]:
    """compare.json's numbers for (FILE:LINE, row) lists, as `rlmr eval --baseline` computes them.

    A metric no paired prompt measured (no writing scorer) is left out: the page shows no row for it.
    """
    try:
        comparison = compare_tables(prompt_table(base), prompt_table(trained), a, b)
    except PairingError as exc:  # a row without a verdict: one line naming FILE:LINE, as any bad run file
        raise RunDirError(str(exc)) from None
    comparison["metrics"] = {m: v for m, v in comparison["metrics"].items() if v["diff"] == v["diff"]}
    return comparison


def pairings(run: Run) -> list[Pairing]:
    out = []
    for eval_dir in sorted(p for p in (run.path / "eval").glob("*") if p.is_dir()):
        responses, compare = eval_dir / "responses.jsonl", eval_dir / "compare.json"
        if eval_dir.name.endswith(BASE_SUFFIX) or not responses.is_file():
            continue
        base = baseline_file(run, eval_dir)
        if base is None and not compare.is_file():
            continue
        trained_rows = read_responses(responses)
        base_rows = read_responses(base) if base is not None else []
        if compare.is_file():
            comparison, source = read_compare(compare), f"eval/{eval_dir.name}/compare.json (rlmr eval --baseline)"
        else:
            comparison = computed_comparison(base_rows, trained_rows, str(base), str(responses))
            source = (
                "computed by the report from the two responses.jsonl files: paired bootstrap over prompts, "
                f"{comparison['resamples']} resamples, seed {comparison['seed']}"
            )
        rows = lambda lines: [row for _, row in lines]  # noqa: E731
        out.append(Pairing(eval_dir.name, comparison, source, rows(base_rows), rows(trained_rows), base))
    return out
