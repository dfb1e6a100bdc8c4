"""Every `cw:` check on 1 MB adversarial responses: each must finish in under 1 s.

Run:  .venv/bin/python benchmarks/bench_writing_constraints.py [--size-mb 1.0] [--ids cw:word_count,...]

Prints one row per (id, case) above 0.1 s, then per id the worst case with its CPU time and
wall time, and exits non-zero when any check used 1 s of CPU or more. CPU time is the verdict
because wall time on a shared machine measures the neighbours too. One-time loading (jieba's
dictionary, the CMU pronunciations, the punctuation table) is timed apart first: it happens
once per process.
"""

from __future__ import annotations

import argparse
import random
import sys
import time

from rlmr.constraints import build, cjk, prosody, writing_counts, writing_form, writing_format, writing_words

# One spec per cw: id, chosen so the check has to look at the whole text where it can.
SPECS = [
    {"id": "cw:word_count", "relation": "about", "n": 100_000},
    {"id": "cw:char_count", "relation": "between", "n": 10, "n_max": 20, "count_punctuation": True},
    {"id": "cw:mixed_count", "relation": "at_least", "n": 5},
    {"id": "cw:sentence_count", "relation": "exactly", "n": 3},
    {"id": "cw:paragraph_count", "relation": "at_most", "n": 3},
    {"id": "cw:line_count", "relation": "exactly", "n": 4},
    {"id": "cw:stanza_count", "relation": "at_least", "n": 2},
    {"id": "cw:syllable_pattern", "pattern": [5, 7, 5, 7]},
    {"id": "cw:chars_per_line", "n": 5},
    {"id": "cw:rhyme_scheme", "scheme": "ABAB"},
    {"id": "cw:acrostic", "word": "MOON"},
    {"id": "cw:starts_with", "phrase": "Once upon a time"},
    {"id": "cw:ends_with", "phrase": "the end"},
    {"id": "cw:title", "style": "any"},
    {"id": "cw:keyword_count", "keyword": "moon light", "relation": "at_least", "n": 3},
    {"id": "cw:banned_words", "words": ["very", "suddenly", "突然", "非常"]},
    {"id": "cw:no_comma"},
    {"id": "cw:max_word_repeat", "n": 1000},
    {"id": "cw:max_word_repeat", "n": 16},
    {"id": "cw:max_word_repeat", "n": 12},
    {"id": "cw:dialogue", "min_turns": 2, "style": "script"},
    {"id": "cw:dialogue", "min_turns": 2, "style": "quoted"},
]

_PROSE = "The moon light fell on the quiet sea, and every wave said something new. "
_POEM = "床前明月光，疑是地上霜。举头望明月，低头思故乡。"


def _random_unicode(rng: random.Random, size: int) -> str:
    chars = []
    while len(chars) < size:
        c = rng.randrange(0x20, 0x30000)
        if not 0xD800 <= c < 0xE000:
            chars.append(chr(c))
    return "".join(chars)


