"""Syllables and rhymes for verse checks: English from pronunciation data, Chinese from pinyin.

English pronunciations come from the CMU Pronouncing Dictionary 0.7b (BSD-style licence), read
from the data file that `pronouncing==0.1.5` ships. We read the file and never import that package:
0.1.5 imports `pkg_resources` (gone from new setuptools), and `pronouncing>=0.2` no longer ships the
data but pulls the GPL-3.0 `cmudict` wrapper, which an Apache-2.0 project should not depend on.
Words missing from it fall back to `syllapy` (MIT) for syllables and to spelling for rhymes.
A word may have several pronunciations ("fire" is 1 or 2 syllables), so syllables are a range
and rhymes are sets of keys: a line passes when any reading fits, as a reader would allow.

Chinese has one syllable per character; its rhyme is the 十三辙 class of the last character's
pinyin final (see `cjk.zh_rhyme_class`).
This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import re

from rlmr.constraints.cjk import CJK_RE, latin_words, zh_rhyme_class

# ARPAbet vowels carry a stress digit: 1 primary, 2 secondary, 0 none.
_STRESSED_VOWEL_RE = re.compile(r"[12]$")
_VOWELS_RE = re.compile(r"[aeiouy]+", re.IGNORECASE)
# How much of a line's end is searched for its last word (keeps 1 MB lines linear).
_TAIL = 200


@functools.lru_cache(maxsize=1)
def _cmu() -> dict[str, list[str]]:
    """word -> its CMU phone strings (alternates such as "word(2)" folded in), loaded once."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("pronouncing")
    if spec is None or not spec.submodule_search_locations:
        return {}  # syllapy and spelling fallbacks still work
    path = Path(list(spec.submodule_search_locations)[0]) / "cmudict-0.7b"
    table: dict[str, list[str]] = {}
    with open(path, encoding="latin-1") as fh:
        for line in fh:
            if line.startswith(";;;") or "  " not in line:
                continue
            word, phones = line.rstrip("\n").split("  ", 1)
            table.setdefault(word.rstrip("(0123456789)").lower(), []).append(phones.strip())
    return table


def _syllable_count(phones: str) -> int:
    return sum(1 for p in phones.split() if p[-1].isdigit())


def _phones(word: str) -> list[str]:
    return _cmu().get(word.lower().replace("’", "'"), [])


@functools.lru_cache(maxsize=65536)
def word_syllables(word: str) -> tuple[int, int]:
    """(fewest, most) syllables of one English word over its pronunciations; at least 1."""
    counts = [_syllable_count(p) for p in _phones(word)]
    if not counts and ("-" in word or "'" in word):
        parts = [p for p in re.split(r"['’\-]", word) if p]
        ranges = [word_syllables(p) for p in parts]
        counts = [sum(r[0] for r in ranges), sum(r[1] for r in ranges)]
    if not counts:
        import syllapy

        counts = [syllapy.count(word)]
    return max(1, min(counts)), max(1, max(counts))


def line_syllables(line: str) -> tuple[int, int]:
    """(fewest, most) syllables of a line: one per CJK character, CMU readings for English words."""
    low = high = len(CJK_RE.findall(line))
    for word in latin_words(line):
        a, b = word_syllables(word)
        low += a
        high += b
    return low, high


def last_unit(line: str) -> str:
    """The last word of a line (a Latin-script word or one CJK character), "" if none."""
    tail = line[-_TAIL:]
    for char in reversed(tail):
        if CJK_RE.fullmatch(char):
            return char
        if char.isalnum():
            # No CJK character follows, so the last Latin word of the tail ends here.
            words = latin_words(tail)
            return words[-1] if words else ""
    return ""


def _phonetic_key(phones: str) -> str:
    """From the last stressed vowel to the end, stress digits dropped ("D EY1 T" -> "EY T")."""
    parts = phones.split()
    vowels = [i for i, p in enumerate(parts) if p[-1].isdigit()]
    stressed = [i for i in vowels if _STRESSED_VOWEL_RE.search(parts[i])]
    start = (stressed or vowels or [0])[-1]
    return " ".join(re.sub(r"\d", "", p) for p in parts[start:])


def _spelling_key(word: str) -> str:
    """The last vowel group and what follows it ("untrimm'd" -> "immd"): a rhyme by eye."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    groups = list(_VOWELS_RE.finditer(letters))
    return letters[groups[-1].start():] if groups else letters


@functools.lru_cache(maxsize=65536)
def rhyme_keys(unit: str) -> tuple[frozenset[str], str]:
    """(phonetic keys, spelling key) of one word; for a CJK character both are its 十三辙 class."""
    if CJK_RE.fullmatch(unit):
        zh = zh_rhyme_class(unit) or unit
        return frozenset({zh}), zh
    return frozenset(_phonetic_key(p) for p in _phones(unit)), _spelling_key(unit)


def rhymes(a: str, b: str, context_a: str = "", context_b: str = "") -> bool:
    """Whether two line-final words rhyme: by pronunciation when both are in the dictionary,
    else by spelling. CJK characters are read in their line's context (polyphonic characters)."""
    if CJK_RE.fullmatch(a) and CJK_RE.fullmatch(b):
        return (zh_rhyme_class(a, context_a) or a) == (zh_rhyme_class(b, context_b) or b)
    (phon_a, spell_a), (phon_b, spell_b) = rhyme_keys(a), rhyme_keys(b)
    if phon_a and phon_b:
        return bool(phon_a & phon_b)
    return spell_a == spell_b
