"""When two constraint lists ask for the same thing: one canonical form for comparing specs.

The registry holds IFEval ids and our `cw:*` ids side by side, and several pairs state the same
rule with different kwargs: "at most 120 words" is `cw:word_count at_most 120` or IFEval's
`length_constraints:number_words less than 121`. Scoring extraction and cross-checking a data
file against its prompt text must not count such a pair as a disagreement. The policy:

- A list of specs is a conjunction. Count bounds on the same quantity are merged into one
  interval: `number_words at least 100` + `less than 151` == `cw:word_count between 100 150`;
  a lower bound equal to the upper bound is `exactly`. Quantities: words (`number_words`,
  `cw:word_count`), sentences (`number_sentences`, `cw:sentence_count`), each `cw:*_count`, and
  each keyword (`keywords:existence` = at least 1, `keywords:frequency`, `cw:keyword_count`).
- Same rule, other spelling: `punctuation:no_comma` == `cw:no_comma` (they differ only in the
  full-width comma), `detectable_format:title` == `cw:title style=angle`, `startend:end_checker`
  == `cw:ends_with`, `keywords:forbidden_words` == `cw:banned_words` (all banned words of a list
  form one set).
- Implied counts: a line count equal to the length of a syllable pattern or a rhyme scheme
  adds nothing, and `cw:chars_per_line n=7 num_lines=4` == `chars_per_line n=7` +
  `cw:line_count exactly 4` (both count non-empty lines, title excluded).
- An `about` target is the band of counts the verifier accepts (`about_range`): "about 95,
  give or take 9" == "about 95 (tolerance 0.1)" == "between 86 and 104".
- Not merged, because the checks differ in kind: IFEval `number_paragraphs` (split on `***`)
  and `cw:paragraph_count` (blank lines).
- Strings compare after strip, whitespace collapse and lower-casing; rhyme schemes upper-case
  without spaces. Word counting, sentence splitting and keyword matching differ in detail
  between the IFEval and `cw:` checkers (tokeniser, word boundaries); for scoring that is
  ignored on purpose: both read the same instruction.

Canonical specs are for comparison only; a merged interval may not be a buildable spec.
"""

from __future__ import annotations

import collections
from typing import Any, Iterable, Mapping

from rlmr.constraints.registry import ConstraintError, build
from rlmr.constraints.writing_counts import DEFAULT_TOLERANCE, about_range

# IFEval count ids and the cw id plus the kwarg that holds the number.
_IFEVAL_COUNTS = {
    "length_constraints:number_words": ("cw:word_count", "num_words"),
    "length_constraints:number_sentences": ("cw:sentence_count", "num_sentences"),
}
_CW_COUNTS = {"cw:word_count", "cw:char_count", "cw:mixed_count", "cw:sentence_count", "cw:paragraph_count",
              "cw:line_count", "cw:stanza_count"}
