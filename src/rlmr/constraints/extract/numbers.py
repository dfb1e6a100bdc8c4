"""Numbers as prompts write them: digits, English words ("twenty-five", "a dozen", "twice") and
Chinese numerals ("三百", "两", "十二").

Each language has a regex fragment (`EN_NUMBER`, `ZH_NUMBER`) that rules embed in their
patterns, and a parser that turns the matched text into an int (None when it is not a number).
"""

from __future__ import annotations

import re

_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1000}
# Words that stand for a count on their own ("a dozen lines", "mention it twice").
_EN_SPECIAL = {"a dozen": 12, "dozen": 12, "once": 1, "twice": 2, "thrice": 3, "a single": 1, "single": 1,
               "a couple of": 2, "a pair of": 2, "a hundred": 100, "a thousand": 1000}

_UNIT_WORDS = "|".join(sorted(list(_EN_UNITS) + list(_EN_TENS), key=len, reverse=True))
_SIMPLE = rf"(?:(?:{'|'.join(_EN_TENS)})(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|{_UNIT_WORDS})"
# The tail after "hundred" is no tail when a scale follows it: in "between one hundred and one hundred
# sixty" the first number is "one hundred", not "one hundred and one".
_WORDS = rf"{_SIMPLE}(?:\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{_SIMPLE}(?![\s-]+(?:hundred|thousand)\b))?)?"
_SPECIAL = "|".join(sorted((re.escape(k) for k in _EN_SPECIAL), key=len, reverse=True))

# Digits (with thousands separators) or number words; word forms only as whole words.
EN_NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+|\b(?:{_SPECIAL}|{_WORDS})\b)"

_EN_NUMBER_RE = re.compile(rf"^{EN_NUMBER}$", re.IGNORECASE)


def parse_en(text: str) -> int | None:
    """'25' -> 25, 'twenty-five' -> 25, 'a dozen' -> 12, 'twice' -> 2, 'one hundred and ten' -> 110."""
    s = text.strip().lower()
    if not _EN_NUMBER_RE.match(s):
        return None
    if re.fullmatch(r"[\d,]+", s):
        return int(s.replace(",", ""))
    if s in _EN_SPECIAL:
        return _EN_SPECIAL[s]
    total, current = 0, 0
    for token in re.split(r"[\s-]+", s):
        if token == "and":
            continue
        if token in _EN_UNITS:
            current += _EN_UNITS[token]
        elif token in _EN_TENS:
            current += _EN_TENS[token]
        elif token in _EN_SCALES:
            current = max(current, 1) * _EN_SCALES[token]
            if token == "thousand":
                total, current = total + current, 0
        else:
            return None
    return total + current


_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10000}

# Arabic digits (also full-width) or a run of Chinese numerals.
ZH_NUMBER = r"(?:[0-9０-９]+|[零〇一二两俩三四五六七八九十百千万]+)"


def parse_zh(text: str) -> int | None:
    """'三百' -> 300, '两' -> 2, '十二' -> 12, '一百零五' -> 105, '８００' -> 800, '二〇二四' -> 2024."""
    s = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if any(c not in _ZH_DIGITS and c not in _ZH_SCALES for c in s):
        return None
    if all(c in _ZH_DIGITS for c in s) and len(s) > 1:
        if len(s) == 2 and not set(s) & {"零", "〇"}:
            return None  # "两三句", "五六个": an approximate range, not a number
        return int("".join(str(_ZH_DIGITS[c]) for c in s))  # digit-by-digit: 二〇二四
    total, section, digit = 0, 0, None
    for c in s:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        elif c == "万":
            section += digit or 0
            total += max(section, 1) * 10000
            section, digit = 0, None
        else:
            section += (1 if digit is None else digit) * _ZH_SCALES[c]
            digit = None
    return total + section + (digit or 0)
