"""Chinese extraction (placeholder until the rules land)."""

from __future__ import annotations

from rlmr.constraints.extract.common import ExtractedConstraint


def extract_zh(prompt: str) -> list[ExtractedConstraint]:
    return []
