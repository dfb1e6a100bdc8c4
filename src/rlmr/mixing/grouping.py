"""Validate flat per-response inputs and lay them out as one column per group, shape (G, n_groups).

Why columns: with groups along the last axis, per-group reductions are G-1 vector operations
over n_groups values and per-group values broadcast as plain (n_groups,) rows; reducing along
a short last axis (rows of 8) is about ten times slower in numpy.

Every error is a `ValueError` naming the offending group and value, e.g.
`passed[17] (group 'p3'): expected 0 or 1, got 0.5`. This module is numpy only.

Group ids are all str, all bytes, all bools, all integers (Python or numpy) or all finite floats,
as a list, a typed array or an object array. Mixed kinds are refused rather than converted: numpy
would turn `['a', 1]` into strings, so `1` and `'1'` would silently become one group.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np


@dataclass(frozen=True)
class GroupedInput:
    """The inputs of one `mix` call, one column per group: arrays are (G, n) or (n,).

    Scores are kept twice: raw, and `centered` = raw minus the group's largest valid score
    (`ref`). Strategies compute in the centered frame, so a constant shift of a group's
    scores cannot change advantages beyond the rounding of that one subtraction, and equal
    scores give exactly equal (zero-spread) rows.
    """

    scores: np.ndarray  # (G, n) float, NaN = missing
    centered: np.ndarray  # (G, n) scores - ref, NaN = missing; the largest valid is exactly 0
    ref: np.ndarray  # (n,) largest valid score of each group (0 where none is valid)
    passed: np.ndarray  # (G, n) float in {0.0, 1.0}
    satisfied: np.ndarray | None  # (G, n) float in [0, 1], or None when not given
    valid: np.ndarray  # (G, n) bool: members that take part in the group statistics
    all_valid: bool  # fast path: no member is missing
    n_valid: np.ndarray  # (n,) valid members per group
    n_passed: np.ndarray  # (n,) valid members that passed
    kind: np.ndarray  # (n,) int8: 0 all-pass, 1 mixed, 2 all-fail, 3 too-few-valid (GroupKind)
    group_ids: np.ndarray  # (n,) the id of each group
    flat_scores: np.ndarray  # (N,) the validated scores in the caller's order (a copy)
    flat_passed: np.ndarray  # (N,) the validated flags in the caller's order (a copy)
    order: np.ndarray | None  # (N,) flat index of the k-th response in group-major order; None = identity

    def unflatten(self, cols: np.ndarray) -> np.ndarray:
        """(G, n) columns back to the caller's flat (N,) order."""
        flat = cols.T.flatten()  # always a copy: results never alias the caller's inputs
        if self.order is None:
            return flat
        out = np.empty_like(flat)
        out[self.order] = flat
        return out


def _as_float(name: str, values: Any) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float)  # None becomes NaN
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name}: expected numbers, {err}") from None
    if arr.ndim != 1:
        raise ValueError(f"{name}: expected a flat sequence, got shape {arr.shape}")
    return arr


def _plain(value: Any) -> Any:
    """A numpy scalar as its Python value (so `repr` shows 'p3', not np.str_('p3')); others as is."""
    return value.item() if isinstance(value, np.generic) else value


