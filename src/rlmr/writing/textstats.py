"""Model-free text qualities used by the `proxy` scorer: diversity, repetition, truncation.

Units are language-neutral: every CJK ideograph is one unit (Chinese has no spaces, and
character-level counts are what Chinese writing teachers use), every run of Latin letters or
digits (with inner apostrophes or hyphens) is one lower-cased unit. Mixed text just works.

Pure Python, no torch: cheap enough to run on every sampled response.
"""

from __future__ import annotations

import re

UNIT = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"  # one CJK ideograph
    r"|[A-Za-z0-9\u00c0-\u024f]+(?:['\u2019\-][A-Za-z0-9\u00c0-\u024f]+)*"  # a Latin word
)
MATTR_WINDOW = 50  # units per window: long enough to see vocabulary, short enough to be length-neutral
REPEAT_NGRAM = 4  # n-gram size for repetition: 4 words or 4 Chinese characters (about 2 words)
TERMINALS = ".!?\u3002\uff01\uff1f\u2026"  # . ! ? 。 ！ ？ …
CLOSERS = "\"')]}\u201d\u2019\u300d\u300f\u300b\uff09*_`"  # closing quotes/brackets, markdown emphasis


def units(text: str) -> list[str]:
    """Words (lower-cased) and CJK characters, in order."""
    return [u.lower() for u in UNIT.findall(text)]


def diversity(tokens: list[str], window: int = MATTR_WINDOW) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010) in [0, 1].

    Plain type-token ratio falls as a text grows, which would punish length by construction;
    averaging it over fixed windows removes most of that. Texts shorter than a window get
    their plain ratio. Empty text -> 0.
    """
    if not tokens:
        return 0.0
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    counts: dict[str, int] = {}
    for tok in tokens[:window]:
        counts[tok] = counts.get(tok, 0) + 1
    total = len(counts)
    for i in range(window, len(tokens)):
        out, new = tokens[i - window], tokens[i]
        counts[out] -= 1
        if counts[out] == 0:
            del counts[out]
        counts[new] = counts.get(new, 0) + 1
        total += len(counts)
    return total / (len(tokens) - window + 1) / window


def repetition(tokens: list[str], n: int = REPEAT_NGRAM) -> float:
    """Share of n-gram occurrences that repeat an earlier one, in [0, 1). Too short -> 0."""
    if len(tokens) < n + 1:
        return 0.0
    grams = [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return 1.0 - len(set(grams)) / len(grams)


def truncated(text: str) -> float:
    """1.0 when the text stops mid-sentence (no terminal punctuation at the end), else 0.0.

    Trailing closing quotes, brackets and markdown emphasis are skipped first, so `"Done."`
    and `*The end.*` end cleanly. Poems whose last line has no full stop count as truncated:
    a known false positive of this proxy, documented in docs/scorers.md.
    """
    stripped = text.rstrip().rstrip(CLOSERS).rstrip()
    if not stripped:
        return 1.0
    return 0.0 if stripped[-1] in TERMINALS else 1.0


# Words of the instruction itself ("write a short poem about"), not of its topic.
PROMPT_STOP_EN = frozenset(
    "a an the of to and or in on at for with about that this these who what which is are be as by from "
    "write compose create describe tell give your you it its short poem story essay piece text".split()
)
PROMPT_STOP_ZH = frozenset("写一首篇段个则封的了和与在是为对中把描关于表达以及其文诗词短请")


def prompt_overlap(prompt: str, response: str) -> float:
    """Share of the prompt's distinct topic units (words / CJK characters) found in the response.

    A cheap, language-neutral relevance signal: the MiniLM encoder knows little Chinese, and an
    off-topic answer rarely reuses the prompt's topic words. Saturates at 1, so repeating the
    prompt's words brings nothing once each appears.
    """
    wanted = {u for u in units(prompt) if u not in PROMPT_STOP_EN and u not in PROMPT_STOP_ZH}
    if not wanted:
        return 0.0
    have = set(units(response))
    return len(wanted & have) / len(wanted)
