"""Format checks on real texts: titles, opening and closing phrases, dialogue, commas."""

from __future__ import annotations

import pytest

from rlmr.constraints import ConstraintError, build

BENNET = (
    '"My dear Mr. Bennet," said his lady to him one day, "have you heard that Netherfield Park is '
    'let at last?" Mr. Bennet replied that he had not. "But it is," returned she; "for Mrs. Long '
    'has just been here, and she told me all about it."'
)
# A scene in script form, with a stage direction and Markdown bold on one name.
SCENE = (
    "HAMLET: Do you see yonder cloud that's almost in shape of a camel?\n"
    "POLONIUS (peering): By the mass, and 'tis like a camel, indeed.\n"
    "**Hamlet:** Methinks it is like a weasel.\n"
    "POLONIUS: It is backed like a weasel."
)
XIANG_SHENG = "甲：今天天气真好。\n乙：是啊，我们去公园吧。\n甲：好！"
QUOTED_ZH = "“你好。”他说。“好久不见！”她笑着回答。「走吧」"
# Bashō in translation: no comma at all.
OLD_POND = "An old silent pond\nA frog jumps into the pond\nSplash! Silence again."


def run(spec: dict, text: str):
    return build(spec).check(text)


@pytest.mark.parametrize(
    "name, text, style, passed",
    [
        ("angle", "<<The Road Not Taken>>\nTwo roads diverged in a yellow wood,", "angle", True),
        ("angle_as_any", "<<The Road Not Taken>>\nTwo roads diverged", "any", True),
        ("markdown", "# Ode to the West Wind\n\nO wild West Wind", "markdown", True),
        ("markdown_level_two", "## Ode\ntext", "markdown", True),
        ("book", "《静夜思》\n床前明月光", "book", True),
        ("book_in_bold", "**《静夜思》**\n床前明月光", "book", True),  # models often bold their titles
        ("leading_blank_lines", "\n\n  《静夜思》\n床前明月光", "book", True),
        ("book_asked_angle_given", "<<Night Thoughts>>\nMoonlight", "book", False),
        ("hash_without_space_is_no_heading", "#hashtag poem\nwords", "markdown", False),
        # A byline on the title line makes it an ordinary line: put the author on the next line.
        ("book_with_byline_on_same_line", "《静夜思》李白\n床前明月光", "book", False),
        ("empty_angle_brackets", "<<  >>\ntext", "any", False),
        ("no_title", "Two roads diverged in a yellow wood,", "any", False),
        ("empty", "", "any", False),
    ],
)
def test_title(name, text, style, passed):
    assert run({"id": "cw:title", "style": style}, text).passed is passed, name


@pytest.mark.parametrize(
    "name, text, phrase, passed",
    [
        ("exact", "Once upon a time, there lived a king.", "Once upon a time", True),
        ("case_insensitive", "ONCE UPON A TIME there lived a king.", "once upon a time", True),
        ("leading_whitespace", "\n\n  Once upon a time...", "Once upon a time", True),
        ("chinese", "从前有座山，山里有座庙。", "从前", True),
        ("later_in_text", "There lived a king, once upon a time.", "Once upon a time", False),
        ("empty_text", "", "Once", False),
    ],
)
def test_starts_with(name, text, phrase, passed):
    assert run({"id": "cw:starts_with", "phrase": phrase}, text).passed is passed, name


@pytest.mark.parametrize(
    "name, text, phrase, passed",
    [
        ("exact", "And they lived happily ever after.", "happily ever after.", True),
        ("final_stop_ignored_when_phrase_has_none", "And they lived happily ever after.", "happily ever after", True),
        ("trailing_quote_ignored", 'She said, "That is the end."', "the end.", True),
        ("case_and_whitespace", "...THE END  \n\n", "the end", True),
        ("chinese_full_width_quote", "他说：“明天见。”", "明天见。", True),
        ("chinese_stop_ignored", "全文完。", "全文完", True),
        ("phrase_earlier", "The end came early, and then the story went on.", "the end", False),
        ("empty_text", "", "the end", False),
    ],
)
def test_ends_with(name, text, phrase, passed):
    assert run({"id": "cw:ends_with", "phrase": phrase}, text).passed is passed, name


