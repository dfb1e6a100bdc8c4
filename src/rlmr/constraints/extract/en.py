"""English extraction: runs the rule families over the quote-masked prompt.

Counts and layout live in `en_layout`, words and letters in `en_words`, the response's form in
`en_format`. Ids are IFEval's where IFEval has one, `cw:*` otherwise (line counts, approximate
word targets).
"""

from __future__ import annotations

from rlmr.constraints.extract import en_format, en_layout, en_words
from rlmr.constraints.extract.common import ExtractedConstraint, mask_quotes

RULES = en_layout.RULES + en_words.RULES + en_format.RULES


def extract_en(prompt: str) -> list[ExtractedConstraint]:
    masked = mask_quotes(prompt)
    out: list[ExtractedConstraint] = []
    for rule in RULES:
        out += rule(prompt, masked)
    return out
