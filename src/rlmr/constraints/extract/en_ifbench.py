"""English rules for IFBench's constraints (ids `count:*`, `ratio:*`, `words:*`, `sentence:*`,
`format:*`, `custom:*`, `repeat:*`).

Each rule keys on what makes the constraint distinctive (a unit such as "unique words",
"coordinating conjunctions", "consonant cluster", "trigram overlap", a layout such as "stairs by
... indenting") and reads the number with the shared English number grammar, so paraphrases of
the same demand match too. The `custom:*` ids are whole tasks (multiples of 7, Napoleon's
battles, CSV tables); they are recognised by their task's key facts together. Kwargs that are
the prompt itself (`reference_text`, `prompt_to_repeat`) are the prompt without the instruction
sentences found in it.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from rlmr.constraints.extract.common import ExtractedConstraint, found
from rlmr.constraints.extract.numbers import EN_NUMBER, parse_en

N = rf"(?P<n>{EN_NUMBER})(?:\.0\b)?"  # IFBench writes some counts as floats ("4.0")
_ORD = r"(?P<o>\d+)\s*-?\s*(?:st|nd|rd|th)\b"
_I = re.IGNORECASE

Build = Callable[[re.Match], "dict[str, Any] | None"]


def _num(m: re.Match, group: str = "n") -> int | None:
    return parse_en(m.group(group)) if m.group(group) else None


def _with(key: str, group: str = "n") -> Build:
    def build(m: re.Match) -> dict[str, Any] | None:
        value = _num(m, group)
        return None if value is None else {key: value}

    return build


def _none(m: re.Match) -> dict[str, Any]:
    return {}


def _range(m: re.Match) -> dict[str, Any] | None:
    lo, hi = _num(m, "lo"), _num(m, "hi")
    return None if lo is None or hi is None or lo > hi else {"min_words": lo, "max_words": hi}


def _keywords_multiple(m: re.Match) -> dict[str, Any]:
    return {f"keyword{i}": m.group(f"k{i}") for i in range(1, 6)}


def _keyword_position(m: re.Match) -> dict[str, Any]:
    return {"keyword": m.group("kw"), "n": int(m.group("sn")), "m": int(m.group("wm"))}


def _sentence_keyword(m: re.Match) -> dict[str, Any]:
    return {"word": m.group("kw"), "N": int(m.group("o"))}


def _options(m: re.Match) -> dict[str, Any]:
    return {"options": m.group("opts").strip()}


def _sep(m: re.Match) -> dict[str, Any] | None:
    sep = m.group("sep").strip()
    return {"sep": sep} if sep else None


def _span(m: re.Match) -> dict[str, Any]:
    return {"n_start": int(m.group("a")), "n_end": int(m.group("b"))}


# (id, pattern, kwargs builder). The patterns are matched against the quote-masked prompt.
PATTERNS: tuple[tuple[str, re.Pattern, Build], ...] = tuple(
    (cid, re.compile(pattern, _I), build)
    for cid, pattern, build in (
        # A plain "between 100 and 140 words" stays cw:word_count (whitespace words); IFBench's own
        # phrasing says what must contain them.
        ("count:word_count_range", rf"\b(?:response|answer)\s+(?:must|should)\s+contain\s+between\s+(?P<lo>{EN_NUMBER})(?:\.0\b)?\s+and\s+(?P<hi>{EN_NUMBER})(?:\.0\b)?\s+words\b", _range),
        ("count:unique_word_count", rf"\bat\s+least\s+{N}\s+unique\s+words\b", _with("N")),
        ("ratio:stop_words", r"\bstop\s*words\s+(?:should\s+|must\s+)?constitute\s+no\s+more\s+than\s+(?P<n>\d+)\s*%", _with("percentage")),
        ("ratio:sentence_type", r"\b(?P<a>\d+)\s*:\s*(?P<b>\d+)\s+ratio\s+of\s+declarative\s+to\s+interrogative\s+sentences\b", _none),
        ("ratio:sentence_balance", r"\bratio\s+of\s+sentence\s+types\b[^.]{0,80}\bbalanced\b", _none),
        ("count:conjunctions", rf"\bat\s+least\s+{N}\s+different\s+coordinating\s+conjunctions\b", _with("small_n")),
        ("count:person_names", rf"\bat\s+least\s+{N}\s+different\s+person\s+names\b", _with("N")),
        ("ratio:overlap", r"\btrigram\s+overlap\s+of\s+(?P<n>\d+)\s*%", _with("percentage")),
        ("count:numbers", rf"\binclude\s+exactly\s+{N}\s+numbers\b", _with("N")),
        ("words:alphabet", r"\bstart\s+with\s+the\s+next\s+letter\s+of\s+the\s+alphabet\b", _none),
        ("words:vowel", r"\bonly\s+three\s+types?\s+of\s+vowels\b", _none),
        ("words:consonants", r"\bconsonant\s+cluster\b", _none),
        ("sentence:alliteration_increment", r"\blonger\s+sequence\s+of\s+consecutive\s+alliterative\s+words\b", _none),
        ("words:palindrome", r"\bat\s+least\s+10\s+single-word\s+palindromes\b", _none),
        ("count:punctuation", r"\bevery\s+standard\s+punctuation\s+mark\b", _none),
        ("format:parentheses", r"\bnest\s+parentheses\b", _none),
        ("format:quotes", r"\bquotes\s+within\s+quotes\b", _none),
        ("words:prime_lengths", r"\bwords\s+with\s+lengths\s+that\s+are\s+prime\s+numbers\b", _none),
        ("format:options", r"\banswer\s+with\s+one\s+of\s+the\s+following\s+options:\s*(?P<opts>.+?)(?:\.(?=\s|$|[A-Z])|\s+do\s+not\b|$)", _options),
        ("format:newline", r"\bwrite\s+each\s+word\s+on\s+a\s+new\s+line\b", _none),
        ("format:emoji", r"\ban\s+emoji\s+at\s+the\s+end\s+of\s+every\s+sentence\b", _none),
        ("ratio:sentence_words", r"\bthree\s+sentences,\s+all\s+containing\s+the\s+same\s+number\s+of\s+characters\b", _none),
        ("count:words_japanese", r"\bevery\s+(?P<n>\d+)\s*(?:st|nd|rd|th)?\s+(?:word\s+)?of\s+your\s+response\s+must\s+be\s+in\s+japanese\b", _with("N")),
        ("words:start_verb", r"\b(?:response|answer)\s+must\s+start\s+with\s+a\s+verb\b", _none),
        ("words:repeats", rf"\bnot\s+repeat\s+any\s+word\s+more\s+than\s+{N}\s+times\b", _with("small_n")),
        ("sentence:keyword", rf"\binclude\s+keyword\s+[\"“']?(?P<kw>[\w'-]+)[\"”']?\s+in\s+the\s+{_ORD}\s*-?\s*sentence\b(?!\s*,\s*as\s+the)", _sentence_keyword),
        ("count:pronouns", rf"\bat\s+least\s+{N}\s+pronouns\b", _with("N")),
        ("words:odd_even_syllables", r"\balternate\s+between\s+words\s+with\s+odd\s+and\s+even\s+numbers\s+of\s+syllables\b", _none),
        ("words:last_first", r"\blast\s+word\s+of\s+each\s+sentence\s+must\s+become\s+the\s+first\s+word\s+of\s+the\s+next\b", _none),
        ("words:paragraph_last_first", r"\beach\s+paragraph\b[^.]{0,40}\bend\s+with\s+the\s+same\s+word\s+it\s+started\s+with\b", _none),
        ("sentence:increment", rf"\bexactly\s+{N}\s+more\s+words?\s+than\s+the\s+previous\s+one\b", _with("small_n")),
        ("words:no_consecutive", r"\bno\s+two\s+consecutive\s+words\s+can\s+share\s+the\s+same\s+first\s+letter\b", _none),
        ("format:line_indent", r"\bstairs\s+by\s+incrementally\s+indenting\b", _none),
        ("format:quote_unquote", r"\bevery\s+quoted\s+phrase\s+must\s+be\s+followed\s+by\s+an\s+unquoted\s+explanation\b", _none),
        ("format:list", r"\binstead\s+of\s+bullet\s+points\s+use\s+(?P<sep>\S+?)(?:\.?(?=\s|$))", _sep),
        ("format:thesis", r"\bthesis\s+statement\s+in\s+italics\b", _none),
        ("format:sub-bullets", r"\bbullet\s+points\s+denoted\s+by\s+\*\s+and\s+at\s+least\s+one\s+sub-bullet\b", _none),
        ("format:no_bullets_bullets", r"\bat\s+least\s+two\s+sentences\s+ending\s+in\s+a\s+period\s+followed\s+by\s+at\s+least\s+two\s+bullet\s+points\b", _none),
        ("custom:multiples", r"\bcount\s+from\s+10\s+to\s+50\b[^.]{0,40}\bmultiples\s+of\s+7\b", _none),
        ("custom:mcq_count_length", r"\b4\s+multiple\s+choice\s+questions\s+with\s+5\s+options\b", _none),
        ("custom:reverse_newline", r"\bcountries\s+of\s+africa\s+in\s+reverse\s+alphabetical\s+order\b", _none),
        ("custom:word_reverse", r"\breverse\s+order\s+of\s+what\s+it\s+should\s+be,\s+per\s+word\b", _none),
        ("custom:character_reverse", r"\breverse\s+order\s+of\s+what\s+it\s+should\s+be,\s+per\s+letter\b", _none),
        ("custom:sentence_alphabet", r"\b26-sentence\s+story\b[^.]{0,80}\balphabet\b", _none),
        ("custom:european_capitals_sort", r"\bcapital\s+cities\s+of\s+european\s+countries\b[^?]{0,80}\blatitude\b", _none),
        ("custom:csv_city", r"\bcolumn\s+names\s+are\s+\[\s*\"?ID\"?,\s*\"Country\",\s*\"City\",\s*\"Year\",\s*\"Count\"\s*\]", _none),
        ("custom:csv_special_character", r"\bcolumn\s+names\s+are\s+\[\s*\"ProductID\",\s*\"Category\",\s*\"Brand\",\s*\"Price\",\s*\"Stock\"\s*\]", _none),
        ("custom:csv_quotes", r"\bcolumn\s+names\s+are\s+\[\s*\"StudentID\",\s*\"Subject\",\s*\"Grade\",\s*\"Semester\",\s*\"Score\"\s*\]", _none),
        ("custom:date_format_list", r"\bbattles\s+napoleon\s+fought\b[^.]{0,80}\bYYYY-MM-DD\b", _none),
        ("count:keywords_multiple", r"\binclude\s+keyword\s+(?P<k1>[\w'-]+)\s+once\b[^,]*,\s*keyword\s+(?P<k2>[\w'-]+)\s+twice\b[^,]*,\s*keyword\s+(?P<k3>[\w'-]+)\s+three\s+times\b[^,]*,\s*keyword\s+(?P<k4>[\w'-]+)\s+five\s+times\b[^,]*,\s*(?:and\s+)?keyword\s+(?P<k5>[\w'-]+)\s+seven\s+times\b", _keywords_multiple),
        ("words:keywords_specific_position", r"\binclude\s+keyword\s+[\"“']?(?P<kw>[\w'-]+)[\"”']?\s+in\s+the\s+(?P<sn>\d+)\s*-?\s*(?:st|nd|rd|th)\s+sentence,\s+as\s+the\s+(?P<wm>\d+)\s*-?\s*(?:st|nd|rd|th)\s+word\b", _keyword_position),
        ("words:words_position", r"\bsecond\s+word\s+in\s+your\s+response\s+and\s+the\s+second\s+to\s+last\s+word\s+in\s+your\s+response\s+should\s+be\s+the\s+word\s+[\"“']?(?P<kw>[\w'-]+)", lambda m: {"keyword": m.group("kw")}),
        ("repeat:repeat_change", r"\brepeat\s+the\s+request,\s+but\s+change\s+the\s+first\s+word\b", _none),
        ("repeat:repeat_simple", r"\bonly\s+output\s+this\s+sentence\s+here,\s+ignore\s+all\s+other\s+requests\b", _none),
        ("repeat:repeat_span", r"\bcopy\s+the\s+span\s+of\s+words\s+that\s+lies\s+between\s+\(and\s+including\)\s+index\s+(?P<a>\d+)\s+and\s+(?P<b>\d+)", _span),
        ("format:title_case", r"\b(?:entire\s+)?response\s+in\s+title\s+case\b", _none),
        ("format:output_template", r"\bexact\s+template\b[^.]{0,40}:\s*My\s+Answer:\s*\[answer\]", _none),
        ("format:no_whitespace", r"\b(?:output|response)\s+should\s+not\s+contain\s+any\s+whitespace\b", _none),
    )
)
# Kwargs that are the prompt's own text, minus the instruction sentences.
_SELF_TEXT = {"ratio:overlap": "reference_text", "repeat:repeat_change": "prompt_to_repeat", "repeat:repeat_span": "prompt_to_repeat"}


def _instruction_span(masked: str, start: int, end: int) -> tuple[int, int]:
    """The whole sentence around a match (to its end: `.`, `!`, or the text's end)."""
    left = max(masked.rfind(". ", 0, start), masked.rfind("? ", 0, start), masked.rfind("\n", 0, start))
    stop = re.compile(r"[.!](?=\s|$)|$").search(masked, end)
    return (left + 2 if left >= 0 else 0), stop.end()


def extract_ifbench(prompt: str, masked: str) -> list[ExtractedConstraint]:
    """IFBench constraints stated in `prompt`, in order; `masked` is its quote-masked copy."""
    out: list[tuple[str, dict[str, Any], int, int]] = []
    for cid, pattern, build in PATTERNS:
        for m in pattern.finditer(masked):
            kwargs = build(m)
            if kwargs is not None:
                out.append((cid, kwargs, m.start(), m.end()))
    if not out:
        return []
    spans = [_instruction_span(masked, s, e) for _, _, s, e in out]
    items = []
    for (cid, kwargs, start, end), _ in zip(out, spans):
        if cid in _SELF_TEXT:
            kwargs = {_SELF_TEXT[cid]: _without(prompt, spans), **kwargs}
        items.append(found(prompt, {"id": cid, **kwargs}, start, end))
    return items


def _without(prompt: str, spans: list[tuple[int, int]]) -> str:
    keep, last = [], 0
    for start, end in sorted(spans):
        if start > last:
            keep.append(prompt[last:start])
        last = max(last, end)
    keep.append(prompt[last:])
    return re.sub(r"\s+", " ", " ".join(keep)).strip() or prompt.strip()
