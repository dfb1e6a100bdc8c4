"""Read verifiable constraints from free-form prompt text, English and Chinese.

`extract(prompt)` returns `ExtractedConstraint` items: the spec (ids and kwargs of the
constraint registry: IFEval ids for IFEval-style instructions, `cw:*` for creative-writing
ones), the span of prompt text it came from, whether it is hard (rule-checkable) or soft
(tone, style: a judge's call), and its source ("rules", or "judge" for items an optional LLM
judge added where the rules found nothing of that kind; see `judge`).

Rules are deterministic and built from grammar pieces (comparators, numbers in words and
digits, units), never from whole benchmark sentences. Precision comes first: a constraint
invented by mistake punishes correct responses during training, so ambiguous phrasings are
left out. This package must not import torch or any engine.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rlmr.constraints.extract.common import ExtractedConstraint
from rlmr.constraints.extract.en import extract_en
from rlmr.constraints.extract.soft import extract_soft
from rlmr.constraints.extract.zh import extract_zh

if TYPE_CHECKING:
    from rlmr.constraints.extract.judge import Chat

__all__ = ["ExtractedConstraint", "detect_lang", "extract", "specs"]

_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]+")


def detect_lang(prompt: str) -> str:
    """'zh' when CJK characters outnumber Latin words, else 'en'."""
    return "zh" if len(_CJK.findall(prompt)) > len(_LATIN.findall(prompt)) else "en"


def extract(prompt: str, lang: str | None = None, *, soft: bool = True,
            judge: Chat | None = None) -> list[ExtractedConstraint]:
    """Constraints stated in `prompt`, in order of their position; duplicates merged.

    `judge` (a `judge.Chat`, e.g. `judge.judge_from_spec("URL#model")`) may add validated
    items of kinds the rules did not find; a failed or unreadable reply adds nothing."""
    lang = lang or detect_lang(prompt)
    if lang not in ("en", "zh"):
        raise ValueError(f"lang: expected 'en' or 'zh', got {lang!r}")
    items = extract_zh(prompt) if lang == "zh" else extract_en(prompt)
    if soft:
        items += extract_soft(prompt, lang)
    if judge is not None:
        from rlmr.constraints.extract.judge import supplement

        items = supplement(prompt, items, judge)
    unique: dict[str, ExtractedConstraint] = {}
    for item in items:
        unique.setdefault(_key(item.spec), item)
    return sorted(unique.values(), key=lambda c: c.span)


def specs(prompt: str, lang: str | None = None, *, judge: Chat | None = None) -> list[dict]:
    """Only the hard specs, ready for `rlmr.constraints.verify`."""
    return [c.spec for c in extract(prompt, lang, soft=False, judge=judge) if c.hard]


def _key(spec: dict) -> str:
    return repr(sorted((k, str(v).lower()) for k, v in spec.items()))
