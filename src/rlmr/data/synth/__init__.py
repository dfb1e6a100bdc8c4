"""The deterministic prompt synthesiser: forms x topics x compatible constraints x phrasings.

`synthesize(n, lang, seed, split)` gives the same records for the same arguments on every
machine (one `random.Random` seeded from the arguments; no global state). Each record holds the
constraint specs, and the prompt states each of them in natural language with varied wording.
The train and eval splits draw from disjoint topic lists (`topics.py`).
"""

from __future__ import annotations

import random

from rlmr.data.records import PromptRecord
from rlmr.data.synth import phrasing_en, phrasing_zh
from rlmr.data.synth.forms import FORMS, Form
from rlmr.data.synth.specs import draw
from rlmr.data.synth.topics import TOPICS

LANG_CHOICES = ("en", "zh", "mix")
SPLITS = ("train", "eval")
_PHRASING = {"en": phrasing_en, "zh": phrasing_zh}
# Share of English prompts in a `mix` set.
MIX_EN_SHARE = 0.55


def synthesize(n: int, lang: str = "mix", seed: int = 0, split: str = "train", ifbench_share: float = 0.0) -> list[PromptRecord]:
    """`n` distinct prompt records; ids are `<split>-<lang>-<index>`. `ifbench_share` of the
    English prompts also carry one IFBench writing constraint (0: the released sets' draw)."""
    if lang not in LANG_CHOICES:
        raise ValueError(f"lang must be one of {', '.join(LANG_CHOICES)}, got {lang!r}")
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}, got {split!r}")
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if not 0.0 <= ifbench_share <= 1.0:
        raise ValueError(f"ifbench_share must be in [0, 1], got {ifbench_share}")
    rng = random.Random(f"rlmr-synth:{seed}:{split}:{lang}")
    records: list[PromptRecord] = []
    seen: set[str] = set()
    while len(records) < n:
        record_lang = lang if lang != "mix" else ("en" if rng.random() < MIX_EN_SHARE else "zh")
        record = _one(rng, record_lang, split, len(records), seed, ifbench_share)
        if record.prompt not in seen:
            seen.add(record.prompt)
            records.append(record)
    return records


def _one(rng: random.Random, lang: str, split: str, index: int, seed: int, ifbench_share: float = 0.0) -> PromptRecord:
    form: Form = rng.choice(FORMS[lang])
    topic = rng.choice(TOPICS[(lang, split)])
    specs = draw(rng, form, topic, ifbench_share)
    phrasing = _PHRASING[lang]
    clauses = [phrasing.describe(spec, rng) for spec in specs]
    rng.shuffle(clauses)
    request = rng.choice(form.requests or phrasing.REQUESTS).format(form=rng.choice(form.names), topic=topic)
    return PromptRecord(
        id=f"{split}-{lang}-{index:05d}",
        prompt=phrasing.assemble(request, clauses, rng),
        constraints=specs,
        lang=lang,
        genre=form.genre,
        source=f"rlmr-synth/{split}",
        meta={"topic": topic, "form": form.genre, "seed": seed},
    )
