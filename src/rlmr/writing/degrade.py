"""Deterministic degradations of a good text, for checking that a writing scorer prefers it.

Five kinds, each a known failure of generated text:
  shuffle_sentences  sentences (or verse lines) in a different order: locally fluent, incoherent
  repeat_phrase      a phrase from the middle repeated four times: degenerate looping
  off_topic          the text of another prompt: fluent, but not an answer
  truncate           cut inside a sentence at about 60% of its length: ran out of tokens
  word_salad         all words (Chinese: jieba words) in random order

Randomness comes from a `random.Random` seeded from the text id and the kind (crc32, not
Python's salted `hash`), so the pairs are the same on every machine.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from typing import Iterable, Mapping

from rlmr.writing.textstats import CLOSERS, TERMINALS

KINDS = ("shuffle_sentences", "repeat_phrase", "off_topic", "truncate", "word_salad")
REPEATS = 4  # copies of the repeated phrase
PHRASE_UNITS = 6  # words (English) or characters (Chinese) in the repeated phrase
CUT_AT = 0.6  # truncation point, as a share of the text's characters

_SENTENCE = re.compile(rf"[^{re.escape(TERMINALS)}]+(?:[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*|$)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@dataclass(frozen=True)
class Pair:
    """An original text and one degraded version of it, for the same prompt."""

    id: str
    lang: str
    kind: str
    prompt: str
    original: str
    degraded: str


def rng_for(text_id: str, kind: str) -> random.Random:
    return random.Random(zlib.crc32(f"{text_id}/{kind}".encode()))


def is_chinese(text: str) -> bool:
    return len(_CJK.findall(text)) > len(text) / 4


def segments(text: str) -> tuple[list[str], str]:
    """Verse lines when the text has three or more lines, else sentences; and the joiner."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) >= 3:
        return lines, "\n"
    flat = text.replace("\n", " ")
    if is_chinese(text):
        return [s.strip() for s in _SENTENCE.findall(flat) if s.strip()], ""
    from rlmr.constraints.text import sentences  # Punkt: knows "Mr." is not a sentence end

    return [s.strip() for s in sentences(flat) if s.strip()], " "


def shuffle_sentences(text: str, rng: random.Random) -> str:
    parts, joiner = segments(text)
    if len(parts) < 2:
        raise ValueError("shuffle_sentences needs at least two sentences or lines")
    order = list(range(len(parts)))
    while order == sorted(order):
        rng.shuffle(order)
    return joiner.join(parts[i] for i in order)


def repeat_phrase(text: str, rng: random.Random) -> str:
    parts, joiner = segments(text)
    at = rng.randrange(len(parts) // 3, max(len(parts) // 3 + 1, 2 * len(parts) // 3))
    chosen = parts[at]
    if is_chinese(chosen):
        body = "".join(_CJK.findall(chosen))
        phrase, sep, end = body[:PHRASE_UNITS], "\uff0c", "\u3002"
    else:
        phrase, sep, end = " ".join(re.sub(r"[^\w\s'-]", "", chosen).split()[:PHRASE_UNITS]), ", ", "."
    loop = sep.join([phrase] * REPEATS) + end
    parts = parts[: at + 1] + [loop] + parts[at + 1 :]
    return joiner.join(parts)


def truncate(text: str, rng: random.Random) -> str:
    """Cut at a word boundary inside a sentence (never right after terminal punctuation)."""
    chinese = is_chinese(text)
    start = int(len(text) * CUT_AT) + rng.randrange(0, max(1, len(text) // 10))
    for cut in list(range(start, len(text) - 1)) + list(range(start, 1, -1)):
        before, after = text[cut - 1], text[cut]
        boundary = bool(_CJK.match(before) and _CJK.match(after)) if chinese else (after == " " and before.isalnum())
        if boundary:
            return text[:cut].rstrip(" ,;:\u2014-\uff0c\u3001\uff1b\uff1a")
    raise ValueError("truncate found no word boundary inside a sentence")


def word_salad(text: str, rng: random.Random) -> str:
    if is_chinese(text):
        import jieba

        jieba.setLogLevel(60)
        words = [w for w in jieba.lcut(text.replace("\n", "")) if w.strip()]
        rng.shuffle(words)
        return "".join(words)
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def degrade(text_id: str, text: str, kind: str, *, other: str | None = None) -> str:
    """One degraded version of `text`. `off_topic` needs `other`, the text it swaps in."""
    if kind == "off_topic":
        if other is None:
            raise ValueError("off_topic needs the other text")
        return other
    funcs = {"shuffle_sentences": shuffle_sentences, "repeat_phrase": repeat_phrase,
             "truncate": truncate, "word_salad": word_salad}
    if kind not in funcs:
        raise ValueError(f"unknown degradation {kind!r}; known: {', '.join(KINDS)}")
    return funcs[kind](text, rng_for(text_id, kind))


def build_pairs(items: Iterable[Mapping[str, str]], kinds: Iterable[str] = KINDS) -> list[Pair]:
    """Every kind of degradation for every item (`id`, `lang`, `prompt`, `text`).

    The off-topic text is the item half-way round the list of the same language, so it is a
    different text on a different topic, and the choice is deterministic.
    """
    items = list(items)
    by_lang: dict[str, list[Mapping[str, str]]] = {}
    for item in items:
        by_lang.setdefault(item["lang"], []).append(item)
    pairs = []
    for kind in kinds:
        for item in items:
            same = by_lang[item["lang"]]
            other = same[(same.index(item) + len(same) // 2) % len(same)]["text"]
            degraded = degrade(item["id"], item["text"], kind, other=other)
            pairs.append(Pair(item["id"], item["lang"], kind, item["prompt"], item["text"], degraded))
    return pairs
