"""Numbers written out in English and Chinese, so prompts say "twelve" as often as "12"."""

from __future__ import annotations

import random

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ZH_DIGITS = "零一二三四五六七八九"


def en_words(n: int) -> str:
    """0..9999 in English words: 345 -> "three hundred forty-five"."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{_ONES[hundreds]} hundred" + (f" {en_words(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    return f"{en_words(thousands)} thousand" + (f" {en_words(rest)}" if rest else "")


def zh_words(n: int) -> str:
    """0..9999 in Chinese numerals: 12 -> 十二, 305 -> 三百零五, 2 -> 二."""
    if n < 10:
        return _ZH_DIGITS[n]
    if n < 20:
        return "十" + (_ZH_DIGITS[n - 10] if n > 10 else "")
    out, zero = "", False
    for unit_value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, unit_value)
        if digit:
            if zero and out:
                out += "零"
            out += _ZH_DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def say(n: int, lang: str, rng: random.Random, words_share: float = 0.4) -> str:
    """A number as digits or words (about `words_share` of the time in words)."""
    if rng.random() < words_share and n < 10000:
        return en_words(n) if lang == "en" else zh_words(n)
    return str(n)


def stated_slack(spec: dict) -> int:
    """The k of "about n, give or take k" for an `about` spec: exactly the verifier's band
    (`about_range`), so the prompt never allows a count the check refuses, or the reverse.
    (Rounding tolerance * n instead said 49..61 for 55 words at 0.1, where the check takes 50..60.)"""
    from rlmr.constraints.writing_counts import DEFAULT_TOLERANCE, about_range

    n = spec["n"]
    return about_range(n, spec.get("tolerance") or DEFAULT_TOLERANCE)[1] - n
