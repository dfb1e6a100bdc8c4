"""Chinese phrasings: several ways to ask for each constraint, and for the piece itself.

Same idea as `phrasing_en`: several templates per constraint, numbers as digits or Chinese
numerals, constraints placed before, after, or in a list.
"""

from __future__ import annotations

import random
from typing import Any

from rlmr.data.synth.numbers import say, stated_slack

REQUESTS = (
    "请以“{topic}”为题，写{form}。", "写{form}，主题是{topic}。", "围绕{topic}创作{form}。", "我想要{form}，写写{topic}。",
    "请创作{form}，描写{topic}。", "以{topic}为主题，写{form}。", "帮我写{form}，内容关于{topic}。", "请用{form}来表现{topic}。",
)

_COUNT = {
    "at_most": ("不超过{n}{unit}。", "{unit2}控制在{n}{unit}以内。", "最多{n}{unit}。", "篇幅不要超过{n}{unit}。"),
    "at_least": ("不少于{n}{unit}。", "至少写{n}{unit}。", "{unit2}不能少于{n}{unit}。"),
    "exactly": ("恰好{n}{unit}。", "必须正好是{n}{unit}，不多不少。"),
    "between": ("{unit2}在{n}到{m}{unit}之间。", "写{n}至{m}{unit}。", "篇幅为{n}～{m}{unit}（含两端）。"),
    "about": ("{n}{unit}左右，上下浮动不超过{k}{unit}。", "大约{n}{unit}（误差不超过{k}{unit}）。"),
}
_UNITS = {"cw:char_count": ("个字", "字数"), "cw:sentence_count": ("句话", "句子数"), "cw:paragraph_count": ("段", "段落数"),
          "cw:line_count": ("行", "行数"), "cw:stanza_count": ("节", "节数"), "cw:word_count": ("个字", "字数"),
          "cw:mixed_count": ("个字", "字数")}
_EXTRA = {"cw:char_count": ("（标点不计）", ""), "cw:paragraph_count": ("段与段之间空一行。", ""),
          "cw:stanza_count": ("节与节之间空一行。", "")}

_FIXED: dict[str, tuple[str, ...]] = {
    "cw:chars_per_line": ("每句{n}个字，共{L}句。", "全诗{L}行，每行{n}字（标点不计）。", "要求{nn}言{L}句，一句一行。"),
    "cw:rhyme_scheme": ("押韵格式为{scheme}（字母相同的句子押韵，X不限）。", "按{scheme}的格式押韵，每个字母对应一行。"),
    "cw:acrostic": ("写成藏头诗，各行首字连起来是“{word}”。", "每行第一个字依次为“{chars}”。", "把“{word}”四个字藏在每行开头。"),
    "cw:starts_with": ("以“{phrase}”开头。", "开头必须是“{phrase}”这几个字。", "第一句以“{phrase}”起笔。"),
    "cw:ends_with": ("以“{phrase}”结尾。", "最后一句必须是“{phrase}”", "全文结尾要落在“{phrase}”上。"),
    "cw:title/book": ("第一行写上标题，用书名号《》括起来。", "请在开头单独一行给出标题，格式如《标题》。"),
    "cw:title/any": ("第一行要有标题（如《标题》或 # 标题）。", "先写一个标题，单独成行，《标题》或 # 标题都可以。"),
    "cw:banned_words": ("不要出现{words}这些词。", "全文禁止使用{words}。", "避免用到{words}。"),
    "cw:keyword_count/at_least": ("“{keyword}”至少出现{n}次。", "文中要用到“{keyword}”，不少于{n}次。"),
    "cw:keyword_count/exactly": ("“{keyword}”恰好出现{n}次。", "“{keyword}”必须正好出现{n}次，不能多也不能少。"),
    "cw:no_comma": ("全文不要使用逗号（，）和顿号（、）。", "不得出现任何逗号或顿号。", "一个逗号都不要用。"),
    "cw:max_word_repeat": ("同一个实词最多出现{n}次。", "任何实词都不要重复超过{n}次。"),
    "cw:dialogue/script": ("用剧本格式，每行“人名：台词”，至少{n}行对白，至少两个人物。", "写成对白体：每行以“角色名：”开头，不少于{n}行，两个或更多角色。"),
    "cw:dialogue/quoted": ("至少包含{n}句用引号括起来的对白。", "文中要有不少于{n}处引号中的人物对话。"),
}


def _liang(number: str) -> str:
    """Before a measure word two is 两, not 二 (两次, 两段)."""
    return "两" if number == "二" else number


def _key(spec: dict[str, Any]) -> str:
    cid = spec["id"]
    for kwarg in ("relation", "style"):
        if f"{cid}/{spec.get(kwarg)}" in _FIXED:
            return f"{cid}/{spec[kwarg]}"
    return cid


def describe(spec: dict[str, Any], rng: random.Random) -> str:
    """One natural-language (Chinese) statement of a spec."""
    cid = spec["id"]
    n = spec.get("n", spec.get("min_turns"))
    values = {**spec, "n": _liang(say(n, "zh", rng)) if isinstance(n, int) else n}
    if cid in _UNITS:
        relation = spec.get("relation", "exactly")
        unit, unit2 = _UNITS[cid]
        values.update(unit=unit, unit2=unit2, m=_liang(say(spec.get("n_max", 0), "zh", rng)),
                      k=stated_slack(spec))
        extra = rng.choice(_EXTRA.get(cid, ("",)))
        return rng.choice(_COUNT[relation]).format(**values).rstrip("。") + extra.rstrip("。") + "。"
    if cid == "cw:chars_per_line":
        values.update(L=say(spec.get("num_lines", 4), "zh", rng, words_share=0.85), nn="五" if spec["n"] == 5 else "七")
        values["n"] = say(spec["n"], "zh", rng, words_share=0.7)
    if cid == "cw:acrostic":
        values["chars"] = "、".join(spec["word"])
    if "words" in spec:
        values["words"] = "".join(f"“{w}”" for w in spec["words"])
    return rng.choice(_FIXED[_key(spec)]).format(**values)


def assemble(request: str, clauses: list[str], rng: random.Random) -> str:
    """Place the constraint statements around the request in one of several layouts."""
    layout = rng.choice(("after", "after", "before", "list", "numbered"))
    if layout == "list" and clauses:
        return request + "\n要求：\n" + "\n".join(f"- {c}" for c in clauses)
    if layout == "numbered" and clauses:
        return request + rng.choice(("要求：", "具体要求如下：")) + "".join(f"{i}. {c}" for i, c in enumerate(clauses, 1))
    if layout == "before" and clauses:
        return "".join(clauses) + request
    return request + "".join(clauses)
