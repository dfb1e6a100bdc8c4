"""The writing forms the synthesiser knows, with the structure and length each one suits.

A form fixes what a good response looks like: a haiku has three lines of 5-7-5 syllables, a
五言绝句 four lines of five characters, a flash fiction piece a few hundred words. `length` is
the range (English words, Chinese characters) a good response naturally falls in; the length
limits drawn for a prompt stay inside it, so every limit can be met by a good response.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    genre: str                 # stable key stored in the record
    lang: str                  # "en" | "zh"
    names: tuple[str, ...]     # how prompts name it ("a haiku", "一首五言绝句")
    kind: str                  # "verse" | "prose" | "dialogue"
    length: tuple[int, int]    # natural length of a good response (words, or characters for zh)
    lines: tuple[str, ...] = ()  # structural line constraints that suit it (see specs.LINE_MAKERS)
    line_rate: float = 0.5     # share of prompts that get one of them
    slots: tuple[str, ...] = ()  # constraint slots that suit it; empty = the defaults of its kind
    requests: tuple[str, ...] = ()  # form-specific request templates; empty = the language's generic ones

    def slot_names(self) -> tuple[str, ...]:
        return self.slots or (_VERSE_SLOTS if self.kind == "verse" else _PROSE_SLOTS)


_VERSE_SLOTS = ("length", "stanza", "title", "end", "lexical", "punct", "case")
_PROSE_SLOTS = ("length", "shape", "start", "title", "end", "lexical", "punct", "case")

EN_FORMS = (
    Form("haiku", "en", ("a haiku", "a haiku poem", "a three-line haiku"), "verse", (10, 20),
         ("syllables_575",), 0.85, ("title", "lexical", "punct", "case")),
    Form("sonnet", "en", ("a sonnet", "a Shakespearean sonnet"), "verse", (90, 160),
         ("sonnet_rhyme", "lines_14"), 0.8, ("title", "lexical", "punct", "case", "length")),
    Form("poem", "en", ("a poem", "a short poem", "a lyric poem"), "verse", (40, 160),
         ("line_count", "quatrain_rhyme", "acrostic"), 0.6),
    Form("free_verse", "en", ("a free-verse poem", "a poem in free verse"), "verse", (40, 150),
         ("line_count", "acrostic"), 0.5),
    Form("ode", "en", ("an ode", "a short ode"), "verse", (60, 180), ("line_count", "quatrain_rhyme"), 0.5),
    Form("limerick", "en", ("a limerick",), "verse", (25, 45), ("limerick_rhyme",), 0.7,
         ("title", "lexical", "punct", "case")),
    Form("song_lyric", "en", ("song lyrics", "a song lyric", "the lyrics of a song"), "verse", (80, 200),
         ("line_count", "quatrain_rhyme"), 0.5),
    Form("acrostic_poem", "en", ("an acrostic poem",), "verse", (30, 120), ("acrostic",), 1.0),
    Form("short_story", "en", ("a short story", "a brief short story"), "prose", (300, 800)),
    Form("flash_fiction", "en", ("a piece of flash fiction", "a flash fiction story"), "prose", (100, 400)),
    Form("letter", "en", ("a letter", "a heartfelt letter", "a short letter"), "prose", (120, 400),
         slots=_PROSE_SLOTS + ("postscript",)),
    Form("speech", "en", ("a speech", "a short speech", "a toast"), "prose", (150, 500)),
    Form("diary_entry", "en", ("a diary entry", "a journal entry"), "prose", (100, 350)),
    Form("fable", "en", ("a fable", "a short fable"), "prose", (150, 450)),
    Form("monologue", "en", ("a dramatic monologue", "an interior monologue"), "prose", (150, 400)),
    Form("ad_copy", "en", ("ad copy", "an advertisement", "a short advertising text"), "prose", (40, 150),
         requests=("Write {form} for a product inspired by {topic}.", "Draft {form} that sells an experience built around {topic}.",
                   "Could you write {form} for a small brand whose story is about {topic}?")),
    Form("product_blurb", "en", ("a product blurb", "a back-cover blurb"), "prose", (40, 150),
         requests=("Write {form} for a book about {topic}.", "I need {form} for a new novel set around {topic}.",
                   "Compose {form} for a board game themed on {topic}.")),
    Form("dialogue", "en", ("a dialogue", "a short scene of dialogue", "a conversation"), "dialogue", (80, 300),
         slots=("length", "lexical", "punct", "title")),
)

ZH_FORMS = (
    Form("wuyan_jueju", "zh", ("一首五言绝句", "一首五绝"), "verse", (20, 20), ("jueju5",), 0.95,
         ("title", "lexical", "end_rhyme")),
    Form("qiyan_jueju", "zh", ("一首七言绝句", "一首七绝"), "verse", (28, 28), ("jueju7",), 0.95,
         ("title", "lexical", "end_rhyme")),
    Form("wuyan_lvshi", "zh", ("一首五言律诗", "一首五律"), "verse", (40, 40), ("lvshi5",), 0.95,
         ("title", "lexical", "end_rhyme")),
    Form("qiyan_lvshi", "zh", ("一首七言律诗", "一首七律"), "verse", (56, 56), ("lvshi7",), 0.95,
         ("title", "lexical", "end_rhyme")),
    Form("cangtou_shi", "zh", ("一首藏头诗",), "verse", (20, 28), ("cangtou",), 1.0, ("title", "lexical")),
    Form("modern_poem", "zh", ("一首现代诗", "一首短诗", "一首自由诗"), "verse", (60, 200),
         ("line_count", "acrostic"), 0.6, ("length", "stanza", "title", "lexical", "punct")),
    Form("song_lyric", "zh", ("一段歌词", "一首歌的歌词"), "verse", (80, 250), ("line_count",), 0.5,
         ("length", "stanza", "title", "lexical", "punct")),
    Form("sanwen", "zh", ("一篇散文", "一篇抒情散文"), "prose", (300, 1000)),
    Form("micro_fiction", "zh", ("一篇微小说", "一篇小小说"), "prose", (200, 800)),
    Form("ad_copy", "zh", ("一则广告文案", "一段广告文案"), "prose", (50, 200),
         requests=("请为一款以{topic}为灵感的产品写{form}。", "写{form}，推广一个关于{topic}的旅行项目。")),
    Form("product_intro", "zh", ("一段产品介绍", "一段新书推荐语"), "prose", (60, 200),
         requests=("为一本写{topic}的新书写{form}。", "请写{form}，介绍一款主题为{topic}的文创产品。")),
    Form("letter", "zh", ("一封书信", "一封家书", "一封信"), "prose", (150, 600)),
    Form("speech", "zh", ("一篇演讲稿", "一段致辞"), "prose", (200, 800)),
    Form("diary", "zh", ("一篇日记",), "prose", (100, 500)),
    Form("fable", "zh", ("一则寓言", "一篇寓言故事"), "prose", (150, 500)),
    Form("dialogue", "zh", ("一段对话", "一段剧本对白"), "dialogue", (100, 400),
         slots=("length", "lexical", "punct", "title")),
)

FORMS = {"en": EN_FORMS, "zh": ZH_FORMS}
