"""English rules for words and letters: required keywords, forbidden words, keyword frequency
and letter (or symbol) frequency (IFEval `keywords:*` ids).

Terms are read as a list after a marker ("the keywords", "the words", or a quoted term right
after include/avoid verbs): quoted items, bracketed lists or bare single words joined by
commas / and / or. Bare words are only read after an explicit marker ("the word X").
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import (
    QUOTE_RE, Count, ExtractedConstraint, clause_at, find_counts, found, negated_before, quote_text, to_ifeval,
)

_SEP = re.compile(r"\s*(?:,\s*(?:and|or|&)?|\band\b|\bor\b|&|/)\s*", re.IGNORECASE)
_BARE = re.compile(r"[A-Za-z][\w'-]*")
_STOP = {
    "in", "the", "a", "an", "any", "your", "at", "throughout", "anywhere", "from", "when", "etc", "more",
    "less", "should", "must", "to", "for", "appear", "appears", "is", "are", "be", "of", "with", "that",
    "which", "as", "on", "this", "it", "its", "their", "than", "and", "or", "somewhere", "inside", "within",
    "can", "cannot", "will", "would", "times", "once", "twice", "each", "every", "such", "like", "only",
    "exactly", "least", "most", "following", "below", "above", "no", "not", "used", "you", "before", "after",
    "other", "words", "word", "characters", "letters",
}
_SYMBOLS = {"exclamation": "!", "hashtag": "#", "question": "?", "semicolon": ";", "dollar": "$",
            "ampersand": "&", "colon": ":", "hyphen": "-", "dash": "-"}


def read_terms(prompt: str, masked: str, pos: int, bare: bool) -> tuple[list[str], int]:
    """Read a list of terms starting at pos; returns (terms, end). Long (masked) quotes are skipped."""
    i = re.compile(r"\s*(?:(?:entirely|completely|altogether|at\s+all|whatsoever)\s*)?(?::|-)?\s*\[?\s*", re.IGNORECASE).match(masked, pos).end()
    terms: list[str] = []
    quoted = False
    end = pos
    while True:
        q = QUOTE_RE.match(prompt, i)
        if q is not None and terms and not quoted:
            q = None
        b = _BARE.match(masked, i) if bare and q is None and not (terms and quoted) else None
        quoted = q is not None if not terms else quoted
        if q is not None and "x" * 3 not in masked[q.start():q.end()]:
            terms.append(quote_text(q).strip())
            i = end = q.end()
        elif b is not None and b.group().lower() not in _STOP:
            terms.append(b.group())
            i = end = b.end()
        else:
            break
        sep = _SEP.match(masked, i)
        if sep is None or sep.end() == i:
            break
        i = sep.end()
    return [t for t in terms if t and not t.isspace()], end


_NEG = (r"\b(?P<neg>do\s+not|does\s+not|doesn't|don't|didn't|never|without|avoid|refrain\s+from|exclude|must\s+not|should\s+not|shouldn't|"
        r"mustn't|cannot|can't|not|no)\b")
_NEG_VERB = (r"(?P<verb>(?:\s+(?:be\s+)?(?:use|uses|using|used|include|includes|including|included|mention|mentions|mentioning|say|says|saying|"
             r"contain|contains|containing|write|writing|have|add|adding|any\s+of|the\s+use\s+of|to\s+include|to\s+use|to\s+mention|to\s+say)\b)*)")
_MARKER = r"(?:(?:the|these|following|any|negative|those|of|each|all|every)\s+)*(?:key)?(?:words?|terms?)\b(?:\s+such\s+as|\s+like)?"
_FORBID = re.compile(rf"{_NEG}{_NEG_VERB}\s*(?:(?P<marker>{_MARKER})|(?=[\"“'‘\[])|(?=[A-Za-z]))", re.IGNORECASE)
_POST_FORBID = re.compile(
    r"^\s*(?:should|must|can|shall|does|do|will|may)?\s*(?:not|n't|never)\b|^\s*(?:cannot|can't|shouldn't|mustn't|doesn't|don't|won't)\b"
    r"|^\s*(?:is|are)\s+(?:not\s+(?:allowed|permitted)|forbidden|banned|prohibited|disallowed|off[\s-]limits|out\s+of\s+bounds)",
    re.IGNORECASE)
_WORD_MARKER = re.compile(r"\b(?:the\s+)?(?:key)?(?:words?|terms?|names?)\s+(?=[\"“'‘A-Za-z\[])", re.IGNORECASE)


def forbidden(prompt: str, masked: str) -> list[ExtractedConstraint]:
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    for m in _FORBID.finditer(masked):
        if not (m.group("verb") or m.group("marker")) or m.group("neg").lower() == "no" and not m.group("marker"):
            continue
        if m.group("marker") and re.search(r"\bany\b", m.group("marker"), re.IGNORECASE) and not QUOTE_RE.match(prompt, re.compile(r"\s*:?\s*").match(masked, m.end()).end()):
            continue
        talk = re.search(r"\b(?:mention\w*|say\w*)\s*$", m.group("verb") or "", re.IGNORECASE)
        terms, end = read_terms(prompt, masked, m.end(), bare=bool(m.group("marker") or talk))
        if talk and not m.group("marker") and not re.match(r"\s+(?:in|throughout|anywhere)\b", masked[end:end + 12]) and not QUOTE_RE.match(prompt, m.end()):
            continue
        if terms and not re.match(r"\s*(?:at\s+least|more\s+than|\d|once|twice)", masked[end:end + 20], re.IGNORECASE):
            words += terms
            spans.append((m.start(), end))
    for m in _WORD_MARKER.finditer(masked):
        terms, end = read_terms(prompt, masked, m.end(), bare=True)
        post = _POST_FORBID.match(masked[end:])
        if post and times_count(masked[end + post.end():clause_at(masked, end)[1]]):
            continue  # "the word X should not appear more than once" is a frequency
        if terms and post:
            words += terms
            spans.append((m.start(), end + _POST_FORBID.match(masked[end:]).end()))
    words = list(dict.fromkeys(w for w in words if not re.fullmatch(r"[a-z]", w, re.IGNORECASE)))
    if not words:
        return []
    return [found(prompt, {"id": "keywords:forbidden_words", "forbidden_words": words}, min(s for s, _ in spans), max(e for _, e in spans))]


_ONCE = re.compile(r"(?:\b(?P<pre>no\s+fewer\s+than|no\s+less\s+than|not\s+fewer\s+than|not\s+less\s+than|at\s+least|at\s+most|no\s+more\s+than|more\s+than|less\s+than|fewer\s+than|only|exactly|precisely|just)\s+)?\b(?P<n>once|twice|thrice)\b(?:\s+or\s+(?P<post>more|less|fewer))?", re.IGNORECASE)


def times_counts(text: str) -> list[Count]:
    """Every count of times in text, in order: 'at least 3 times', 'less than twice', 'once or less',
    '6 or 7 times', 'only once'; 'at least twice but no more than 4 times' gives two."""
    counts = find_counts(text, r"times?", 1)
    for m in _ONCE.finditer(text):
        if any(c.span[0] <= m.start("n") < c.span[1] for c in counts):
            continue
        n = {"once": 1, "twice": 2, "thrice": 3}[m.group("n").lower()]
        pre = " ".join((m.group("pre") or "").lower().split())
        post = (m.group("post") or "").lower()
        relation = ("at_least" if pre in ("at least", "no fewer than", "no less than", "not fewer than", "not less than") or post == "more" else
                    "at_most" if pre in ("at most", "no more than") or post in ("less", "fewer") else
                    "more_than" if pre == "more than" else "less_than" if pre in ("less than", "fewer than") else "exactly")
        counts.append(Count(relation, n, None, (m.start(), m.end())))
    return sorted(counts, key=lambda c: c.span)


def times_count(text: str) -> Count | None:
    counts = times_counts(text)
    return counts[0] if counts else None


_FREQ_MARKER = re.compile(r"\b(?:(?:key)?word|term|name)\s+(?=[\"“'‘A-Za-z])", re.IGNORECASE)
_POSITIVE = re.compile(r"\b(?:include|including|includes|contain|containing|contains|use|using|uses|mention|mentioning|has|have|feature|featuring)\b\s*(?:(?P<marker>" + _MARKER + r"|(?:these|the\s+following)\s+items\b)|(?=[\"“'‘\[]))"
                       r"|\bwith\s+(?P<marker2>(?:these|the|the\s+following)\s+(?:key)?words\b)", re.IGNORECASE)


_FILLER = re.compile(r"\s*(?:(?:should|must|has\s+to|needs\s+to|is\s+to|to|will|shall|can|may)\s+)?(?:(?:not|never)\s+)?"
                     r"(?:(?:appear|be\s+(?:used|mentioned|included|repeated|said)|occur|show\s+up|feature)\w*\s+)?"
                     r"(?:(?:in|throughout)\s+(?:the|your)\s+\w+\s+)?", re.IGNORECASE)


def _frequency_terms(prompt: str, masked: str) -> list[tuple[str, int, int, str]]:
    """(term, start, end of term, window after it) for 'the word X ...' and for a quoted term
    right after mention/use/include/repeat (or after 'and' following such a term)."""
    out = []
    for m in _FREQ_MARKER.finditer(masked):
        terms, end = read_terms(prompt, masked, m.end(), bare=True)
        if len(terms) == 1:
            out.append((terms[0], m.start(), end))
    for q in QUOTE_RE.finditer(prompt):
        if "x" * 3 in masked[q.start():q.end()] or any(s <= q.start() < e for _, s, e in out):
            continue
        s, _ = clause_at(masked, q.start())
        # ... or a quoted term that opens its clause ('"home" must appear exactly twice'); the count
        # must then follow it directly (checked in `keywords`).
        if re.search(r"\b(?:mention|use|include|repeat|say|feature|write)\w*\s+(?:the\s+(?!letter|character|symbol)\w+\s+)?$|\band\s+$|,\s*$|^\s*(?:[-*•]\s*)?$", masked[s:q.start()], re.IGNORECASE):
            out.append((quote_text(q).strip(), q.start(), q.end()))
    result = []
    for term, start, end in sorted(out, key=lambda t: t[1]):
        _, clause_end = clause_at(masked, start)
        nxt = re.search(r"\b(?:word|letter|term)\b|[\"“'‘]", masked[end:clause_end])
        result.append((term, start, end, masked[end:end + nxt.start() if nxt else clause_end]))
    return result


def keywords(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """Frequencies ('the word X at least 3 times') first, then plain inclusion ('include the keywords X and Y')."""
    out: list[ExtractedConstraint] = []
    counted: set[str] = set()
    for term, start, end, window in _frequency_terms(prompt, masked):
        counts = times_counts(window)
        if not counts or term.lower() in counted:
            continue
        if start != end and not _FREQ_MARKER.match(masked, start) and counts[0].span[0] != _FILLER.match(window).end():
            continue  # a quoted term must be followed by its count
        before_count = re.sub(r"\b(?:no|not)\s+(?:fewer|less|more)\s+than\b", "", window[:counts[0].span[0] + 14])
        negated = negated_before(masked, start, 40) or re.search(r"\b(?:not|never)\b|n't\b", before_count, re.IGNORECASE)
        if negated and counts[0].relation != "more_than":
            continue
        if negated:
            counts = [Count("at_most", counts[0].n)]
        span = (start, end + counts[-1].span[1])
        if len(counts) == 1 and counts[0].relation == "exactly" and counts[0].n == 1:
            # "mention X only once": present, and fewer than two times (as IFEval's data writes it).
            out.append(found(prompt, {"id": "keywords:existence", "keywords": [term]}, *span))
            out.append(found(prompt, {"id": "keywords:frequency", "keyword": term, "relation": "less than", "frequency": 2}, *span))
        else:
            for c in counts[:2]:
                for relation, n in to_ifeval(c):
                    out.append(found(prompt, {"id": "keywords:frequency", "keyword": term, "relation": relation, "frequency": n}, *span))
        counted.add(term.lower())
    required: list[str] = []
    spans = []
    for m in _POSITIVE.finditer(masked):
        if negated_before(masked, m.start(), 25) or re.search(r"\b(?:begin|start|open|end|finish|conclude|close)\w*\s+$", masked[max(0, m.start() - 12):m.start()], re.IGNORECASE):
            continue  # "Finish with these words: ..." states the ending, not a keyword
        terms, end = read_terms(prompt, masked, m.end(), bare=bool(m.group("marker") or m.group("marker2")))
        terms = [t for t in terms if t.lower() not in counted and len(t) > 1]
        if terms and not times_count(masked[end:clause_at(masked, m.start())[1]]):
            required += terms
            spans.append((m.start(), end))
    if required:
        spec = {"id": "keywords:existence", "keywords": list(dict.fromkeys(required))}
        out.append(found(prompt, spec, min(s for s, _ in spans), max(e for _, e in spans)))
    return out


_LETTER = re.compile(r"\bletter\s+[\"“'‘]?(?P<l>[A-Za-z])[\"”'’]?(?![\w'])", re.IGNORECASE)
_SYMBOL_UNITS = r"exclamation\s+(?:marks?|points?)|hashtags?|question\s+marks?|semicolons?|dollar\s+signs?|ampersands?|colons?"


def letters(prompt: str, masked: str) -> list[ExtractedConstraint]:
    out = []
    for m in _LETTER.finditer(masked):
        _, clause_end = clause_at(masked, m.start())
        nxt = re.search(r"\b(?:letter|word)\b", masked[m.end():clause_end])
        window = masked[m.end():m.end() + nxt.start() if nxt else clause_end]
        c = times_count(window)
        negated = negated_before(masked, m.start(), 40)
        if c is None:
            if not negated:
                continue
            c = Count("less_than", 1)
        elif negated and c.relation == "more_than":
            c = Count("at_most", c.n)
        elif negated:
            continue
        for relation, n in to_ifeval(c):
            spec = {"id": "keywords:letter_frequency", "letter": m.group("l").lower(), "let_relation": relation, "let_frequency": n}
            out.append(found(prompt, spec, m.start(), m.end() + (c.span[1] if c.span != (0, 0) else 0)))
    counted = {(o.spec["letter"]) for o in out if o.span[1] - o.span[0] > 12}
    # "avoid using the letter t" next to "the letter t must appear 30 times" describes, not constrains.
    out = [o for o in out if not (o.spec["let_frequency"] == 1 and o.spec["let_relation"] == "less than" and o.spec["letter"] in counted)]
    for c in find_counts(masked, _SYMBOL_UNITS, 1):
        if c.relation == "bare":
            continue
        unit = masked[c.span[0]:c.span[1]].lower()
        symbol = next(v for k, v in _SYMBOLS.items() if k in unit)
        for relation, n in to_ifeval(c):
            spec = {"id": "keywords:letter_frequency", "letter": symbol, "let_relation": relation, "let_frequency": n}
            out.append(found(prompt, spec, *c.span))
    return out


RULES = (forbidden, keywords, letters)
