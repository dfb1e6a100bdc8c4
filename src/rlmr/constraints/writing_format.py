"""Creative-writing format constraints: title, opening and closing phrase, dialogue, no comma.

Also the layout every `cw:` line check shares: which first line is a title (`<<...>>`, a Markdown
`# ...` heading, `《...》`), and the body lines below it. Reasons are written in the language of
the response (Chinese when it is mostly CJK), `describe(lang)` in the language asked for.
This module must not import torch or any engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar, Literal

from rlmr.constraints.cjk import CJK_RE, CONTENT_RE, reason_lang, verse_clauses
from rlmr.constraints.registry import CheckResult, Constraint, register

TitleStyle = Literal["angle", "markdown", "book", "any"]

# Markdown emphasis around a whole title line ("**《静夜思》**") is ignored.
_EMPHASIS = "*_ \t"
_MARKDOWN_TITLE_RE = re.compile(r"#{1,6}[ \t]+\S")
# Quotes ignored at the end of a response by cw:ends_with, and the final punctuation ignored
# when the phrase has none ("...happily ever after." ends with "happily ever after").
_TRAILING_QUOTES = "\"'”’」』 \t\r\n"
_TRAILING_STOPS = ".!?。！？…" + _TRAILING_QUOTES
# Every comma form: ASCII, full-width, ideographic (enumeration) comma, small and half-width ones.
COMMAS = ",，、﹐﹑､"
_COMMA_RE = re.compile(f"[{COMMAS}]")
# A script line: optional list marker or bold, a name of at most four words each opening with a
# letter (so "At 10:30" names nobody; CJK names too), an optional stage direction in brackets,
# a colon (ASCII or full-width), then speech.
_SCRIPT_LINE_RE = re.compile(
    r"^[ \t]{0,8}(?:[-*>][ \t]{0,4})?(?:\*\*)?"
    r"(?P<name>[^\W\d_][\w.'’\-]{0,39}(?: [^\W\d_][\w.'’\-]{0,38}){0,3})"
    r"[ \t]{0,4}(?:[(（][^)）\n]{0,40}[)）])?[ \t]{0,4}(?:\*\*)?[ \t]{0,4}[:：][ \t]*(?:\*\*)?[ \t]*[^\s*]",
    re.MULTILINE,
)
# Quoted passages: empty pairs are consumed too (so pairs stay aligned) but only those holding a
# letter, digit or CJK character capture it and count.
_QUOTED_RES = tuple(
    re.compile(f"{o}(?:[^{o}{c}\\w]|_)*(?:{c}|([^\\W_])[^{o}{c}]*{c})")
    for o, c in (('"', '"'), ("“", "”"), ("「", "」"))
)


def title_style(line: str) -> str | None:
    """"angle", "markdown" or "book" when the whole line is a title of that style, else None."""
    core = line.strip().strip(_EMPHASIS)
    if _MARKDOWN_TITLE_RE.match(core):
        return "markdown"
    if core.startswith("<<") and core.endswith(">>") and core[2:-2].strip():
        return "angle"
    if core.startswith("《") and core.endswith("》") and core[1:-1].strip():
        return "book"
    return None


def _first_line_split(text: str) -> tuple[str, list[str]]:
    """The first non-blank line and the lines after it."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.strip():
            return line, lines[i + 1 :]
    return "", []


def body_line_list(text: str) -> list[str]:
    """All lines below a title line; all lines when the first non-blank line is no title."""
    first, rest = _first_line_split(text)
    return rest if first and title_style(first) else text.splitlines()


def body_text(text: str) -> str:
    """The text below a title line; the whole text when the first non-blank line is no title."""
    first, rest = _first_line_split(text)
    return "\n".join(rest) if first and title_style(first) else text


def body_lines(text: str) -> list[str]:
    """Lines holding a letter, digit or CJK character, the title line excluded.

    Blank lines and separator lines such as `***` or `---` are no lines of the piece.
    """
    return list(filter(CONTENT_RE.search, body_line_list(text)))


