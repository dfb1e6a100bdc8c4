"""The registry of constraint checkers: one frozen spec class per constraint id.

A constraint is written as a spec, `{"id": "keywords:existence", "keywords": ["sea"]}`. Each id
maps to one frozen dataclass whose fields are the kwargs and whose `check(text)` is pure: it
looks only at the response text, never mutates, never draws random defaults (unlike the
reference IFEval `build_description`). `build(spec)` validates the kwargs against the field
annotations and raises one `ConstraintError` naming the kwarg and the expected type.

This module must not import torch or any engine.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import types
import typing
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Mapping, Union


class ConstraintError(ValueError):
    """A constraint spec is invalid (unknown id, missing or ill-typed kwarg)."""


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: pass/fail plus a short human reason ("412 words; at most 300")."""

    passed: bool
    reason: str = ""


class Constraint:
    """Base for checkers. Subclasses are frozen dataclasses: fields = kwargs.

    Class attributes:
      id: the registry key (IFEval ids verbatim; our own ids under `cw:`).
      lang: languages the check is meant for ("en", "zh" or "any"), for synthesis and docs.
    """

    id: ClassVar[str] = ""
    lang: ClassVar[str] = "any"

    def check(self, text: str) -> CheckResult:  # pragma: no cover - abstract
        raise NotImplementedError

    def spec(self) -> dict[str, Any]:
        """The spec dict that builds this constraint again (kwargs left at None are omitted)."""
        out: dict[str, Any] = {"id": self.id}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value is not None:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


_REGISTRY: dict[str, type[Constraint]] = {}


def register(cls: type[Constraint]) -> type[Constraint]:
    """Class decorator: add a frozen-dataclass checker under `cls.id`. Duplicate ids raise."""
    if not cls.id:
        raise ConstraintError(f"{cls.__name__} has no id")
    if not dataclasses.is_dataclass(cls) or not cls.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        raise ConstraintError(f"{cls.__name__} must be a frozen dataclass")
    existing = _REGISTRY.get(cls.id)
    if existing is not None and existing is not cls:
        # Same module+qualname re-imported is the same checker; anything else is a clash.
        if (existing.__module__, existing.__qualname__) != (cls.__module__, cls.__qualname__):
            raise ConstraintError(
                f"constraint id {cls.id!r} already registered by {existing.__module__}.{existing.__qualname__}"
            )
    _REGISTRY[cls.id] = cls
    return cls


def _ensure_loaded() -> None:
    # Checker modules register on import; importing the package imports them all.
    import rlmr.constraints  # noqa: F401


def known_ids() -> list[str]:
    _ensure_loaded()
    return sorted(_REGISTRY)


def get(constraint_id: str) -> type[Constraint]:
    """The checker class for an id; unknown ids raise with the closest known ids."""
    _ensure_loaded()
    try:
        return _REGISTRY[constraint_id]
    except KeyError:
        close = difflib.get_close_matches(str(constraint_id), list(_REGISTRY), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise ConstraintError(
            f"unknown constraint id {constraint_id!r}{hint} (known: {len(_REGISTRY)} ids, see `rlmr verify --list`)"
        ) from None


def build(spec: Mapping[str, Any]) -> Constraint:
    """Build a checker from `{"id": ..., **kwargs}`, validating every kwarg.

    Kwargs whose value is None are treated as absent (IFEval data writes `null` for unused ones).
    Errors name the kwarg and the expected type: `num_words: expected int, got 'ten'`.
    """
    if not isinstance(spec, Mapping):
        raise ConstraintError(f"constraint spec must be an object, got {type(spec).__name__}")
    if "id" not in spec:
        raise ConstraintError("constraint spec has no 'id'")
    cls = get(spec["id"])
    fields, hints = _schema(cls)
    kwargs: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in spec.items():
        if key == "id" or value is None:
            continue
        if key not in fields:
            problems.append(f"{key}: unexpected kwarg for {cls.id} (allowed: {', '.join(fields) or 'none'})")
            continue
        try:
            kwargs[key] = _coerce(value, hints[key])
        except (TypeError, ValueError) as exc:
            problems.append(f"{key}: {exc}")
    for name, f in fields.items():
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING  # type: ignore[misc]
        if required and name not in kwargs and not any(p.startswith(f"{name}:") for p in problems):
            problems.append(f"{name}: missing (expected {_type_name(hints[name])})")
    if problems:
        raise ConstraintError(f"{cls.id}: " + "; ".join(problems))
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:  # __post_init__ range checks
        raise ConstraintError(f"{cls.id}: {exc}") from None


@functools.lru_cache(maxsize=None)
def _schema(cls: type[Constraint]) -> tuple[dict[str, dataclasses.Field], dict[str, Any]]:
    """Fields and resolved annotations of a checker class (get_type_hints is slow: cached)."""
    return {f.name: f for f in dataclasses.fields(cls)}, typing.get_type_hints(cls)  # type: ignore[arg-type]


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Literal:
        return " | ".join(repr(a) for a in typing.get_args(tp))
    if origin in (Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(tp) if a is not type(None))
    if origin in (tuple, list):
        args = typing.get_args(tp)
        return f"list[{_type_name(args[0])}]" if args else "list"
    return getattr(tp, "__name__", str(tp))


def _coerce(value: Any, tp: Any) -> Any:
    """Check `value` against annotation `tp`; lists become tuples (frozen, hashable)."""
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        errors = []
        for arg in typing.get_args(tp):
            if arg is type(None):
                continue
            try:
                return _coerce(value, arg)
            except (TypeError, ValueError) as exc:
                errors.append(str(exc))
        raise TypeError(f"expected {_type_name(tp)}, got {value!r}")
    if origin is Literal:
        allowed = typing.get_args(tp)
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(repr(a) for a in allowed)}, got {value!r}")
        return value
    if origin in (tuple, list):
        (item_tp, *_) = typing.get_args(tp) or (Any,)
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise TypeError(f"expected {_type_name(tp)}, got {value!r}")
        return tuple(_coerce(v, item_tp) for v in value)
    if tp is Any:
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError(f"expected bool, got {value!r}")
        return value
    if tp is int:
        # IFEval data sometimes carries integral floats (3.0); accept those, never strings.
        if isinstance(value, bool) or not isinstance(value, (int, float)) or int(value) != value:
            raise TypeError(f"expected int, got {value!r}")
        return int(value)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"expected float, got {value!r}")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise TypeError(f"expected str, got {value!r}")
        return value
    raise TypeError(f"unsupported annotation {tp!r}")