@pytest.mark.parametrize(
    "name, text, passed",
    [
        ("haiku_without_commas", OLD_POND, True),
        ("ascii_comma", "Twinkle, twinkle, little star", False),
        ("full_width_comma", "床前明月光，疑是地上霜", False),
        ("enumeration_comma", "春、夏、秋、冬", False),  # 、 is a comma too (IFEval's no_comma lets it pass)
        ("chinese_without_commas", "床前明月光。疑是地上霜。", True),
        ("empty", "", True),
    ],
)
def test_no_comma(name, text, passed):
    assert run({"id": "cw:no_comma"}, text).passed is passed, name


def test_no_comma_reason_counts_commas():
    assert run({"id": "cw:no_comma"}, "春、夏，秋, 冬").reason == "有3个逗号，不允许使用逗号"


@pytest.mark.parametrize(
    "name, text, kwargs, passed",
    [
        ("hamlet_four_lines_two_speakers", SCENE, {"min_turns": 4}, True),
        ("hamlet_needs_five", SCENE, {"min_turns": 5}, False),
        ("xiang_sheng_full_width_colons", XIANG_SHENG, {"min_turns": 3}, True),
        # A monologue is no dialogue however long: two speakers are required.
        ("one_speaker", "HAMLET: To be.\nHAMLET: Or not to be.\nHAMLET: That is the question.", {"min_turns": 2}, False),
        ("a_time_is_no_speaker", "At 10:30 we met.\nBy 11:45 we parted.", {"min_turns": 2}, False),
        ("prose_is_no_script", BENNET, {"min_turns": 1}, False),
        ("bennet_quoted_four", BENNET, {"min_turns": 4, "style": "quoted"}, True),
        ("bennet_quoted_five", BENNET, {"min_turns": 5, "style": "quoted"}, False),
        ("chinese_curly_and_corner_quotes", QUOTED_ZH, {"min_turns": 3, "style": "quoted"}, True),
        ("empty_quotes_do_not_count", '"" and “ ” and 「」', {"min_turns": 1, "style": "quoted"}, False),
        ("script_is_not_quoted", SCENE, {"min_turns": 1, "style": "quoted"}, False),
    ],
)
def test_dialogue(name, text, kwargs, passed):
    assert run({"id": "cw:dialogue", **kwargs}, text).passed is passed, name


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"id": "cw:title", "style": "fancy"}, "style: expected one of"),
        ({"id": "cw:starts_with", "phrase": "   "}, "phrase: must be a non-empty string"),
        ({"id": "cw:ends_with"}, "phrase: missing"),
        ({"id": "cw:dialogue", "min_turns": 0}, "min_turns: must be an integer >= 1"),
        ({"id": "cw:dialogue", "min_turns": 2, "style": "play"}, "style: expected one of"),
        ({"id": "cw:no_comma", "strict": True}, "strict: unexpected kwarg"),
    ],
)
def test_bad_kwargs(spec, message):
    with pytest.raises(ConstraintError, match=message):
        build(spec)


@pytest.mark.parametrize(
    "spec, en, zh",
    [
        ({"id": "cw:title", "style": "book"}, "Start with a title line, e.g. 《Title》.", "第一行写标题，格式如《标题》。"),
        ({"id": "cw:starts_with", "phrase": "从前"}, "Begin your response with “从前”.", "以“从前”开头。"),
        ({"id": "cw:ends_with", "phrase": "The End"}, "End your response with “The End”.", "以“The End”结尾。"),
        ({"id": "cw:no_comma"}, "Do not use any commas.", "全文不使用逗号（包括“，”和“、”）。"),
        ({"id": "cw:dialogue", "min_turns": 3, "style": "quoted"}, "Include at least 3 lines of dialogue in quotation marks.", "至少包含3处用引号标出的对话。"),
    ],
)
def test_describe(spec, en, zh):
    assert build(spec).describe() == en
    assert build(spec).describe("zh") == zh
