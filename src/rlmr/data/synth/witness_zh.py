"""Chinese witness bodies: prose (sentences, paragraphs), verse (lines of n characters), dialogue."""

from __future__ import annotations

from itertools import count
from typing import Iterator

from rlmr.data.synth.witness import ZH_FILLER, ZH_FREE_END, ZH_RHYMES, Layout, split_evenly

NAMES = "小林 阿梅 老周 小雨 阿杰 老陈 小舟 阿兰 老宋 小夏 阿文 老唐 小满 阿宁 老许 小秋".split()


def _blocked(lay: Layout) -> set[str]:
    return set("".join(lay.banned)) | set(lay.keyword)


def _filler(lay: Layout) -> Iterator[str]:
    blocked = _blocked(lay)
    chars = [c for c in ZH_FILLER if c not in blocked]
    for i in count():
        yield chars[i % len(chars)]


def _with_keyword(chars: list[str], keyword: str, times: int) -> list[str]:
    out = list(chars)
    for k in range(times):
        out.insert(min(len(out), (k * 2 + 1) * len(chars) // (2 * times) + k), keyword)
    return out


def render_body(lay: Layout) -> str:
    if lay.turns:
        return _dialogue(lay)
    return _verse(lay) if lay.verse else _prose(lay)


def _prose(lay: Layout) -> str:
    gen = _filler(lay)
    n_sent = max(1, lay.sentences)
    chars = _with_keyword([next(gen) for _ in range(max(lay.body, n_sent))], lay.keyword, lay.keyword_times)
    sentences, at = [], 0
    for size in split_evenly(len(chars), n_sent):
        sentences.append("".join(chars[at : at + size]) + "。")
        at += size
    if lay.start:
        sentences[0] = lay.start + sentences[0]
    if lay.end:
        sentences[-1] = sentences[-1] + lay.end
    paragraphs, at = [], 0
    for size in split_evenly(len(sentences), min(max(1, lay.paragraphs), len(sentences))):
        paragraphs.append("".join(sentences[at : at + size]))
        at += size
    return "\n\n".join(paragraphs)


def _verse(lay: Layout) -> str:
    lines_n = max(1, lay.lines)
    gen = _filler(lay)
    blocked = _blocked(lay)
    budgets = [lay.per_line] * lines_n if lay.per_line else [max(2, b) for b in split_evenly(lay.body, lines_n)]
    rhymes = [c for c in ZH_RHYMES[0] if c not in blocked]
    free = next(c for c in ZH_FREE_END + "舟岭" if c not in blocked)
    keyword_lines = [min(lines_n - 1, k * lines_n // max(1, lay.keyword_times)) for k in range(lay.keyword_times)]
    lines = []
    for i in range(lines_n):
        head = lay.acrostic[i] if i < len(lay.acrostic) else ""
        tail = ""
        if lay.scheme:
            tail = rhymes[i % len(rhymes)] if lay.scheme[i] != "X" else free
        middle = lay.keyword * keyword_lines.count(i)
        fill = max(0, budgets[i] - len(head) - len(tail) - len(middle))
        lines.append(head + middle + "".join(next(gen) for _ in range(fill)) + tail)
    if lay.end:
        lines[-1] += lay.end
    stanzas, at = [], 0
    for size in split_evenly(lines_n, min(max(1, lay.stanzas), lines_n)):
        stanzas.append("\n".join(lines[at : at + size]))
        at += size
    return "\n\n".join(stanzas)


def _dialogue(lay: Layout) -> str:
    gen = _filler(lay)
    turns = max(2, lay.turns)
    chars = _with_keyword([next(gen) for _ in range(max(lay.body, turns))], lay.keyword, lay.keyword_times)
    out, at = [], 0
    for i, size in enumerate(split_evenly(len(chars), turns)):
        speech = "".join(chars[at : at + max(1, size)]) + "。"
        at += size
        out.append(f"{NAMES[i % len(NAMES)]}：{speech}" if lay.turn_style == "script" else f"“{speech}”")
    return "\n".join(out)
