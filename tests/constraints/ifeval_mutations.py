"""Corner-case variants of real responses for the IFEval conformance test.

Each variant targets a reference quirk: counts at the limit and one off, `---` and `* ` bullet
lines, code and JSON fences, quotes, blank paragraphs, `***` dividers, CJK and emoji, empty and
whitespace-only text, P.S. lines, <<titles>>, all caps / all lowercase, commas. Deterministic:
the random generator is seeded by the caller.
"""

from __future__ import annotations

import json
import random

NUMERIC = {
    "length_constraints:number_words": "num_words",
    "length_constraints:number_sentences": "num_sentences",
    "length_constraints:number_paragraphs": "num_paragraphs",
    "detectable_format:number_bullet_lists": "num_bullets",
    "detectable_content:number_placeholders": "num_placeholders",
    "detectable_format:number_highlighted_sections": "num_highlights",
    "detectable_format:multiple_sections": "num_sections",
    "change_case:capital_word_frequency": "capital_frequency",
    "keywords:frequency": "frequency",
    "keywords:letter_frequency": "let_frequency",
    "length_constraints:nth_paragraph_first_word": "num_paragraphs",
}
FILLER = "The river ran past the old mill, and Mr. Gray said hello. It was 3.5 p.m. on a cold day!"


def at_count(iid: str, kw: dict, n: int, base: str, rng: random.Random) -> str:
    """A text with `n` of whatever `iid` counts (words, sentences, bullets, ...)."""
    words = base.split() or ["word"]
    if iid == "length_constraints:number_words":
        return " ".join((words * (n // len(words) + 1))[:n])
    if iid == "length_constraints:number_sentences":
        return " ".join(f"Sentence number {i} is here." for i in range(n))
    if iid == "length_constraints:number_paragraphs":
        return "\n***\n".join(f"Paragraph {i}: {base[:80]}" for i in range(n))
    if iid == "detectable_format:number_bullet_lists":
        marks = ["* ", "- ", "  * ", "---", "-"]
        return base[:60] + "\n" + "\n".join(rng.choice(marks) + f"point {i}" for i in range(n))
    if iid == "detectable_content:number_placeholders":
        return " ".join(f"[name {i}]" for i in range(n)) + " [" + base[:30]
    if iid == "detectable_format:number_highlighted_sections":
        return "\n".join(rng.choice(["*part {}*", "**bold {}**", "* {} *"]).format(i) for i in range(n))
    if iid == "detectable_format:multiple_sections":
        splitter = kw["section_spliter"].strip()
        return "\n".join(f"{splitter} {i + 1}\n{base[:50]}" for i in range(n))
    if iid == "change_case:capital_word_frequency":
        return " ".join(rng.choice(["BIG", "U.S.", "NASA-LED", "OK"]) for _ in range(n)) + " and then " + base[:40]
    if iid == "keywords:frequency":
        return " ".join(f"{kw['keyword']} x" for _ in range(n))
    if iid == "keywords:letter_frequency":
        return "z " + kw["letter"] * n + " q"
    if iid == "length_constraints:nth_paragraph_first_word":
        paras = [f"{kw['first_word'].capitalize()}, said the page." if i + 1 == kw["nth_paragraph"] else base[:40] for i in range(n)]
        return "\n\n".join(paras)
    return base


def generic(response: str, prompt: str, kw_list: list[dict], rng: random.Random) -> list[str]:
    """Variants every response gets, whatever its instructions."""
    lines = response.split("\n")
    phrase = next((kw["end_phrase"] for kw in kw_list if kw.get("end_phrase")), "Is there anything else I can help with?")
    keyword = next((kw["keywords"][0] for kw in kw_list if kw.get("keywords")), "hou")
    out = [
        "",
        "  \n\t ",
        response.upper(),
        response.lower(),
        f'"{response}"',
        "```json\n" + json.dumps({"answer": response}) + "\n```",
        "```\n" + response + "\n```",
        "<<" + (lines[0][:40] or "t") + ">>\n\n" + response + "\n\nP.S. see you\nP.P.S more",
        "\n\n***\n\n".join(response.split("\n\n")) + "\n***\n\n***\n",
        response.replace(",", "，") + " 中文句子，还有表情 😀🎉。",
        "\n---\n".join(lines) + "\n* one\n*two\n** not\n - dash",
        prompt + "\n" + response,
        response + " " + phrase + ' "',
        response.replace(" ", f" {keyword} ", 2) + " p. s. late note",
        "My answer is yes. " + response[:100] + "\n******\n" + response[100:200] + "\n******",
        "SECTION 1 " + response[:80] + "\nSection 2\n" + response[80:160] + "\nPARAGRAPH 3 [x]",
    ]
    if len(response) > 20:
        cut = rng.randrange(1, len(response))
        out.append(response[:cut])
    return out


def mutations(prompt: str, ids: list[str], kw_list: list[dict], response: str, rng: random.Random, n_generic: int = 8) -> list[str]:
    """The response itself, `n_generic` of the generic variants (drawn by `rng`; empty and
    whitespace-only always included), and counts at each numeric limit and one off."""
    pool = generic(response, prompt, kw_list, rng)
    out = [response, *pool[:2], *rng.sample(pool[2:], min(n_generic, len(pool) - 2))]
    for iid, kw in zip(ids, kw_list):
        key = NUMERIC.get(iid)
        if key and kw.get(key) is not None:
            n = int(kw[key])
            out += [at_count(iid, kw, m, response, rng) for m in (max(n - 1, 0), n, n + 1)]
    return out
