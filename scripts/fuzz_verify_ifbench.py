"""Fuzz the 58 IFBench checkers (and their `ifbench_head:` siblings): random strings with sampled
valid kwargs; no check may raise.

Strings are fuzz_verify.py's (ASCII, whitespace runs, markup, CJK, emoji, combining marks, lone
surrogates) plus the characters IFBench checkers look at (brackets, quotes, curly quotes, `<i>`,
CSV commas and tabs, `?!`, `‽`, kana, dates). Each input is one (string, constraint) check call.
Prints the count, failures (exceptions) and time; exit 1 on any.

    .venv/bin/python scripts/fuzz_verify_ifbench.py --inputs 1000000 --seed 0
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
import time
import traceback
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


def random_text(rng: random.Random, max_pieces: int = 14) -> str:
    parts = []
    for _ in range(rng.randint(0, max_pieces)):
        if rng.random() < 0.15:
            parts.append("".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 4))))
        else:
            parts.append(rng.choice(PIECES))
    return "".join(parts)


def ifbench_ids() -> list[str]:
    from rlmr.constraints import known_ids
    from rlmr.constraints.ifbench_common import is_ifbench_id

    return [i for i in known_ids() if is_ifbench_id(i)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--specs-per-id", type=int, default=10)
    args = parser.parse_args()

    from rlmr.constraints import build

    rng = random.Random(args.seed)
    ids = ifbench_ids()
    checkers = [build(sample_spec(cid, rng)) for cid in ids for _ in range(args.specs_per_id)]
    failures = 0
    start = time.perf_counter()
    done = 0
    while done < args.inputs:
        text = random_text(rng)
        for checker in rng.sample(checkers, 25):
            try:
                result = checker.check(text)
                assert isinstance(result.passed, bool) and isinstance(result.reason, str) and result.reason
            except Exception:
                failures += 1
                if failures <= 5:
                    print(f"FAIL {checker.spec()} on {text!r}\n{traceback.format_exc()}", file=sys.stderr)
            done += 1
        if done % 100_000 < 25:
            print(f"{done} inputs, {failures} failures, {time.perf_counter() - start:.0f}s", flush=True)
    print(f"fuzz: {done} inputs ({len(checkers)} specs over {len(ids)} ids), {failures} failures, {time.perf_counter() - start:.1f}s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
