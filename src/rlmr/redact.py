"""Credentials out of anything rlmr writes or prints: `http://user:secret@host` -> `http://***@host`.

API keys belong in RLMR_API_KEY / OPENAI_API_KEY, but a user may still paste a URL with a
password or a `?api_key=` into a scorer or judge spec. Every place that writes a spec (config.yaml,
results.json, ablation.md, error messages) passes it through `redact` first. Standard library only.
"""

from __future__ import annotations

import re
from typing import Any

MASK = "***"
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]*://)[^/@\s?#'\"]+@")
_SECRET_PARAM = re.compile(r"(?P<key>[?&](?:api[_-]?key|key|token|access[_-]?token|password|secret)=)[^&#\s'\"]+",
                           re.IGNORECASE)


def redact(text: str) -> str:
    """`text` with URL user:password parts and secret query values masked."""
    text = _USERINFO.sub(lambda m: f"{m['scheme']}{MASK}@", text)
    return _SECRET_PARAM.sub(lambda m: f"{m['key']}{MASK}", text)


def redact_tree(value: Any) -> Any:
    """`redact` applied to every string inside dicts, lists and tuples (keys left alone)."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {k: redact_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(redact_tree(v) for v in value)
    return value
