"""Verdicts: run a response's constraints in IFEval's strict or loose mode.

strict: each check on the response as is. loose: a constraint passes when it passes on any of
IFEval's 8 variants {as is, first line removed, last line removed, both} x {as is, every `*`
removed} (the line-removed variants are stripped, as in the reference). In both modes an
all-whitespace text (response or variant) fails every check, as in the reference.

Loose shares work: identical variants are checked once (most responses have no `*`, and a
one-line response has 2 distinct variants, not 8), and a check's answer is cached per
(constraint, text), so loose after strict, and language checks on the same text, reuse it.

This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from typing import Any, Iterable, Literal, Mapping, Sequence

from rlmr.constraints.registry import CheckResult, Constraint, ConstraintError, build
from rlmr.constraints.text import clear_caches as clear_text_caches

Mode = Literal["strict", "loose"]
MODES = ("strict", "loose")
VARIANT_NAMES = (
    "as is",
    "without *",
    "first line removed",
    "last line removed",
    "first and last lines removed",
    "first line and * removed",
    "last line and * removed",
    "first and last lines and * removed",
)


@dataclass(frozen=True)
class ConstraintResult:
    """One constraint's outcome: its id, pass/fail and a short human reason."""

    id: str
    passed: bool
    reason: str


@dataclass(frozen=True)
class Verdict:
    """All constraints of one response: `passed` when all hold; `satisfied_fraction` in [0, 1]
    (1.0 when there are no constraints)."""

    passed: bool
    satisfied_fraction: float
    results: list[ConstraintResult] = field(default_factory=list)
    mode: str = "strict"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def loose_variants(text: str) -> list[tuple[str, str]]:
    """IFEval's 8 loose variants as (name, text), in the reference order, duplicates dropped."""
    lines = text.split("\n")
    first = "\n".join(lines[1:]).strip()
    last = "\n".join(lines[:-1]).strip()
    both = "\n".join(lines[1:-1]).strip()
    texts = (text, text.replace("*", ""), first, last, both, first.replace("*", ""), last.replace("*", ""), both.replace("*", ""))
    seen: set[str] = set()
    out = []
    for name, variant in zip(VARIANT_NAMES, texts):
        if variant not in seen:
            seen.add(variant)
            out.append((name, variant))
    return out


def _check(constraint: Constraint, text: str) -> CheckResult:
    """One check with IFEval's empty-text rule, cached per (constraint, text) when hashable."""
    try:
        return _check_cached(constraint, text)
    except TypeError:  # a checker with an unhashable field: run it uncached
        return _run_check(constraint, text)


@functools.lru_cache(maxsize=4096)
def _check_cached(constraint: Constraint, text: str) -> CheckResult:
    return _run_check(constraint, text)


def _run_check(constraint: Constraint, text: str) -> CheckResult:
    if not text.strip():
        return CheckResult(False, "empty response")
    try:
        return constraint.check(text)
    except Exception as exc:  # a checker bug must not kill a training step; the reason says so
        return CheckResult(False, f"checker error {type(exc).__name__}: {str(exc)[:80]}")


_BUILT: dict[Any, Constraint] = {}
_BUILT_SIZE = 4096


def _frozen(value: Any) -> Any:
    """A hashable stand-in for a JSON value that keeps its type (1, 1.0 and True build
    different checkers, or none)."""
    kind = type(value)
    if kind is list or kind is tuple:
        return kind, tuple(map(_frozen, value))
    if kind is dict:
        return kind, frozenset((k, _frozen(v)) for k, v in value.items())
    return kind, value


def as_constraint(spec: Mapping[str, Any] | Constraint) -> Constraint:
    """A checker from a spec dict (built once per distinct spec) or a checker itself."""
    if type(spec) is not dict:  # the common case skips the (slow) abstract-class checks
        if isinstance(spec, Constraint):
            return spec
        if not isinstance(spec, Mapping):
            raise ConstraintError(f"constraint spec must be an object, got {type(spec).__name__}")
    values = tuple(spec.values())
    try:  # scalar kwargs (most specs): keys, value types and values as they are
        key = (tuple(spec), tuple(map(type, values)), values)
        found = _BUILT.get(key)
    except TypeError:  # a list or dict among the values
        try:
            key = frozenset((k, _frozen(v)) for k, v in spec.items())
            found = _BUILT.get(key)
        except TypeError:  # an unhashable value we do not freeze: build it every time
            return build(spec)
    if found is None:
        found = build(spec)
        if len(_BUILT) >= _BUILT_SIZE:
            _BUILT.clear()
        _BUILT[key] = found
    return found


def clear_caches() -> None:
    """Forget every cached check answer and text-derived cache entry (benchmarks start cold)."""
    from rlmr.constraints.ifbench_common import clear_caches as clear_ifbench_caches

    _check_cached.cache_clear()
    clear_text_caches()
    clear_ifbench_caches()


def _loose(constraint: Constraint, variants: list[tuple[str, str]]) -> CheckResult:
    first = None
    for name, variant in variants:
        result = _check(constraint, variant)
        if result.passed:
            if name == "as is":
                return result
            return CheckResult(True, f"{result.reason} (loose: {name})")
        first = first or result
    return first if first is not None else CheckResult(False, "empty response")


def verify(text: str, specs: Iterable[Mapping[str, Any] | Constraint], mode: Mode = "strict") -> Verdict:
    """Check `text` against every constraint spec; bad specs raise `ConstraintError`."""
    if mode not in MODES:
        raise ValueError(f"mode: expected one of {', '.join(MODES)}, got {mode!r}")
    constraints = [as_constraint(s) for s in specs]
    variants = loose_variants(text) if mode == "loose" else None
    results = []
    for constraint in constraints:
        outcome = _loose(constraint, variants) if variants is not None else _check(constraint, text)
        results.append(ConstraintResult(constraint.id, outcome.passed, outcome.reason))
    n_passed = sum(r.passed for r in results)
    fraction = n_passed / len(results) if results else 1.0
    return Verdict(passed=n_passed == len(results), satisfied_fraction=fraction, results=results, mode=mode)


CUT_REASON = "cut at the token budget: a violation (truncation: fail)"


def as_cut(verdict: Verdict) -> Verdict:
    """`verdict` under training's truncation rule: a response cut at the token budget is a
    violator whatever its checks said (it did not end, so an upper bound was not met by writing
    less), every constraint failed, satisfied fraction 0."""
    results = [ConstraintResult(r.id, False, CUT_REASON) for r in verdict.results]
    return Verdict(passed=False, satisfied_fraction=0.0, results=results, mode=verdict.mode)


def verify_many(
    texts: Sequence[str],
    specs_list: Sequence[Iterable[Mapping[str, Any] | Constraint]],
    mode: Mode = "strict",
    cut: Sequence[bool] | None = None,
) -> list[Verdict]:
    """`verify` over aligned lists of texts and their constraint lists; `cut[i]` True gives text
    i the cut verdict (`as_cut`: training's truncation rule, `rlmr eval --truncation fail`)."""
    if len(texts) != len(specs_list) or (cut is not None and len(cut) != len(texts)):
        raise ValueError(f"{len(texts)} texts but {len(specs_list)} constraint lists"
                         + (f" and {len(cut)} cut flags" if cut is not None else ""))
    verdicts = [verify(text, specs, mode) for text, specs in zip(texts, specs_list)]
    return verdicts if cut is None else [as_cut(v) if c else v for v, c in zip(verdicts, cut)]
