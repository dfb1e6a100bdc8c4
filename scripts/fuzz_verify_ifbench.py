"""Fuzz the 58 IFBench checkers (and their `ifbench_head:` siblings): random strings with sampled
valid kwargs; no check may raise.

Strings are fuzz_verify.py's (ASCII, whitespace runs, markup, CJK, emoji, combining marks, lone
surrogates) plus the characters IFBench checkers look at (brackets, quotes, curly quotes, `<i>`,
CSV commas and tabs, `?!`, `‽`, kana, dates). Each input is one (string, constraint) check call.
Prints the count, failures (exceptions) and time; exit 1 on any. The loop is fuzz_verify.py's `main`.

    .venv/bin/python scripts/fuzz_verify_ifbench.py --inputs 1000000 --seed 0
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

_spec = importlib.util.spec_from_file_location("fuzz_verify", Path(__file__).with_name("fuzz_verify.py"))
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

PIECES = fuzz.PIECES + [
    "(", ")", "[", "]", "{", "}", "'", "“", "”", "?!", "!?", "‽", "<i>", "</i>", "<em>", "</em>", ",", "\t", '"""',
    "ねこ", "カタカナ", "Question 1:", "A) ", "e) x", "Zimbabwe", "1805-12-02", "ID,Country,City,Year,Count",
    "ProductID,Category,Brand,Price,Stock", '"StudentID"\t"Subject"', "My Answer:", "bald eagle", "elgae dlab",
    "level", "radar", "Emma", "Leo", "she/her", "and", "And,", "Inc.", "Ph.D.", "..", "/", "\x00", "‐", "İ",
]
WORDS = ["sea", "whisper", "the", "a", "Eat", "x(", "q", "kaleidoscope", "  pad  "]
PROMPT = "Write a short story about the sea, in the voice of an old captain who remembers everything."


def sample_spec(cid: str, rng: random.Random) -> dict:
    """A valid spec for an IFBench id, kwargs drawn at random (for fuzzing only)."""
    n = rng.choice([0, 1, 2, 3, 5, 10, 50])
    word = rng.choice(WORDS)
    kwargs = {
        "count:word_count_range": {"min_words": n, "max_words": n + rng.choice([0, 5, 100])},
        "count:unique_word_count": {"N": n},
        "ratio:stop_words": {"percentage": rng.choice([0, 20, 50, 100])},
        "count:conjunctions": {"small_n": n},
        "count:person_names": {"N": n},
        "ratio:overlap": {"reference_text": rng.choice([PROMPT, "ab", "x" * 10]), "percentage": rng.choice([0, 10, 50, 100])},
        "count:numbers": {"N": n},
        "count:words_japanese": {"N": max(n, 1)},
        "words:repeats": {"small_n": n},
        "sentence:keyword": {"word": word, "N": max(n, 1)},
        "count:pronouns": {"N": n},
        "sentence:increment": {"small_n": n},
        "format:list": {"sep": rng.choice(["...", "SEPARATOR", "!?!?", "-", "*"])},
        "format:options": {"options": rng.choice(["yes/no/maybe", "I know or I don't know", "a), b), c), d)", "red, blue"])},
        "count:keywords_multiple": {f"keyword{i}": rng.choice(WORDS) for i in range(1, 6)},
        "words:keywords_specific_position": {"keyword": word, "n": max(n, 1), "m": rng.choice([1, 2, 5])},
        "words:words_position": {"keyword": word},
        "repeat:repeat_change": {"prompt_to_repeat": rng.choice([PROMPT, "one", "a b"])},
        "repeat:repeat_span": {"prompt_to_repeat": rng.choice([PROMPT, "one"]), "n_start": rng.choice([0, 1, 3]), "n_end": rng.choice([0, 2, 8, 100])},
        "ifbench_head:count:person_names": {"N": n},
        "ifbench_head:count:pronouns": {"N": n},
        "ifbench_head:sentence:keyword": {"word": word, "N": max(n, 1)},
        "ifbench_head:words:keywords_specific_position": {"keyword": word, "n": max(n, 1), "m": rng.choice([1, 2, 5])},
        "ifbench_head:words:words_position": {"keyword": word},
        "ifbench_head:repeat:repeat_span": {"prompt_to_repeat": rng.choice([PROMPT, "one"]), "n_start": rng.choice([0, 1, 3]), "n_end": rng.choice([0, 2, 8, 100])},
    }.get(cid, {})
    return {"id": cid, **kwargs}


def random_text(rng: random.Random) -> str:
    return fuzz.random_text(rng, max_pieces=14, pieces=PIECES, noise=0.15)


def ifbench_ids() -> list[str]:
    from rlmr.constraints import known_ids
    from rlmr.constraints.ifbench_common import is_ifbench_id

    return [i for i in known_ids() if is_ifbench_id(i)]


if __name__ == "__main__":
    fuzz.main(__doc__, ifbench_ids, sample_spec, random_text, specs_per_id=10)
