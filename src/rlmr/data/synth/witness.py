"""Witness responses: a text that passes every constraint of a record, built from its specs.

A witness proves that a record's constraints can all hold at once (the acceptance test for the
bundled sets runs it on a sample). It is built, not searched: a layout (title, lines or
sentences and paragraphs, start and end phrases, keywords, acrostic letters, rhyme words) is
filled with plain filler words or characters, then the counts the constraints limit are measured
with the verifier's own counters and the layout is corrected until they land on target. The
final verdict always comes from `rlmr.constraints`, so a witness can never pass by our say-so.
The texts are nonsense on purpose: they show satisfiability, not quality.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from rlmr.data.conflicts import count_range, implied_lines

# One-syllable English words (checked against the CMU dictionary): filler that keeps syllables exact.
EN_FILLER = (
    "ash bark bell bird blue boat bone brick brook cake cart chalk cloud coal coat corn crow deer desk dog "
    "dove drum dust elm egg fern field fig fish flag flame flint fog frog fruit gate glass goat grain grass gull "
    "hail hall hand hat hawk hay hill hive horn hut ice ink jar jay kelp kite knot lake lamp lark leaf lime loom "
    "map mast mill mint mist moss moth mouse nest net nut oak oar owl pail path peach pear pine pond pot quilt reed "
    "ring rock roof root rope rose rust sail sand seed shed ship shore silk slate smoke snail soap sock soup spoon "
    "stair stem straw stream swan tea tent thread toad toast trunk twig vale vine wall wave wheat wheel wing wolf "
    "wool wren yard yarn yew zinc"
).split()
EN_JOINERS = ("the", "and", "of", "in")
EN_INITIALS = dict(zip("abcdefghijklmnopqrstuvwyz", (
    "ash bark calm deep east faint green high ink jade kind late mild near oak pale quick red slow tall up vast "
    "wild young zest").split()))
EN_RHYMES = [g.split() for g in (
    "day way play stay gray bay", "night bright sight flight white kite", "free tree see key three glee",
    "sun run done fun spun won", "stone bone cone tone zone known", "rain plain lane chain train main",
    "sky high fly sigh dry shy", "bell well shell spell smell tell", "cold gold old bold fold told")]
EN_FREE_END = "field"
# Common characters with no function words among them; filler for Chinese text.
ZH_FILLER = (
    "山水花草木林石风云雪雨霜露星辰江河湖海溪泉桥船帆岸沙田园村镇城楼台亭阁窗门墙院路街巷灯火烟茶酒琴棋书画"
    "纸笔墨砚松竹梅兰菊柳桃杏李枫荷莲稻麦豆瓜果鸟鱼虫马牛羊鹿鹤燕雁蝶蜂春夏秋冬早晚晨昏朝暮南北东西左右上下"
    "红黄绿青白黑蓝紫金银铜铁玉珠衣帽鞋伞灯车钟鼓歌舞诗词声影光色香味心手足眼耳口头发肩背衣巾布锦绣针线"
).replace("灯", "", 1)
ZH_RHYMES = ("天边年前田眠千连仙烟", "江乡长光霜凉窗堂香阳")
ZH_FREE_END = "路"
EN_TITLE, ZH_TITLE = "Untitled", "无题"


@dataclass
class Layout:
    """What the text looks like; `body` is the number of filler units (words or characters)."""

    lang: str
    verse: bool
    body: int = 60
    sentences: int = 5
    paragraphs: int = 1
    lines: int = 8
    stanzas: int = 1
    per_line: int | None = None       # fixed characters (zh) per line
    syllables: list[int] | None = None
    title: str | None = None          # "angle" | "markdown" | "book"
    start: str = ""
    end: str = ""
    postscript: str = ""
    acrostic: list[str] = field(default_factory=list)
    scheme: str = ""
    keyword: str = ""
    keyword_times: int = 0
    banned: set[str] = field(default_factory=set)
    turns: int = 0
    turn_style: str = "script"
    lowercase: bool = False
    uppercase: bool = False
    quoted: bool = False
    placeholder: bool = False
    highlight: bool = False
    divider: bool = False  # IFEval paragraphs: separated by *** instead of a blank line


def _layout(specs: list[dict[str, Any]], lang: str) -> Layout:
    by_id = {s["id"]: s for s in specs}
    verse = any(implied_lines(s) for s in specs) or "cw:line_count" in by_id or "cw:stanza_count" in by_id
    lay = Layout(lang=lang, verse=verse)
    for spec in specs:
        _apply(lay, spec)
    if lay.start and "detectable_format:title" in by_id and "cw:title" not in by_id:
        lay.start, lay.title = f"{lay.start} <<{EN_TITLE}>>", None  # IFEval's title may sit anywhere
    if "cw:acrostic" in by_id and lang == "en":
        lay.acrostic = [c for c in by_id["cw:acrostic"]["word"].lower() if c.isalpha()]
    return lay


def _apply(lay: Layout, spec: dict[str, Any]) -> None:
    cid = spec["id"]
    lines = implied_lines(spec)
    if lines:
        lay.lines = lines
    if cid == "cw:syllable_pattern":
        lay.syllables = list(spec["pattern"])
    elif cid == "cw:chars_per_line":
        lay.per_line = spec["n"]
    elif cid == "cw:rhyme_scheme":
        lay.scheme = spec["scheme"]
    elif cid == "cw:acrostic":
        lay.acrostic = [c for c in spec["word"] if not c.isspace()]
    elif cid == "cw:title":
        lay.title = {"any": "book" if lay.lang == "zh" else "angle"}.get(spec.get("style", "any"), spec.get("style"))
    elif cid == "detectable_format:title":
        lay.title = "angle"
    elif cid == "cw:starts_with":
        lay.start = spec["phrase"].strip()
    elif cid in ("cw:ends_with", "startend:end_checker"):
        lay.end = spec.get("phrase", spec.get("end_phrase", "")).strip()
    elif cid == "detectable_content:postscript":
        lay.postscript = spec["postscript_marker"]
    elif cid == "cw:keyword_count":
        lay.keyword, lay.keyword_times = spec["keyword"], spec["n"] if spec["relation"] != "at_most" else 0
    elif cid in ("cw:banned_words", "keywords:forbidden_words"):
        lay.banned |= {w.lower() for w in spec.get("words", spec.get("forbidden_words", ()))}
    elif cid == "cw:dialogue":
        lay.turns, lay.turn_style = spec["min_turns"] + 1, spec.get("style", "script")
    elif cid == "change_case:english_lowercase":
        lay.lowercase = True
    elif cid == "change_case:english_capital":
        lay.uppercase = True
    elif cid == "startend:quotation":
        lay.quoted = True
    elif cid == "detectable_content:number_placeholders":
        lay.placeholder = True
    elif cid == "detectable_format:number_highlighted_sections":
        lay.highlight = True
    elif cid == "length_constraints:number_paragraphs":
        lay.paragraphs, lay.divider = spec["num_paragraphs"], True


def _pick(rng: tuple[float, float], default: int) -> int:
    """A count inside an inclusive range, near `default` when the range allows it."""
    lo, hi = rng
    if lo <= default <= hi:
        return default
    return int(lo) if default < lo else int(hi)


def _targets(specs: list[dict[str, Any]], lay: Layout) -> list[tuple[dict[str, Any], str, int]]:
    """(spec, layout field, target count) for every count the layout must hit."""
    targets = []
    for spec in specs:
        rng = count_range(spec)
        cid = spec["id"]
        if cid == "cw:keyword_count":
            targets.append((spec, "keyword_times", lay.keyword_times))
        if rng is None or cid == "cw:chars_per_line":
            continue
        knob = {"cw:sentence_count": "sentences", "length_constraints:number_sentences": "sentences",
                "cw:paragraph_count": "paragraphs", "cw:line_count": "lines", "cw:stanza_count": "stanzas"}.get(cid, "body")
        mid = (rng[0] + rng[1]) / 2 if math.isfinite(rng[1]) else rng[0] * 1.1 + 2
        targets.append((spec, knob, _pick(rng, int(mid))))
    return targets


def witness(specs: list[dict[str, Any]], lang: str = "en") -> str | None:
    """A text passing every spec under strict verification, or None when construction fails."""
    from rlmr.constraints import build

    lay = _layout(specs, lang)
    targets = _targets(specs, lay)
    for _, knob, target in targets:
        setattr(lay, knob, max(0 if knob == "keyword_times" else 1, target))
    if not lay.verse:
        lay.sentences = max(lay.sentences, lay.paragraphs, 1)
        if not any(k == "sentences" for _, k, _ in targets):
            lay.sentences = max(lay.paragraphs, min(8, lay.body // 8 or 1))
    checks = [build(s) for s in specs]
    for _ in range(8):
        text = render(lay)
        moved = False
        for spec, knob, target in targets:
            found = _count(checks[specs.index(spec)], spec, text)
            if found is not None and found != target:
                floor = 0 if knob == "keyword_times" else 1
                setattr(lay, knob, max(floor, getattr(lay, knob) + target - found))
                moved = True
        if not moved:
            break
    text = render(lay)
    return text if all(c.check(text).passed for c in checks) else None


def _count(check: Any, spec: dict[str, Any], text: str) -> int | None:
    if hasattr(check, "count"):
        return check.count(text)
    if spec["id"] == "length_constraints:number_words":
        return len(re.findall(r"\w+", text))
    if spec["id"] == "cw:keyword_count":
        from rlmr.constraints.writing_words import occurrences

        return occurrences(text.casefold().replace("’", "'"), spec["keyword"].strip().casefold())
    return None


def render(lay: Layout) -> str:
    parts = [_title(lay)] if lay.title else []
    if lay.lang == "zh":
        from rlmr.data.synth.witness_zh import render_body
    else:
        from rlmr.data.synth.witness_en import render_body
    body = render_body(lay)
    if lay.divider:
        body = body.replace("\n\n", "\n***\n")
    if lay.placeholder:
        body += " [name]"
    if lay.highlight:
        body = "*" + body.replace("\n", " ", 1) + "*" if "\n" not in body else "*note* " + body
    parts.append(body)
    text = "\n".join(parts)
    text = text.lower() if lay.lowercase else text.upper() if lay.uppercase else text
    return f'"{text}"' if lay.quoted else text


def _title(lay: Layout) -> str:
    name = ZH_TITLE if lay.lang == "zh" else EN_TITLE
    return {"angle": f"<<{name}>>", "markdown": f"# {name}", "book": f"《{name}》"}[lay.title]


def split_evenly(total: int, parts: int) -> list[int]:
    """`total` as `parts` near-equal non-negative integers."""
    parts = max(1, parts)
    base, extra = divmod(max(0, total), parts)
    return [base + (i < extra) for i in range(parts)]
