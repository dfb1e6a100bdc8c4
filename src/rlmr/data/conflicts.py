"""Which constraints cannot be asked for together in one prompt.

Two tables. IFEval ids follow the reference conflict table (`INSTRUCTION_CONFLICTS` in Google's
`instructions_registry.py`, made symmetric as its `conflict_make` does), copied as data so that
lm-eval is never imported. Our `cw:` ids are checked by what they ask for: count limits on the
same measure whose ranges do not overlap (1-D intervals, so pairwise checks suffice), a word both
banned and required, a start phrase that contradicts an acrostic, a phrase with a comma under a
no-comma rule, one-of-a-kind constraints given twice with different values, and line structures
(syllable pattern, acrostic, rhyme scheme, characters per line) that imply different line counts.

`find_conflicts(specs)` returns `(i, j, reason)` with i < j; specs are assumed to build.
"""

from __future__ import annotations

import math
import re
from typing import Any, Iterator

_ALL = "*"
_IFEVAL_IDS = (
    "keywords:existence keywords:frequency keywords:forbidden_words keywords:letter_frequency "
    "language:response_language length_constraints:number_sentences length_constraints:number_paragraphs "
    "length_constraints:number_words length_constraints:nth_paragraph_first_word "
    "detectable_content:number_placeholders detectable_content:postscript detectable_format:number_bullet_lists "
    "detectable_format:constrained_response detectable_format:number_highlighted_sections "
    "detectable_format:multiple_sections detectable_format:json_format detectable_format:title "
    "combination:two_responses combination:repeat_prompt startend:end_checker change_case:capital_word_frequency "
    "change_case:english_capital change_case:english_lowercase punctuation:no_comma startend:quotation"
).split()

# The reference table, as written (before conflict_make). "*" = every IFEval id; "*-" = all but these.
_IFEVAL_TABLE: dict[str, tuple[str, ...]] = {
    "language:response_language": (
        "detectable_format:multiple_sections", "keywords:existence", "keywords:frequency",
        "keywords:forbidden_words", "startend:end_checker", "change_case:english_capital",
        "change_case:english_lowercase",
    ),
    "length_constraints:number_paragraphs": (
        "length_constraints:nth_paragraph_first_word", "length_constraints:number_sentences",
    ),
    "length_constraints:nth_paragraph_first_word": ("length_constraints:number_paragraphs",),
    "detectable_format:constrained_response": (_ALL,),
    "detectable_format:multiple_sections": (
        "language:response_language", "detectable_format:number_highlighted_sections",
    ),
    "detectable_format:json_format": ("*-", "keywords:forbidden_words", "keywords:existence"),
    "combination:two_responses": (
        "*-", "keywords:forbidden_words", "keywords:existence", "language:response_language",
        "detectable_format:title", "punctuation:no_comma",
    ),
    "combination:repeat_prompt": ("*-", "keywords:existence", "detectable_format:title", "punctuation:no_comma"),
    "change_case:capital_word_frequency": ("change_case:english_lowercase", "change_case:english_capital"),
    "change_case:english_lowercase": ("change_case:english_capital",),
    "startend:quotation": ("detectable_format:title",),
}


def _expand(entry: tuple[str, ...]) -> set[str]:
    if entry and entry[0] == _ALL:
        return set(_IFEVAL_IDS)
    if entry and entry[0] == "*-":
        return set(_IFEVAL_IDS) - set(entry[1:])
    return set(entry)


def _symmetric_table() -> dict[str, set[str]]:
    table = {cid: {cid} for cid in _IFEVAL_IDS}  # every IFEval id conflicts with itself
    for cid, entry in _IFEVAL_TABLE.items():
        for other in _expand(entry):
            table[cid].add(other)
            table[other].add(cid)
    return table


IFEVAL_CONFLICTS = _symmetric_table()

# Measures a count constraint limits; two limits on one measure must leave some count possible.
_MEASURE = {
    "cw:word_count": "words", "length_constraints:number_words": "words", "cw:mixed_count": "words",
    "cw:char_count": "characters", "cw:sentence_count": "sentences",
    "length_constraints:number_sentences": "sentences", "cw:paragraph_count": "paragraphs",
    "cw:line_count": "lines", "cw:stanza_count": "stanzas",
}
# Constraints that can only hold for one value: the same id twice must agree.
_ONE_OF_A_KIND = ("cw:starts_with", "cw:ends_with", "cw:acrostic", "cw:syllable_pattern", "cw:chars_per_line", "cw:rhyme_scheme")
_NO_COMMA = ("cw:no_comma", "punctuation:no_comma")
_COMMAS = re.compile("[,，、]")
_CJK = re.compile("[\u3400-\u9fff]")


def count_range(spec: dict[str, Any]) -> tuple[float, float] | None:
    """The inclusive range of counts a count constraint allows, or None when it is not one."""
    cid = spec["id"]
    if cid.startswith("length_constraints:"):
        n = spec.get("num_words", spec.get("num_sentences"))
        if n is None:
            return None
        return (0, n - 1) if spec.get("relation") == "less than" else (n, math.inf)
    if cid == "cw:chars_per_line" and spec.get("num_lines"):
        return (spec["n"] * spec["num_lines"],) * 2
    if cid not in _MEASURE or cid.startswith("length_constraints"):
        return None
    n, relation = spec["n"], spec.get("relation", "exactly")
    if relation == "at_most":
        return (0, n)
    if relation == "at_least":
        return (n, math.inf)
    if relation == "between":
        return (n, spec.get("n_max", n))
    if relation == "about":
        tol = spec.get("tolerance", 0.1) * n
        return (math.ceil(n - tol), math.floor(n + tol))
    return (n, n)


