"""Every IFEval check on 1 MB adversarial responses: each must finish in under 1 s.

The cases are hostile inputs for the checkers and for the regular expressions of the reference
(catastrophic-backtracking bait for each). Prints the slowest check per case and the cases
where any check took 1 s or more.

    .venv/bin/python benchmarks/bench_verify_adversarial.py [--size 1000000] [--only CASE]
"""

from __future__ import annotations

import argparse
import random
import time

SPECS = [
    {"id": "keywords:existence", "keywords": ["sea", "hou"]},
    {"id": "keywords:frequency", "keyword": "war", "frequency": 3, "relation": "at least"},
    {"id": "keywords:forbidden_words", "forbidden_words": ["rock", "sleep"]},
    {"id": "keywords:letter_frequency", "letter": "a", "let_frequency": 10, "let_relation": "less than"},
    {"id": "language:response_language", "language": "en"},
    {"id": "length_constraints:number_sentences", "num_sentences": 50, "relation": "less than"},
    {"id": "length_constraints:number_paragraphs", "num_paragraphs": 4},
    {"id": "length_constraints:number_words", "num_words": 300, "relation": "at least"},
    {"id": "length_constraints:nth_paragraph_first_word", "num_paragraphs": 3, "nth_paragraph": 2, "first_word": "summary"},
    {"id": "detectable_content:number_placeholders", "num_placeholders": 3},
    {"id": "detectable_content:postscript", "postscript_marker": "P.S."},
    {"id": "detectable_content:postscript", "postscript_marker": "P.P.S"},
    {"id": "detectable_format:number_bullet_lists", "num_bullets": 3},
    {"id": "detectable_format:constrained_response"},
    {"id": "detectable_format:number_highlighted_sections", "num_highlights": 3},
    {"id": "detectable_format:multiple_sections", "section_spliter": "Section", "num_sections": 3},
    {"id": "detectable_format:json_format"},
    {"id": "detectable_format:title"},
    {"id": "combination:two_responses"},
    {"id": "combination:repeat_prompt", "prompt_to_repeat": "Write a poem about the sea."},
    {"id": "startend:end_checker", "end_phrase": "Any other questions?"},
    {"id": "change_case:capital_word_frequency", "capital_frequency": 20, "capital_relation": "less than"},
    {"id": "change_case:english_capital"},
    {"id": "change_case:english_lowercase"},
    {"id": "punctuation:no_comma"},
    {"id": "startend:quotation"},
]


def cases(size: int) -> dict[str, str]:
    """name -> text of about `size` characters."""
    rng = random.Random(0)

    def fill(unit: str) -> str:
        return (unit * (size // max(len(unit), 1) + 1))[:size]

    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    random_words = " ".join(rng.choice(words) + rng.choice(["", "", ".", ",", "!", "?"]) for _ in range(size // 5))[:size]
    half = size // 2
    return {
        "stars *": fill("*"),
        "brackets [": fill("["),
        "angles <<": fill("<"),
        "dashes -": fill("-"),
        "newlines": fill("\n"),
        "spaces": fill(" "),
        "space-newline runs": fill(" \n"),
        "dots": fill("."),
        "commas": fill(","),
        "nested brackets": "[" * half + "]" * (size - half),
        "nested json": "[" * half + "]" * (size - half),
        "one huge line of words": fill("lorem ipsum dolor "),
        "random words and periods": random_words,
        "star then no close": "*" + fill("a")[1:],
        "bold bait **a": fill("**a"),
        "title bait <<a": "<<" + fill("a")[2:],
        "title bait <<<<x": fill("<<<<x"),
        "bullet bait \\n\\n*": fill("\n\n *"),
        "placeholder bait [a": fill("[a"),
        "postscript bait p. ": fill("p. "),
        "section bait Section 1": fill("Section 1 "),
        "paragraph divider ***": fill("*** "),
        "two responses ******": fill("******\n"),
        "abbreviations Mr. ": fill("Mr. "),
        "abbreviation chain mr.)": fill("mr.)"),
        "punctuation chain x!!": fill("x!!"),
        "all caps sentences": fill("HELLO WORLD. "),
        "one letter": fill("a"),
        "CJK": fill("中文句子，"),
        "emoji": fill("😀🎉"),
        "quotes": fill('"'),
        "code fences": fill("```json\n"),
        "email/url bait": fill("a-b.c@d"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--only", default=None, help="run one case by name")
    args = parser.parse_args()

    from rlmr.constraints import build

    checkers = [build(s) for s in SPECS]
    checkers[0].check("warm up")
    build({"id": "language:response_language", "language": "en"}).check("warm up the detector")
    build({"id": "length_constraints:number_sentences", "num_sentences": 1, "relation": "at least"}).check("Warm up. Punkt.")
    slow = []
    print(f"{'case':<28} {'slowest check':<44} {'seconds':>8} {'all checks':>10}")
    for name, text in cases(args.size).items():
        if args.only and name != args.only:
            continue
        times = []
        for checker in checkers:
            start = time.perf_counter()
            checker.check(text)
            times.append((time.perf_counter() - start, checker.id))
        worst, worst_id = max(times)
        print(f"{name:<28} {worst_id:<44} {worst:8.3f} {sum(t for t, _ in times):10.2f}", flush=True)
        slow += [(name, cid, t) for t, cid in times if t >= 1.0]
    print(f"\n{len(SPECS)} checks x {len(cases(args.size)) if not args.only else 1} cases of {args.size:,} characters; "
          f"{len(slow)} checks took >= 1 s" + "".join(f"\n  {n}: {c} {t:.2f}s" for n, c, t in slow))


if __name__ == "__main__":
    main()
