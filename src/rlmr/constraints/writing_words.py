"""Creative-writing word-choice constraints: keyword counts, banned words, repeated words.

English words match whole words, case-insensitively ("sea" is not found in "seas"); a word or
phrase holding CJK characters matches as a substring (Chinese has no spaces between words).
This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass
from typing import ClassVar, Literal

from rlmr.constraints import cjk
from rlmr.constraints.registry import CheckResult, Constraint, register
from rlmr.constraints.writing_format import say

# NLTK's English stop-word list (its `stopwords` corpus is not in the wheel, so it is copied here):
# these never count as content words for cw:max_word_repeat.
EN_STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you you're you've you'll you'd your yours yourself
    yourselves he him his himself she she's her hers herself it it's its itself they them their
    theirs themselves what which who whom this that that'll these those am is are was were be been
    being have has had having do does did doing a an the and but if or because as until while of at
    by for with about against between into through during before after above below to from up down
    in out on off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will just don
    don't should should've now d ll m o re ve y ain aren aren't couldn couldn't didn didn't doesn
    doesn't hadn hadn't hasn hasn't haven haven't isn isn't ma mightn mightn't mustn mustn't needn
    needn't shan shan't shouldn shouldn't wasn wasn't weren weren't won won't wouldn wouldn't""".split()
)
CountRelation = Literal["at_least", "at_most", "exactly"]
_LETTER_RE = re.compile(r"[^\W\d_]")


def _normalise(text: str) -> str:
    """Case-folded, with typographic apostrophes made plain ("Don’t" -> "don't")."""
    return text.casefold().replace("’", "'")


@functools.lru_cache(maxsize=1024)
def _word_pattern(phrase: str) -> re.Pattern[str]:
    # Word-bounded: no letter or digit may touch either end; inner spaces match any whitespace.
    body = r"\s+".join(re.escape(part) for part in phrase.split())
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])")


def occurrences(text: str, phrase: str) -> int:
    """How often `phrase` occurs: a substring count when it holds CJK, else whole-word matches.

    `text` and `phrase` must already be normalised (`_normalise`).
    """
    if cjk.CJK_RE.search(phrase):
        return text.count(phrase)
    return sum(1 for _ in _word_pattern(phrase).finditer(text))


def _times(k: int) -> str:
    return f"{k} time" if k == 1 else f"{k} times"


def _require_word(value: object, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: must be a non-empty string, got {value!r}")


@register
@dataclass(frozen=True)
class KeywordCount(Constraint):
    """A keyword occurs at least / at most / exactly n times."""

    id: ClassVar[str] = "cw:keyword_count"
    keyword: str
    relation: CountRelation
    n: int

    def __post_init__(self) -> None:
        _require_word(self.keyword, "keyword")
        if self.relation not in ("at_least", "at_most", "exactly"):
            raise ValueError(f"relation: expected 'at_least', 'at_most' or 'exactly', got {self.relation!r}")
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 0:
            raise ValueError(f"n: must be an integer >= 0, got {self.n!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        found = occurrences(_normalise(text), _normalise(self.keyword.strip()))
        ok = {"at_least": found >= self.n, "at_most": found <= self.n, "exactly": found == self.n}[self.relation]
        en = {"at_least": "at least {} required", "at_most": "at most {} allowed", "exactly": "exactly {} required"}
        zh = {"at_least": "至少{}次", "at_most": "最多{}次", "exactly": "应为{}次"}
        word = self.keyword.strip()
        return CheckResult(
            ok,
            say(lang, f"“{word}” appears {_times(found)}; " + en[self.relation].format(self.n),
                f"“{word}”出现{found}次，" + zh[self.relation].format(self.n)),
        )

    def describe(self, lang: str = "en") -> str:
        en = {"at_least": "at least", "at_most": "at most", "exactly": "exactly"}[self.relation]
        zh = {"at_least": "至少", "at_most": "最多", "exactly": "恰好"}[self.relation]
        return say(lang, f"Use the word “{self.keyword}” {en} {_times(self.n)}.", f"“{self.keyword}”一词{zh}出现{self.n}次。")


@register
@dataclass(frozen=True)
class BannedWords(Constraint):
    """None of the words occurs (whole words in English, substrings in Chinese)."""

    id: ClassVar[str] = "cw:banned_words"
    words: tuple[str, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.words, tuple) or not self.words:
            raise ValueError(f"words: must be a non-empty list of strings, got {self.words!r}")
        for i, word in enumerate(self.words):
            _require_word(word, f"words[{i}]")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        norm = _normalise(text)
        used = [w.strip() for w in self.words if occurrences(norm, _normalise(w.strip()))]
        if not used:
            return CheckResult(True, say(lang, "no banned words", "未使用禁用词"))
        listed = "、".join(f"“{w}”" for w in used)
        return CheckResult(
            False, say(lang, "uses banned words: " + ", ".join(f"“{w}”" for w in used), f"使用了禁用词：{listed}")
        )

    def describe(self, lang: str = "en") -> str:
        return say(
            lang,
            "Do not use the words " + ", ".join(f"“{w}”" for w in self.words) + ".",
            "不要使用以下词语：" + "、".join(f"“{w}”" for w in self.words) + "。",
        )


def most_repeated(text: str, limit: int) -> tuple[str, int, bool] | None:
    """A content word occurring more than `limit` times, its count and whether that count is
    exact (Chinese counting stops at the first word past the limit), or None.

    English: case-folded words, stop words and words without letters left out. Chinese: jieba
    words, single-character function words left out.
    """
    english = Counter(cjk.latin_words(_normalise(text)))
    for word in [w for w in english if w in EN_STOP_WORDS or not _LETTER_RE.search(w)]:
        del english[word]
    word, count = max(english.items(), key=lambda item: item[1], default=("", 0))
    if count > limit:
        return word, count, True
    # Segmenting Chinese costs most: only when English did not decide.
    chinese = cjk.zh_word_counts(text, limit=limit)
    word, count = max(chinese.items(), key=lambda item: item[1], default=("", 0))
    return (word, count, False) if count > limit else None


@register
@dataclass(frozen=True)
class MaxWordRepeat(Constraint):
    """No content word appears more than n times (a guard against repetitive, padded text)."""

    id: ClassVar[str] = "cw:max_word_repeat"
    n: int

    def __post_init__(self) -> None:
        if isinstance(self.n, bool) or not isinstance(self.n, int) or self.n < 1:
            raise ValueError(f"n: must be an integer >= 1, got {self.n!r}")

    def check(self, text: str) -> CheckResult:
        lang = cjk.reason_lang(text)
        worst = most_repeated(text, self.n)
        if worst is None:
            return CheckResult(True, say(lang, f"no content word appears more than {_times(self.n)}", f"没有实词出现超过{self.n}次"))
        word, count, exact = worst
        at_least_en, at_least_zh = ("", "") if exact else ("at least ", "至少")
        return CheckResult(
            False,
            say(lang, f"“{word}” appears {at_least_en}{_times(count)}; at most {self.n} allowed",
                f"“{word}”{at_least_zh}出现{count}次，最多{self.n}次"),
        )

    def describe(self, lang: str = "en") -> str:
        return say(lang, f"Do not use any content word more than {_times(self.n)}.", f"任何实词的出现次数不超过{self.n}次。")
