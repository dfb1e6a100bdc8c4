"""English witness bodies: prose (sentences, paragraphs), verse (lines, stanzas), dialogue."""

from __future__ import annotations

from itertools import count
from typing import Iterator

from rlmr.data.synth.witness import EN_FILLER, EN_FREE_END, EN_INITIALS, EN_JOINERS, EN_RHYMES, Layout, split_evenly

NAMES = "Mara Tom Ines Paul Rosa Felix Nadia Omar Lena Hugo Vera Ivan Clara Jonas Greta Milo".split()


def _filler(lay: Layout, joiners: bool = True) -> Iterator[str]:
    blocked = lay.banned | {lay.keyword.lower()}
    words = [w for w in EN_FILLER if w not in blocked]
    joins = [j for j in EN_JOINERS if not set(j.split()) & blocked] if joiners else []
    for i in count():
        yield words[i % len(words)]
        if joins and i % 3 == 2:
            yield joins[(i // 3) % len(joins)]


def _with_keyword(words: list[str], keyword: str, times: int) -> list[str]:
    """Insert `keyword` `times` times, spread evenly."""
    out = list(words)
    for k in range(times):
        out.insert(min(len(out), (k * 2 + 1) * len(words) // (2 * times) + k), keyword)
    return out


def _sentence(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def render_body(lay: Layout) -> str:
    if lay.turns:
        return _dialogue(lay)
    return _verse(lay) if lay.verse else _prose(lay)


def _prose(lay: Layout) -> str:
    gen = _filler(lay)
    n_sent = max(1, lay.sentences)
    words = [next(gen) for _ in range(max(lay.body, n_sent))]
    words = _with_keyword(words, lay.keyword, lay.keyword_times)
    chunks, at = [], 0
    for size in split_evenly(len(words), n_sent):
        chunks.append(words[at : at + size])
        at += size
    if lay.start:
        chunks[0] = lay.start.split() + chunks[0]
    sentences = [_sentence(c) + "." for c in chunks]
    if lay.end:
        sentences[-1] = (_sentence(chunks[-1]) + " " + lay.end).strip() if chunks[-1] else lay.end
    if lay.postscript:
        sentences[-1] = "\n" + lay.postscript + " " + sentences[-1]
    paragraphs, at = [], 0
    for size in split_evenly(len(sentences), min(max(1, lay.paragraphs), len(sentences))):
        paragraphs.append(" ".join(sentences[at : at + size]).replace(" \n", "\n"))
        at += size
    return "\n\n".join(paragraphs)


def _verse(lay: Layout) -> str:
    lines_n = max(1, lay.lines)
    gen = _filler(lay, joiners=False)
    budgets = lay.syllables or [max(1, b) for b in split_evenly(lay.body, lines_n)]
    keyword_lines = [min(lines_n - 1, k * lines_n // max(1, lay.keyword_times)) for k in range(lay.keyword_times)]
    rhyme_of = {letter: EN_RHYMES[i] for i, letter in enumerate(dict.fromkeys(lay.scheme.replace("X", "")))}
    used_rhymes: dict[str, int] = {}
    lines = []
    for i in range(lines_n):
        head = [EN_INITIALS[lay.acrostic[i]]] if i < len(lay.acrostic) else []
        tail = []
        if lay.scheme:
            letter = lay.scheme[i]
            if letter == "X":
                tail = [EN_FREE_END]
            else:
                tail = [rhyme_of[letter][used_rhymes.get(letter, 0)]]
                used_rhymes[letter] = used_rhymes.get(letter, 0) + 1
        middle = [lay.keyword] * keyword_lines.count(i)
        used = len(head) + len(tail) + sum(_syllables(w) if lay.syllables else 1 for w in middle)
        middle += [next(gen) for _ in range(max(0, budgets[i] - used))]
        lines.append(_sentence(head + middle + tail))
    if lay.end:
        lines[-1] += " " + lay.end
    stanzas, at = [], 0
    for size in split_evenly(lines_n, min(max(1, lay.stanzas), lines_n)):
        stanzas.append("\n".join(lines[at : at + size]))
        at += size
    return "\n\n".join(stanzas)


def _syllables(word: str) -> int:
    from rlmr.constraints.prosody import word_syllables

    return word_syllables(word)[0]


def _dialogue(lay: Layout) -> str:
    gen = _filler(lay)
    turns = max(2, lay.turns)
    words = _with_keyword([next(gen) for _ in range(max(lay.body, turns))], lay.keyword, lay.keyword_times)
    out, at = [], 0
    for i, size in enumerate(split_evenly(len(words), turns)):
        speech = _sentence(words[at : at + max(1, size)]) + "."
        at += size
        out.append(f"{NAMES[i % len(NAMES)]}: {speech}" if lay.turn_style == "script" else f"\"{speech}\"")
    return "\n".join(out)
