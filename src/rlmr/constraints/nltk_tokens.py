"""NLTK's `word_tokenize`, exactly, read in pieces: the first or last k tokens of a long text,
the first tokens of sentence n, or all tokens, without running NLTK's word tokenizer on
megabyte strings.

Why: `nltk.word_tokenize` runs 34 regex substitutions per Punkt sentence (~150 us even for one
word) and 1-6 s on a 1 MB sentence, so a check that needs three tokens would take seconds on a
hostile response. Two facts make reading in pieces exact (tests/constraints/test_nltk_tokens.py
checks every function here against the real `nltk.word_tokenize` with Hypothesis):

1. Safe cuts inside a sentence. NLTK's word tokenizer only inserts spaces (and rewrites `"`),
   its patterns look one character across a space at most, and only the sentence's first
   character (`^"`) and its end (the final-period and `[:,]$` rules) are special. So the tokens
   of a sentence are the tokens of its pieces, tokenized one by one, when every cut is:
   - a run of ASCII whitespace, unless the part before it ends in a period followed only by
     what the final-period rule reaches over (closers `"')]}>»”’` and spaces): that part alone
     would have a final period. A piece that starts with `"`, `'` or `.` (their rules read
     the character before) is tokenized with the whitespace character put back in front;
   - between two characters with no whitespace, where the left one is always split off on
     both sides before any rule looks across it (`([{<;@#$%&?!*«“‘„` and the dashes U+2012-5)
     and the right one is not a quote, `.`, `-`, backtick or whitespace;
   - in long pieces, also after a closer inside a run not preceded by a period, and before a
     `"` that follows a plain character (put back in front, see `piece_tokens`).
2. Punkt is local (the same argument as `ifbench_common.last_word_tokens`): a break depends on
   the tokens around one candidate, so the sentences of a prefix cut at whitespace are the
   text's own, except the last one, which may stop early; those of a suffix, except the first.
   Pieces of a cut-off sentence are the sentence's own except the piece at the cut.

Pieces are memoized (hostile texts repeat) and a piece with no character any NLTK rule looks
at is split on whitespace directly.

This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import re
from typing import Callable, Iterator

from rlmr.constraints.text import iter_sentences, sentence_tokenizer, treebank_words

WINDOW = 4096  # first prefix / suffix size tried, in characters (grows 4x)

_SPLIT_LEFT = "(\\[{<;@#$%&?!*«“‘„\u2012-\u2015"
_NOT_RIGHT = "\\s\"'.`\\-"
_CUT = re.compile(
    r"(?<=\S)[ \t\n\r]+(?=\S)"  # a whitespace run (iter_pieces vetoes some)
    rf"|(?<=[{_SPLIT_LEFT}])(?=[^{_NOT_RIGHT}])"  # no whitespace: after an always-split character
)
# Every character some NLTK word-tokenizer rule matches (quotes, punctuation, brackets, dashes).
_SPECIAL = "«“‘„`\"'.:,;@#$%&\u2012-\u2015?!*\\[\\](){}<>»”’\\-"
_PLAIN = re.compile(rf"[^\s{_SPECIAL}]+(?:[ \t\n\r]+[^\s{_SPECIAL}]+)*")
_ASCII_SPACE = re.compile(r"[ \t\n\r]")


@functools.lru_cache(maxsize=1)
def _contractions() -> re.Pattern:
    """NLTK's letter-only contraction patterns ("cannot" -> "can", "not"; "gimme", "wanna", ...)
    as one alternation: it matches where one of them does."""
    from nltk.tokenize.destructive import NLTKWordTokenizer

    patterns = NLTKWordTokenizer.CONTRACTIONS2
    assert all(p.pattern.startswith("(?i)") and p.flags == re.IGNORECASE | re.UNICODE for p in patterns)
    first = "".join(sorted({p.pattern[7] for p in patterns}))  # after "(?i)\\b(": lets `re` skip fast
    return re.compile(f"(?=[{first}])(?:" + "|".join(p.pattern[4:] for p in patterns) + ")", re.IGNORECASE)


def iter_pieces(sentence: str) -> Iterator[tuple[str, str]]:
    """`sentence` cut at the safe cuts (module docstring, fact 1), whitespace dropped, lazily:
    `(before, piece)`, where `before` is the whitespace character before a piece that starts
    with `"`, `'` or `.` (rules read it; `piece_tokens` puts it back), else ""."""
    start = scanned = 0
    before = tail = ""  # tail: the piece's last character the final-period rule does not reach over
    for match in _CUT.finditer(sentence):
        kept = sentence[scanned : match.start()].rstrip(_REACH)
        tail = kept[-1:] or tail
        scanned = match.end()
        if tail == ".":  # the piece alone would end in a final period ("x.)"): no cut
            tail = match.group().rstrip(_REACH)[-1:] or tail
            continue
        yield from _split_closer_runs(sentence[start : match.start()], before)
        start, tail = match.end(), ""
        before = match.group()[-1:] if sentence[start : start + 1] in _LOOKED_BACK_AT else ""
    if start < len(sentence):
        yield from _split_closer_runs(sentence[start:], before)


def pieces(sentence: str) -> list[tuple[str, str]]:
    """`iter_pieces` as a list."""
    return list(iter_pieces(sentence))


# What the final-period rule `([^\.])(\.)([\]\)}>"\'»”’ ]*+)\s*$` reaches over, and the closers
# among them that are always split off on both sides (brackets by the bracket rule, curly quotes
# by the first ending-quote rule).
_REACH = "])}>\"'»”’ "
_PERIOD_REACH = re.compile("[\\])}>\"'»”’ ]+")
_SPLIT_CLOSERS = frozenset(")]}>»”’\"")
_LOOKED_BACK_AT = ("\"", "'", ".")
_LONG_PIECE = 256


_PLAIN_BEFORE_QUOTE = re.compile(rf'(?<=[^\s{_SPECIAL}])"')


def _split_closer_runs(piece: str, before: str) -> Iterator[tuple[str, str]]:
    """A long piece also cut (1) after `)]}>»”’"` inside a run the final-period rule reaches
    over, unless a period comes right before the run: then neither the piece's end nor a cut
    can let the rule reach a period, and the closer is split off anyway (`"` becomes a quote
    token); (1b) in such a run between `"` and `'` (either order, not next to `''`), the left one
    put back after a space (its own token, which `piece_tokens` drops); (2) before a `"` that
    follows a plain character, which is put back before the quote (`piece_tokens`' `before`:
    the quote's rules read it, nothing reads across it)."""
    if len(piece) < _LONG_PIECE:
        yield before, piece
        return
    start = 0
    for cut, after in heapq.merge(_cuts_in_runs(piece), ((m.start(), piece[m.start() - 1]) for m in _PLAIN_BEFORE_QUOTE.finditer(piece))):
        yield before, piece[start:cut]
        start, before = cut, after
    yield before, piece[start:]


# Cuts (1) and (1b) of `_split_closer_runs`, one pattern: after a closer before a character a
# rule does not read back from, or between `"` and `'` not next to `''`.
_RUN_CUT = re.compile(f"(?<=[{re.escape(''.join(_SPLIT_CLOSERS))}])(?=[^{_NOT_RIGHT}])|(?<=\")(?='(?!'))|(?<!'')(?<=')(?=\")")


def _cuts_in_runs(piece: str) -> Iterator[tuple[int, str]]:
    """`(position, context put back)` of the run cuts, in order, lazily."""
    for run in _PERIOD_REACH.finditer(piece):
        if run.start() > 0 and piece[run.start() - 1] == ".":
            continue
        for match in _RUN_CUT.finditer(piece, run.start() + 1, min(run.end() + 1, len(piece))):
            cut = match.start()
            yield cut, (" " + piece[cut - 1] if piece[cut] in "\"'" else "")


@functools.lru_cache(maxsize=65536)
def piece_tokens(piece: str, before: str = "") -> tuple[str, ...]:
    """NLTK's word tokens of one piece (= `treebank_words(piece)`, or with the context `before`
    put back: the tokens of "x" + before + piece without those of "x" + before; `before` is a
    whitespace character, a plain character that sticks to the "x", or a space and a quote),
    memoized.

    Shortcuts: a piece with no character any rule looks at and no letter contraction is its
    whitespace split; a run of dots is one token."""
    if before:
        return tuple(treebank_words("x" + before + piece)[len(treebank_words("x" + before)) :])
    if _PLAIN.fullmatch(piece) and not _contractions().search(f" {piece} "):
        return tuple(piece.split())
    if piece.count(".") == len(piece):
        return (piece,)
    return tuple(treebank_words(piece))


def sentence_tokens(sentence: str) -> Iterator[str]:
    """`treebank_words(sentence)` lazily, piece by piece."""
    for before, piece in iter_pieces(sentence):
        yield from piece_tokens(piece, before)


def iter_tokens(text: str) -> Iterator[str]:
    """`nltk.word_tokenize(text)` lazily (Punkt sentences, then pieces)."""
    for sentence in iter_sentences(text):
        yield from sentence_tokens(sentence)


def distinct_tokens(text: str) -> Iterator[str]:
    """The tokens of `nltk.word_tokenize(text)`, each distinct piece's once (for checks whose
    verdict depends on no order and no count)."""
    seen: set[tuple[str, str]] = set()
    for sentence in iter_sentences(text):
        for key in iter_pieces(sentence):
            if key not in seen:
                seen.add(key)
                yield from piece_tokens(key[1], key[0])


def counted_pieces(text: str) -> Iterator[tuple[tuple[str, ...], int]]:
    """`(tokens of a piece, how often it came)` over `nltk.word_tokenize(text)`, lazily, in
    runs of equal pieces (the tokens, with multiplicity, are the text's)."""
    for sentence in iter_sentences(text):
        for key, run in itertools.groupby(iter_pieces(sentence)):
            yield piece_tokens(key[1], key[0]), sum(1 for _ in run)


def _cut_after(text: str, size: int) -> int:
    """Index of the first ASCII whitespace at or after `size`, else len(text)."""
    if size >= len(text):
        return len(text)
    match = _ASCII_SPACE.search(text, size)
    return match.start() if match else len(text)


def _cut_before(text: str, size: int) -> int:
    """Index of the last ASCII whitespace at or before len(text) - size, else 0."""
    stop = len(text) - size
    if stop <= 0:
        return 0
    return max(0, max(text.rfind(c, 0, stop + 1) for c in " \t\n\r"))


def _last_space(text: str) -> int:
    """Index of the last ASCII whitespace in `text`, else -1."""
    return max(text.rfind(c) for c in " \t\n\r")


def _first_space(text: str, start: int) -> int:
    """Index of the first ASCII whitespace at or after `start`, else len(text)."""
    match = _ASCII_SPACE.search(text, start)
    return match.start() if match else len(text)


def _spans(text: str) -> Iterator[tuple[int, int]]:
    return sentence_tokenizer().span_tokenize(text)


def final_prefix_tokens(prefix: str) -> Iterator[str]:
    """Tokens of `nltk.word_tokenize(s)` known from `prefix` alone, for any `s` that starts with
    `prefix` and has whitespace right after it, in order (the first ones, maybe not all).

    Punkt breaks are the same in `prefix` and `s` before its last whitespace-free chunk (a
    candidate's decision reads its chunk and the next one; candidates in one chunk chain). So
    sentences that end before that chunk are final, and so are the pieces but the last of the
    sentence that reaches into it."""
    prefix = prefix.rstrip()
    safe = _last_space(prefix)  # the last chunk starts after it
    if safe < 0:
        return
    for start, end in _spans(prefix):
        if end <= safe:
            yield from sentence_tokens(prefix[start:end])
            continue
        if start < safe:
            for before, piece in pieces(prefix[start:safe].rstrip())[:-1]:
                yield from piece_tokens(piece, before)
        return


def first_tokens(text: str, k: int, keep: Callable[[str], bool] | None = None, window: int = WINDOW) -> list[str]:
    """`[t for t in nltk.word_tokenize(text) if keep(t)][:k]`, reading a prefix that grows until
    it holds k final tokens."""
    if k <= 0:
        return []
    size = window
    while True:
        end = _cut_after(text, size)
        tokens = iter_tokens(text) if end >= len(text) else final_prefix_tokens(text[:end])
        found = list(itertools.islice(filter(keep, tokens), k))
        if len(found) >= k or end >= len(text):
            return found
        size *= 4


def last_tokens(text: str, k: int, window: int = WINDOW) -> list[str]:
    """`nltk.word_tokenize(text)[-k:]`, reading a suffix that grows until it holds k final tokens.

    Mirror of `final_prefix_tokens`: in a suffix that starts at whitespace, Punkt breaks after
    its first chunk are the text's own; the sentence reaching over that chunk's end is read
    from there, without its first piece."""
    if k <= 0:
        return []
    size = window
    while True:
        start = _cut_before(text, size)
        if start <= 0:
            return _last_tokens_of_last_sentences(text, k, window)
        suffix = text[start:]
        safe = _first_space(suffix, len(suffix) - len(suffix.lstrip()))  # the first chunk ends there
        tokens = []
        first = True
        for s, e in _spans(suffix):
            if e <= safe:
                continue
            if first:
                first = False
                for before, piece in pieces(suffix[max(s, safe) : e])[1:]:
                    tokens.extend(piece_tokens(piece, before))
            else:
                tokens.extend(sentence_tokens(suffix[s:e]))
        if len(tokens) >= k:
            return tokens[-k:]
        size *= 4


def _last_tokens_of_last_sentences(text: str, k: int, window: int) -> list[str]:
    """`nltk.word_tokenize(text)[-k:]` from the whole text's sentences, the last ones read from
    their ends (the pieces of a sentence's suffix but the first are the sentence's own)."""
    tokens: list[str] = []
    for s, e in reversed(list(_spans(text))):
        sentence, size = text[s:e], window
        while True:
            if size >= len(sentence):
                found = list(sentence_tokens(sentence))
                break
            found = [t for before, piece in pieces(sentence[-size:])[1:] for t in piece_tokens(piece, before)]
            if len(found) + len(tokens) >= k:
                break
            size *= 4
        tokens = found + tokens
        if len(tokens) >= k:
            break
    return tokens[-k:]


def nth_sentence_span(text: str, n: int, window: int = WINDOW) -> tuple[int, tuple[int, int] | None]:
    """Punkt sentence n (1-based) of `text` as `(n, (start, end))`, or `(number of sentences,
    None)` when there are fewer, reading a prefix that grows until sentence n ends before the
    prefix's last chunk (its breaks are then the text's own, see `final_prefix_tokens`)."""
    size = window
    while True:
        end = _cut_after(text, size)
        if end >= len(text):
            found = list(itertools.islice(_spans(text), n))
            return (n, found[-1]) if len(found) == n else (len(found), None)
        prefix = text[:end].rstrip()
        found = list(itertools.islice(_spans(prefix), n))
        if len(found) == n and found[-1][1] <= _last_space(prefix):
            return n, found[-1]
        size *= 4


def clear_caches() -> None:
    """Forget memoized piece tokens (benchmarks start cold)."""
    piece_tokens.cache_clear()
