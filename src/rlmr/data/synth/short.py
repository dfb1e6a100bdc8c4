"""The short task: one reachable constraint on a short piece, the embedded default's prompt set.

`creative-train` is written for capable policies: sonnets with rhyme schemes, acrostics, word
limits of a few hundred words. For SmolLM2-135M at a ~96-token budget most of those prompts are
never passed (rhyme, acrostic, syllables) or always passed (an upper bound of 380 words), so
GRPO groups come out all-pass or all-fail and RLMR's penalty never acts. This set asks for short
pieces (a paragraph, a few sentences, a short poem) with ONE constraint from families the small
policy meets sometimes but not always: word counts in bands a 96-token answer can land on either
side of (lower as well as upper bounds), sentence counts, an opening phrase, required
and banned words, no commas, a title, quotation marks, a postscript, and so on.

Which families and bands are reachable was measured with `rlmr probe` on the untrained policy
(docs/learning-signal.md); the hard families stay in `creative-train` for capable policies.
Deterministic like `synthesize`: the same arguments give the same records on every machine.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from rlmr.data.records import PromptRecord
from rlmr.data.synth import phrasing_en
from rlmr.data.synth.topics import TOPICS

Spec = dict[str, Any]

# (genre, names): short forms whose natural length sits near the default budget.
FORMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("story", ("a very short story", "a short story of a few sentences", "a tiny story")),
    ("poem", ("a short poem", "a short poem of a few lines", "a little poem")),
    ("letter", ("a short letter to a friend", "a brief note to a neighbour", "a short thank-you note")),
    ("description", ("a short description", "a one-paragraph description", "a brief sketch")),
    ("diary", ("a short diary entry", "a brief journal entry")),
    ("speech", ("a short toast", "a brief welcome speech")),
    ("ad", ("a short advertisement", "a brief product blurb")),
)
REQUESTS = ("Write {form} about {topic}.", "Please write {form} about {topic}.", "Give me {form} about {topic}.",
            "Could you write {form} about {topic}?", "Write {form} inspired by {topic}.")
STARTS = ("Once upon a time", "Today", "I remember", "Listen", "Dear friend", "In the morning", "It was late",
          "Every day")
KEYWORDS = ("light", "river", "window", "home", "morning", "bread", "door", "road", "silver", "garden", "rain")
BANNED = (("very",), ("the",), ("and",), ("is",), ("i",), ("it",), ("a",), ("you",), ("of",))
EXTRA_PHRASINGS = {
    "startend:quotation": ("Wrap your entire response with double quotation marks.",
                           "Put the whole answer inside double quotes."),
    "detectable_content:number_placeholders": (
        "Include at least {num_placeholders} placeholder in square brackets, such as [name].",
        "The response must contain at least {num_placeholders} placeholder written in square brackets, like [address]."),
    "detectable_format:number_highlighted_sections": (
        "Highlight at least {num_highlights} part of your answer with markdown, i.e. *highlighted section*.",
        "Mark at least {num_highlights} phrase as *highlighted* with single asterisks."),
}


def _words(rng: random.Random) -> Spec:
    relation = rng.choice(("at_most", "at_most", "at_least", "at_least", "between"))
    if relation == "at_most":
        return {"id": "cw:word_count", "relation": relation, "n": rng.choice((25, 30, 35, 40, 45, 50))}
    if relation == "at_least":
        return {"id": "cw:word_count", "relation": relation, "n": rng.choice((30, 40, 50, 60))}
    lo = rng.choice((20, 25, 30, 35, 40))
    return {"id": "cw:word_count", "relation": relation, "n": lo, "n_max": lo + rng.choice((20, 25, 30))}


def _sentences(rng: random.Random) -> Spec:
    relation = rng.choice(("at_most", "exactly", "at_least"))
    n = {"at_most": rng.choice((2, 3, 4)), "exactly": rng.choice((2, 3, 4)), "at_least": rng.choice((4, 5, 6))}[relation]
    return {"id": "cw:sentence_count", "relation": relation, "n": n}


# family -> maker; the family is stored in meta so probes and reports can group by it.
FAMILIES: dict[str, Callable[[random.Random], Spec]] = {
    "words": _words,
    "sentences": _sentences,
    "start": lambda r: {"id": "cw:starts_with", "phrase": r.choice(STARTS)},
    "keyword": lambda r: {"id": "cw:keyword_count", "keyword": r.choice(KEYWORDS), "relation": "at_least",
                          "n": r.choice((1, 2))},
    "banned": lambda r: {"id": "cw:banned_words", "words": list(r.choice(BANNED))},
    "no_comma": lambda r: {"id": "cw:no_comma"},
    "title": lambda r: {"id": "detectable_format:title"},
    "quotation": lambda r: {"id": "startend:quotation"},
    "postscript": lambda r: {"id": "detectable_content:postscript", "postscript_marker": "P.S."},
    "placeholder": lambda r: {"id": "detectable_content:number_placeholders", "num_placeholders": 1},
    "highlight": lambda r: {"id": "detectable_format:number_highlighted_sections", "num_highlights": 1},
}
# Probed and left out (0 of 12 samples passed, at temperature 1.0 and at 0.7, 96 tokens): all
# lowercase, all capitals, a closing phrase, two paragraphs split by ***. They stay in creative-*.
LEFT_OUT = ("lowercase", "capital", "end", "paragraphs")
# Draw weights: word-count bands carry the length story (the paper's reward hacking is about length).
WEIGHTS: dict[str, float] = {family: 1.0 for family in FAMILIES}
WEIGHTS["words"] = 3.0


def describe(spec: Spec, rng: random.Random) -> str:
    templates = EXTRA_PHRASINGS.get(spec["id"])
    if templates:
        return rng.choice(templates).format(**spec)
    return phrasing_en.describe(spec, rng)


def synthesize_short(n: int, seed: int = 0, split: str = "train",
                     families: tuple[str, ...] | None = None) -> list[PromptRecord]:
    """`n` distinct short English prompts with one constraint each; ids `short-<split>-<index>`."""
    if split not in ("train", "eval"):
        raise ValueError(f"split must be train or eval, got {split!r}")
    chosen = tuple(families or FAMILIES)
    unknown = [f for f in chosen if f not in FAMILIES]
    if unknown:
        raise ValueError(f"unknown families {unknown}; known: {', '.join(FAMILIES)}")
    rng = random.Random(f"rlmr-short:{seed}:{split}")
    weights = [WEIGHTS[f] for f in chosen]
    topics = TOPICS[("en", split)]
    records: list[PromptRecord] = []
    seen: set[str] = set()
    while len(records) < n:
        genre, names = rng.choice(FORMS)
        topic = rng.choice(topics)
        family = rng.choices(chosen, weights)[0]
        spec = FAMILIES[family](rng)
        request = rng.choice(REQUESTS).format(form=rng.choice(names), topic=topic)
        prompt = phrasing_en.assemble(request, [describe(spec, rng)], rng)
        if prompt in seen:
            continue
        seen.add(prompt)
        records.append(PromptRecord(
            id=f"short-{split}-{len(records):05d}", prompt=prompt, constraints=[spec], lang="en", genre=genre,
            source=f"rlmr-synth-short/{split}", meta={"topic": topic, "form": genre, "family": family, "seed": seed},
        ))
    return records
