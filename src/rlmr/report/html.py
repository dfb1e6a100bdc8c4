"""One self-contained HTML page for one or several runs, opening with "did training help?".

Order of the page: the trained-vs-untrained table (differences with paired 95% intervals) and
its charts; the same prompts answered by both policies; the training dynamics; the final
metrics; example training samples. Self-contained means openable offline and mailable as one
file: the PNGs are inlined as base64 data URIs, the style is inline, and there is no script.
Every text from a run (prompts, responses, reasons) is HTML-escaped. Wide tables scroll
sideways inside their box, so the page itself never does on a phone.
"""

from __future__ import annotations

import base64
import datetime as _dt
import html
import struct
from pathlib import Path
from typing import Any, Iterable, Sequence

from rlmr.report.distributions import (
    HIGHER_IS_BETTER,
    METRIC_LABELS,
    advantage_hist_figure,
    constraint_bars_figure,
    headline_figure,
    length_hist_figure,
    plot_evals,
)
from rlmr.report.headline import Pairing, pairings
from rlmr.report.plots import plot_runs, run_label
from rlmr.report.rundir import Run, load_run, read_responses
from rlmr.report.samples import pick_samples, side_by_side

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
    "groups/with_gradient",
    "advantage/max_violator",
    "length/words_mean",
    "length/words_p90",
    "length/words_vs_start",
    "length/below_floor",
    "loss",
    "entropy",
    "grad_norm",
    "scorer/missing",
    "time/step_s",
)
RESPONSE_CHARS = 1200  # longer responses are cut in the page (the run directory has them whole)
IMAGE_SCALE = 0.85  # shown at 85% of their pixel width (540 px for a one-panel figure), never wider than the screen

STYLE = """
body{font-family:system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em;line-height:1.4}
h1{font-size:1.6em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.6em 0;font-size:.9em}
td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right;white-space:nowrap}
th:first-child,td:first-child{text-align:left}th{background:#f4f4f4}
.plots{display:flex;flex-wrap:wrap;gap:12px}.plots figure{margin:0;max-width:100%}
img{max-width:100%;height:auto}
.sample{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;margin:.8em 0;min-width:0}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:12px;margin:.4em 0 1.4em}
.headline th,.headline td{white-space:normal}.headline .ci{white-space:nowrap}.headline td:last-child{text-align:left;min-width:7em}
@media (max-width:720px){.pair{grid-template-columns:1fr}body{margin:1em auto}table{font-size:.8em}td,th{padding:.2em .35em}}
.pass{color:#1a7f37}.fail{color:#cf222e}.unclear{color:#666}.neutral{color:#1f5fa8}
span.pass,span.fail{font-weight:bold}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafafa;padding:.5em;margin:.3em 0}
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


def png_width(png: Path) -> int:
    with open(png, "rb") as f:
        return struct.unpack(">I", f.read(24)[16:20])[0]  # the IHDR chunk's width


def figure(name: str, png: Path) -> str:
    width = round(png_width(png) * IMAGE_SCALE)
    return f'<figure><img src="{data_uri(png)}" alt="{html.escape(name)}" width="{width}"></figure>'


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], cells: bool = False, css: str = "") -> str:
    """A table in a sideways-scrolling box; `cells=True`: row values are HTML already."""
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c if cells else fmt(c)}</td>" for c in row) + "</tr>" for row in rows)
    return f'<div class="scroll"><table class="{css}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


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


def reading(metric: str, lo: Any, hi: Any) -> tuple[str, str]:
    """(css class, words): what the interval says; a difference only where it excludes 0."""
    if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)) or lo != lo or hi != hi:
        return "unclear", "not measured"
    if lo <= 0 <= hi:
        return "unclear", "cannot tell (interval contains 0)"
    if metric not in HIGHER_IS_BETTER:
        return "neutral", "longer after training" if lo > 0 else "shorter after training"
    return ("pass", "higher after training") if lo > 0 else ("fail", "lower after training")


def num(x: Any, sign: str = "") -> str:
    """3 significant digits (the table must fit a phone); NaN, compare.json's "not measured": a dash."""
    return f"{x:{sign}.3g}" if isinstance(x, (int, float)) and x == x else "&ndash;"


