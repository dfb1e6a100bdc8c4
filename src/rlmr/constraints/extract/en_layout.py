"""English rules for counts and layout: words, sentences, paragraphs (*** or blank lines),
numbered sections, bullet points, highlighted spans and placeholders (IFEval ids).

Each rule reads the quote-masked prompt and returns ExtractedConstraint items; counts come from
the shared comparator grammar in `common`, so "no more than twenty words", "under 20 words" and
"20 words or fewer" all land on the same spec.
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import (
    Count, ExtractedConstraint, clause_at, find_counts, found, negated_before, to_cw, to_ifeval,
)
from rlmr.constraints.extract.en_verse import per_item
from rlmr.constraints.extract.numbers import EN_NUMBER, parse_en

_CAPS_AFTER = re.compile(r"^[^.;\n]{0,45}?\b(?:capital|caps|upper\s*case|capitalized)\b", re.IGNORECASE)
_DISTRIBUTIVE = re.compile(r"\b(?:each|every|per)\s+(?:\w+\s+)?(?:line|paragraph|sentence|bullet|section|stanza|item|point|verse|part)s?\b(?:(?!\b(?:entire|whole|total|overall|and)\b)[^.;\n])*$", re.IGNORECASE)
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
             "eighth": 8, "ninth": 9, "tenth": 10}


def _usable(masked: str, c: Count, counts: list[Count]) -> bool:
    """Drop counts stated per item ("each line has one sentence", "2 stanzas of 4 lines each") and
    parenthetical restatements of a count already given in the same clause ("under 3 sentences
    (just 1 or 2 sentences)")."""
    s, _ = clause_at(masked, c.span[0])
    if _DISTRIBUTIVE.search(masked[s:c.span[0]]) or per_item(masked, c.span):
        return False
    before = masked[s:c.span[0]]
    inside_parens = before.count("(") > before.count(")")
    if inside_parens and any(o is not c and clause_at(masked, o.span[0])[0] == s and o.span[0] < c.span[0] for o in counts):
        return False
    return True


def _negated_flip(masked: str, c: Count) -> Count:
    # "Do not write more than 100 words" states an upper bound.
    if c.relation == "more_than" and negated_before(masked, c.span[0], 40):
        return Count("at_most", c.n, None, c.span)
    return c


def _ifeval_counts(prompt: str, masked: str, unit: str, cid: str, key: str) -> list[ExtractedConstraint]:
    out: list[ExtractedConstraint] = []
    skip: list[tuple[int, int]] = []
    counts = find_counts(masked, unit)
    for c in counts:
        if any(s <= c.span[0] < e for s, e in skip):
            continue
        if _CAPS_AFTER.search(masked[c.span[1]:]) or _CAPS_AFTER.search(masked[c.span[0]:c.span[1]]) or not _usable(masked, c, counts):
            continue
        c = _negated_flip(masked, c)
        if c.relation == "bare" and cid.endswith("number_sentences"):
            if re.search(r"\b(?:first|last|next|previous|following|these|those|other|remaining)\s+$", masked[max(0, c.span[0] - 20):c.span[0]], re.IGNORECASE):
                continue  # "the first four sentences" points at text, it does not count the response
            c = Count("exactly", c.n, None, c.span)  # "in five sentences", "a single sentence"
        for relation, n in to_ifeval(c):
            out.append(found(prompt, {"id": cid, "relation": relation, key: n}, *c.span))
        if c.relation in ("bare", "about"):
            # "a 200-word essay", "about 300 words": a target length, not a bound.
            approx = "cw:word_count" if cid.endswith("number_words") else "cw:sentence_count"
            spec = {"id": approx, "relation": "about", "n": c.n}
            slack = _TOLERANCE.match(masked, c.span[1])
            if slack and parse_en(slack.group("n")):
                spec["tolerance"] = round(parse_en(slack.group("n")) / c.n, 4)
                skip.append((slack.start(), slack.end()))
            out.append(found(prompt, spec, *c.span))
    return [o for o in out if not any(s <= o.span[0] < e for s, e in skip)]


# "about 300 words, give or take 30": the slack of an approximate count, not a count of its own.
_TOLERANCE = re.compile(
    rf"[^.;\n]{{0,12}}?(?:\(|,|;|\s)\s*(?:give\s+or\s+take|plus\s+or\s+minus|±|\+/-|within|being\s+off\s+by\s+more\s+than|off\s+by\s+no\s+more\s+than)\s+(?P<n>{EN_NUMBER})(?:\s+words?)?(?:\s+either\s+way)?",
    re.IGNORECASE)


_WORD_LIMIT = re.compile(
    rf"\b(?:(?P<most>word\s+(?:limit|cap|maximum|max)|max(?:imum)?\.?\s+(?:length|word\s+count|words))"
    rf"|(?P<least>min(?:imum)?\.?\s+(?:length|word\s+count|words)))\s*(?:of|is|:|=)?\s*(?P<n>{EN_NUMBER})(?:\s+words?)?\b",
    re.IGNORECASE)
_WORD_COUNT_RANGE = re.compile(
    rf"\bword[\s-]?count\s+(?:(?:should|must|needs\s+to|has\s+to)\s+be\s+|of\s+|:\s*)?(?:between|from)\s+(?P<n>{EN_NUMBER})\s+(?:and|to)\s+(?P<m>{EN_NUMBER})\b",
    re.IGNORECASE)


def words(prompt: str, masked: str) -> list[ExtractedConstraint]:
    out = _ifeval_counts(prompt, masked, r"words?", "length_constraints:number_words", "num_words")
    taken = [o.span for o in out]
    for m in _WORD_LIMIT.finditer(masked):
        n = parse_en(m.group("n"))
        if n:
            # "Maximum length: 250 words": the bound replaces the bare count read inside it.
            out = [o for o in out if not m.start() <= o.span[0] < m.end()]
            c = Count("at_most" if m.group("most") else "at_least", n, None, (m.start(), m.end()))
            out += [found(prompt, {"id": "length_constraints:number_words", "relation": r, "num_words": k}, *c.span) for r, k in to_ifeval(c)]
    for m in _WORD_COUNT_RANGE.finditer(masked):
        n, n2 = parse_en(m.group("n")), parse_en(m.group("m"))
        if n and n2 and n2 > n and not any(s <= m.start("n") < e for s, e in taken):
            c = Count("between", n, n2, (m.start(), m.end()))
            out += [found(prompt, {"id": "length_constraints:number_words", "relation": r, "num_words": k}, *c.span) for r, k in to_ifeval(c)]
    return out


def sentences(prompt: str, masked: str) -> list[ExtractedConstraint]:
    return _ifeval_counts(prompt, masked, r"sentences?", "length_constraints:number_sentences", "num_sentences")


_DIVIDER = re.compile(r"(?<!\*)\*\*\*(?!\*)|markdown\s+divider|\b(?:three|3)\s+asterisks?\b", re.IGNORECASE)
_PARTS = r"paragraphs?|sections?|parts?|stanzas?|steps?|chunks?|blocks?|pieces?|verses?|scenes?|segments?"
_SEPARATE_TWO = re.compile(r"\bseparat\w*\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){1,4}and\s+(?:the\s+|your\s+)?(?:[\w-]+\s+){0,3}?(?:with|by|using)\b", re.IGNORECASE)
_NTH = re.compile(
    r"(?:(?:the\s+)?(?P<ord>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s+paragraph"
    r"|paragraph\s+(?P<num>\d+|one|two|three|four|five|six|seven|eight|nine|ten))"
    r"\s+(?:must|should|has\s+to|needs\s+to|shall|will|is\s+to)?\s*(?:start|begin)s?\s+with\s+(?:the\s+)?(?:word\s+)?[\"“'‘]?(?P<w>[A-Za-z][\w'-]*)"
    r"|(?:start|begin)\s+(?:the\s+)?(?:(?P<ord2>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|\d+(?:st|nd|rd|th))\s+paragraph"
    r"|paragraph\s+(?P<num2>\d+|one|two|three|four|five|six|seven|eight|nine|ten))\s+with\s+(?:the\s+)?(?:word\s+)?[\"“'‘]?(?P<w2>[A-Za-z][\w'-]*)",
    re.IGNORECASE,
)


def _ordinal(raw: str, total: int | None) -> int | None:
    raw = raw.lower()
    if raw in ("last", "final"):
        return total
    if raw in _ORDINALS:
        return _ORDINALS[raw]
    digits = re.match(r"\d+", raw)
    return int(digits.group()) if digits else parse_en(raw)


def paragraphs(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """*** divided parts -> IFEval number_paragraphs; 'the 2nd paragraph starts with X' ->
    nth_paragraph_first_word; plain 'N paragraphs' -> cw:paragraph_count (blank-line blocks)."""
    para_counts = [c for c in find_counts(masked, r"paragraphs?", 2) if c.relation in ("exactly", "bare") and not negated_before(masked, c.span[0], 30)]
    total = para_counts[0].n if para_counts else None
    out: list[ExtractedConstraint] = []
    for m in _NTH.finditer(masked):
        raw = m.group("ord") or m.group("num") or m.group("ord2") or m.group("num2")
        word = m.group("w") or m.group("w2")
        nth = _ordinal(raw, total)
        if total and nth and 1 <= nth <= total:
            spec = {"id": "length_constraints:nth_paragraph_first_word", "num_paragraphs": total,
                    "nth_paragraph": nth, "first_word": word.lower()}
            out.append(found(prompt, spec, m.start(), m.end()))
    if out:
        return out[:1]
    divider = _DIVIDER.search(masked)
    if divider:
        n, span = _divided_parts(masked, divider)
        if n:
            return [found(prompt, {"id": "length_constraints:number_paragraphs", "num_paragraphs": n}, *span)]
        return []
    if re.search(r"\b(?:label|mark)\w*\b[^.\n]*\bparagraph\s+(?:X|\d)", masked, re.IGNORECASE):
        return []
    counts = find_counts(masked, r"paragraphs?", 2)
    for c in counts:
        if not _usable(masked, c, counts) or negated_before(masked, c.span[0], 30) and c.relation in ("bare", "exactly"):
            continue
        kw = to_cw(Count("exactly", c.n) if c.relation == "bare" else _negated_flip(masked, c))
        if kw:
            return [found(prompt, {"id": "cw:paragraph_count", **kw} | ({"n_max": c.n_max} if c.n_max else {}), *c.span)]
    return []


def _divided_parts(masked: str, divider: re.Match) -> tuple[int | None, tuple[int, int]]:
    counts = [c for c in find_counts(masked, _PARTS, 2)
              if c.relation in ("exactly", "bare", "at_least") and not negated_before(masked, c.span[0], 30)]
    if counts:
        return counts[0].n, counts[0].span
    dividers = [m for m in re.finditer(r"^\s*\*\*\*\s*$", masked, re.MULTILINE)]
    if dividers and not re.search(r"^\s*(?:\.\.\.|…)\s*$", masked, re.MULTILINE):
        return len(dividers) + 1, (dividers[0].start(), dividers[-1].end())
    two = _SEPARATE_TWO.search(masked)
    if two:
        return 2, (two.start(), two.end())
    return None, (divider.start(), divider.end())


_SECTION_MARK = re.compile(
    r"\b(?:mark\w*|label\w*|start\w*|begin\w*|noted|denoted|indicated|prefix\w*|head\w*|title\w*)\b[^.]{0,50}?"
    r"\b(?:with|as|by)\s+[\"“'‘]?(?P<sp>[A-Za-z]+)\s+(?:X|N|\d+)\b",
    re.IGNORECASE,
)
_SECTION_LIST = re.compile(r"[\"“'‘]?(?P<sp>[A-Za-z]+)\s+1[\"”'’]?\s*(?:,|and)\s*[\"“'‘]?(?P=sp)\s+2\b(?:[\"”'’]?\s*(?:,|and)\s*[\"“'‘]?(?P=sp)\s+\d+)*")


def sections(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'Mark the beginning of each section with SECTION X' -> multiple_sections(splitter, N)."""
    m = _SECTION_MARK.search(masked)
    enumerated = None
    if m is None:
        m = enumerated = _SECTION_LIST.search(masked)
        if m is None or not re.search(r"\bsections?\b", masked[slice(*clause_at(masked, m.start()))], re.IGNORECASE):
            return []
    splitter = m.group("sp")
    noun = re.search(r"\beach\s+(\w+?)s?\b", masked[m.start():m.end()], re.IGNORECASE)
    units = r"sections?|paragraphs?|parts?|chapters?" + (f"|{re.escape(noun.group(1))}s?" if noun else "")
    counts = [c for c in find_counts(masked, units, 2) if c.relation in ("exactly", "bare", "at_least")]
    if counts:
        n = counts[0].n
    else:
        listed = enumerated or _SECTION_LIST.search(masked)
        n = len(re.findall(rf"\b{re.escape(splitter)}\s+\d+", listed.group())) if listed else None
    if not n:
        return []
    spec = {"id": "detectable_format:multiple_sections", "section_spliter": splitter, "num_sections": n}
    return [found(prompt, spec, m.start(), m.end())]


def bullets(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """IFEval counts bullets exactly, so only exact or bare counts ('exactly 3 bullet points')."""
    out = []
    for c in find_counts(masked, r"bullet\s*points?|bullets|bullet\s+items?|bulleted\s+items?", 2):
        if c.relation in ("exactly", "bare") and not negated_before(masked, c.span[0], 30) and not _DISTRIBUTIVE.search(masked[clause_at(masked, c.span[0])[0]:c.span[0]]):
            out.append(found(prompt, {"id": "detectable_format:number_bullet_lists", "num_bullets": c.n}, *c.span))
            break
    if not out:
        # "List exactly 5 names as markdown bullet points": the items are the bullets.
        for m in re.finditer(r"\bbullet\s*points?\b|\bbullets\b", masked, re.IGNORECASE):
            s, e = clause_at(masked, m.start())
            items = [c for c in find_counts(masked[s:e], r"[a-z]+", 0) if c.relation == "exactly"]
            noun = re.search(r"\b(?:put|list|format|write|present)\s+(?:the|these|those|your)\s+([a-z]+?)s?\s+(?:in|into|as)\b", masked[s:e], re.IGNORECASE)
            if not items and noun:
                # "List exactly 10 names. Put the names into bullet points": the counted items are the bullets.
                items = [c for c in find_counts(masked, rf"{re.escape(noun.group(1))}s?", 2) if c.relation == "exactly"]
                s = 0
            if items and not negated_before(masked, m.start(), 30):
                c = items[0]
                out.append(found(prompt, {"id": "detectable_format:number_bullet_lists", "num_bullets": c.n}, s + c.span[0], s + c.span[1]))
                break
    return out


_HL_VERB = r"(?:highlight|italici[sz]e|bold|emphasi[sz]e)\w*(?:/\w+)?"
_HL_PATTERNS = [
    re.compile(rf"\b{_HL_VERB}\s+(?:at\s+least\s+|exactly\s+|a\s+minimum\s+of\s+|no\s+fewer\s+than\s+)?(?P<n>{EN_NUMBER})(?!\s*(?:times|%))\b", re.IGNORECASE),
    re.compile(rf"(?:at\s+least\s+|exactly\s+)?(?P<n>{EN_NUMBER})\s+(?:[\w-]+\s+)?(?:italic|italici[sz]ed|highlighted|bold|bolded|emphasi[sz]ed)\b", re.IGNORECASE),
    re.compile(rf"(?P<n>{EN_NUMBER})\s+(?:[\w-]+\s+){{0,2}}(?:sections?|parts?|phrases?|words?|keywords?)\s+(?:should|must|shall|need\s+to|have\s+to|are\s+to)?\s*(?:be\s+)?(?:highlighted|italici[sz]ed|bolded|emphasi[sz]ed)", re.IGNORECASE),
]
_HL_SOME = re.compile(rf"\b{_HL_VERB}\s+(?:(?P<some>some|a\s+few|several|certain)|(?:the|its|your)\s+(?:name|title|heading))\b", re.IGNORECASE)


def highlights(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """Markdown *highlighted* spans: IFEval counts 'at least N'."""
    best: tuple[int, int, int] | None = None
    for pattern in _HL_PATTERNS:
        for m in pattern.finditer(masked):
            n = parse_en(m.group("n"))
            if n and not _about_caps(masked, m.start()) and (best is None or n > best[0]):
                best = (n, m.start(), m.end())
    each = re.search(rf"\b{_HL_VERB}\s+each\s+([a-z]+)", masked, re.IGNORECASE)
    if best is None and each:
        # "The proposal should contain 5 or more sections. Highlight each section name."
        counted = [c for c in find_counts(masked, rf"{re.escape(each.group(1))}s?", 2) if c.relation in ("at_least", "exactly", "bare")]
        if counted:
            best = (counted[0].n, each.start(), each.end())
    if best is None:
        m = _HL_SOME.search(masked)
        if m and not _about_caps(masked, m.start()):
            s, e = clause_at(masked, m.start())
            n = 2 if re.search(r"\btwice\b", masked[m.end():e], re.IGNORECASE) else 1
            best = (n, m.start(), m.end())
    if best is None:
        return []
    n, s, e = best
    return [found(prompt, {"id": "detectable_format:number_highlighted_sections", "num_highlights": n}, s, e)]


def _about_caps(masked: str, pos: int) -> bool:
    s, e = clause_at(masked, pos)
    return re.search(r"\bcapital|\ball\s+caps\b|\bupper\s*case", masked[s:e], re.IGNORECASE) is not None


def placeholders(prompt: str, masked: str) -> list[ExtractedConstraint]:
    for c in find_counts(masked, r"placeholders?", 2):
        if negated_before(masked, c.span[0], 30):
            continue
        n = c.n + 1 if c.relation == "more_than" else c.n
        if c.relation in ("at_least", "bare", "exactly", "more_than"):
            return [found(prompt, {"id": "detectable_content:number_placeholders", "num_placeholders": n}, *c.span)]
    return []


def lines(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """Line counts have no IFEval id: cw:line_count ('a 14-line poem', 'no more than 8 lines')."""
    out = []
    counts = find_counts(masked, r"lines?", 2)
    for c in counts:
        if not _usable(masked, c, counts) or negated_before(masked, c.span[0], 20) and c.relation == "bare":
            continue
        kw = to_cw(Count("exactly", c.n) if c.relation == "bare" else _negated_flip(masked, c))
        if kw:
            out.append(found(prompt, {"id": "cw:line_count", **kw} | ({"n_max": c.n_max} if c.n_max else {}), *c.span))
    return out


RULES = (words, sentences, paragraphs, sections, bullets, highlights, placeholders, lines)
