"""English extraction: runs the rule families over the quote-masked prompt.

Counts and layout live in `en_layout`, words and letters in `en_words`, the response's form in
`en_format`, creative forms (stanzas, syllables, rhyme, acrostic, dialogue) in `en_verse`.
IFBench's own constraints come from `en_ifbench`. Ids are IFEval's where IFEval has one, `cw:*` otherwise (line counts, approximate word
targets, verse forms); `equivalence` says which specs of the two families mean the same.
"""

from __future__ import annotations

from rlmr.constraints.extract import en_format, en_layout, en_words
from rlmr.constraints.extract.common import ExtractedConstraint, mask_quotes
from rlmr.constraints.extract.en_ifbench import extract_ifbench
from rlmr.constraints.extract.en_verse import extract_verse

RULES = en_layout.RULES + en_words.RULES + en_format.RULES


def extract_en(prompt: str) -> list[ExtractedConstraint]:
    masked = mask_quotes(prompt)
    out: list[ExtractedConstraint] = []
    for rule in RULES:
        out += rule(prompt, masked)
    verse = extract_verse(prompt, masked, out)
    turns = [v.span for v in verse if v.spec["id"] == "cw:dialogue"]
    # "at least 8 lines of dialogue" counts turns, not lines of the response.
    out = [o for o in out if not (o.spec["id"] == "cw:line_count" and any(s <= o.span[0] < e for s, e in turns))]
    # IFBench's instructions are specific; another rule firing inside one reads a piece of it
    # ("between 57 and 61 words" is IFBench's word range, not a second word count).
    ifbench = extract_ifbench(prompt, masked)
    inside = [(c.span[0], c.span[1]) for c in ifbench]
    rest = [o for o in out + verse if not any(s < o.span[1] and o.span[0] < e for s, e in inside)]
    return rest + ifbench