def headline_table(p: Pairing) -> str:
    c = p.comparison
    level = f"{float(c.get('confidence', 0.95)):.0%}"
    headers = ["metric", "untrained", "trained", f"difference [{level} interval]", "reading"]
    rows = []
    for name, label in METRIC_LABELS.items():
        m = c["metrics"].get(name)
        if m:
            css, words = reading(name, m["lo"], m["hi"])  # the colour of the difference says it too
            diff = f'<b class="{css}">{num(m["diff"], "+")}</b> <span class="ci">[{num(m["lo"])}, {num(m["hi"])}]</span>'
            rows.append([fmt(label), num(m["a"]), num(m["b"]), diff, f'<span class="{css}">{words}</span>'])
    unpaired = c.get("unpaired_a", 0) + c.get("unpaired_b", 0)
    note = (
        "Means over prompts (a prompt's samples averaged first); difference = trained - untrained. "
        f"{fmt(c.get('n_paired'))} prompts answered by both policies"
        + (f"; unpaired (left out): {fmt(c.get('unpaired_a'))} only untrained, {fmt(c.get('unpaired_b'))} only trained"
           f" ({fmt(', '.join(map(str, c.get('unpaired_ids', [])[:10])))})" if unpaired else "; no unpaired rows")
        + f". Numbers: {fmt(p.source)}."
    )
    return table(headers, rows, cells=True, css="headline") + f'<p class="muted">{note}</p>'


def win_rate_line(run: Run, bench: str) -> str:
    res = run.evals.get(bench, {})
    if not isinstance(res.get("win_rate"), (int, float)):
        return ""
    return (
        f"<p>Win rate of the trained over the untrained policy (judge {fmt(res.get('judge'))}): "
        f"<b>{fmt(res['win_rate'])}</b> (95% interval {fmt(res.get('win_rate_ci_low'))}-{fmt(res.get('win_rate_ci_high'))}, "
        f"{fmt(res.get('win_rate_n'))} pairs).</p>"
    )


def headline_section(runs: Sequence[Run], found: dict[int, list[Pairing]], out_dir: Path) -> str:
    parts = []
    for i, run in enumerate(runs):
        for j, p in enumerate(found[i]):
            title = f"{run_label(run, runs)}: {p.bench}"
            figs = [
                ("differences", headline_figure(p.comparison, f"{title}: trained - untrained", out_dir / f"headline_{i}_{j}.png")),
                ("per constraint", constraint_bars_figure(p.base_rows, p.trained_rows, f"{title}: pass rate per constraint", out_dir / f"eval_constraints_{i}_{j}.png")),
            ]
            plots = "".join(figure(f"{title} {name}", path) for name, path in figs if path is not None)
            parts.append(f"<h3>{html.escape(title)}</h3>{headline_table(p)}{win_rate_line(run, p.bench)}<div class=\"plots\">{plots}</div>")
    return "".join(parts) or (
        '<p class="muted">No trained-vs-untrained evaluation in these runs. Evaluate both on the same prompts: '
        "<code>rlmr eval --model embedded --benchmark creative-eval --out RUN/eval/creative-eval-base</code>, then "
        "<code>rlmr eval --model RUN --benchmark creative-eval --baseline RUN/eval/creative-eval-base/responses.jsonl</code>.</p>"
    )


def reasons_of(row: dict[str, Any]) -> list[str]:
    """Verdict reasons from a training sample (`reasons`) or an eval row (`verdict` / `strict`)."""
    if isinstance(row.get("reasons"), list) and row["reasons"]:
        return [str(r) for r in row["reasons"]]
    verdict = row.get("verdict") or row.get("strict") or {}
    return [f"{r.get('id')}: {r.get('reason', '')}" for r in verdict.get("results", []) if not r.get("passed")]


def sample_block(row: dict[str, Any], heading: str = "", show_prompt: bool = True) -> str:
    passed = row.get("passed")
    status = '<b class="pass">passed</b>' if passed else '<b class="fail">violated</b>' if passed is False else ""
    facts = " · ".join(
        f"{k.replace('_', ' ')} {fmt(row[k])}" for k in ("writing_score", "reward", "advantage", "words") if row.get(k) is not None
    )
    response = str(row.get("response", ""))
    cut = response[:RESPONSE_CHARS] + (" […]" if len(response) > RESPONSE_CHARS else "")
    reasons = "".join(f"<li>{html.escape(r)}</li>" for r in reasons_of(row))
    prompt = f"<div class=\"muted\">prompt</div><pre>{html.escape(str(row.get('prompt', '')))}</pre>" if show_prompt else ""
    return (
        f'<div class="sample"><div>{html.escape(heading)} {status} <span class="muted">{facts}</span></div>'
        + prompt
        + f"<div class=\"muted\">response</div><pre>{html.escape(cut)}</pre>"
        + (f"<div class=\"muted\">verdict reasons</div><ul>{reasons}</ul>" if reasons else "")
        + "</div>"
    )


