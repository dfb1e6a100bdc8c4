"""One self-contained HTML page for one or several runs: plots, tables, example samples.

Self-contained means openable offline and mailable as one file: the PNGs are inlined as base64
data URIs, the style is inline, and there is no script. Every text from a run (prompts,
responses, reasons) is HTML-escaped.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from rlmr.report.plots import plot_evals, plot_runs, run_label
from rlmr.report.rundir import Run, load_run

TRAINING_KEYS = (
    "step",
    "pass_rate",
    "writing_score/mean",
    "writing_score/passed",
    "writing_score/violated",
    "penalty/mean",
    "penalty/max",
    "groups/all_pass",
    "groups/mixed",
    "groups/all_fail",
    "advantage/max_violator",
    "length/words_mean",
    "length/words_p90",
    "scorer/missing",
    "time/step_s",
)
SAMPLES_PER_RUN = 4  # violators first (their reasons are the interesting part), then passers
RESPONSE_CHARS = 1200  # longer responses are cut in the page (the run directory has them whole)

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}th:first-child,td:first-child{text-align:left}
th{background:#f4f4f4}.plots{display:flex;flex-wrap:wrap;gap:12px}.plots figure{margin:0}
.sample{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:.8em 0}
.pass{color:#1a7f37}.fail{color:#cf222e}pre{white-space:pre-wrap;background:#fafafa;padding:.5em;margin:.3em 0}
.muted{color:#666;font-size:.9em}
"""


def fmt(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return "nan" if value != value else f"{value:.4g}"
    if value is None:
        return "&ndash;"
    return html.escape(str(value))


def data_uri(png: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(png.read_bytes()).decode("ascii")


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{fmt(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def training_table(runs: Sequence[Run]) -> str:
    keys = [k for k in TRAINING_KEYS if any(k in r.final() for r in runs)]
    headers = ["metric (last step)"] + [run_label(r, runs) for r in runs]
    return table(headers, ([k] + [r.final().get(k) for r in runs] for k in keys))


def eval_tables(runs: Sequence[Run]) -> str:
    parts = []
    for bench in sorted({b for r in runs for b in r.evals}):
        keys: list[str] = []
        for r in runs:
            for k, v in r.evals.get(bench, {}).items():
                if isinstance(v, (int, float)) and not isinstance(v, bool) and k not in keys:
                    keys.append(k)
        headers = [bench] + [run_label(r, runs) for r in runs]
        parts.append(f"<h3>{html.escape(bench)}</h3>" + table(headers, ([k] + [r.evals.get(bench, {}).get(k) for r in runs] for k in keys)))
    return "".join(parts) or '<p class="muted">No evaluation yet: run <code>rlmr eval --model RUN</code>.</p>'


def pick_samples(rows: Sequence[dict[str, Any]], n: int = SAMPLES_PER_RUN) -> list[dict[str, Any]]:
    violators = [r for r in rows if r.get("passed") is False]
    passers = [r for r in rows if r.get("passed") is True]
    half = n // 2
    picked = violators[:half] + passers[: n - min(half, len(violators))]
    return picked[:n] or list(rows[:n])


def reasons_of(row: dict[str, Any]) -> list[str]:
    """Verdict reasons from a training sample (`reasons`) or an eval row (`verdict` / `strict`)."""
    if isinstance(row.get("reasons"), list) and row["reasons"]:
        return [str(r) for r in row["reasons"]]
    verdict = row.get("verdict") or row.get("strict") or {}
    return [f"{r.get('id')}: {r.get('reason', '')}" for r in verdict.get("results", []) if not r.get("passed")]


def sample_block(row: dict[str, Any]) -> str:
    passed = row.get("passed")
    status = '<b class="pass">passed</b>' if passed else '<b class="fail">violated</b>' if passed is False else ""
    facts = " · ".join(
        f"{k} {fmt(row[k])}" for k in ("writing_score", "reward", "advantage", "words") if row.get(k) is not None
    )
    response = str(row.get("response", ""))
    cut = response[:RESPONSE_CHARS] + (" […]" if len(response) > RESPONSE_CHARS else "")
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in reasons_of(row))
    return (
        f'<div class="sample"><div>{status} <span class="muted">{facts}</span></div>'
        f"<div class=\"muted\">prompt</div><pre>{html.escape(str(row.get('prompt', '')))}</pre>"
        f"<div class=\"muted\">response</div><pre>{html.escape(cut)}</pre>"
        + (f"<div class=\"muted\">verdict reasons</div><ul>{reasons}</ul>" if reasons else "")
        + "</div>"
    )


def eval_samples(run: Run) -> tuple[list[dict[str, Any]], str | None]:
    for bench in sorted(run.evals):
        path = run.path / "eval" / bench / "responses.jsonl"
        if path.is_file():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
            return rows, f"eval/{bench}/responses.jsonl"
    return [], None


def samples_section(runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        rows, source = (run.samples, f"samples/{run.samples_file}") if run.samples else eval_samples(run)
        if not rows:
            continue
        parts.append(f"<h3>{html.escape(run_label(run, runs))} <span class=\"muted\">{html.escape(source or '')}</span></h3>")
        parts.extend(sample_block(r) for r in pick_samples(rows))
    return "".join(parts) or '<p class="muted">No samples in these runs.</p>'


def render(runs: Sequence[Run], images: dict[str, Path]) -> str:
    figures = "".join(
        f'<figure><img src="{data_uri(p)}" alt="{html.escape(name)}" width="540"></figure>' for name, p in images.items()
    )
    run_rows = [(run_label(r, runs), str(r.path), r.strategy, len(r.metrics)) for r in runs]
    created = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>rlmr report: {html.escape(', '.join(r.name for r in runs))}</title><style>{STYLE}</style></head><body>"
        f"<h1>rlmr report</h1><p class=\"muted\">generated {created}</p>"
        + table(["run", "path", "strategy", "steps"], run_rows)
        + f"<h2>Training dynamics</h2><div class=\"plots\">{figures or '<p class=muted>No metrics to plot.</p>'}</div>"
        + f"<h2>Final training metrics</h2>{training_table(runs)}"
        + f"<h2>Evaluation</h2>{eval_tables(runs)}"
        + f"<h2>Example samples</h2>{samples_section(runs)}"
        + "</body></html>"
    )


def build_report(run_dirs: Sequence[str | Path], out_dir: str | Path) -> Path:
    """Plots as PNG files plus `index.html` (images inlined) in `out_dir`; returns the page's path."""
    if not run_dirs:
        raise ValueError("give at least one run directory")
    runs = [load_run(p) for p in run_dirs]
    out_dir = Path(out_dir)
    images = plot_runs(runs, out_dir)
    bars = plot_evals(runs, out_dir)
    if bars is not None:
        images["eval"] = bars
    page = out_dir / "index.html"
    page.write_text(render(runs, images), encoding="utf-8")
    return page
