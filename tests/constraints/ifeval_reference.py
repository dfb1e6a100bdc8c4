"""Load Google's IFEval reference checkers, as shipped in lm-eval, without importing lm_eval.

lm_eval's package __init__ pulls heavy dependencies (sacrebleu, ...); we only need
`lm_eval/tasks/ifeval/{instructions_util,instructions,instructions_registry,utils}.py`. Each file is
executed under a private package name with its `from lm_eval.tasks.ifeval import` line pointed
at that package; nothing else in the code changes. Punkt data comes from
`ensure_nltk_punkt_tab` (no download) and langdetect is seeded with 0, as our checkers are.

Test-only: used by tests/constraints/test_conformance.py and benchmarks/bench_verify.py.
"""

from __future__ import annotations

import functools
import importlib.util
import sys
import types
from pathlib import Path

PACKAGE = "rlmr_ifeval_reference"
FILES = ("instructions_util", "instructions", "instructions_registry", "utils")


def reference_dir() -> Path:
    spec = importlib.util.find_spec("lm_eval")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the reference needs lm-eval: pip install --no-deps lm-eval==0.4.13")
    return Path(list(spec.submodule_search_locations)[0]) / "tasks" / "ifeval"


@functools.lru_cache(maxsize=1)
def load() -> types.ModuleType:
    """The reference `utils` module (`.instructions_registry`, `.InputExample`, strict/loose)."""
    from langdetect import DetectorFactory

    from rlmr.constraints.text import ensure_nltk_punkt_tab

    ensure_nltk_punkt_tab()
    DetectorFactory.seed = 0
    package = types.ModuleType(PACKAGE)
    package.__path__ = []
    sys.modules[PACKAGE] = package
    modules = {}
    for name in FILES:
        path = reference_dir() / f"{name}.py"
        source = path.read_text(encoding="utf-8").replace("from lm_eval.tasks.ifeval import", f"from {PACKAGE} import")
        module = types.ModuleType(f"{PACKAGE}.{name}")
        module.__file__ = str(path)
        sys.modules[module.__name__] = module
        setattr(package, name, module)
        exec(compile(source, str(path), "exec"), module.__dict__)
        modules[name] = module
    return modules["utils"]


def reference_verdicts(prompt: str, instruction_ids: list[str], kwargs: list[dict], response: str) -> tuple[list[bool], list[bool]]:
    """(strict, loose) per-instruction verdicts of the reference for one response."""
    utils = load()
    example = utils.InputExample(key=0, instruction_id_list=instruction_ids, prompt=prompt, kwargs=kwargs)
    strict = utils.test_instruction_following_strict(example, response).follow_instruction_list
    loose = utils.test_instruction_following_loose(example, response).follow_instruction_list
    return strict, loose