_SAME = {
    "punctuation:no_comma": {"id": "cw:no_comma"},
    "detectable_format:title": {"id": "cw:title", "style": "angle"},
}


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).lower()
    if isinstance(value, (list, tuple)):
        return [_norm(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _full(spec: Mapping[str, Any]) -> dict[str, Any]:
    """The spec with defaults filled in (when it builds), None kwargs dropped."""
    try:
        return build(spec).spec()
    except ConstraintError:
        return {k: v for k, v in spec.items() if v is not None}


class _Bounds:
    """Lower and upper bounds per quantity, intersected as specs are read."""

    def __init__(self) -> None:
        self.lo: dict[tuple, int] = {}
        self.hi: dict[tuple, int] = {}

    def add(self, quantity: tuple, lo: int | None = None, hi: int | None = None) -> None:
        if lo is not None:
            self.lo[quantity] = max(lo, self.lo.get(quantity, lo))
        if hi is not None:
            self.hi[quantity] = min(hi, self.hi.get(quantity, hi))

    def specs(self) -> list[dict[str, Any]]:
        out = []
        for quantity in sorted(set(self.lo) | set(self.hi), key=repr):
            lo, hi = self.lo.get(quantity), self.hi.get(quantity)
            cid, extra = quantity[0], dict(quantity[1:])
            if lo is not None and lo == hi:
                out.append({"id": cid, **extra, "relation": "exactly", "n": lo})
            elif cid == "cw:keyword_count":
                out += [{"id": cid, **extra, "relation": r, "n": n}
                        for r, n in (("at_least", lo), ("at_most", hi)) if n is not None]
            elif lo is not None and hi is not None:
                out.append({"id": cid, **extra, "relation": "between", "n": lo, "n_max": hi})
            else:
                out.append({"id": cid, **extra, "relation": "at_least" if lo is not None else "at_most",
                            "n": lo if lo is not None else hi})
        return out


def _read_count(spec: dict[str, Any], bounds: _Bounds) -> dict[str, Any] | None:
    """Feed a count spec into bounds; returns the spec when it is not a bound (an 'about' target)."""
    cid = spec["id"]
    if cid in _IFEVAL_COUNTS:
        target, key = _IFEVAL_COUNTS[cid]
        n = spec.get(key)
        if spec.get("relation") == "at least":
            bounds.add((target,), lo=n)
        elif spec.get("relation") == "less than" and isinstance(n, int):
            bounds.add((target,), hi=n - 1)
        else:
            return spec
        return None
    extra = tuple(sorted((k, v) for k, v in spec.items() if k not in ("id", "relation", "n", "n_max", "tolerance")))
    quantity = (cid,) + extra
    relation, n = spec.get("relation"), spec.get("n")
    if relation == "at_least":
        bounds.add(quantity, lo=n)
    elif relation == "at_most":
        bounds.add(quantity, hi=n)
    elif relation == "exactly":
        bounds.add(quantity, lo=n, hi=n)
    elif relation == "between":
        bounds.add(quantity, lo=n, hi=spec.get("n_max"))
    elif relation == "about" and isinstance(n, int):
        # The verifier accepts exactly about_range's counts, so "about 95, give or take 9" and
        # "about 95 (tolerance 0.1)" are one constraint: 86..104.
        lo, hi = about_range(n, spec.get("tolerance") or DEFAULT_TOLERANCE)
        bounds.add(quantity, lo=lo, hi=hi)
    else:
        return spec
    return None


def _read_keyword(spec: dict[str, Any], bounds: _Bounds) -> None:
    cid = spec["id"]
    if cid == "keywords:existence":
        for word in spec.get("keywords") or []:
            bounds.add(("cw:keyword_count", ("keyword", _norm(word))), lo=1)
        return
    if cid == "keywords:frequency":
        quantity = ("cw:keyword_count", ("keyword", _norm(spec.get("keyword", ""))))
        n = spec.get("frequency")
        if spec.get("relation") == "at least":
            bounds.add(quantity, lo=n)
        elif isinstance(n, int):
            bounds.add(quantity, hi=n - 1)
        return
    quantity = ("cw:keyword_count", ("keyword", _norm(spec.get("keyword", ""))))
    n, relation = spec.get("n"), spec.get("relation")
    bounds.add(quantity, lo=n if relation in ("at_least", "exactly") else None,
               hi=n if relation in ("at_most", "exactly") else None)


_KEYWORD_IDS = ("keywords:existence", "keywords:frequency", "cw:keyword_count")


def canonical(specs: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The canonical form of a conjunction of specs, sorted; equal forms mean the same constraints."""
    bounds = _Bounds()
    banned: set[str] = set()
    out: list[dict[str, Any]] = []
    for raw in specs:
        spec = _full(raw)
        cid = spec.get("id")
        if cid in _IFEVAL_COUNTS or cid in _CW_COUNTS:
            rest = _read_count(spec, bounds)
            if rest is not None:
                out.append(rest)
        elif cid in _KEYWORD_IDS:
            _read_keyword(spec, bounds)
        elif cid in ("keywords:forbidden_words", "cw:banned_words"):
            banned.update(_norm(w) for w in spec.get("forbidden_words") or spec.get("words") or [])
        elif cid == "startend:end_checker":
            out.append({"id": "cw:ends_with", "phrase": spec.get("end_phrase", "")})
        elif cid == "cw:rhyme_scheme":
            out.append({"id": cid, "scheme": "".join(str(spec.get("scheme", "")).split()).upper()})
        else:
            out.append(_SAME.get(cid, spec))
    out = _fold_lines(out + bounds.specs())
    if banned:
        out.append({"id": "cw:banned_words", "words": sorted(banned)})
    normal = [{k: (v if k == "scheme" else _norm(v)) for k, v in s.items()} for s in out]
    return sorted(normal, key=key)


def _fold_lines(specs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Move an exact line count into chars_per_line, and drop one a verse pattern already fixes."""
    exact = [s for s in specs if s["id"] == "cw:line_count" and s.get("relation") == "exactly"]
    if len(exact) != 1:
        return specs
    lines = exact[0]["n"]
    implied = {len(s["pattern"]) for s in specs if s["id"] == "cw:syllable_pattern"}
    implied |= {len(s["scheme"]) for s in specs if s["id"] == "cw:rhyme_scheme"}
    implied |= {s["num_lines"] for s in specs if s["id"] == "cw:chars_per_line" and s.get("num_lines")}
    widths = [s for s in specs if s["id"] == "cw:chars_per_line" and not s.get("num_lines")]
    if lines not in implied and len(widths) != 1:
        return specs
    out = [s for s in specs if s is not exact[0]]
    return [{**s, "num_lines": lines} if s is (widths[0] if widths and lines not in implied else None) else s for s in out]


def key(spec: Mapping[str, Any]) -> tuple:
    """A hashable form of a (canonical) spec: its id, then its kwargs sorted by name."""
    def frozen(v: Any) -> Any:
        return tuple(frozen(x) for x in v) if isinstance(v, list) else v
    return (spec["id"],) + tuple(sorted((k, frozen(v)) for k, v in spec.items() if k != "id"))


def equivalent(a: Mapping[str, Any] | Iterable[Mapping[str, Any]],
               b: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> bool:
    """True when two specs (or two lists of specs) ask for the same constraints."""
    return _counted(a) == _counted(b)


def _counted(specs: Mapping[str, Any] | Iterable[Mapping[str, Any]]) -> collections.Counter:
    return collections.Counter(map(key, canonical([specs] if isinstance(specs, Mapping) else specs)))
