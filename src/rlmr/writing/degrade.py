"""Deterministic degradations of a good text, for checking that a writing scorer prefers it.

Eight kinds, each a known failure of generated text:
  shuffle_sentences  sentences (or verse lines) in a different order: locally fluent, incoherent
  repeat_phrase      a phrase from the middle repeated four times: degenerate looping
  off_topic          the text of another prompt: fluent, but not an answer
  truncate           cut inside a sentence at about 60% of its length: ran out of tokens
  word_salad         all words (Chinese: jieba words) in random order
  first_sentence     only the first sentence: the brevity hack (a one-line "story")
  first_two          only the first two sentences
  first_30pct        the first 30% of the words (Chinese: characters), closed with a full stop

The three cuts (`CUTS`) are what a policy trained on a length-blind reward collapses to: short,
fluent, complete-looking text. They end on terminal punctuation on purpose, so the truncation
component cannot catch them and only a sense of how much the request asks for can. Sentences
end at . ! ? and at Chinese 。！？ (English via Punkt, so "Mr." does not end one). A cut is
only made where it leaves less than CUT_MAX_SHARE of the text (`cut_pairs` skips the others:
a two-sentence text has no "first two sentences" degradation).

Randomness comes from a `random.Random` seeded from the text id and the kind (crc32, not
Python's salted `hash`), so the pairs are the same on every machine.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from typing import Iterable, Mapping

from rlmr.writing.textstats import CLOSERS, TERMINALS, UNIT

BASE_KINDS = ("shuffle_sentences", "repeat_phrase", "off_topic", "truncate", "word_salad")
CUTS = ("first_sentence", "first_two", "first_30pct")
KINDS = BASE_KINDS + CUTS
REPEATS = 4  # copies of the repeated phrase
PHRASE_UNITS = 6  # words (English) or characters (Chinese) in the repeated phrase
CUT_AT = 0.6  # truncation point, as a share of the text's characters
KEEP_SHARE = 0.3  # first_30pct: share of the units (words / CJK characters) kept
CUT_MAX_SHARE = 0.8  # a cut that keeps more of the text than this is not a brevity degradation

_SENTENCE = re.compile(rf"[^{re.escape(TERMINALS)}]+(?:[{re.escape(TERMINALS)}]+[{re.escape(CLOSERS)}]*|$)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_SENTENCE_END_ZH = re.compile(rf"[\u3002\uff01\uff1f\u2026!?.]+[{re.escape(CLOSERS)}]*")


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


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence of `text` (line breaks kept): Chinese at 。！？ (and
    closing quotes after them), English at Punkt's sentence ends."""
    if is_chinese(text):
        ends = [m.end() for m in _SENTENCE_END_ZH.finditer(text)]
    else:
        from rlmr.constraints.text import sentence_tokenizer

        ends = [end for _, end in sentence_tokenizer().span_tokenize(text)]
    return [e for e in ends if text[:e].strip()]


class CutNotShorter(ValueError):
    """The cut would keep (nearly) the whole text: no brevity pair for this text and kind."""


def _checked_cut(text: str, cut: str) -> str:
    cut = cut.rstrip()
    if len(cut) > CUT_MAX_SHARE * len(text.strip()):
        raise CutNotShorter(f"the cut keeps {len(cut)}/{len(text.strip())} characters")
    return cut


def first_sentences(text: str, n: int) -> str:
    """The first `n` sentences, as they stand in the text (verse keeps its line breaks)."""
    ends = sentence_ends(text)
    if len(ends) <= n:
        raise CutNotShorter(f"the text has {len(ends)} sentences, the cut keeps {n}")
    return _checked_cut(text, text[: ends[n - 1]])


def first_share(text: str, share: float = KEEP_SHARE) -> str:
    """The first `share` of the units (words; CJK characters), closed with a full stop."""
    spans = [m.span() for m in UNIT.finditer(text)]  # the units `textstats` counts
    keep = max(1, round(len(spans) * share))
    head = text[: spans[keep - 1][1]].rstrip(" ,;:\u2014-\uff0c\u3001\uff1b\uff1a")
    stripped = head.rstrip(CLOSERS)
    if not stripped or stripped[-1] not in TERMINALS:
        head += "\u3002" if is_chinese(text) else "."
    return _checked_cut(text, head)


def degrade(text_id: str, text: str, kind: str, *, other: str | None = None) -> str:
    """One degraded version of `text`. `off_topic` needs `other`, the text it swaps in."""
    if kind == "off_topic":
        if other is None:
            raise ValueError("off_topic needs the other text")
        return other
    if kind == "first_sentence":
        return first_sentences(text, 1)
    if kind == "first_two":
        return first_sentences(text, 2)
    if kind == "first_30pct":
        return first_share(text)
    funcs = {"shuffle_sentences": shuffle_sentences, "repeat_phrase": repeat_phrase,
             "truncate": truncate, "word_salad": word_salad}
    if kind not in funcs:
        raise ValueError(f"unknown degradation {kind!r}; known: {', '.join(KINDS)}")
    return funcs[kind](text, rng_for(text_id, kind))


def build_pairs(items: Iterable[Mapping[str, str]], kinds: Iterable[str] = KINDS) -> list[Pair]:
    """Every kind of degradation for every item (`id`, `lang`, `prompt`, `text`).

    The off-topic text is the item half-way round the list of the same language, so it is a
    different text on a different topic, and the choice is deterministic. A cut that would keep
    (nearly) the whole text is skipped (`CutNotShorter`).
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
            try:
                degraded = degrade(item["id"], item["text"], kind, other=other)
            except CutNotShorter:
                continue
            pairs.append(Pair(item["id"], item["lang"], kind, item["prompt"], item["text"], degraded))
    return pairs
