"""Chinese rules for the forms `zh` leaves out: 节 (stanzas), 对话轮数 (dialogue), 关键词次数
(keyword counts), 重复次数 (word repetition) and 音节格式 (syllable patterns), all `cw:*` ids.

Comparators are read as in `zh` (不超过 / 至少 / 恰好 ...); a count with no comparator is exact.
"""

from __future__ import annotations

import re

from rlmr.constraints.extract.common import ExtractedConstraint, found
from rlmr.constraints.extract.numbers import ZH_NUMBER, parse_zh

_CMP_AT_MOST = r"不超过|不多于|不得超过|不能超过|不要超过|不可超过|最多|至多|以内|之内|以下"
_CMP_AT_LEAST = r"至少|不少于|不得少于|不能少于|不要少于|不可少于|不低于|最少|以上"
_CMP_EXACT = r"恰好|正好|刚好|只能|仅|只"
_NUM = rf"(?<![第\d零〇一二两三四五六七八九十百千万])(?P<n>{ZH_NUMBER})"
_QUOTED = r"[“\"「『‘'](?P<w>[^”\"」』’'\n]{1,12})[”\"」』’']"


def _relation(text: str) -> str:
    if re.search(_CMP_AT_MOST, text):
        return "at_most"
    if re.search(_CMP_AT_LEAST, text):
        return "at_least"
    return "exactly"


_STANZA = re.compile(rf"(?P<pre>(?:节数|诗节数)?(?:要|需要|应|应该|须|必须)?(?:控制)?(?:在)?(?:{_CMP_AT_MOST}|{_CMP_AT_LEAST}|{_CMP_EXACT})?(?:分成?|分为|写|有)?)\s*{_NUM}\s*(?:个)?(?:诗节|节)(?!日|奏|约|目|省|课|气|点|制|能)(?P<post>以内|之内|以下|以上)?")


def stanzas(prompt: str) -> list[ExtractedConstraint]:
    """'分三节', '至少分四节', '三节的现代诗' (verse prompts only: 节 is also a festival or a class)."""
    if not re.search(r"诗|词|歌|韵", prompt):
        return []
    for m in _STANZA.finditer(prompt):
        n = parse_zh(m.group("n"))
        if n and not re.search(r"每(?:一)?$", prompt[max(0, m.start() - 2):m.start()]):
            relation = _relation((m.group("pre") or "") + (m.group("post") or ""))
            return [found(prompt, {"id": "cw:stanza_count", "relation": relation, "n": n}, m.start(), m.end())]
    return []


_TURNS = re.compile(rf"(?P<pre>{_CMP_AT_LEAST}|{_CMP_EXACT})?(?:要有|需有|包含|包括|有|写)?\s*{_NUM}\s*(?:轮|个回合|回合|(?:句|处)[^，。；;！？\n\d]{{0,10}}?(?:台词|对白|对话)|次对话)")
_ZH_SCRIPT = re.compile(r"剧本|台词|角色名|角色：|角色:|对白")
_ZH_QUOTE = re.compile(r"引号|“”|「」")


def dialogue(prompt: str) -> list[ExtractedConstraint]:
    """'至少六轮对话, 用“角色：台词”的格式' -> script; '至少四处用引号标出的对话' -> quoted."""
    if not re.search(r"对话|对白|台词|剧本", prompt):
        return []
    script_lines = re.finditer(rf"(?P<pre>{_CMP_AT_LEAST})?\s*{_NUM}\s*行", prompt) if _ZH_SCRIPT.search(prompt) else iter(())
    for m in [*_TURNS.finditer(prompt), *script_lines]:
        n = parse_zh(m.group("n"))
        if not n or (m.group("pre") and re.search(_CMP_AT_MOST, m.group("pre"))):
            continue
        if re.search(r"(?:单独|独占|各占|占|对应|另起|另|空出?|隔|每)$", prompt[max(0, m.start("n") - 2):m.start("n")]):
            continue  # "标题单独一行", "每行": where text goes, not a number of lines
        style = "quoted" if _ZH_QUOTE.search(prompt) and not re.search(r"“?角色[：:]", prompt) else "script"
        if style == "script" and not _ZH_SCRIPT.search(prompt) and re.search(r"故事|小说|场景|散文", prompt):
            style = "quoted"
        return [found(prompt, {"id": "cw:dialogue", "min_turns": n, "style": style}, m.start(), m.end())]
    return []


