"""Chinese extraction: 字数, 行数, 段落, 句数, 标题, 藏头, 押韵, 五言/七言, 禁用词, 关键词,
开头/结尾 and 逗号, all as `cw:*` ids (plus keywords:existence for required words).

Counts share one grammar: comparator (不超过 / 以内 / 至少 / 不少于 / 少于 / 多于 / 左右 / N-M)
+ number (digits or 三百 / 两) + unit. A number after 第 is an ordinal ("第三人称") and never a
count. 句 counts lines in verse prompts (诗, 词, 歌) and sentences elsewhere; a bare 字 count
("一篇800字的文章") is a target, read as `about`.
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import ExtractedConstraint, found
from rlmr.constraints.extract.numbers import ZH_NUMBER, parse_zh
from rlmr.constraints.extract.zh_forms import extract_forms

_AT_MOST = r"不超过|不多于|不得超过|不能超过|不要超过|不可超过|别超过|最多|至多|控制在|限制在|限定在|上限为?"
_LESS = r"少于|不到|低于|不足|小于"
_AT_LEAST = r"至少|不少于|不低于|最少|不得少于|不能少于|不要少于|下限为?"
_MORE = r"多于|超过|大于|高于"
_ABOUT = r"大约|大概|约|左右"
_EXACT = r"正好|恰好|刚好|整整|恰为|必须是|只能是|只(?:写|用|分|有)?|仅(?:写|用|分|有)?"
_PRE = rf"(?P<at_most>{_AT_MOST})|(?P<less>{_LESS})|(?P<at_least>{_AT_LEAST})|(?P<more>{_MORE})|(?P<about>{_ABOUT})|(?P<exact>{_EXACT})"
_POST = r"(?P<p_at_most>以内|之内|以下)|(?P<p_at_least>以上)|(?P<p_about>左右|上下)"
_UNIT = r"(?P<unit>个?汉字|个?字(?!母|数|体|幕|典|词|句)|行(?!为|动|业|走|程|人)|个?段落|段(?!时|话)|句话|个?句子|句(?!式|型|号|中|台词|对白|对话))"
_NUM = rf"(?<![第前后末\d零〇一二两三四五六七八九十百千万])(?P<n>{ZH_NUMBER})(?:\s*(?:-|~|～|—|到|至)\s*(?P<m>{ZH_NUMBER}))?"
_FILLER = r"(?:要有|需要|要|有|写|分成|分为|分)?"
_FORWARD = re.compile(rf"(?:(?:{_PRE}){_FILLER}\s*)?{_NUM}\s*{_UNIT}(?:\s*(?:{_POST}))?")
_REVERSE = re.compile(rf"(?P<runit>字数|篇幅|行数|段落数|段数|句数)(?:要|需要|应|应该|须|必须|请)?(?:控制)?(?:在)?\s*(?:(?:{_PRE})\s*)?{_NUM}\s*(?P<tunit>个?字|行|段落?|句话|个?句子|句)?(?:\s*(?:{_POST}))?")
_VERSE = re.compile(r"诗|(?:宋|填|首|阕|阙|歌)词|词牌|歌|绝句|律诗|韵|[五七](?:绝|律|言)")
_CAPTURED = r"[“\"「『‘'](?P<w>[^”\"」』’'\n]{1,30})[”\"」』’']"
_CAPTURED2 = _CAPTURED.replace("?P<w>", "?P<w2>")


def _relation(m: re.Match) -> dict | None:
    n, n2 = parse_zh(m.group("n")), parse_zh(m.group("m")) if m.group("m") else None
    if not n:
        return None
    g = m.groupdict()
    if n2:
        return {"relation": "between", "n": n, "n_max": n2} if n2 > n else None
    if g.get("at_most") or g.get("p_at_most"):
        return {"relation": "at_most", "n": n}
    if g.get("less"):
        return {"relation": "at_most", "n": n - 1} if n > 1 else None
    if g.get("at_least") or g.get("p_at_least"):
        return {"relation": "at_least", "n": n}
    if g.get("more"):
        return {"relation": "at_least", "n": n + 1}
    if g.get("about") or g.get("p_about"):
        return {"relation": "about", "n": n}
    return {"relation": "exactly", "n": n, "bare": not g.get("exact")}


def _unit_id(unit: str, prompt: str, start: int) -> str | None:
    if "字" in unit:
        return "cw:char_count"
    if unit.startswith("行") or unit == "行数":
        return "cw:line_count"
    if "段" in unit:
        return "cw:paragraph_count"
    if unit in ("句话", "句子", "个句子") or "句" in unit and not _VERSE.search(prompt):
        return "cw:sentence_count"
    return "cw:line_count"


# "大约430个字（误差不超过86个字）": the slack of an approximate count, not a count of its own.
_SLACK = re.compile(rf"[（(，,]?\s*(?:误差|上下浮动|浮动|偏差|出入|上下)(?:不超过|不要超过|在|控制在)?(?:正负)?\s*(?P<n>{ZH_NUMBER})\s*个?字(?:以内|之内)?")


# Words before a number that place text on a line rather than count lines ("标题单独一行").
_PLACE = re.compile(r"(?:单独|独占|各占|占|对应|另起|另|空出?|隔)$")
_SLACK_BEFORE = re.compile(r"(?:误差|上下浮动|浮动|偏差|出入)(?:不超过|不要超过|在|控制在)?(?:正负)?\s*$")


def counts(prompt: str) -> list[ExtractedConstraint]:
    out = []
    taken: list[tuple[int, int]] = []
    for pattern in (_REVERSE, _FORWARD):
        for m in sorted(pattern.finditer(prompt), key=lambda m: m.start()):
            if any(s <= m.start("n") < e for s, e in taken):
                continue
            unit = m.group("runit") if "runit" in m.groupdict() and m.group("runit") else m.group("unit")
            if unit == "篇幅":  # "篇幅不要超过八行" counts lines; a bare "篇幅不超过600" counts characters
                unit = m.group("tunit") or "字"
            rel = _relation(m)
            if rel is None:
                continue
            left = prompt[max(0, m.start() - 4):m.start()]
            if re.search(r"空$", prompt[max(0, m.start("n") - 1):m.start("n")]):
                continue  # "段与段之间空一行": a blank line, not a count
            if re.search(r"(?<![。！？!?.])[”」』\"'’]\s*(?:这|那|共|等)?$", prompt[max(0, m.start("n") - 3):m.start("n")]):
                continue  # "藏“春夏秋冬”四个字" counts the quoted characters, not the response
            if _PLACE.search(prompt, 0, m.start("n")):
                continue  # "单独一行", "每个字母对应一行", "另起一行": where something goes, not a count
            if _SLACK_BEFORE.search(prompt, 0, m.start()):
                continue  # "误差不超过20个字": the slack of an approximate count, never a count of its own
            if re.match(r"一(?:句|行)一(?:句|行)", prompt[m.start("n"):m.start("n") + 4]) or re.search(r"一(?:句|行)$", prompt[max(0, m.start("n") - 2):m.start("n")]):
                continue  # "一句一行": one sentence per line, not a count
            if unit.startswith("段") and rel == {"relation": "exactly", "n": 1, "bare": True}:
                continue  # "写一段…" is "a passage", not a paragraph count
            if re.search(r"每(?:一)?(?:节|首|章|段|组)(?:都|各)?(?:有|写|是|为)?$", left) and not unit.startswith("段"):
                continue  # "每节四行" counts per stanza, not in the whole response
            if re.search(r"每(?:一)?(?:行|句|段)(?:的)?$|每(?:一)?(?:行|句)(?:都)?(?:是|为|写)?$", left) and "字" in unit:
                taken.append((m.start(), m.end()))
                continue  # "每行七个字" is a per-line width (chars_per_line)
            cid = _unit_id(unit, prompt, m.start())
            bare = rel.pop("bare", False)
            if cid == "cw:char_count" and bare:
                rel["relation"] = "about"
            slack = _SLACK.match(prompt, m.end())
            if rel["relation"] == "about" and slack and parse_zh(slack.group("n")):
                rel["tolerance"] = round(parse_zh(slack.group("n")) / rel["n"], 4)
                taken.append((slack.start(), slack.end()))
            out.append(found(prompt, {"id": cid, **rel}, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return out


_WIDTH = re.compile(rf"(?P<k>[五七])(?:言|绝|律)|每(?:一)?(?:行|句)(?:都)?(?:是|为|写)?(?P<n>{ZH_NUMBER})个?字")
_FORM = {"绝句": 4, "律诗": 8, "五绝": 4, "七绝": 4, "五律": 8, "七律": 8, "排律": None}


def verse_form(prompt: str) -> list[ExtractedConstraint]:
    """五言/七言 and 每行N个字 -> cw:chars_per_line (num_lines from 绝句=4 / 律诗=8)."""
    m = _WIDTH.search(prompt)
    if not m:
        return []
    n = 5 if m.group("k") == "五" else 7 if m.group("k") == "七" else parse_zh(m.group("n"))
    spec = {"id": "cw:chars_per_line", "n": n}
    for form, lines in _FORM.items():
        if form in prompt and lines:
            spec["num_lines"] = lines
    return [found(prompt, spec, m.start(), m.end())]


def _num_lines(prompt: str, items: list[ExtractedConstraint]) -> int | None:
    for it in items:
        if it.spec["id"] == "cw:line_count" and it.spec["relation"] == "exactly":
            return it.spec["n"]
        if it.spec["id"] == "cw:chars_per_line" and it.spec.get("num_lines"):
            return it.spec["num_lines"]
    return None


# "韵脚为AABA", "押韵格式为XAXA", "按AAXA的格式押韵" ("\b" would not end a scheme glued to 的).
_SCHEME = re.compile(r"(?:韵脚|押韵|韵式|韵律)[^A-Za-z\n]{0,12}?(?<![A-Za-z])(?P<s>[A-HX]{3,16})(?![A-Za-z])"
                     r"|(?<![A-Za-z])(?P<s2>[A-HX]{3,16})(?![A-Za-z])\s*(?:的)?(?:格式|形式|模式|方式|顺序)?(?:来|进行)?(?:韵式|押韵|韵脚)")
_RHYME = re.compile(r"(?<!不)(?<!不要)(?<!无需)(?<!不用)(?<!不必)(?P<all>句句|每句都?|每行都?|全部|一韵到底)?押(?:同一个?)?韵|一韵到底|(?P<even>偶数句|双数句|隔句|二、?四句)押韵")


def rhyme(prompt: str, items: list[ExtractedConstraint]) -> list[ExtractedConstraint]:
    m = _SCHEME.search(prompt)
    if m:
        scheme = (m.group("s") or m.group("s2")).upper()
        return [found(prompt, {"id": "cw:rhyme_scheme", "scheme": scheme}, m.start(), m.end())]
    m = _RHYME.search(prompt)
    if not m or re.search(r"(?:不|无需|不用|不必|不要|不需要)(?:必|用)?(?:刻意)?(?:押韵)", prompt[max(0, m.start() - 4):m.end()]):
        return []
    lines = _num_lines(prompt, items)
    if not lines or lines < 2:
        return []
    text = m.group()
    scheme = "A" * lines if (m.groupdict().get("all") or "一韵到底" in text) else ("XA" * lines)[:lines]
    return [found(prompt, {"id": "cw:rhyme_scheme", "scheme": scheme}, m.start(), m.end())]


_TITLE = re.compile(r"(?:加上?|带上?|带有|拟(?:一个)?|起(?:一个)?|写上?|给出|配上?|要有|需有|包含|附上|取(?:一个)?|需要(?:一个)?|有)(?:一个)?(?:标题|题目)|(?:标题|题目)(?:请|要|需要)?(?:用|放在|写在|以|使用)《|《》(?:标出|括起|标注)")


def title(prompt: str) -> list[ExtractedConstraint]:
    m = _TITLE.search(prompt)
    if not m or re.search(r"(?:不要|不用|无需|不必|不需要|没有)$", prompt[max(0, m.start() - 4):m.start()]):
        return []
    s, e = max(0, m.start() - 10), min(len(prompt), m.end() + 15)
    near = prompt[s:e]
    # "（如《标题》或 # 标题）" offers either form: any title line will do.
    either = "《" in near and "#" in near and re.search(r"或|或者|也可以|都行|均可", near)
    style = "any" if either else "book" if "《" in near else "markdown" if "#" in near else "any"
    return [found(prompt, {"id": "cw:title", "style": style}, m.start(), m.end())]


_ACROSTIC = re.compile(r"藏头[^“\"「『‘'\n。]{0,12}?(?=[“\"「『‘'])|(?<=[，,。；\s])藏(?=[“\"「『‘'])|(?:每(?:一)?(?:行|句)的?(?:第一个字|首字|开头的字|开头第一个字))(?:连起来|依次|合起来|组成)?(?:是|为|组成|要是|读作)?[：:]?(?=[“\"「『‘'])")
_ACROSTIC_BEFORE = re.compile(rf"以{_CAPTURED}(?:为藏头|为头)?[^。，“”]{{0,8}}藏头")
# "把“春暖花开”四个字藏在每行开头", "将“X”依次嵌入各句句首": the quoted word hidden at the line starts.
_ACROSTIC_HIDE = re.compile(rf"(?:把|将){_CAPTURED}(?:这)?(?:{ZH_NUMBER}个字)?(?:分别|依次|逐字)?(?:藏|嵌|放)(?:在|于|进|入|到)?"
                            r"(?:每|各)(?:一)?(?:行|句)的?(?:开头|句首|行首|首字|第一个字)")


def acrostic(prompt: str) -> list[ExtractedConstraint]:
    m = _ACROSTIC.search(prompt)
    q = _QUOTED_LIST.match(prompt, m.end()) if m else None
    if q:
        word = re.sub(r"[、，,\s]", "", "".join(_quoted_terms(q.group())))
        return [found(prompt, {"id": "cw:acrostic", "word": word}, m.start(), q.end())]
    m = _ACROSTIC_BEFORE.search(prompt) or _ACROSTIC_HIDE.search(prompt)
    if m:
        return [found(prompt, {"id": "cw:acrostic", "word": m.group("w").strip()}, m.start(), m.end())]
    return []


_QUOTED_LIST = re.compile(rf"(?:{_CAPTURED})(?:\s*(?:、|，|,|和|或|以及|及|与)?\s*{_CAPTURED.replace('?P<w>', '')})*")
_BAN = re.compile(r"(?:不要|不能|不得|不许|不可|禁止|避免|切勿|别|不准|请勿|勿)(?:在[^，。]{0,8}中)?(?:使用|出现|用到|用|提到|包含|写|提及|带有|含有)(?:以下|下列|这些)?(?:的)?(?:词语|词汇|字眼|词|字)?[：:]?\s*")
_BAN_AFTER = re.compile(r"\s*(?:这(?:个|些|几个)?(?:词|字|词语|字眼)|等词|一词|二字|这几个字)?(?:都|均|也)?(?:不能|不得|不要|禁止|不可|不许|请勿)(?:在[^，。]{0,8}中)?(?:出现|使用|用)")


def _quoted_terms(text: str) -> list[str]:
    return [q.strip() for q in re.findall(_CAPTURED.replace("?P<w>", ""), text) if q.strip()]


def words(prompt: str) -> list[ExtractedConstraint]:
    out: list[ExtractedConstraint] = []
    if re.search(r"(?:不要|不能|不得|不许|不可|禁止|避免|别|勿|无)(?:使用|用|出现|带|有)?(?:任何)?逗号|禁用逗号|没有逗号|逗号[^，。；\n]{0,4}都不(?:要|能|许|准|得)?(?:用|使用|出现)", prompt):
        m = re.search(r"逗号", prompt)
        out.append(found(prompt, {"id": "cw:no_comma"}, m.start(), m.end()))
    banned, spans = [], []
    for m in _BAN.finditer(prompt):
        q = _QUOTED_LIST.match(prompt, m.end())
        if q:
            banned += _quoted_terms(q.group())
            spans.append((m.start(), q.end()))
    for q in _QUOTED_LIST.finditer(prompt):
        # "最后一句必须是“路还很长。”不要出现…": a quote that ends its sentence is not what the next one bans
        if _BAN_AFTER.match(prompt, q.end()) and not re.search(r"[。！？!?]\s*[”」』\"'’]$", q.group()):
            banned += _quoted_terms(q.group())
            spans.append((q.start(), q.end()))
    if banned:
        spec = {"id": "cw:banned_words", "words": list(dict.fromkeys(banned))}
        out.append(found(prompt, spec, min(s for s, _ in spans), max(e for _, e in spans)))
    required, rspans = [], []
    for m in re.finditer(r"(?:包含|包括|用到|使用|出现|提到|含有|嵌入|融入|带上|加入)(?:以下|下列|这些)?(?:的)?(?:关键词|关键字|词语|词汇|词)?[：:]?\s*", prompt):
        q = _QUOTED_LIST.match(prompt, m.end())
        if re.search(r"(?:不|禁止|避免|勿|别|无)\w?$", prompt[max(0, m.start() - 3):m.start()]):
            continue
        if q and not re.match(r"\s*(?:开头|结尾|为题|作为标题)", prompt[q.end():]):
            required += [t for t in _quoted_terms(q.group()) if t not in banned]
            rspans.append((m.start(), q.end()))
    if required:
        spec = {"id": "keywords:existence", "keywords": list(dict.fromkeys(required))}
        out.append(found(prompt, spec, min(s for s, _ in rspans), max(e for _, e in rspans)))
    return out


_START = re.compile(rf"以{_CAPTURED}(?:这句话|这个词|一词|二字|这几个字)?(?:作为)?(?:开头|开始|起笔|开篇|起头)|(?:开头|第一句|首句|开篇)(?:必须|要|需要|应该|请)?(?:是|为|用|写)(?:这句话)?[：:]?{_CAPTURED2}")
_END = re.compile(rf"以{_CAPTURED}(?:这句话|这个词|一词|二字|这几个字)?(?:作为)?(?:结尾|结束|收尾|作结|收束|结束全文)|(?:结尾|最后一句|末句|结束语|结语)(?:必须|要|需要|应该|请)?(?:是|为|用|写|落在|停在)(?:这句话)?[：:]?{_CAPTURED2}")


def start_end(prompt: str) -> list[ExtractedConstraint]:
    out = []
    for cid, pattern in (("cw:starts_with", _START), ("cw:ends_with", _END)):
        m = pattern.search(prompt)
        if m and not re.search(r"每(?:一)?(?:行|句|段)(?:都)?$", prompt[max(0, m.start() - 3):m.start()]):
            out.append(found(prompt, {"id": cid, "phrase": (m.group("w") or m.group("w2")).strip()}, m.start(), m.end()))
    return out


def extract_zh(prompt: str) -> list[ExtractedConstraint]:
    items = verse_form(prompt)
    width = items[0].spec if items else None
    for c in counts(prompt):
        # "七言绝句，共四句" restates the form: the width constraint already fixes the line count.
        if width and c.spec["id"] == "cw:line_count" and c.spec.get("relation") == "exactly" and c.spec["n"] == width.get("num_lines"):
            continue
        items.append(c)
    forms = extract_forms(prompt)
    turns = [f.span for f in forms if f.spec["id"] == "cw:dialogue"]
    items = [i for i in items if not any(s <= i.span[0] < e for s, e in turns)]
    counted = {f.spec["keyword"] for f in forms if f.spec["id"] == "cw:keyword_count"}
    for item in words(prompt):
        if item.spec["id"] == "keywords:existence":
            rest = [k for k in item.spec["keywords"] if k not in counted]
            if not rest:
                continue
            item = found(prompt, {**item.spec, "keywords": rest}, *item.span)
        items.append(item)
    items += rhyme(prompt, items) + title(prompt) + acrostic(prompt) + start_end(prompt) + forms
    return items