def _group_label(i: int, ids: np.ndarray | None, group_size: int | None) -> str:
    if ids is not None:
        return repr(_plain(ids[i]))
    return str(i // group_size) if group_size else "?"


def _first_bad(mask: np.ndarray) -> int | None:
    hits = np.flatnonzero(mask)
    return int(hits[0]) if hits.size else None


def _check_values(
    scores: np.ndarray, passed: np.ndarray, satisfied: np.ndarray | None, label
) -> None:
    bad = _first_bad(np.isinf(scores))
    if bad is not None:
        raise ValueError(
            f"writing_scores[{bad}] (group {label(bad)}): scores must be finite or NaN (missing), "
            f"got {scores[bad]}"
        )
    bad = _first_bad((passed != 0.0) & (passed != 1.0))
    if bad is not None:
        raise ValueError(f"passed[{bad}] (group {label(bad)}): expected 0 or 1, got {passed[bad]}")
    if satisfied is not None:
        bad = _first_bad(~((satisfied >= 0.0) & (satisfied <= 1.0)))
        if bad is not None:
            raise ValueError(
                f"satisfied[{bad}] (group {label(bad)}): expected a fraction in [0, 1], got {satisfied[bad]}"
            )


# Each family of ids: the classes it takes and the dtype it is stored as (bool before its superclass int).
_ID_FAMILIES = {
    "str": (str, str),
    "bytes": (bytes, bytes),
    "bool": ((bool, np.bool_), bool),
    "int": ((int, np.integer), np.int64),
    "float": ((float, np.floating), float),
}


def _id_family(cls: type) -> str | None:
    return next((name for name, (classes, _) in _ID_FAMILIES.items() if issubclass(cls, classes)), None)


def _typed_ids(ids: np.ndarray) -> np.ndarray:
    """An object array of ids as a typed one, if all are of one family; ValueError otherwise."""
    families = {cls: _id_family(cls) for cls in set(map(type, ids))}  # a few classes, not N lookups
    if None in families.values() or len(set(families.values())) > 1:
        first = families[type(ids[0])]
        bad = 0 if first is None else next(i for i, value in enumerate(ids) if families[type(value)] != first)
        value = _plain(ids[bad])
        if families[type(ids[bad])] is None:
            raise ValueError(f"group_ids[{bad}]: expected a str or int id, got {value!r}")
        raise ValueError(
            f"group_ids[{bad}]: ids must be of one kind (all str or all int), "
            f"got {value!r} ({type(value).__name__}) after {_plain(ids[0])!r} ({type(_plain(ids[0])).__name__})"
        )
    if not families:
        return ids
    family = next(iter(families.values()))
    try:  # a typed array sorts in C, and its items are numpy scalars
        typed = ids.astype(_ID_FAMILIES[family][1])
    except OverflowError:  # integers beyond int64 stay Python ints (they still sort)
        return ids
    # numpy's fixed-width strings drop trailing NULs ('a\0' would become 'a'): keep such ids as they are.
    return ids if family in ("str", "bytes") and not (typed == ids).all() else typed


def _as_ids(group_ids: Sequence[Any] | np.ndarray, n: int) -> np.ndarray:
    """group_ids as a flat, typed, sortable array of n ids; ValueError naming the problem otherwise."""
    try:  # a list goes through object dtype: np.asarray(['a', 1]) would make 1 the string '1'
        ids = group_ids if isinstance(group_ids, np.ndarray) else np.array(group_ids, dtype=object)
    except ValueError as err:  # ids of unequal lengths, e.g. [(1, 2), 3]
        raise ValueError(f"group_ids: expected one id per response, {err}") from None
    if ids.ndim != 1:
        raise ValueError(f"group_ids: expected one id per response, got shape {ids.shape}")
    if ids.shape[0] != n:
        raise ValueError(f"group_ids has {ids.shape[0]} values, writing_scores has {n}")
    if ids.dtype.kind == "O":
        ids = _typed_ids(ids)
    if ids.dtype.kind == "f":
        bad = _first_bad(np.isnan(ids))
        if bad is not None:
            raise ValueError(f"group_ids[{bad}]: NaN is not an id (a missing id?)")
    elif ids.dtype.kind not in "biuUSO":
        raise ValueError(f"group_ids: expected str or int ids, got dtype {ids.dtype}")
    return ids


def _layout(
    n: int, group_size: int | None, group_ids: Sequence[Any] | np.ndarray | None
) -> tuple[int, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(G, row group ids, flat order or None, flat ids or None) for N responses."""
    if group_ids is None:
        if group_size is None:
            raise ValueError("give group_size or group_ids")
        if int(group_size) != group_size or group_size < 1:
            raise ValueError(f"group_size: expected a positive integer, got {group_size!r}")
        group_size = int(group_size)
        if n % group_size:
            raise ValueError(
                f"{n} responses are not a whole number of groups of {group_size} "
                f"(the last group, {n // group_size}, has {n % group_size})"
            )
        return group_size, np.arange(n // group_size), None, None
    ids = _as_ids(group_ids, n)
    if n == 0:
        return int(group_size or 1), ids[:0], None, ids
    order = np.argsort(ids, kind="stable")  # one stable sort gives the order, the distinct ids and their counts
    sorted_ids = ids[order]
    starts = np.flatnonzero(np.concatenate(([True], sorted_ids[1:] != sorted_ids[:-1])))
    uniq, counts = sorted_ids[starts], np.diff(np.append(starts, n))
    sizes, freq = np.unique(counts, return_counts=True)
    size = int(sizes[freq == freq.max()].max())  # the most common size (the larger on a tie)
    odd = _first_bad(counts != size)
    if odd is not None:
        typical = _plain(uniq[_first_bad(counts == size)])
        raise ValueError(
            f"ragged groups: group {_plain(uniq[odd])!r} has {counts[odd]} responses, group {typical!r} "
            f"has {size}; every group must have the same size"
        )
    if group_size is not None and group_size != size:
        raise ValueError(f"group_size is {group_size} but every group in group_ids has {size} responses")
    return size, uniq, order, ids


def group_kinds(n_valid: np.ndarray, n_passed: np.ndarray) -> np.ndarray:
    """Kind codes per group from its valid and passing counts (see GroupKind)."""
    kind = np.where(n_passed == n_valid, 0, np.where(n_passed == 0, 2, 1)).astype(np.int8)
    kind[n_valid < 2] = 3
    return kind


def group_inputs(
    writing_scores: Sequence[float | None] | np.ndarray,
    passed: Sequence[Any] | np.ndarray,
    *,
    satisfied: Sequence[float] | np.ndarray | None,
    group_size: int | None,
    group_ids: Sequence[Any] | np.ndarray | None,
    uses_scores: bool,
) -> GroupedInput:
    """Validate and reshape flat inputs. `uses_scores=False` makes every member valid (verify)."""
    scores = _as_float("writing_scores", writing_scores)
    flags = _as_float("passed", passed)
    sat = None if satisfied is None else _as_float("satisfied", satisfied)
    n = scores.shape[0]
    for name, arr in (("passed", flags), ("satisfied", sat)):
        if arr is not None and arr.shape[0] != n:
            raise ValueError(f"{name} has {arr.shape[0]} values, writing_scores has {n}")
    size, row_ids, order, flat_ids = _layout(n, group_size, group_ids)
    _check_values(scores, flags, sat, lambda i: _group_label(i, flat_ids, size))

    def cols(arr: np.ndarray) -> np.ndarray:
        return np.ascontiguousarray((arr if order is None else arr[order]).reshape(-1, size).T)

    s = cols(scores)
    missing = np.isnan(s)
    all_valid = not uses_scores or not missing.any()
    valid = np.ones(s.shape, bool) if all_valid else ~missing
    if all_valid and uses_scores:
        ref = s.max(0)
    else:
        top = np.where(valid & ~missing, s, -np.inf).max(0)
        ref = np.where(np.isfinite(top), top, 0.0)
    passed_cols = cols(flags)
    n_valid = np.full(s.shape[1], size) if all_valid else valid.sum(0)
    n_passed = (passed_cols.sum(0) if all_valid else (passed_cols * valid).sum(0)).astype(int)
    return GroupedInput(
        scores=s,
        centered=s - ref,
        ref=ref,
        passed=passed_cols,
        satisfied=None if sat is None else cols(sat),
        valid=valid,
        all_valid=all_valid,
        n_valid=n_valid,
        n_passed=n_passed,
        kind=group_kinds(n_valid, n_passed),
        group_ids=row_ids,
        flat_scores=scores.copy(),
        flat_passed=flags.copy(),
        order=order,
    )
