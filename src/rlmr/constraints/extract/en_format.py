"""English rules for the response's form: commas, letter case, capital-word counts, JSON,
<<title>>, quotation marks, postscripts, two responses, fixed answers, the closing phrase,
repeating the request and the response language (IFEval ids).
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.numbers import EN_NUMBER
from rlmr.constraints.extract.common import (
    QUOTE_RE, Count, ExtractedConstraint, clause_at, clauses, find_counts, found, quote_text, to_ifeval,
)


def _first(prompt: str, masked: str, pattern: re.Pattern, spec: dict) -> list[ExtractedConstraint]:
    m = pattern.search(masked)
    return [found(prompt, spec, m.start(), m.end())] if m else []


_NO_COMMA = re.compile(
    r"(?:\b(?:no|not|cannot|without|avoid\w*|refrain\w*|never|zero)\b|n't\b)[^.;!?\n]{0,40}?\bcommas?\b"
    r"|\bcommas?\b[^.;\n]{0,30}?\b(?:not\s+(?:be\s+)?(?:allowed|permitted|used)|forbidden|prohibited|banned)"
    r"|\bcomma[- ]free\b", re.IGNORECASE)


def no_comma(prompt: str, masked: str) -> list[ExtractedConstraint]:
    return _first(prompt, masked, _NO_COMMA, {"id": "punctuation:no_comma"})


_CAPS_WORDS = r"(?:words?|phrases?)\s+(?:\w+\s+){0,5}?(?:with|in|using|be\s+in|written\s+in)\s+(?:all\s+)?(?:capital\s+letters|caps|capitals|uppercase)|(?:all-caps|all\s+caps|capitali[sz]ed|uppercase|stress)\s+words|words\s+with\s+capital\s+letters|such\s+capitali[sz]ed\s+words"
_CAPS_WORDS_RE = re.compile(_CAPS_WORDS, re.IGNORECASE)
_ALL_UPPER = re.compile(
    r"\ball\s+(?:in\s+)?(?:capital\s+letters|caps|capitals|uppercase|upper\s+case)\b|\bcapitali[sz]e\s+(?:every|all|each)\s+(?:\w+\s+)?(?:letters?|words?)\b"
    r"|\b(?:only|entirely|completely)\s+(?:use\s+)?(?:in\s+)?(?:capital\s+letters|uppercase|caps)\b|\bcapital\s+letters\s+only\b"
    r"|\bno\s+lower\s*case\s+letters\b|\bnot\s+a\s+single\s+(?:word|letter)\b[^.\n]*\blower\s*case\b|\bletters[^.\n]{0,40}\bshould\s+be\s+capitali[sz]ed\b",
    re.IGNORECASE)
_ALL_LOWER = re.compile(
    r"\ball\s+(?:in\s+)?(?:lower\s*case|lowercase)\b|\blower\s*case\s+(?:letters\s+)?only\b|\bonly\s+(?:use\s+)?lower\s*case\b"
    r"|\b(?:no|without(?:\s+(?:using|any))?)\s+capital(?:\s+letters|i[sz]ations?)\b|\bcapital\s+letters\s+(?:are|is)\s+not\s+allowed\b|\bin\s+lower\s*case\s+english\b"
    r"|\bnot\s+a\s+single\s+letter\b[^.\n]*\bcapitali[sz]ed\b|\bletters\s+lowercased\b|\bmust\s+be\s+lower\s*case\b"
    r"|\b(?:in|with)\s+lower\s*case\s+letters\b|\bin\s+lower\s*cases?\b|\bno\s+capital\s+letters\b"
    r"|\b(?:not|never|without)\s+(?:contain|use|include|have)\w*\s+(?:any\s+)?capital\s+letters\b|\bletters\s+(?:are|be|must\s+be|should\s+be|in)\s+lower\s*case\b",
    re.IGNORECASE)


def letter_case(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """Whole-response case (english_capital / english_lowercase) and counts of all-caps words."""
    out: list[ExtractedConstraint] = []
    for s, e in clauses(masked):
        clause = masked[s:e]
        caps_words = _CAPS_WORDS_RE.search(clause)
        if caps_words:
            out += _capital_words(prompt, masked, s, e, caps_words)
            continue
        upper = _ALL_UPPER.search(clause)
        lower = _ALL_LOWER.search(clause)
        if lower and not any(c.spec["id"] == "change_case:english_lowercase" for c in out):
            out.append(found(prompt, {"id": "change_case:english_lowercase"}, s + lower.start(), s + lower.end()))
        elif upper and not any(c.spec["id"] == "change_case:english_capital" for c in out):
            out.append(found(prompt, {"id": "change_case:english_capital"}, s + upper.start(), s + upper.end()))
    return out


def _capital_words(prompt: str, masked: str, s: int, e: int, caps: re.Match) -> list[ExtractedConstraint]:
    clause = masked[s:e]
    counts = find_counts(clause, r"times?|(?:[\w-]+\s+)?words?", 3)
    if not counts:
        bare = re.search(r"\b(?:at\s+least|at\s+most|less\s+than|fewer\s+than|more\s+than|no\s+more\s+than)\s+" + EN_NUMBER + r"\b", clause[caps.start():], re.IGNORECASE)
        counts = find_counts(bare.group() + " times", r"times") if bare else []
        counts = [Count(c.relation, c.n, c.n_max, (caps.start() + bare.start(), caps.start() + bare.end())) for c in counts]
    out = []
    for c in counts:
        for relation, n in to_ifeval(c):
            spec = {"id": "change_case:capital_word_frequency", "capital_relation": relation, "capital_frequency": n}
            out.append(found(prompt, spec, s + c.span[0], s + c.span[1]))
        if out:
            break
    # "Use (some|a few) words in all caps ..., but fewer than 5": at least one such word is asked for too.
    wants_some = re.search(r"\b(?:use|include)\s+(?:some\s+|a\s+few\s+)?" + _CAPS_WORDS, masked, re.IGNORECASE)
    if wants_some and out and all(o.spec["capital_relation"] == "less than" for o in out):
        spec = {"id": "change_case:capital_word_frequency", "capital_relation": "at least", "capital_frequency": 1}
        out.append(found(prompt, spec, wants_some.start(), wants_some.end()))
    return out


_JSON = re.compile(r"\bjson\b", re.IGNORECASE)
_JSON_CONTEXT = re.compile(r"\b(?:format|formatted|block|wrap\w*|output|ticks|(?:in|as|into|using|use)\s+(?:a\s+|one\s+)?json)\b", re.IGNORECASE)


def json_format(prompt: str, masked: str) -> list[ExtractedConstraint]:
    for m in _JSON.finditer(masked):
        s, e = clause_at(masked, m.start())
        clause = masked[s:e]
        if _JSON_CONTEXT.search(clause) and not re.search(r"\bjson\s+schema\b|['\"‘“]json['\"’”]", clause, re.IGNORECASE):
            return [found(prompt, {"id": "detectable_format:json_format"}, s, e)]
    return []


_TITLE = re.compile(r"<<[^<>\n]+>>|\bdouble\s+angul?ar\s+brackets?\b|\bdouble\s+angle\s+brackets?\b", re.IGNORECASE)


_MARKDOWN_TITLE = re.compile(r"#\s*Title\b|\bmarkdown\s+(?:heading|header|title)\b|\bas\s+a\s+#\s+heading\b", re.IGNORECASE)


def title(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """<<title>> -> IFEval's title; '# Title' or a Markdown heading -> cw:title markdown; both
    offered as choices ('as <<Title>> or # Title') -> cw:title any."""
    angle, markdown = _TITLE.search(masked), _MARKDOWN_TITLE.search(prompt)
    if markdown and re.search(r"\btitle|\bheading", prompt[slice(*clause_at(prompt, markdown.start()))], re.IGNORECASE):
        style = "any" if angle and clause_at(prompt, angle.start()) == clause_at(prompt, markdown.start()) else "markdown"
        return [found(prompt, {"id": "cw:title", "style": style}, markdown.start(), markdown.end())]
    return _first(prompt, masked, _TITLE, {"id": "detectable_format:title"})


_DOUBLE_QUOTES = re.compile(r"\bdouble\s+quot(?:ation\s+marks?|ations?\s+marks?|es|e\s+marks?|ation)\b", re.IGNORECASE)


def quotation(prompt: str, masked: str) -> list[ExtractedConstraint]:
    for m in _DOUBLE_QUOTES.finditer(masked):
        s, e = clause_at(masked, m.start())
        clause = masked[s:e]
        if (re.search(r"\b(?:wrap\w*|around|enclos\w*|inside|within|in|put|placed|surround\w*)\b", clause, re.IGNORECASE)
                and re.search(r"\b(?:entire|whole|all|everything|full|response|answer|reply|output)\b", clause, re.IGNORECASE)):
            return [found(prompt, {"id": "startend:quotation"}, s, e)]
    return []


_PPS = re.compile(r"\bP\.\s?P\.\s?S\b", re.IGNORECASE)
_PS = re.compile(r"\bP\.\s?S\b\.?", re.IGNORECASE)
_POSTSCRIPT = re.compile(r"\bpost[\s-]?script\b", re.IGNORECASE)


def postscript(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """IFEval writes the marker as 'P.S.' or 'P.P.S' (its own generator's spelling)."""
    for pattern, marker in ((_PPS, "P.P.S"), (_PS, "P.S.")):
        m = pattern.search(prompt)
        if m and (re.search(r"\b(?:add|include|end|start\w*|finish|with|append|postscript|note)\b", prompt[max(0, m.start() - 80):m.start()], re.IGNORECASE)):
            return [found(prompt, {"id": "detectable_content:postscript", "postscript_marker": marker}, m.start(), m.end())]
    return []


_TWO = re.compile(r"\*{6,}|\b(?:6|six)\s+asterisks?\b", re.IGNORECASE)


def two_responses(prompt: str, masked: str) -> list[ExtractedConstraint]:
    return _first(prompt, masked, _TWO, {"id": "combination:two_responses"})


_FIXED = re.compile(r"my\s+answer\s+is\s+(?:yes|no|maybe)", re.IGNORECASE)


def constrained(prompt: str, masked: str) -> list[ExtractedConstraint]:
    return _first(prompt, prompt, _FIXED, {"id": "detectable_format:constrained_response"})


_END = re.compile(
    r"\b(?:end|finish|conclude|close)(?:s|ed|ing)?\b(?P<mid>(?:\s+(?!with\b)[\w']+){0,5}?)\s+with\b(?!\s+an?\s+(?:postscript|post\s+script|p\.))"
    r"|\b(?:very\s+)?(?:end|(?:last|final|closing)\s+(?:sentence|line|words?))\s+of\s+(?:your|the)\s+(?:entire\s+|whole\s+)?(?:response|answer|reply|output|text|poem|story|piece|letter)\s+(?:should|must)\s+(?:be|read)\b(?:\s+exactly)?(?:\s+like)?"
    r"|\b(?:the|its|your)\s+(?:very\s+)?(?:last|final|closing)\s+(?:line|sentence)\s+(?:should|must|has\s+to|needs\s+to|will)\s+(?:be|read)\b(?:\s+exactly)?(?=\s*:?\s*[\"“'‘])",
    re.IGNORECASE)
_PHRASE_LEAD = re.compile(r"\s*(?:exactly\s+)?(?:(?:the|this|that|these|those|a)\s+)?(?:exact\s+|following\s+|same\s+)?(?:(?:phrase|question|sentence|words?|line|statement)\b\s*)?(?:of\s+)?(?P<colon>:)?\s*", re.IGNORECASE)


def end_phrase(prompt: str, masked: str) -> list[ExtractedConstraint]:
    for m in _END.finditer(masked):
        if m.group("mid") and re.search(r"\b(?:of|a|an)\b", m.group("mid"), re.IGNORECASE):
            continue
        lead = _PHRASE_LEAD.match(masked, m.end())
        i = lead.end()
        q = QUOTE_RE.match(prompt, i)
        if q:
            phrase, end = quote_text(q).strip(), q.end()
        elif lead.group("colon") or re.search(r"(?:phrase|question|sentence|statement)\s*$", masked[m.end():i].strip(), re.IGNORECASE):
            tail = re.match(r"[^\n]*?[.?!](?=\s|$)|[^\n]+", prompt[i:])
            if tail is None:
                continue
            phrase, end = tail.group().strip(), i + tail.end()
        else:
            continue
        if re.search(r"\w", phrase) and len(phrase.split()) <= 25:
            return [found(prompt, {"id": "startend:end_checker", "end_phrase": phrase}, m.start(), end)]
    return []


_REPEAT = re.compile(r"\brepeat\b(?!ed)(?:[^.\n]{0,60}?)\b(?:request|sentence|question|prompt|text|it|line|instruction|task)s?\b|\brepeat\s+[\"“]", re.IGNORECASE)


def repeat_prompt(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'First repeat the request above/below word for word': the request is the text on the other side."""
    m = _REPEAT.search(masked)
    if m is None:
        return []
    s, e = clause_at(masked, m.start())
    clause = masked[s:e]
    if re.search(r"\bfirst\s+line\b", clause, re.IGNORECASE):
        request = prompt.split("\n", 1)[0]
    elif re.search(r"\b(?:below|following)\b", clause, re.IGNORECASE) or not prompt[:s].strip():
        gap = re.search(r"\n\s*\n", prompt[s:])
        request = prompt[s + gap.end():] if gap else ""
    else:
        request = prompt[:s]
    request = request.strip()
    if not request:
        return []
    return [found(prompt, {"id": "combination:repeat_prompt", "prompt_to_repeat": request}, s, e)]


LANGUAGES = {
    "arabic": "ar", "bengali": "bn", "bangla": "bn", "bulgarian": "bg", "chinese": "zh", "mandarin": "zh", "czech": "cs",
    "danish": "da", "dutch": "nl", "finnish": "fi", "french": "fr", "german": "de", "greek": "el",
    "gujarati": "gu", "hebrew": "he", "hindi": "hi", "hungarian": "hu", "indonesian": "id", "italian": "it",
    "japanese": "ja", "kannada": "kn", "korean": "ko", "malayalam": "ml", "marathi": "mr", "nepali": "ne",
    "norwegian": "no", "persian": "fa", "farsi": "fa", "polish": "pl", "portuguese": "pt", "punjabi": "pa",
    "romanian": "ro", "russian": "ru", "spanish": "es", "swahili": "sw", "swedish": "sv", "tamil": "ta",
    "telugu": "te", "thai": "th", "turkish": "tr", "ukrainian": "uk", "urdu": "ur", "vietnamese": "vi",
    "tagalog": "tl", "croatian": "hr", "slovak": "sk", "slovenian": "sl", "lithuanian": "lt", "latvian": "lv",
    "estonian": "et", "albanian": "sq", "macedonian": "mk", "afrikaans": "af", "welsh": "cy", "somali": "so",
}
_LANG = re.compile(r"\b(" + "|".join(LANGUAGES) + r")\b", re.IGNORECASE)
_ONLY = re.compile(r"\bno\s+other\s+languages?\b|\bonly\b|\bentire\w*\b|\bwhole\b|\bexclusively\b|\bsolely\b|\bcompletely\b|\bthroughout\b"
                   r"|\b(?:respond|answer|reply|response|written|write\s+(?:it|your)|be)\w*\s+(?:\w+\s+){0,3}?in\s+(?:the\s+)?$", re.IGNORECASE)


def language(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """'Respond only in Kannada, no other language is allowed' -> language:response_language.
    English is left to the case rules: IFEval never states it as a language constraint."""
    for m in _LANG.finditer(masked):
        s, e = clause_at(masked, m.start())
        before = masked[s:m.start()]
        if re.search(r"\bno\s+other\s+languages?\b", masked[s:e], re.IGNORECASE) and re.search(r"\b(?:outside\s+of|except|besides|other\s+than)\s+$", before, re.IGNORECASE):
            return [found(prompt, {"id": "language:response_language", "language": LANGUAGES[m.group(1).lower()]}, m.start(), m.end())]
        if not re.search(r"\bin\s+(?:the\s+)?(?:\w+\s+)?$|\bonly\s+(?:use\s+)?(?:the\s+)?$|\busing\s+(?:only\s+)?(?:the\s+)?$|\buse\s+(?:only\s+)?$", before, re.IGNORECASE):
            continue
        if re.search(r"\b(?:translat\w*|from|into)\b(?:\s+\w+){0,3}\s+$", before, re.IGNORECASE):
            continue
        if _ONLY.search(masked[s:e]) or _ONLY.search(before):
            code = LANGUAGES[m.group(1).lower()]
            return [found(prompt, {"id": "language:response_language", "language": code}, m.start(), m.end())]
    return []


RULES = (no_comma, letter_case, json_format, title, quotation, postscript, two_responses, constrained,
         end_phrase, repeat_prompt, language)
