"""English rules for creative forms that only `cw:*` ids express: stanzas, syllable patterns,
rhyme schemes, acrostics, dialogue turns, word repetition and the opening phrase.

Each rule needs an explicit statement: a form name alone ("a haiku", "a sonnet", "a dialogue")
implies nothing, because a writer may bend the form and a response that does would be punished
for a rule the prompt never stated. Patterns stated per item ("ABAB in each stanza", "5-7-5 for
each haiku") are skipped: the checkers read the whole response.
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import (
    QUOTE_RE, Count, ExtractedConstraint, clause_at, find_counts, found, negated_before, quote_text, to_cw,
)
from rlmr.constraints.extract.numbers import EN_NUMBER, parse_en

_EACH = re.compile(r"\b(?:each|every|per|apiece)\b", re.IGNORECASE)
_PER_ITEM_AFTER = re.compile(r"^\s*(?:each|apiece|per\s+\w+|in\s+(?:each|every)\s+\w+|for\s+(?:each|every)\s+\w+)\b", re.IGNORECASE)
_PER_ITEM_BEFORE = re.compile(r"\b(?:stanzas?|verses?|paragraphs?|sections?|quatrains?|couplets?|tercets?)\s+of\s+(?:exactly\s+|about\s+)?$", re.IGNORECASE)


def per_item(masked: str, span: tuple[int, int]) -> bool:
    """'2 stanzas of 4 lines each': the 4 counts lines per stanza, not in the whole response."""
    return bool(_PER_ITEM_AFTER.match(masked[span[1]:]) or _PER_ITEM_BEFORE.search(masked[max(0, span[0] - 40):span[0]]))


def stanzas(prompt: str, masked: str) -> list[ExtractedConstraint]:
    out = []
    for c in find_counts(masked, r"stanzas?", 2):
        s, _ = clause_at(masked, c.span[0])
        if re.search(r"\b(?:lines?|words?|syllables?)\b", masked[c.span[0]:c.span[1]], re.IGNORECASE):
            continue  # "a four-line stanza" counts lines
        if per_item(masked, c.span) or _EACH.search(masked[max(s, c.span[0] - 25):c.span[0]]):
            continue
        if c.relation == "bare" and negated_before(masked, c.span[0], 20):
            continue
        kw = to_cw(Count("exactly", c.n) if c.relation == "bare" else c)
        if kw:
            out.append(found(prompt, {"id": "cw:stanza_count", **kw}, *c.span))
            break
    return out


_NUM_WORD = r"\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_PATTERN = re.compile(
    rf"(?<![\d/.-])(?P<p>(?:{_NUM_WORD})(?:\s*(?:[-–/]|,\s*(?:and\s+)?|\s+and\s+)\s*(?:{_NUM_WORD})){{2,}})(?![\d/.-]*\d)",
    re.IGNORECASE)


def syllables(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'a 5-7-5 syllable pattern', 'lines of 5, 7 and 5 syllables', 'a haiku (5/7/5)'."""
    for m in _PATTERN.finditer(masked):
        s, e = clause_at(masked, m.start())
        clause = masked[s:e]
        near = masked[max(s, m.start() - 40):min(e, m.end() + 40)]
        if not re.search(r"\bsyllab", near, re.IGNORECASE) and not (
                re.search(r"\b(?:haiku|tanka|senryu)\b", clause, re.IGNORECASE) and re.match(r"\s*\)", masked[m.end():])):
            continue
        if _EACH.search(masked[max(s, m.start() - 30):m.start()]) or re.search(r"\b(?:lines?|words?|sentences?)\b", masked[m.end():m.end() + 12], re.IGNORECASE):
            continue
        pattern = [parse_en(x) for x in re.findall(_NUM_WORD, m.group("p"), re.IGNORECASE)]
        if all(pattern) and all(1 <= k <= 20 for k in pattern):
            return [found(prompt, {"id": "cw:syllable_pattern", "pattern": pattern}, m.start(), m.end())]
    return []


_SCHEME = re.compile(r"(?<![\w'])(?P<s>A[A-HX]{1,15}(?:[ -][A-HX]{1,8}){0,7})(?![\w'])")