def implied_lines(spec: dict[str, Any]) -> int | None:
    """Line structures fix the number of non-empty lines."""
    cid = spec["id"]
    if cid == "cw:syllable_pattern":
        return len(spec["pattern"])
    if cid == "cw:chars_per_line":
        return spec.get("num_lines")
    if cid == "cw:rhyme_scheme":
        return len(spec["scheme"])
    if cid == "cw:acrostic":
        return len(re.sub(r"\s", "", spec["word"]))
    return None


def _measured(spec: dict[str, Any]) -> list[tuple[str, tuple[float, float]]]:
    """(measure, inclusive range) pairs a spec fixes; characters per line fixes lines and characters."""
    out = []
    lines = implied_lines(spec)
    if lines is not None:
        out.append(("lines", (lines, lines)))
    if spec["id"] == "cw:char_count" and spec.get("count_punctuation"):
        return out  # punctuation makes it a different measure
    if spec["id"] == "cw:chars_per_line" or spec["id"] in _MEASURE:
        rng = count_range(spec)
        if rng:
            out.append(("characters" if spec["id"] == "cw:chars_per_line" else _MEASURE[spec["id"]], rng))
    return out


def _banned(spec: dict[str, Any]) -> set[str]:
    words = spec.get("words") if spec["id"] == "cw:banned_words" else (
        spec.get("forbidden_words") if spec["id"] == "keywords:forbidden_words" else None)
    return {w.lower() for w in words or ()}


def _required(spec: dict[str, Any]) -> set[str]:
    cid = spec["id"]
    if cid == "cw:keyword_count" and spec.get("relation") != "at_most" and spec.get("n", 0) >= 1:
        return {spec["keyword"].lower()}
    if cid == "keywords:existence":
        return {k.lower() for k in spec.get("keywords", ())}
    if cid == "keywords:frequency" and spec.get("relation") == "at least" and spec.get("frequency", 0) >= 1:
        return {spec["keyword"].lower()}
    return set()


def _phrase(spec: dict[str, Any]) -> str | None:
    return spec.get("phrase") if spec["id"] in ("cw:starts_with", "cw:ends_with") else spec.get("end_phrase")


def _contains(text: str, word: str) -> bool:
    """Whole-word match for Latin words, substring for CJK (as the word checks do)."""
    if _CJK.search(word):
        return word in text
    return re.search(rf"(?<![^\W_]){re.escape(word)}(?![^\W_])", text) is not None


def _pair_conflict(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    ida, idb = a["id"], b["id"]
    if ida in IFEVAL_CONFLICTS and idb in IFEVAL_CONFLICTS[ida]:
        return f"{ida} and {idb} conflict in the IFEval conflict table"
    for measure, ra in _measured(a):
        for other, rb in _measured(b):
            if measure == other and (ra[1] < rb[0] or rb[1] < ra[0]):
                return f"{ida} and {idb} leave no possible number of {measure} ({_fmt(ra)} vs {_fmt(rb)})"
    if ida == idb and ida in _ONE_OF_A_KIND and a != b:
        return f"{ida} given twice with different values"
    for x, y in ((a, b), (b, a)):
        reason = _one_way(x, y)
        if reason:
            return reason
    return None


def _one_way(x: dict[str, Any], y: dict[str, Any]) -> str | None:
    clash = _required(x) & _banned(y)
    if clash:
        return f"{', '.join(map(repr, sorted(clash)))} both required ({x['id']}) and banned ({y['id']})"
    phrase = _phrase(x)
    if phrase and any(_contains(phrase.lower(), w) for w in _banned(y)):
        return f"the phrase {phrase!r} ({x['id']}) contains a word banned by {y['id']}"
    if phrase and y["id"] in _NO_COMMA and _COMMAS.search(phrase):
        return f"the phrase {phrase!r} ({x['id']}) has a comma but {y['id']} forbids commas"
    if x["id"] == "cw:starts_with" and y["id"] == "cw:acrostic":
        if x["phrase"].strip()[:1].lower() != y["word"].strip()[:1].lower():
            return f"the text must start with {x['phrase']!r} but the acrostic starts with {y['word'][:1]!r}"
    if x["id"] == "cw:starts_with" and y["id"] == "cw:title":
        return "cw:title puts a title on the first line, so the text cannot start with the cw:starts_with phrase"
    if x["id"] == "cw:ends_with" and y["id"] == "startend:end_checker":
        p, q = x["phrase"].strip().lower(), y["end_phrase"].strip().lower()
        if not (p.endswith(q) or q.endswith(p)):
            return f"the text cannot end with both {x['phrase']!r} and {y['end_phrase']!r}"
    if x["id"] == "cw:chars_per_line" and y["id"] == "cw:syllable_pattern" and any(s != x["n"] for s in y["pattern"]):
        return f"{x['n']} characters per line but the syllable pattern asks for {list(y['pattern'])}"
    return None


def _fmt(rng: tuple[float, float]) -> str:
    lo, hi = rng
    if hi == math.inf:
        return f">= {int(lo)}"
    return f"{int(lo)}" if lo == hi else f"{int(lo)}..{int(hi)}"


def find_conflicts(specs: list[dict[str, Any]]) -> Iterator[tuple[int, int, str]]:
    """Every conflicting pair (i, j), i < j, with a reason; IFEval's own self-conflicts included."""
    for j in range(len(specs)):
        for i in range(j):
            reason = _pair_conflict(specs[i], specs[j])
            if reason:
                yield i, j, reason
