"""`rlmr compare A B`: two runs (or two eval results) side by side, with B - A.

A and B may each be a run directory (last-step training metrics and every eval), an eval folder
holding results.json, or a results.json file. Only numeric metrics are compared; a metric that
one side lacks shows as "-".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rlmr.report.html import TRAINING_KEYS
from rlmr.report.rundir import RunDirError, load_run

Row = tuple[str, str, Any, Any]  # section, metric, A value, B value


def _numeric(d: dict[str, Any]) -> dict[str, float]:
    return {k: v for k, v in d.items() if isinstance(v, (int, float)) and not isinstance(v, bool)}


def sections(path: str | Path) -> dict[str, dict[str, float]]:
    """{section name: {metric: value}} for a run directory, an eval folder or a results.json."""
    path = Path(path)
    if path.is_dir() and (path / "metrics.jsonl").is_file():
        run = load_run(path)
        final = run.final()
        out = {"training (last step)": {k: final[k] for k in TRAINING_KEYS if k in _numeric(final)}}
        out.update({f"eval: {bench}": _numeric(res) for bench, res in run.evals.items()})
        return out
    results = path / "results.json" if path.is_dir() else path
    if not results.is_file():
        raise RunDirError(f"{path}: neither a run directory (metrics.jsonl) nor eval results (results.json)")
    try:
        data = json.loads(results.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RunDirError(f"{results}: not valid JSON ({exc.msg})") from None
    return {f"eval: {data.get('benchmark', results.parent.name)}": _numeric(data)}


def compare_rows(a: str | Path, b: str | Path) -> list[Row]:
    sa, sb = sections(a), sections(b)
    rows: list[Row] = []
    for name in list(sa) + [n for n in sb if n not in sa]:
        ma, mb = sa.get(name, {}), sb.get(name, {})
        for key in list(ma) + [k for k in mb if k not in ma]:
            rows.append((name, key, ma.get(key), mb.get(key)))
    return rows


def _fmt(v: Any) -> str:
    if v is None:
        return "-"
    return f"{v:.4g}" if isinstance(v, float) else str(v)


def render_table(a: str | Path, b: str | Path) -> Any:
    """A rich Table: section, metric, A, B, B - A (uncoloured: higher is not always better)."""
    from rich.table import Table

    table = Table(title=f"A = {a}    B = {b}")
    for col, justify in (("section", "left"), ("metric", "left"), ("A", "right"), ("B", "right"), ("B - A", "right")):
        table.add_column(col, justify=justify)
    for section, key, va, vb in compare_rows(a, b):
        delta = ""
        if va is not None and vb is not None and va == va and vb == vb:
            delta = f"{vb - va:+.4g}"
        table.add_row(section, key, _fmt(va), _fmt(vb), delta)
    return table
