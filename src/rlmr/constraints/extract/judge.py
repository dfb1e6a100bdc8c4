"""Optional LLM fallback for phrasings the rules miss.

`propose(prompt, chat)` asks a chat model (any `chat(messages) -> str | None` callable, e.g.
the shared `rlmr.llm` client) for constraint specs as JSON, validates every proposal with
`rlmr.constraints.build`, and returns the valid ones marked `source="judge"` plus the number
dropped. Rules stay authoritative: `merge` adds judge items only for ids the rules did not find.
"""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Callable, Sequence

from rlmr.constraints.extract.common import ExtractedConstraint
from rlmr.constraints.registry import ConstraintError, build, known_ids

Chat = Callable[[list[dict]], "str | None"]

_SYSTEM = (
    "You read a writing prompt and list the constraints a response must obey that a program can check. "
    "Answer with a JSON list only; each item is {\"spec\": {\"id\": ID, ...kwargs}, \"quote\": EXACT PROMPT TEXT}. "
    "Use only these ids: {ids}. IFEval relations are \"less than\" or \"at least\"; cw:* count relations are "
    "at_most, at_least, exactly, between, about. List nothing that is not stated; [] when there is none."
)


@dataclasses.dataclass(frozen=True)
class JudgeResult:
    items: list[ExtractedConstraint]
    dropped: int  # proposals that were not JSON objects or failed `build`


def propose(prompt: str, chat: Chat, ids: Sequence[str] | None = None) -> JudgeResult:
    ids = list(ids or known_ids())
    messages = [{"role": "system", "content": _SYSTEM.replace("{ids}", ", ".join(ids))},
                {"role": "user", "content": prompt}]
    answer = chat(messages)
    proposals = _parse(answer)
    if proposals is None:
        return JudgeResult([], 1 if answer else 0)
    items, dropped = [], 0
    for p in proposals:
        spec = p.get("spec") if isinstance(p, dict) else None
        if not isinstance(spec, dict) or spec.get("id") not in ids:
            dropped += 1
            continue
        try:
            build(spec)
        except ConstraintError:
            dropped += 1
            continue
        quote = p.get("quote") if isinstance(p.get("quote"), str) else ""
        start = prompt.find(quote) if quote else -1
        span = (start, start + len(quote)) if start >= 0 else (0, 0)
        items.append(ExtractedConstraint(spec=spec, span=span, text=prompt[span[0]:span[1]], source="judge"))
    return JudgeResult(items, dropped)


def merge(rules: list[ExtractedConstraint], judge: list[ExtractedConstraint]) -> list[ExtractedConstraint]:
    """Rule items first; judge items only for constraint ids the rules did not produce."""
    seen = {c.spec["id"] for c in rules}
    return rules + [c for c in judge if c.spec["id"] not in seen]


def _parse(answer: str | None) -> list | None:
    if not answer:
        return None
    text = re.sub(r"^```(?:json)?\s*|\s*```$", "", answer.strip(), flags=re.IGNORECASE)
    match = re.search(r"\[.*\]", text, re.DOTALL)
    try:
        value = json.loads(match.group() if match else text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, list) else None