_TIMES = re.compile(rf"{_NUM}\s*(?:次|遍)")
_MENTION = r"出现|提到|提及|使用|用到|重复|写到"


def keyword_counts(prompt: str) -> list[ExtractedConstraint]:
    """'“故乡”一词至少出现三次', '至少提到“续航”两次', '“雨”字出现的次数不超过两次'."""
    out = []
    for q in re.finditer(_QUOTED, prompt):
        if re.search(r"[。！？!?]$", q.group("w")):
            continue  # "结尾是“灯还亮着。”同一个词最多出现3次": the quote closed its sentence
        tail = re.match(r"[^，。；;！？\n]{0,20}", prompt[q.end():]).group()
        # "文中要用到“光”，不少于两次": the count in a clause of its own right after the word
        tail += re.match(rf"(?:[，,]\s*(?:(?:{_CMP_AT_MOST}|{_CMP_AT_LEAST}|{_CMP_EXACT})\s*)?{_NUM}\s*(?:次|遍)(?=[，。；;！？\n]|$))?",
                         prompt[q.end() + len(tail):]).group()
        head = re.search(r"[^，。；;！？\n“”]{0,8}$", prompt[:q.start()]).group()
        times = _TIMES.search(tail)
        if not times or not (re.search(_MENTION, tail[:times.start()]) or re.search(rf"(?:{_MENTION})$", head)):
            continue
        if re.search(r"藏|开头|结尾|为题|标题", head + tail[:times.start()]):
            continue
        n = parse_zh(times.group("n"))
        if not n:
            continue
        window = head + tail[:times.start()]
        relation = _relation(window)
        if re.search(r"(?:不要|不能|不得|不可|别|勿)(?:超过|多于)", window):
            relation = "at_most"
        spec = {"id": "cw:keyword_count", "keyword": q.group("w").strip(), "relation": relation, "n": n}
        out.append(found(prompt, spec, q.start() - len(head), q.end() + times.end()))
    return out


_REPEAT = re.compile(
    rf"(?:任何|每个|每一个|同一个?|所有|任一)(?:实)?(?:词语?|词汇|字词)(?P<mid>[^，。；;！？\n]{{0,14}}?)(?P<cmp>超过|多于|最多|不超过|至多)(?:出现|使用|重复|用)?{_NUM}\s*次")


def word_repeat(prompt: str) -> list[ExtractedConstraint]:
    """'任何词语的重复次数都不得超过三次', '同一个词不要重复使用超过两次' -> cw:max_word_repeat."""
    for m in _REPEAT.finditer(prompt):
        n = parse_zh(m.group("n"))
        negated = re.search(r"不得|不能|不要|不可|别|勿|不", m.group("mid"))
        if n and (m.group("cmp") in ("最多", "不超过", "至多") or negated):
            return [found(prompt, {"id": "cw:max_word_repeat", "n": n}, m.start(), m.end())]
    return []


_SYLLABLES = re.compile(r"(?P<p>\d{1,2}(?:\s*[-–/、,，]\s*\d{1,2}){2,})")


def syllables(prompt: str) -> list[ExtractedConstraint]:
    """'音节按5-7-5排列' -> cw:syllable_pattern (one syllable per character)."""
    for m in _SYLLABLES.finditer(prompt):
        if re.search(r"音节", prompt[max(0, m.start() - 12):m.end() + 12]):
            return [found(prompt, {"id": "cw:syllable_pattern", "pattern": [int(x) for x in re.findall(r"\d+", m.group("p"))]}, m.start(), m.end())]
    return []


def extract_forms(prompt: str) -> list[ExtractedConstraint]:
    return stanzas(prompt) + dialogue(prompt) + keyword_counts(prompt) + word_repeat(prompt) + syllables(prompt)