def _expand(scheme: str, lines: int | None) -> str | None:
    """Repeat a stanza scheme over a stated line count with fresh letters: AABB over 8 lines -> AABBCCDD."""
    if lines is None or lines == len(scheme):
        return scheme
    if lines % len(scheme):
        return None
    letters = sorted(set(scheme) - {"X"})
    out = []
    for k in range(lines // len(scheme)):
        shift = {ch: chr(ord("A") + len(letters) * k + i) for i, ch in enumerate(letters)}
        out.append("".join(shift.get(ch, ch) for ch in scheme))
    scheme = "".join(out)
    return scheme if max(scheme) <= "Z" else None


def rhyme(prompt: str, masked: str, lines: int | None) -> list[ExtractedConstraint]:
    """'rhyme scheme ABAB', 'rhyme AABB', 'in rhyming couplets' (with a stated line count)."""
    for m in _SCHEME.finditer(prompt):
        s, e = clause_at(prompt, m.start())
        scheme = re.sub(r"[ -]", "", m.group("s"))
        if not re.search(r"\brhym|\bscheme\b|\bcouplets?\b|\bend[\s-]words\b|\bline\s+endings\b", prompt[s:e], re.IGNORECASE) or len(scheme) < 3:
            continue
        if len(set(scheme) - {"X"}) == len(scheme.replace("X", "")) or re.search(
                r"\b(?:each|every|per)\s+(?:stanza|verse|quatrain|section)", prompt[s:e], re.IGNORECASE):
            continue  # nothing rhymes (an acronym), or a scheme per stanza
        expanded = _expand(scheme, lines)
        if expanded:
            return [found(prompt, {"id": "cw:rhyme_scheme", "scheme": expanded}, m.start(), m.end())]
        return []
    couplets = re.search(r"\brhym\w*\s+couplets\b|\bcouplets\s+that\s+rhyme\b", masked, re.IGNORECASE)
    if couplets and lines and lines % 2 == 0 and not negated_before(masked, couplets.start(), 30):
        return [found(prompt, {"id": "cw:rhyme_scheme", "scheme": _expand("AA", lines)}, couplets.start(), couplets.end())]
    return []


_ACROSTIC_CUE = re.compile(
    r"\bacrostic\b|\b(?:first|initial|opening|starting)\s+letters?\s+of\s+(?:each|every|the|all|its|your)\s+(?:\w+\s+)?lines?\b"
    r"|\blines?\s+(?:should\s+|must\s+|will\s+)?(?:begin|start)s?\s+with\s+(?:the\s+)?letters\b"
    r"|\b(?:start|begin)\s+(?:each|every)\s+line\s+with\s+(?:the\s+)?(?:next|successive|following)?\s*letters?\s+of\b", re.IGNORECASE)
_ACROSTIC_WORD = re.compile(
    r"\b(?:spell\w*(?:\s+out)?|(?:the\s+)?(?:word|name)|letters\s+of\s+(?:the\s+)?(?:word|name)?|using|on|for|of)\s*:?\s*"
    r"(?:[\"“'‘](?P<q>[^\"”'’\n]{2,30})[\"”'’]|(?P<caps>[A-Z]{2,20})\b|(?P<list>[A-Z](?:\s*,\s*(?:and\s+)?[A-Z]){2,19})\b)")


def acrostic(prompt: str, masked: str) -> list[ExtractedConstraint]:
    for cue in _ACROSTIC_CUE.finditer(masked):
        s, e = clause_at(masked, cue.start())
        for m in _ACROSTIC_WORD.finditer(prompt, s, e):
            word = m.group("q") or m.group("caps") or re.sub(r"[^A-Z]", "", m.group("list") or "")
            if word:
                return [found(prompt, {"id": "cw:acrostic", "word": word}, min(cue.start(), m.start()), max(cue.end(), m.end()))]
    return []


_TURN_UNITS = r"(?:exchanges?|turns?|utterances?|rounds?|replies|lines?|speeches)(?:\s+of\s+(?:dialogue|conversation|speech))?"
_DIALOGUE_CONTEXT = re.compile(r"\b(?:dialogue|dialog|conversation|script|screenplay|play|interview|debate|argu\w+|chat|talk\w*)\b", re.IGNORECASE)
_SCRIPT = re.compile(r"\b(?:script|screenplay|play\s+scene|stage\s+play|speaker\s+(?:labels?|names?)|dialogue[- ]only)\b|\b[A-Z]{3,}\s*:\s*\w|\bname\s*:", re.IGNORECASE)
_QUOTED = re.compile(r"\bquot\w*|\bin\s+quotes\b|\binverted\s+commas\b", re.IGNORECASE)


def dialogue(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'a dialogue with at least 6 exchanges', 'at least 4 lines of dialogue in quotation marks'."""
    for c in find_counts(masked, _TURN_UNITS, 2):
        text = masked[c.span[0]:c.span[1]].lower()
        spoken = re.search(r"\bof\s+(?:dialogue|conversation|speech)|\b(?:dialogue|quoted|spoken)\b", text)
        s, e = clause_at(masked, c.span[0])
        if re.search(r"\blines?\b", text) and not spoken and not re.search(r"\bscript\s+lines\b|\bNAME\s*:", masked[s:e]):
            continue
        if not spoken and not _DIALOGUE_CONTEXT.search(masked):
            continue
        if c.relation not in ("at_least", "more_than", "bare", "exactly") or per_item(masked, c.span):
            continue
        n = c.n + 1 if c.relation == "more_than" else c.n
        s, e = clause_at(masked, c.span[0])
        if _QUOTED.search(masked[s:e]):
            style = "quoted"
        elif _SCRIPT.search(prompt) or re.search(r"\b(?:as|write)\s+(?:it\s+as\s+)?an?\s+(?:dialogue|conversation)\b", masked, re.IGNORECASE):
            style = "script"
        elif re.search(r"\b(?:story|narrative|scene|prose|tale|fiction|chapter)\b", masked, re.IGNORECASE):
            style = "quoted"
        else:
            style = "script"
        return [found(prompt, {"id": "cw:dialogue", "min_turns": n, "style": style}, *c.span)]
    return []


_REPEAT_WORD = re.compile(
    rf"\b(?P<q>any|no|each|every|a\s+single|the\s+same|single|one)\s+(?:content\s+|given\s+|individual\s+|one\s+)?word\b(?!s?\s*[\"“'‘:])"
    rf"[^.;\n\"“]{{0,60}}?\b(?P<rel>more\s+than|over|at\s+most|no\s+more\s+than|not\s+more\s+than|beyond|up\s+to)\s+(?P<n>{EN_NUMBER})(?:\s+times?)?",
    re.IGNORECASE)


def word_repeat(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'Don't repeat any word more than three times', 'no word used more than twice' -> cw:max_word_repeat."""
    for m in _REPEAT_WORD.finditer(masked):
        s, _ = clause_at(masked, m.start())
        if not re.search(r"\b(?:repeat|use|appear|occur)", masked[max(s, m.start() - 30):m.end()], re.IGNORECASE):
            continue
        n = parse_en(m.group("n"))
        relation = m.group("rel").lower()
        negated = m.group("q").lower() == "no" or negated_before(masked, m.start(), 40)
        if n is None or (relation in ("more than", "over", "beyond") and not negated):
            continue
        if relation not in ("more than", "over", "beyond") and negated:
            continue
        return [found(prompt, {"id": "cw:max_word_repeat", "n": n}, m.start(), m.end())]
    return []


_WHOLE = r"(?:response|answer|reply|poem|story|letter|essay|speech|text|piece|song|note|monologue|tale|novel|chapter|draft|it)"
_START = re.compile(
    rf"(?:^|(?:(?<=[.;:!?\n])|(?<=[.!?][\"”’'])|(?<=^[-*•])|(?<=\n[-*•]))\s*|\band\s+|,\s*)(?:please\s+)?(?:begin|start|open)\s+(?:(?:your|the)\s+(?:entire\s+)?{_WHOLE}\s+|it\s+)?with\b"
    rf"|\b(?:your|the|a|this)\s+(?:entire\s+)?{_WHOLE}\s+(?:that\s+|which\s+)?(?:should\s+|must\s+|has\s+to\s+|needs\s+to\s+|will\s+)?(?:begin|start|open)s?\s+with\s+"
    rf"|\b(?:the|its|your|whose)\s+(?:very\s+)?(?:first|opening)\s+(?:line|sentence|words?)(?:\s+of\s+(?:the|your)\s+{_WHOLE})?\s+(?:should|must|has\s+to|needs\s+to|will)?\s*(?:be|read|is)\s*",
    re.IGNORECASE)
_LEAD = re.compile(r"\s*(?:the\s+(?:exact\s+)?(?:words|word|phrase|line|sentence)\s*)?:?\s*", re.IGNORECASE)


def opening(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'Begin with "Dear me,"', 'a poem that starts with the line "..."', 'the first line should be
    "..."' -> cw:starts_with. Only quoted phrases; a part's opening (a paragraph, a note) is not the
    response's."""
    for m in _START.finditer(masked):
        i = _LEAD.match(masked, m.end()).end()
        q = QUOTE_RE.match(prompt, i)
        # Negation is looked for before the verb, not before the whitespace or "and" that precedes it
        # (the previous sentence's "no fewer." is not this instruction's).
        verb = m.start() + re.match(r"[\s,]*(?:and\s+)?", masked[m.start():]).end()
        if q and quote_text(q).strip() and not negated_before(masked, verb, 20):
            return [found(prompt, {"id": "cw:starts_with", "phrase": quote_text(q).strip()}, m.start(), q.end())]
    return []


def exact_lines(items: list[ExtractedConstraint]) -> int | None:
    for it in items:
        if it.spec["id"] == "cw:line_count" and it.spec.get("relation") == "exactly":
            return it.spec["n"]
    return None


def extract_verse(prompt: str, masked: str, found_so_far: list[ExtractedConstraint]) -> list[ExtractedConstraint]:
    items = stanzas(prompt, masked) + syllables(prompt, masked) + acrostic(prompt, masked)
    items += dialogue(prompt, masked) + word_repeat(prompt, masked) + opening(prompt, masked)
    return items + rhyme(prompt, masked, exact_lines(found_so_far))
