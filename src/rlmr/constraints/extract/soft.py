"""Soft constraints: tone, style and register, which only a judge can check (hard=False).

Specs use `soft:*` ids that the registry does not hold: `{"id": "soft:tone", "value": "melancholic"}`,
`{"id": "soft:style", "value": "Shakespeare"}`. They are reported, never verified by rules.
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import ExtractedConstraint, found

_EN = [
    ("soft:tone", re.compile(r"\b(?:in|with|using|adopt)\s+an?\s+(?P<v>[\w-]+(?:(?:,\s*|\s+and\s+)[\w-]+)?)\s+tone\b", re.IGNORECASE)),
    ("soft:tone", re.compile(r"\btone\s+(?:should\s+be|must\s+be|is)\s+(?P<v>[\w-]+(?:\s+and\s+[\w-]+)?)", re.IGNORECASE)),
    ("soft:style", re.compile(r"\bin\s+the\s+style\s+of\s+(?P<v>(?:an?\s+|the\s+)?[^.,;:!?\n]{1,40}?)(?=[.,;:!?\n]|\s+(?:and|about|that|who|for|with)\b|$)", re.IGNORECASE)),
    ("soft:style", re.compile(r"\bin\s+an?\s+(?P<v>[\w-]+(?:\s+[\w-]+)?)\s+style\b", re.IGNORECASE)),
    ("soft:tone", re.compile(r"\bmake\s+(?:it|the\s+\w+)\s+(?:sound\s+)?(?:more\s+)?(?P<v>funny|humorous|formal|casual|sad|serious|playful|weird|angry|romantic|dramatic|engaging|professional)\b", re.IGNORECASE)),
]
_ZH = [
    ("soft:tone", re.compile(r"(?:语气|语调|口吻)(?:要|需要|应该|应当|必须)?(?:是|保持|显得)?(?P<v>[\u4e00-\u9fff]{2,6}?)(?=[，。；！？、\s]|$)")),
    ("soft:tone", re.compile(r"(?:以|用)(?P<v>[\u4e00-\u9fff]{2,6})的(?:语气|口吻|语调)")),
    ("soft:style", re.compile(r"(?:以|用|模仿|仿照)(?P<v>[\u4e00-\u9fff]{1,8}?)的?(?:风格|文风|笔调)")),
    ("soft:style", re.compile(r"风格(?:要|需要|应该|应当|偏|为|是)+(?P<v>[\u4e00-\u9fff]{2,6}?)(?=[，。；！？、\s]|$)")),
]


def extract_soft(prompt: str, lang: str) -> list[ExtractedConstraint]:
    out = []
    seen = set()
    for cid, pattern in (_ZH if lang == "zh" else _EN):
        for m in pattern.finditer(prompt):
            value = m.group("v").strip()
            if value and (cid, value.lower()) not in seen:
                seen.add((cid, value.lower()))
                out.append(found(prompt, {"id": cid, "value": value}, m.start(), m.end(), hard=False))
    return out