def side_by_side_section(runs: Sequence[Run], found: dict[int, list[Pairing]]) -> str:
    parts = []
    for i, run in enumerate(runs):
        for p in found[i][:1]:
            pairs = side_by_side(p.base_rows, p.trained_rows)
            if not pairs:
                continue
            parts.append(f"<h3>{html.escape(run_label(run, runs))}: {html.escape(p.bench)}, the first {len(pairs)} prompts</h3>")
            for base, trained in pairs:
                parts.append(f"<pre>{html.escape(str(base.get('prompt', '')))}</pre>")
                parts.append(f'<div class="pair">{sample_block(base, "untrained", False)}{sample_block(trained, "trained", False)}</div>')
    return "".join(parts) or '<p class="muted">No paired eval responses in these runs.</p>'


def eval_samples(run: Run) -> tuple[list[dict[str, Any]], str | None]:
    """A run without training samples shows its first eval's responses instead."""
    for bench in sorted(run.evals):
        path = run.path / "eval" / bench / "responses.jsonl"
        if path.is_file():
            return [row for _, row in read_responses(path)], f"eval/{bench}/responses.jsonl"
    return [], None


def samples_section(runs: Sequence[Run]) -> str:
    parts = []
    for run in runs:
        rows, source = (run.samples, f"samples/{run.samples_file}") if run.samples else eval_samples(run)
        if not rows:
            continue
        picked = pick_samples(rows)
        parts.append(
            f"<h3>{html.escape(run_label(run, runs))} <span class=\"muted\">{html.escape(source or '')}: "
            f"{len(picked)} of {len(rows)}, violators and passers in turn, one per prompt while prompts last</span></h3>"
        )
        parts.extend(sample_block(r) for r in picked)
    return "".join(parts) or '<p class="muted">No samples in these runs (run.sample_every = 0?).</p>'


def render(runs: Sequence[Run], images: dict[str, Path], found: dict[int, list[Pairing]], out_dir: Path) -> str:
    figures = "".join(figure(name, p) for name, p in images.items())
    run_rows = [(run_label(r, runs), str(r.path), r.strategy, len(r.metrics)) for r in runs]
    created = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>rlmr report: {html.escape(', '.join(r.name for r in runs))}</title><style>{STYLE}</style></head><body>"
        f"<h1>rlmr report</h1><p class=\"muted\">generated {created}</p>"
        + table(["run", "path", "strategy", "steps"], run_rows)
        + f"<h2>Did training help? Trained vs untrained on the same prompts</h2>{headline_section(runs, found, out_dir)}"
        + f"<h2>Same prompts, untrained and trained</h2>{side_by_side_section(runs, found)}"
        + f"<h2>Training dynamics</h2><div class=\"plots\">{figures or '<p class=muted>No metrics to plot.</p>'}</div>"
        + f"<h2>Final training metrics</h2>{training_table(runs)}"
        + f"<h2>Every evaluation</h2>{eval_tables(runs)}"
        + f"<h2>Example samples</h2>{samples_section(runs)}"
        + "</body></html>"
    )


def build_report(run_dirs: Sequence[str | Path], out_dir: str | Path) -> Path:
    """Plots as PNG files plus `index.html` (images inlined) in `out_dir`; returns the page's path."""
    if not run_dirs:
        raise ValueError("give at least one run directory")
    runs = [load_run(p) for p in run_dirs]
    found = {i: pairings(run) for i, run in enumerate(runs)}  # reads (and checks) everything before writing
    out_dir = Path(out_dir)
    images = plot_runs(runs, out_dir)
    extra = (
        ("length_hist", length_hist_figure(runs, out_dir / "length_hist.png")),
        ("advantages", advantage_hist_figure(runs, out_dir / "advantages.png")),
        ("eval", plot_evals(runs, out_dir)),
    )
    images.update({name: path for name, path in extra if path is not None})
    page = out_dir / "index.html"
    page.write_text(render(runs, images, found, out_dir), encoding="utf-8")
    return page
