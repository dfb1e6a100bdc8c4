"""Drawing 1-3 compatible hard constraints for a form.

Constraints are grouped into slots (line structure, length, shape, start, end, lexical, ...) and
a prompt takes at most one per slot, so it never asks for two starts or two length limits. The
form says which slots suit it and which line structures it has (haiku -> 5-7-5, 五言绝句 -> five
characters on four lines). Length limits are drawn inside the form's natural length. A final
pass through the conflict table rejects any draw the validator would refuse.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from rlmr.data.conflicts import find_conflicts, implied_lines
from rlmr.data.synth.forms import Form

Spec = dict[str, Any]

EN_ACROSTICS = ("HOPE", "RAIN", "LIGHT", "HOME", "STAR", "SEA", "WIND", "SNOW", "TIDE", "EMBER",
                "GRACE", "BLOOM", "RIVER", "FROST", "DAWN", "STONE", "CALM", "BRAVE")
ZH_ACROSTICS4 = ("春暖花开", "山高水长", "风和日丽", "岁月静好", "海阔天空", "鸟语花香", "平安喜乐", "前程似锦")
ZH_ACROSTICS_LONG = ("春风十里", "一路向前", "人间烟火", "四海为家", "星河长明", "不忘初心")
EN_BANNED = ("love", "heart", "soul", "dream", "beautiful", "tears", "forever", "suddenly", "very", "really",
             "moon", "darkness", "whisper", "journey")
ZH_BANNED = ("美丽", "幸福", "思念", "孤独", "眼泪", "梦想", "永远", "爱", "月", "泪")
EN_KEYWORDS = ("light", "silence", "window", "road", "home", "river", "memory", "shadow", "morning", "door",
               "bread", "salt", "bridge", "lantern")
ZH_KEYWORDS = ("光", "风", "远方", "时间", "记忆", "雨", "灯", "路", "门", "山")
EN_STARTS = ("It was the last time", "Nobody expected", "Long before the town woke", "I still remember",
             "The morning began", "Once upon a time", "Listen", "Dear friend")
EN_ENDS = ("and that was enough.", "The rest is silence.", "See you soon.", "Nothing was ever the same again.",
           "And the lights stayed on.", "Until next time.")
ZH_STARTS = ("那一年", "很多年以后", "我一直记得", "天刚亮的时候", "亲爱的朋友", "从前")
ZH_ENDS = ("这就是全部的故事。", "后会有期。", "一切都还来得及。", "灯还亮着。", "路还很长。")
# Share of prompts whose first optional constraint is a length limit: the paper's reward hacking
# story is about length, so length limits are the most common constraint.
LENGTH_FIRST = 0.5
EN_RHYMES = ("AABB", "ABAB", "ABBA", "AABBCC", "ABABCDCD")


def _line_count(rng: random.Random, form: Form) -> list[Spec]:
    relation = rng.choice(("exactly", "at_most", "between", "at_least"))
    n = rng.choice((8, 10, 12, 14, 16))
    if relation == "between":
        return [{"id": "cw:line_count", "relation": relation, "n": n - 4, "n_max": n}]
    return [{"id": "cw:line_count", "relation": relation, "n": n if relation != "at_least" else n - 4}]


LINE_MAKERS: dict[str, Callable[[random.Random, Form], list[Spec]]] = {
    "syllables_575": lambda r, f: [{"id": "cw:syllable_pattern", "pattern": [5, 7, 5]}],
    "sonnet_rhyme": lambda r, f: [{"id": "cw:rhyme_scheme", "scheme": "ABABCDCDEFEFGG"}],
    "lines_14": lambda r, f: [{"id": "cw:line_count", "relation": "exactly", "n": 14}],
    "line_count": _line_count,
    "quatrain_rhyme": lambda r, f: [{"id": "cw:rhyme_scheme", "scheme": r.choice(EN_RHYMES)}],
    "limerick_rhyme": lambda r, f: [{"id": "cw:rhyme_scheme", "scheme": "AABBA"}],
    "acrostic": lambda r, f: [{"id": "cw:acrostic", "word": r.choice(EN_ACROSTICS if f.lang == "en" else ZH_ACROSTICS_LONG)}],
    "jueju5": lambda r, f: [{"id": "cw:chars_per_line", "n": 5, "num_lines": 4}],
    "jueju7": lambda r, f: [{"id": "cw:chars_per_line", "n": 7, "num_lines": 4}],
    "lvshi5": lambda r, f: [{"id": "cw:chars_per_line", "n": 5, "num_lines": 8}],
    "lvshi7": lambda r, f: [{"id": "cw:chars_per_line", "n": 7, "num_lines": 8}],
    "cangtou": lambda r, f: [{"id": "cw:chars_per_line", "n": r.choice((5, 7)), "num_lines": 4},
                             {"id": "cw:acrostic", "word": r.choice(ZH_ACROSTICS4)}],
}


def _length(rng: random.Random, form: Form, fixed_lines: int | None) -> Spec:
    lo, hi = form.length
    if fixed_lines:
        lo = max(lo, 5 * fixed_lines)  # leave room for a few words on every line
        hi = max(hi, lo + 20)
    step = 5 if hi < 200 else 10
    cid = "cw:word_count" if form.lang == "en" else "cw:char_count"
    if form.lang == "en" and rng.random() < 0.25:
        n = _round(rng.randint(lo, hi), step)
        return {"id": "length_constraints:number_words", "relation": rng.choice(("less than", "at least")),
                "num_words": n if n > 10 else 20}
    relation = rng.choice(("at_most", "at_most", "at_least", "between", "about"))
    if relation == "at_most":
        return {"id": cid, "relation": relation, "n": _round(rng.randint((lo + hi) // 2, hi), step)}
    if relation == "at_least":
        return {"id": cid, "relation": relation, "n": _round(rng.randint(lo, (lo + hi) // 2), step)}
    if relation == "between":
        a = _round(rng.randint(lo, (lo + hi) // 2), step)
        return {"id": cid, "relation": relation, "n": a, "n_max": a + _round(max(step, (hi - lo) // 2), step)}
    return {"id": cid, "relation": relation, "n": _round(rng.randint(lo, hi), step), "tolerance": rng.choice((0.1, 0.2))}


def _round(n: int, step: int) -> int:
    return max(step, int(round(n / step)) * step)


def _shape(rng: random.Random, form: Form) -> Spec:
    if rng.random() < 0.5:
        return {"id": "cw:paragraph_count", "relation": "exactly", "n": rng.randint(2, 5)}
    lo = max(3, form.length[0] // 25)
    relation = rng.choice(("at_least", "at_most", "between"))
    if relation == "at_least":
        return {"id": "cw:sentence_count", "relation": relation, "n": lo}
    if relation == "at_most":
        return {"id": "cw:sentence_count", "relation": relation, "n": max(lo + 4, form.length[1] // 20)}
    return {"id": "cw:sentence_count", "relation": relation, "n": lo, "n_max": lo + rng.randint(4, 12)}


def _lexical(rng: random.Random, form: Form, topic: str) -> Spec:
    en = form.lang == "en"
    choice = rng.choice(("banned", "banned", "keyword", "repeat") if form.kind != "verse" or en else ("banned", "keyword"))
    if choice == "banned":
        pool = [w for w in (EN_BANNED if en else ZH_BANNED) if w not in topic.lower()]
        words = rng.sample(pool, rng.randint(1, 3))
        if en and rng.random() < 0.3:
            return {"id": "keywords:forbidden_words", "forbidden_words": words}
        return {"id": "cw:banned_words", "words": words}
    if choice == "keyword":
        keyword = rng.choice(EN_KEYWORDS if en else ZH_KEYWORDS)
        relation = rng.choice(("at_least", "exactly"))
        n = rng.randint(1, 2) if form.kind == "verse" or relation == "exactly" else rng.randint(2, 3)
        return {"id": "cw:keyword_count", "keyword": keyword, "relation": relation, "n": n}
    return {"id": "cw:max_word_repeat", "n": rng.randint(3, 5)}


def _simple(rng: random.Random, form: Form, slot: str) -> Spec:
    en = form.lang == "en"
    if slot == "start":
        return {"id": "cw:starts_with", "phrase": rng.choice(EN_STARTS if en else ZH_STARTS)}
    if slot == "title":
        if en and rng.random() < 0.35:
            return {"id": "detectable_format:title"}
        return {"id": "cw:title", "style": rng.choice(("angle", "markdown", "any") if en else ("book", "book", "any"))}
    if slot == "end":
        phrase = rng.choice(EN_ENDS if en else ZH_ENDS)
        if en and rng.random() < 0.3:
            return {"id": "startend:end_checker", "end_phrase": phrase}
        return {"id": "cw:ends_with", "phrase": phrase}
    if slot == "punct":
        return {"id": "punctuation:no_comma"} if en and rng.random() < 0.4 else {"id": "cw:no_comma"}
    if slot == "case":
        return {"id": "change_case:english_lowercase"}
    if slot == "postscript":
        return {"id": "detectable_content:postscript", "postscript_marker": "P.S."}
    if slot == "stanza":
        return {"id": "cw:stanza_count", "relation": rng.choice(("exactly", "at_least")), "n": rng.randint(2, 4)}
    if slot == "end_rhyme":
        return {"id": "cw:rhyme_scheme", "scheme": _zh_rhyme(form)}
    raise ValueError(f"unknown slot {slot!r}")


def _zh_rhyme(form: Form) -> str:
    four = "XAXA" if form.genre.startswith("wuyan") else "AAXA"
    return four if "jueju" in form.genre else "XAXAXAXA" if form.genre.startswith("wuyan") else "AAXAXAXA"


def ifbench_writing(rng: random.Random, form: Form) -> Spec:
    """One of the IFBench constraints that suit creative writing (English): vocabulary breadth,
    conjunctions, pronouns, no word repeated, and for verse stair-indented or title-case lines."""
    lo, hi = form.length
    choices = ["unique", "conjunctions", "pronouns"] + (["repeats", "stairs", "title"] if form.kind == "verse" else [])
    choice = rng.choice(choices)
    if choice == "unique":
        return {"id": "count:unique_word_count", "N": _round(max(10, lo // 2), 5)}
    if choice == "conjunctions":
        return {"id": "count:conjunctions", "small_n": rng.randint(2, 4)}
    if choice == "pronouns":
        return {"id": "count:pronouns", "N": rng.randint(3, 8)}
    if choice == "repeats":
        return {"id": "words:repeats", "small_n": rng.randint(3, 5)}
    if choice == "stairs":
        return {"id": "format:line_indent"}
    return {"id": "format:title_case"}


def draw(rng: random.Random, form: Form, topic: str, ifbench_share: float = 0.0) -> list[Spec]:
    """1-3 constraints that suit `form` and pass the conflict table; with `ifbench_share` > 0,
    that share of English prompts also gets one IFBench writing constraint (`ifbench_writing`)."""
    for _ in range(50):
        specs = _draw_once(rng, form, topic)
        if ifbench_share > 0 and form.lang == "en" and rng.random() < ifbench_share:
            specs = specs[:2] + [ifbench_writing(rng, form)]
        if not list(find_conflicts(specs)):
            return specs
    raise RuntimeError(f"no compatible constraints found for {form.genre}")  # pragma: no cover


def _draw_once(rng: random.Random, form: Form, topic: str) -> list[Spec]:
    target = rng.choice((1, 2, 2, 3, 3))
    specs: list[Spec] = []
    if form.lines and rng.random() < form.line_rate:
        specs += LINE_MAKERS[rng.choice(form.lines)](rng, form)
    if form.kind == "dialogue":
        specs.append({"id": "cw:dialogue", "min_turns": rng.randint(4, 8),
                      "style": rng.choice(("script", "script", "quoted"))})
    fixed_lines = next((implied_lines(s) for s in specs if implied_lines(s)), None)
    slots = [s for s in form.slot_names() if not (s == "length" and any(x["id"] in ("cw:syllable_pattern", "cw:chars_per_line") for x in specs))]
    if any(s["id"] == "cw:rhyme_scheme" for s in specs):  # a set closing phrase would break the last rhyme
        slots = [s for s in slots if s != "end"]
    if form.lang == "zh":  # lowercase and P.S. are English-only; one rhyme rule is enough
        dropped = {"case", "postscript"} | ({"end_rhyme"} if any(s["id"] == "cw:rhyme_scheme" for s in specs) else set())
        slots = [s for s in slots if s not in dropped]
    rng.shuffle(slots)
    if "length" in slots and rng.random() < LENGTH_FIRST:
        slots.remove("length")
        slots.insert(0, "length")
    for slot in slots:
        if len(specs) >= target:
            break
        if slot == "case" and rng.random() < 0.5:
            continue  # lowercase-only text is a narrow skill; keep it from crowding out others
        if slot == "length":
            specs.append(_length(rng, form, fixed_lines))
        elif slot == "shape":
            specs.append(_shape(rng, form))
        elif slot == "lexical":
            specs.append(_lexical(rng, form, topic))
        elif slot == "stanza" and fixed_lines and fixed_lines < 6:
            continue
        else:
            specs.append(_simple(rng, form, slot))
    return specs
