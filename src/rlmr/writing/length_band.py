"""How long the request asks the answer to be: a length band read from the prompt text.

The `proxy` scorer uses it to make brevity cost something where the request calls for
substance, without a blanket length bonus (which a writing-only policy would exploit the other
way, the paper's length hack):

  shortfall  max(0, 1 - units / lower): 0 at or above the band's lower edge, 1 for nothing.
             Flat above `lower`, so nothing is paid for growing past what the form calls for.
  overshoot  min(1, units / upper - 1) above an upper edge, where there is one: a number the
             prompt states ("at most 40 words", "不超过200字") or a form that is short by
             definition (haiku, couplet, limerick, 对联). Most forms have none.

The band comes from, in this order:
  1. numbers in the prompt, via `rlmr.constraints.extract` (word / character / sentence / line /
     paragraph counts, IFEval and `cw:` ids): they win over the form's defaults;
  2. the form asked for (story, poem, haiku, letter, 散文, 绝句, ...: the first form word in the
     prompt), scaled by "short"/"long" (短/长篇), by "two poems" (两首), and by 文言;
  3. else a small default floor.

Units are `textstats.units`: English words, CJK characters. The defaults were set to sit at or
below the shortest real text of each form in tests/fixtures/writing_pairs (about half the
typical length): a floor, not a target. Pure Python and cached per prompt: the prompts of a
GRPO group repeat, and extraction costs about 2.4 ms a prompt (0.07 ms a response once cached).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from rlmr.writing import textstats

# (lower, upper or None) in units: English words / CJK characters. Lower ~ half a short real piece.
FORMS_EN: tuple[tuple[str, int, int | None], ...] = (
    (r"haikus?", 7, 30),
    (r"couplets?", 6, 40),
    (r"limericks?", 20, 70),
    (r"tankas?", 12, 50),
    (r"sonnets?", 70, 200),
    (r"(?:short )?stor(?:y|ies)|tales?|fables?|parables?|myths?|legends?|anecdotes?|fairy tales?", 80, None),
    (r"openings?|chapters?|novels?|prologues?", 80, None),
    (r"essays?|articles?|reviews?|editorials?|op-eds?|blog posts?|reports?", 100, None),
    (r"speech(?:es)?|toasts?|eulog(?:y|ies)|sermons?", 60, None),
    (r"scenes?|vignettes?|monologues?|dialogues?", 60, None),
    (r"(?<!capital )(?<!lowercase )(?<!uppercase )letters?|e-?mails?|notes?(?!\s*:)|diary entr(?:y|ies)|journal entr(?:y|ies)", 50, None),
    (r"blurbs?|advertisements?|adverts?|ads|slogans?|taglines?", 35, None),
    (r"postcards?", 25, None),
    (r"poems?|verses?|odes?|elegies|elegy|ballads?|lyrics?|songs?|hymns?", 40, None),
)
# Words that say "write some text" rather than which form: used only when no form word is there.
FALLBACK_EN: tuple[tuple[str, int, int | None], ...] = (
    (r"paragraphs?|passages?|descriptions?|describ\w*|portraits?|sketch(?:es)?", 50, None),
)
FORMS_ZH: tuple[tuple[str, int, int | None], ...] = (
    (r"对联|对子|楹联", 10, 60),
    (r"俳句", 10, 40),
    (r"绝句", 20, None),
    (r"律诗", 40, None),
    (r"首[^。]{0,20}?词|宋词|词牌", 40, None),
    (r"长篇|长诗|古体诗|歌行", 80, None),
    (r"小说|故事|童话|寓言|神话|传说", 150, None),
    (r"开头|开篇", 100, None),
    (r"散文|随笔|文章|记叙文|论说文|议论文|杂文|游记|日记|短文|演讲|讲话|致辞", 120, None),
    (r"封[^。，]{0,6}?信|书信|家书|来信|回信|信件|写信", 80, None),
    (r"铭文|语录|格言", 30, None),
    (r"诗", 30, None),
)
FALLBACK_ZH: tuple[tuple[str, int, int | None], ...] = ((r"段|描写|描述|文字", 90, None),)
DEFAULT_LOWER = {"en": 20, "zh": 30}
SHORT_SCALE, VERY_SHORT_SCALE, LONG_SCALE, CLASSICAL_SCALE = 0.8, 0.5, 1.5, 0.5
UPPER_FLOOR_SHARE = 0.75  # with only an upper bound N stated, the floor is 0.75 N
PER_UNIT = {  # units per counted thing, for sentence / line / paragraph constraints
    "sentence": {"en": 12, "zh": 20},
    "line": {"en": 5, "zh": 6},
    "paragraph": {"en": 50, "zh": 80},
}
LOWER_SHARE_OF_COUNT = 0.6  # a count of n sentences/lines/paragraphs sets the floor at 0.6 n * per unit

_EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "a pair of": 2, "several": 3, "a few": 3}
_ZH_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "几": 3}
_EN_SHORT = re.compile(r"\b(very short|very brief|tiny|short|brief|little|quick|mini)\b[\w\s,'-]{0,20}$")
_EN_VERY = re.compile(r"\b(very short|very brief|tiny)\b[\w\s,'-]{0,20}$")
_EN_LONG = re.compile(r"\b(long|longer|extended|detailed|epic)\b[\w\s,'-]{0,20}$")
_EN_MANY = re.compile(r"\b(two|three|four|five|a pair of|several|a few)\s+(?:[a-z,']+\s+){0,2}$")


@dataclass(frozen=True)
class LengthBand:
    """Units the request calls for: `lower` (a floor, > 0) and `upper` (None: no ceiling)."""

    lower: float
    upper: float | None
    source: str  # "constraint", "form:<word>" or "default"

    def shortfall(self, units: float) -> float:
        return max(0.0, 1.0 - units / self.lower)

    def overshoot(self, units: float) -> float:
        if self.upper is None:
            return 0.0
        return min(1.0, max(0.0, units / self.upper - 1.0))


def _lang(prompt: str) -> str:
    from rlmr.constraints.extract import detect_lang

    return detect_lang(prompt)


def _form_band(prompt: str, lang: str) -> tuple[float, float | None, str] | None:
    """The first form word of the prompt, with its (lower, upper), scaled by its modifiers."""
    text = prompt.lower()
    tiers = (FORMS_ZH, FALLBACK_ZH) if lang == "zh" else (FORMS_EN, FALLBACK_EN)
    best: tuple[int, str, int, int | None] | None = None
    for forms in tiers:
        for pattern, lower, upper in forms:
            rx = pattern if lang == "zh" else rf"\b(?:{pattern})\b"
            m = re.search(rx, text)
            if m and (best is None or m.start() < best[0]):
                best = (m.start(), m.group(0), lower, upper)
        if best is not None:
            break
    if best is None:
        return None
    start, word, lower, upper = best
    before = text[max(0, start - 30) : start]
    scale = 1.0
    if lang == "zh":
        window = text[max(0, start - 8) : start + len(word) + 2]
        if re.search(r"长文", window):
            scale *= LONG_SCALE
        elif re.search(r"短|简|小", window) and "小说" not in word:
            scale *= SHORT_SCALE
        if "文言" in text:
            scale *= CLASSICAL_SCALE
        count = re.search(r"([两二三四五几])[首篇则封个段]", text[max(0, start - 20) : start + len(word)])
        if count:
            scale *= _ZH_COUNT[count.group(1)]
    else:
        if word.startswith("short stor"):
            scale *= SHORT_SCALE
        elif _EN_VERY.search(before):
            scale *= VERY_SHORT_SCALE
        elif _EN_SHORT.search(before):
            scale *= SHORT_SCALE
        elif _EN_LONG.search(before):
            scale *= LONG_SCALE
        many = _EN_MANY.search(before)
        if many:
            scale *= _EN_COUNT[many.group(1)]
    name = "词" if lang == "zh" and word.startswith("首") else word
    return lower * scale, (None if upper is None else upper * scale), f"form:{name}"


def _constraint_band(prompt: str, lang: str) -> tuple[float | None, float | None]:
    """(lower, upper) from the counts the prompt states; None where it states none."""
    from rlmr.constraints.extract import extract

    lower: float | None = None
    upper: float | None = None

    def bound(low: float | None, high: float | None) -> None:
        nonlocal lower, upper
        if low is not None:
            lower = low if lower is None else max(lower, low)
        if high is not None:
            upper = high if upper is None else min(upper, high)

    for item in extract(prompt, lang, soft=False):
        spec = item.spec
        cid = spec["id"]
        if cid == "length_constraints:number_words":
            n = spec["num_words"]
            bound(n, None) if spec["relation"] == "at least" else bound(None, n - 1)
        elif cid == "length_constraints:number_sentences":
            n = spec["num_sentences"] * PER_UNIT["sentence"][lang]
            bound(LOWER_SHARE_OF_COUNT * n, None) if spec["relation"] == "at least" else bound(None, None)
        elif cid in ("cw:word_count", "cw:char_count", "cw:mixed_count"):
            _bound_relation(spec, 1.0, exact=True, bound=bound)
        elif cid in ("cw:sentence_count", "cw:line_count", "cw:paragraph_count"):
            per = PER_UNIT[cid.split(":")[1].split("_")[0]][lang]
            if cid == "cw:line_count":
                per = _chars_per_line(prompt, lang) or per
            _bound_relation(spec, per, exact=False, bound=bound)
        elif cid == "length_constraints:number_paragraphs":
            bound(LOWER_SHARE_OF_COUNT * spec["num_paragraphs"] * PER_UNIT["paragraph"][lang], None)
    return lower, upper


def _chars_per_line(prompt: str, lang: str) -> int | None:
    from rlmr.constraints.extract import extract

    for item in extract(prompt, lang, soft=False):
        if item.spec["id"] == "cw:chars_per_line":
            return int(item.spec["n"])
    return None


def _bound_relation(spec: dict, per: float, *, exact: bool, bound) -> None:
    """A `cw:` count relation in units. Direct unit counts bound both ways; counts of
    sentences or lines only set a floor (their length per item varies too much for a ceiling)."""
    rel, n = spec["relation"], spec["n"] * per
    n_max = spec.get("n_max")
    share = 1.0 if exact else LOWER_SHARE_OF_COUNT
    if rel == "at_least":
        bound(share * n, None)
    elif rel == "at_most":
        bound(None, n if exact else None)
    elif rel == "between":
        bound(share * n, (n_max * per) if exact and n_max else None)
    elif rel in ("exactly", "about"):
        tol = 0.8 if rel == "exactly" else 0.7
        bound((tol if exact else share) * n, (n / tol) if exact else None)


@functools.lru_cache(maxsize=4096)
def band_for(prompt: str) -> LengthBand:
    """The length band the prompt asks for (see the module docstring)."""
    lang = _lang(prompt)
    form = _form_band(prompt, lang)
    low, high = _constraint_band(prompt, lang)
    if form is not None:
        lower, form_upper, source = form
    else:
        lower, form_upper, source = float(DEFAULT_LOWER[lang]), None, "default"
    upper = high if high is not None else form_upper
    if low is not None:
        lower, source = low, "constraint"
    elif high is not None:
        lower, source = min(lower, UPPER_FLOOR_SHARE * high), "constraint"
    if upper is not None:
        lower = min(lower, upper)
    return LengthBand(max(1.0, float(lower)), None if upper is None else float(upper), source)


def below_floor(prompt: str, response: str) -> bool:
    """Shorter than the floor its prompt asks for: the brevity hack's footprint, logged in training
    (`length/below_floor`), in eval and in the ablation table, and a violation under
    `reward.length_floor: fail`."""
    return band_for(prompt).shortfall(len(textstats.units(response))) > 0.0