def block_count(lines: list[str]) -> int:
    """Blocks of content lines (paragraphs, stanzas) separated by lines without content."""
    flags = bytes(map(bool, map(CONTENT_RE.search, lines)))
    # A block starts at a content line (1) that follows a line without content (0) or the start.
    return (b"\x00" + flags).count(b"\x00\x01")


def verse_lines(text: str) -> list[str]:
    """Lines of verse: body lines, each cut into clauses when it holds CJK verse ("床前明月光，疑是地上霜。")."""
    lines = body_lines(text)
    if not any(map(CJK_RE.search, lines)):
        return [line.strip() for line in lines]
    return [clause for line in lines for clause in verse_clauses(line)]


def say(lang: str, en: str, zh: str) -> str:
    """Pick the English or the Chinese wording."""
    return zh if lang == "zh" else en


def _require_phrase(value: str, name: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{name}: must be a non-empty string, got {value!r}")


@register
@dataclass(frozen=True)
class Title(Constraint):
    """The first non-empty line is a title, in the style asked for."""

    id: ClassVar[str] = "cw:title"
    style: TitleStyle = "any"

    def __post_init__(self) -> None:
        if self.style not in ("angle", "markdown", "book", "any"):
            raise ValueError(f"style: expected 'angle', 'markdown', 'book' or 'any', got {self.style!r}")

    def check(self, text: str) -> CheckResult:
        lang = reason_lang(text)
        first, _ = _first_line_split(text)
        found = title_style(first) if first else None
        wanted = {"angle": "<<...>>", "markdown": "# ...", "book": "《...》", "any": "<<...>>, # ... or 《...》"}
        if found and (self.style == "any" or found == self.style):
            return CheckResult(True, say(lang, f"title line in {found} style", f"有标题（{wanted[found]}）"))
        return CheckResult(
            False,
            say(lang, f"first line is not a {wanted[self.style]} title", f"首行不是{wanted[self.style]}格式的标题"),
        )

    def describe(self, lang: str = "en") -> str:
        en = {"angle": "<<Title>>", "markdown": "# Title", "book": "《Title》", "any": "<<Title>>"}[self.style]
        zh = {"angle": "<<标题>>", "markdown": "# 标题", "book": "《标题》", "any": "《标题》"}[self.style]
        return say(lang, f"Start with a title line, e.g. {en}.", f"第一行写标题，格式如{zh}。")


@register
@dataclass(frozen=True)
class StartsWith(Constraint):
    """The response opens with a given phrase (case-insensitive for Latin script)."""

    id: ClassVar[str] = "cw:starts_with"
    phrase: str

    def __post_init__(self) -> None:
        _require_phrase(self.phrase, "phrase")

    def check(self, text: str) -> CheckResult:
        lang = reason_lang(text)
        phrase = self.phrase.strip()
        wanted = phrase.casefold()
        # Case-folding never shortens text, so the first len(wanted) characters are enough.
        ok = text.lstrip()[: len(wanted)].casefold().startswith(wanted)
        return CheckResult(
            ok,
            say(lang, f"starts with “{phrase}”", f"以“{phrase}”开头")
            if ok
            else say(lang, f"does not start with “{phrase}”", f"开头不是“{phrase}”"),
        )

    def describe(self, lang: str = "en") -> str:
        return say(lang, f"Begin your response with “{self.phrase}”.", f"以“{self.phrase}”开头。")


@register
@dataclass(frozen=True)
class EndsWith(Constraint):
    """The response closes with a given phrase; trailing quotes and spaces are ignored, and so is
    the final punctuation when the phrase has none."""

    id: ClassVar[str] = "cw:ends_with"
    phrase: str

    def __post_init__(self) -> None:
        _require_phrase(self.phrase, "phrase")

    def check(self, text: str) -> CheckResult:
        lang = reason_lang(text)
        phrase = self.phrase.strip().casefold()
        stripped = text.rstrip()
        unquoted = stripped.rstrip(_TRAILING_QUOTES)
        endings = [stripped, unquoted]
        if phrase[-1] not in _TRAILING_STOPS:
            endings.append(unquoted.rstrip(_TRAILING_STOPS))
        # Case-folding never shortens text, so the last len(phrase) characters are enough.
        ok = any(end[-len(phrase) :].casefold().endswith(phrase) for end in endings)
        shown = self.phrase.strip()
        return CheckResult(
            ok,
            say(lang, f"ends with “{shown}”", f"以“{shown}”结尾")
            if ok
            else say(lang, f"does not end with “{shown}”", f"结尾不是“{shown}”"),
        )

    def describe(self, lang: str = "en") -> str:
        return say(lang, f"End your response with “{self.phrase}”.", f"以“{self.phrase}”结尾。")


@register
@dataclass(frozen=True)
class NoComma(Constraint):
    """No comma of any form: `,` and the full-width `，` and `、` (stricter than IFEval's)."""

    id: ClassVar[str] = "cw:no_comma"

    def check(self, text: str) -> CheckResult:
        lang = reason_lang(text)
        found = len(_COMMA_RE.findall(text))
        if not found:
            return CheckResult(True, say(lang, "no commas", "没有逗号"))
        return CheckResult(False, say(lang, f"{found} commas found; none allowed", f"有{found}个逗号，不允许使用逗号"))

    def describe(self, lang: str = "en") -> str:
        return say(lang, "Do not use any commas.", "全文不使用逗号（包括“，”和“、”）。")


def script_turns(text: str) -> list[str]:
    """Speaker names (case-folded) of the `NAME: speech` lines, in order."""
    return [m.group("name").strip().casefold() for m in _SCRIPT_LINE_RE.finditer(text)]


def quoted_utterances(text: str) -> int:
    """Quoted passages with some content: `"..."`, `“...”`, `「...」`."""
    return sum(sum(map(bool, pattern.findall(text))) for pattern in _QUOTED_RES)


@register
@dataclass(frozen=True)
class Dialogue(Constraint):
    """A dialogue: script lines (`NAME: speech`, two speakers at least) or quoted utterances."""

    id: ClassVar[str] = "cw:dialogue"
    min_turns: int
    style: Literal["script", "quoted"] = "script"

    def __post_init__(self) -> None:
        if isinstance(self.min_turns, bool) or not isinstance(self.min_turns, int) or self.min_turns < 1:
            raise ValueError(f"min_turns: must be an integer >= 1, got {self.min_turns!r}")
        if self.style not in ("script", "quoted"):
            raise ValueError(f"style: expected 'script' or 'quoted', got {self.style!r}")

    def check(self, text: str) -> CheckResult:
        lang = reason_lang(text)
        if self.style == "quoted":
            turns = quoted_utterances(text)
            ok = turns >= self.min_turns
            return CheckResult(
                ok, say(lang, f"{turns} quoted utterances; at least {self.min_turns} required",
                        f"引号对话{turns}处，至少{self.min_turns}处")
            )
        names = script_turns(text)
        speakers = len(set(names))
        ok = len(names) >= self.min_turns and speakers >= 2
        return CheckResult(
            ok,
            say(lang, f"{len(names)} script lines by {speakers} speakers; at least {self.min_turns} lines by 2 required",
                f"剧本对白{len(names)}行、{speakers}个角色，至少{self.min_turns}行、2个角色"),
        )

    def describe(self, lang: str = "en") -> str:
        if self.style == "quoted":
            return say(lang, f"Include at least {self.min_turns} lines of dialogue in quotation marks.",
                       f"至少包含{self.min_turns}处用引号标出的对话。")
        return say(lang, f"Write it as a script: at least {self.min_turns} lines of the form NAME: speech, "
                         "with at least two speakers.",
                   f"以剧本形式写作：至少{self.min_turns}行“角色：台词”，至少两个角色。")

