"""Fuzz the 25 IFEval checkers: random strings with sampled valid kwargs; no check may raise.

Strings mix ASCII, whitespace runs, the characters the checkers look at (`* - [ ] < > # , . ! ?`
quotes, fences), CJK, emoji, combining marks and lone surrogates. Each input is one
(string, constraint) check call. Prints the count, failures (exceptions) and time; exit 1 on any.

    .venv/bin/python scripts/fuzz_verify.py --inputs 1000000 --seed 0
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

PIECES = [
    " ", "\n", "\n\n", "\t", "  ", "*", "**", "***", "******", "-", "---", "[", "]", "<<", ">>", "#", ",", "，",
    ".", "!", "?", "...", '"', "'", "`", "```", "```json", "{", "}", ":", "P.S.", "p. s.", "P.P.S", "SECTION", "Section 1",
    "My answer is yes.", "word", "Word", "WORD", "Mr.", "U.S.", "3.5", "don't", "中文", "句子。", "😀", "🎉", "é", "e\u0301",
    "\ud800", "\u2028", "\x85", "\u00a0", "Ⅻ", "ǅ", "İ", "ß", "hello world", "The cat sat.",
]
WORDS = ["sea", "war", "hou", "love", "the", "a", "Section", "Day", "PARAGRAPH", "x(", "q"]


def sample_spec(cid: str, rng: random.Random) -> dict:
    """A valid spec for an IFEval id, kwargs drawn at random (only for fuzzing: checks never draw)."""
    n = rng.choice([0, 1, 2, 3, 5, 10, 50])
    rel = rng.choice(["less than", "at least"])
    word = rng.choice([w for w in WORDS if w != "x("])
    kwargs = {
        "keywords:existence": {"keywords": rng.sample(WORDS[:8], rng.randint(1, 3))},
        "keywords:frequency": {"keyword": word, "frequency": n, "relation": rel},
        "keywords:forbidden_words": {"forbidden_words": rng.sample(WORDS[:8], rng.randint(1, 3))},
        "keywords:letter_frequency": {"letter": rng.choice("aeZ#!中"), "let_frequency": n, "let_relation": rel},
        "language:response_language": {"language": rng.choice(["en", "fr", "zh-cn", "hi"])},
        "length_constraints:number_sentences": {"num_sentences": n, "relation": rel},
        "length_constraints:number_paragraphs": {"num_paragraphs": n},
        "length_constraints:number_words": {"num_words": n, "relation": rel},
        "length_constraints:nth_paragraph_first_word": {"num_paragraphs": n + 1, "nth_paragraph": rng.randint(1, n + 1), "first_word": word},
        "detectable_content:number_placeholders": {"num_placeholders": n},
        "detectable_content:postscript": {"postscript_marker": rng.choice(["P.S.", "P.P.S", "Note:"])},
        "detectable_format:number_bullet_lists": {"num_bullets": n},
        "detectable_format:number_highlighted_sections": {"num_highlights": n},
        "detectable_format:multiple_sections": {"section_spliter": rng.choice(["Section", "SECTION", "Day"]), "num_sections": n},
        "combination:repeat_prompt": {"prompt_to_repeat": rng.choice(["Write a poem.", "hello world"])},
        "startend:end_checker": {"end_phrase": rng.choice(["Peace!", "Any other questions?"])},
        "change_case:capital_word_frequency": {"capital_frequency": n, "capital_relation": rel},
    }.get(cid, {})
    return {"id": cid, **kwargs}


def random_text(rng: random.Random, max_pieces: int = 12, pieces: list[str] = PIECES, noise: float = 0.2) -> str:
    """Up to max_pieces pieces; a share `noise` of them are 1-4 random code points instead."""
    parts = []
    for _ in range(rng.randint(0, max_pieces)):
        if rng.random() < noise:
            parts.append("".join(chr(rng.randint(0, 0x2FFFF)) for _ in range(rng.randint(1, 4))))
        else:
            parts.append(rng.choice(pieces))
    return "".join(parts)


def ifeval_ids() -> list[str]:
    from rlmr.constraints import known_ids
    from rlmr.constraints.ifbench_common import is_ifbench_id

    return [i for i in known_ids() if not i.startswith("cw:") and not is_ifbench_id(i)]


def main(doc: str = __doc__, ids=ifeval_ids, spec=sample_spec, text=random_text, specs_per_id: int = 20) -> None:
    """The fuzz loop, shared with fuzz_verify_ifbench.py: each text meets 25 of the sampled specs."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--specs-per-id", type=int, default=specs_per_id)
    args = parser.parse_args()

    from rlmr.constraints import build

    rng = random.Random(args.seed)
    names = ids()
    checkers = [build(spec(cid, rng)) for cid in names for _ in range(args.specs_per_id)]
    failures = 0
    start = time.perf_counter()
    done = 0
    while done < args.inputs:
        sample = text(rng)
        for checker in rng.sample(checkers, 25):
            try:
                result = checker.check(sample)
                assert isinstance(result.passed, bool) and isinstance(result.reason, str) and result.reason
            except Exception:
                failures += 1
                if failures <= 5:
                    print(f"FAIL {checker.spec()} on {sample!r}\n{traceback.format_exc()}", file=sys.stderr)
            done += 1
        if done % 100_000 < 25:
            print(f"{done} inputs, {failures} failures, {time.perf_counter() - start:.0f}s", flush=True)
    print(f"fuzz: {done} inputs ({len(checkers)} specs over {len(names)} ids), {failures} failures, {time.perf_counter() - start:.1f}s")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
