"""Read an `rlmr train` run directory (docs/contracts.md section 5) for reports and comparisons.

Only reads: metrics.jsonl (one object per step), eval/<benchmark>/results.json, the samples
files (every step's, the last one also on its own), and the strategy from the metrics (or
config.yaml). A malformed metrics line raises with the
file and the line; a missing optional part (no eval yet, no samples) is simply absent.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rlmr.jsonl import iter_objects, read_text


class RunDirError(ValueError):
    """A run directory is missing or malformed; the message names the file and line."""


@dataclass
class Run:
    name: str
    path: Path
    strategy: str
    metrics: list[dict[str, Any]]
    evals: dict[str, dict[str, Any]] = field(default_factory=dict)
    samples: list[dict[str, Any]] = field(default_factory=list)
    samples_file: str | None = None
    samples_by_step: dict[int, list[dict[str, Any]]] = field(default_factory=dict)  # every samples file

    def series(self, key: str) -> tuple[list[float], list[float]]:
        """(steps, values) where `key` is present and numeric."""
        steps, values = [], []
        for i, row in enumerate(self.metrics):
            value = row.get(key)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                steps.append(float(row.get("step", i)))
                values.append(float(value))
        return steps, values

    def final(self) -> dict[str, Any]:
        return self.metrics[-1] if self.metrics else {}


def read_metrics(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line_no, row in iter_objects(path, RunDirError):
        if "step" in row and not isinstance(row["step"], (int, float)):
            raise RunDirError(f"{path}:{line_no}: step: expected a number, got {row['step']!r}")
        rows.append(row)
    return rows


def read_responses(path: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """(FILE:LINE, row) for every row of an eval responses.jsonl; a malformed line raises with both."""
    return [(f"{path}:{line_no}", row) for line_no, row in iter_objects(Path(path), RunDirError)]


def read_compare(path: str | Path) -> dict[str, Any]:
    """A compare.json as `rlmr eval --baseline` writes it; a malformed one names the file and field."""
    path = Path(path)
    try:
        data = json.loads(read_text(path, RunDirError))
    except json.JSONDecodeError as exc:
        raise RunDirError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("metrics"), dict):
        raise RunDirError(f"{path}: metrics: expected an object of metric -> {{a, b, diff, lo, hi}}")
    for name, m in data["metrics"].items():
        missing = [k for k in ("a", "b", "diff", "lo", "hi") if not isinstance(m, dict) or k not in m]
        if missing:
            raise RunDirError(f"{path}: metrics.{name}: missing {', '.join(missing)}")
    return data


def _strategy(path: Path, metrics: list[dict[str, Any]]) -> str:
    for row in metrics:
        if isinstance(row.get("strategy"), str):
            return row["strategy"]
    config = path / "config.yaml"
    if config.is_file():
        import yaml

        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        for holder in (data, data.get("reward", {}) if isinstance(data.get("reward"), dict) else {}):
            if isinstance(holder.get("strategy"), str):
                return holder["strategy"]
    return "unknown"


def _sample_rows(path: Path) -> list[dict[str, Any]]:
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.strip():
            try:
                row = json.loads(line)
            except json.JSONDecodeError:
                continue  # a sample file cut mid-write (a run still going) loses its last line only
            if isinstance(row, dict):
                rows.append(row)
    return rows


def _samples(path: Path) -> dict[int, list[dict[str, Any]]]:
    """{step: rows} of samples/step_XXXXXX.jsonl, in step order (other names are ignored)."""
    by_step = {}
    for file in (path / "samples").glob("step_*.jsonl"):
        suffix = file.stem.split("_", 1)[1]
        if suffix.isdigit():
            by_step[int(suffix)] = _sample_rows(file)
    return dict(sorted(by_step.items()))


def load_run(path: str | Path) -> Run:
    path = Path(path)
    metrics_file = path / "metrics.jsonl"
    if not metrics_file.is_file():
        raise RunDirError(f"{path}: not a run directory (no metrics.jsonl)")
    metrics = read_metrics(metrics_file)
    evals = {}
    for results in sorted(path.glob("eval/*/results.json")):
        try:
            evals[results.parent.name] = json.loads(results.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise RunDirError(f"{results}: not valid JSON ({exc.msg})") from None
    by_step = _samples(path)
    last = max(by_step, default=None)
    samples = by_step[last] if last is not None else []
    samples_file = f"step_{last:06d}.jsonl" if last is not None else None
    return Run(path.name, path, _strategy(path, metrics), metrics, evals, samples, samples_file, by_step)