def _dictionary_words(rng: random.Random, size: int) -> str:
    """Two-character words drawn at random from jieba's dictionary: frequent characters, rare
    words, so cw:max_word_repeat has to segment much of the text before it can decide."""
    words = sorted(w for w, f in cjk._jieba().dt.FREQ.items() if f and len(w) == 2 and cjk.CJK_RUN_RE.fullmatch(w))
    return "".join(rng.choice(words) for _ in range(size // 6))


def _four_lines(unit: str, size: int) -> str:
    line = unit * max(1, size // (4 * len(unit.encode())))
    return "\n".join([line] * 4)


def cases(size: int) -> dict[str, str]:
    """Adversarial responses of about `size` bytes (UTF-8), by name."""
    rng = random.Random(0)

    def fill(unit: str) -> str:
        return unit * max(1, size // len(unit.encode()))

    return {
        "random unicode (BMP + SMP, seeded)": _random_unicode(rng, size // 3),
        "random CJK ideographs, no punctuation": "".join(chr(rng.randrange(0x4E00, 0xA000)) for _ in range(size // 3)),
        "random jieba dictionary words": _dictionary_words(rng, size),
        "English prose repeated": fill(_PROSE),
        "Chinese poem repeated": fill(_POEM),
        "one 1 MB word": fill("a"),
        "apostrophe chain a'a'a'": fill("a'"),
        "hyphen chain a-a-a-": fill("a-"),
        "initials 'A. A. A.'": fill("A. "),
        "abbreviations 'Dr. e.g. etc.'": fill("Dr. e.g. etc. "),
        "dots only": fill("."),
        "ellipses and CJK stops": fill("…。！？"),
        "newlines only": fill("\n"),
        "blank-line paragraphs 'x\\n\\n'": fill("x\n\n"),
        "separator lines '***\\n---\\n'": fill("***\n---\n"),
        "four 250 KB English lines": _four_lines("moon day ", size),
        "four 250 KB Chinese lines": _four_lines("明月光", size),
        "ASCII quotes only": fill('"'),
        "curly quotes unclosed": fill("“a"),
        "script lines 'A: b'": fill("ALICE: hi\nBOB: yo\n"),
        "colon without speech 'A:'": fill("A:"),
        "long name-like run before colon": fill("a " * 50) + ":",
        "commas of every form": fill(",，、"),
        "title marks '<<' and '《'": fill("<<《"),
        "markdown heading hashes": fill("#"),
        "alternating CJK and Latin 'a中'": fill("a中"),
        "emoji and combining marks": fill("😀e\u0301\u200d"),
        "whitespace of every kind": fill(" \t\u3000\u00a0\r\n\x0b\x0c\u2028"),
    }


def warm_up() -> float:
    """Load every lazy table once (jieba, CMU dictionary, punctuation) and return the seconds."""
    start = time.perf_counter()
    cjk.zh_word_counts(_POEM, limit=0)
    cjk.punctuation_count("，")
    cjk.sentence_count("Dr. No.")
    prosody.line_syllables("warm up")
    prosody.rhymes("光", "霜")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=1.0)
    parser.add_argument("--ids", default="", help="comma-separated cw: ids (default: all)")
    args = parser.parse_args()
    assert writing_counts and writing_form and writing_format and writing_words  # registered on import
    wanted = set(filter(None, args.ids.split(",")))
    specs = [s for s in SPECS if not wanted or s["id"] in wanted]
    size = int(args.size_mb * 1_000_000)
    print(f"one-time loading (jieba, CMU dictionary, punctuation table): {warm_up():.2f} s")
    worst: dict[str, tuple[float, float, str]] = {}
    texts = cases(size)
    print(f"{'check':<48} {'case':<40} {'cpu s':>6} {'wall s':>6}")
    for spec in specs:
        checker = build(spec)
        label = " ".join(f"{k}={v}" for k, v in spec.items() if k != "id")
        key = f"{spec['id']} {label}".strip()
        for name, text in texts.items():
            wall, cpu = time.perf_counter(), time.process_time()
            checker.check(text)
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if cpu > 0.1:
                print(f"{key[:48]:<48} {name[:40]:<40} {cpu:6.3f} {wall:6.3f}")
            if cpu >= worst.get(key, (0.0, 0.0, ""))[0]:
                worst[key] = (cpu, wall, name)
    print(f"\nworst case per check ({len(texts)} cases of ~{args.size_mb:g} MB each)")
    print(f"{'check':<48} {'worst case':<40} {'cpu s':>6} {'wall s':>6}")
    for key, (cpu, wall, name) in worst.items():
        print(f"{key[:48]:<48} {name[:40]:<40} {cpu:6.3f} {wall:6.3f}")
    slowest = max(cpu for cpu, _, _ in worst.values())
    print(f"\nslowest: {slowest:.3f} s CPU ({'within' if slowest < 1.0 else 'OVER'} the 1 s target)")
    return 0 if slowest < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
