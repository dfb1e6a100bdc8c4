"""English phrasings: several ways to ask for each constraint, and to ask for the piece itself.

Variety is the point: each constraint has several templates, numbers come as digits or words,
and `assemble` puts the constraints before the request, after it, or in a list, so that a policy
cannot learn one sentence shape. Templates take the spec's kwargs plus `{n}`/`{m}` already spoken.
"""

from __future__ import annotations

import random
from typing import Any

from rlmr.data.synth.numbers import say, stated_slack

REQUESTS = (
    "Write {form} about {topic}.", "Compose {form} on the theme of {topic}.", "Could you write {form} about {topic}?",
    "I need {form} inspired by {topic}.", "Please write {form} that captures {topic}.", "Create {form} centred on {topic}.",
    "Tell the story of {topic} as {form}.", "Give me {form} about {topic}.", "Write {form}. The subject: {topic}.",
    "My prompt for you is {topic}; turn it into {form}.",
)

_COUNT = {
    "at_most": ("Use no more than {n} {unit}.", "Keep it to {n} {unit} or fewer.", "The whole piece must not exceed {n} {unit}.",
                "Stay within {n} {unit}.", "{N} {unit} at most.", "It has to fit in {n} {unit}."),
    "at_least": ("Write at least {n} {unit}.", "It should run to no fewer than {n} {unit}.", "Make it {n} {unit} or longer.",
                 "Give it a minimum of {n} {unit}."),
    "exactly": ("Use exactly {n} {unit}.", "It must have exactly {n} {unit}, no more and no fewer.", "Exactly {n} {unit}, please."),
    "between": ("Aim for {n} to {m} {unit}.", "The length should be between {n} and {m} {unit}.",
                "Somewhere from {n} to {m} {unit} is right.", "Keep it between {n} and {m} {unit} (inclusive)."),
    "about": ("Make it about {n} {unit} long, give or take {k}.", "Around {n} {unit} (within {k} either way).",
              "Target roughly {n} {unit}; being off by more than {k} is not acceptable."),
}
_UNITS = {"cw:word_count": "words", "cw:sentence_count": "sentences", "cw:paragraph_count": "paragraphs",
          "cw:line_count": "lines", "cw:stanza_count": "stanzas", "cw:mixed_count": "words"}
_EXTRA = {
    "cw:paragraph_count": (" Separate paragraphs with a blank line.", ""),
    "cw:stanza_count": (" Leave a blank line between stanzas.", ""),
}

_FIXED: dict[str, tuple[str, ...]] = {
    "length_constraints:number_words/less than": ("Answer with less than {n} words.", "Respond in fewer than {n} words.",
                                                  "Your response should contain less than {n} words."),
    "length_constraints:number_words/at least": ("Answer with at least {n} words.", "Your response should contain at least {n} words."),
    "cw:syllable_pattern": ("Follow the {pat} syllable pattern, one line per number.",
                            "Its lines must have {words} syllables, in that order.",
                            "Stick to the classic {pat} syllable count across its {L} lines."),
    "cw:rhyme_scheme": ("Use the rhyme scheme {scheme}.", "Rhyme it {scheme} (lines with the same letter rhyme).",
                        "The end words should follow the pattern {scheme}, one letter per line."),
    "cw:acrostic": ("Make it an acrostic: the first letters of the lines spell {word}.",
                    "Start each line with the next letter of \"{word}\", one line per letter.",
                    "The initial letters of its lines, read downwards, must spell {word}."),
    "cw:starts_with": ("Begin with the words \"{phrase}\".", "Open with: \"{phrase}\"", "The very first words must be \"{phrase}\"."),
    "cw:ends_with": ("End with the exact phrase \"{phrase}\"", "Finish with these words: \"{phrase}\"",
                     "The last words of the text must be \"{phrase}\""),
    "startend:end_checker": ("Finish your response with this exact phrase: {end_phrase} No other words should follow this phrase.",
                             "End your response with the phrase \"{end_phrase}\" and nothing after it."),
    "cw:title/angle": ("Give it a title wrapped in double angular brackets, like <<title>>, on the first line.",
                       "Put its title on the first line inside << and >>."),
    "cw:title/markdown": ("Start with a Markdown heading (# Title) as its title.", "The first line should be a title written as a # heading."),
    "cw:title/any": ("Put a title on the first line (as <<Title>>, # Title or 《Title》).", "Open with a title line, marked as <<Title>> or # Title."),
    "detectable_format:title": ("Your answer must contain a title, wrapped in double angular brackets, such as <<poem of joy>>.",
                                "Include a title in double angular brackets, i.e. <<title>>."),
    "cw:banned_words": ("Do not use the words {words}.", "Avoid these words entirely: {words}.", "Never say {words}.",
                        "The words {words} are off limits."),
    "keywords:forbidden_words": ("Do not include keywords {words} in the response.", "Do not use the words {words} anywhere."),
    "cw:keyword_count/at_least": ("Use the word \"{keyword}\" at least {times}.", "Mention \"{keyword}\" {times} or more.",
                                  "The word \"{keyword}\" should appear no fewer than {times}."),
    "cw:keyword_count/exactly": ("Use the word \"{keyword}\" exactly {times}.", "Mention \"{keyword}\" precisely {times}, no more.",
                                 "\"{keyword}\" must appear exactly {times}."),
    # IFBench ids, in IFBench's own wording (so `rlmr constraints extract` reads them back).
    "count:unique_word_count": ("Use at least {N} unique words in the response.",),
    "count:conjunctions": ("Use at least {small_n} different coordinating conjunctions in the response.",),
    "count:pronouns": ("The response should include at least {N} pronouns.",),
    "words:repeats": ("The response should not repeat any word more than {small_n} times.",),
    "format:line_indent": ("Create stairs by incrementally indenting each new line.",),
    "format:title_case": ("Write the entire response in title case (capitalize the first letter of every major word).",),
    "cw:no_comma": ("Do not use any commas.", "No commas anywhere in the text.", "Write it without a single comma."),
    "punctuation:no_comma": ("You are not allowed to use any commas in your response.", "Refrain from the use of any commas."),
    "cw:max_word_repeat": ("Do not repeat any content word more than {n} times.",
                           "No word other than small function words may appear more than {n} times."),
    "cw:dialogue/script": ("Format it as a script, each line \"NAME: speech\", with at least {n} lines of dialogue between two or more characters.",
                           "Write it as script lines (NAME: what they say): two or more speakers, {n} lines or more."),
    "cw:dialogue/quoted": ("Include at least {n} lines of speech in quotation marks.", "At least {n} quoted utterances should appear."),
    "change_case:english_lowercase": ("Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.",
                                      "Write everything in lowercase English letters; no capitals at all."),
    "detectable_content:postscript": ("At the end of your response, please explicitly add a postscript starting with {postscript_marker}",
                                      "Add a postscript that starts with {postscript_marker} at the end."),
}


def _key(spec: dict[str, Any]) -> str:
    cid = spec["id"]
    for kwarg in ("relation", "style"):
        if f"{cid}/{spec.get(kwarg)}" in _FIXED:
            return f"{cid}/{spec[kwarg]}"
    return cid


def describe(spec: dict[str, Any], rng: random.Random) -> str:
    """One natural-language statement of a spec."""
    cid = spec["id"]
    n = spec.get("n", spec.get("num_words", spec.get("min_turns")))
    values = {**spec, "n": say(n, "en", rng) if isinstance(n, int) else n}
    if cid in _UNITS:
        relation = spec.get("relation", "exactly")
        values.update(unit=_UNITS[cid], m=say(spec.get("n_max", 0), "en", rng),
                      k=stated_slack(spec))
        values["N"] = str(values["n"]).capitalize()
        return rng.choice(_COUNT[relation]).format(**values) + rng.choice(_EXTRA.get(cid, ("",)))
    if cid == "cw:syllable_pattern":
        pattern = spec["pattern"]
        values.update(pat="-".join(map(str, pattern)), L=say(len(pattern), "en", rng),
                      words=", ".join(say(p, "en", rng) for p in pattern))
    if cid == "cw:keyword_count":
        spoken = f"{values['n']} time" + ("s" if spec["n"] != 1 else "")
        values["times"] = rng.choice(({1: "once", 2: "twice"}.get(spec["n"], spoken), spoken))
    if "words" in spec or "forbidden_words" in spec:
        words = [f'"{w}"' for w in spec.get("words", spec.get("forbidden_words", []))]
        values["words"] = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    return rng.choice(_FIXED[_key(spec)]).format(**values)


def assemble(request: str, clauses: list[str], rng: random.Random) -> str:
    """Place the constraint statements around the request in one of several layouts."""
    layout = rng.choice(("after", "after", "before", "list", "split"))
    if layout == "list" and clauses:
        head = rng.choice(("Requirements:", "Rules:", "Constraints:", "Please follow these rules:"))
        return f"{request}\n\n{head}\n" + "\n".join(f"- {c}" for c in clauses)
    if layout == "before" and clauses:
        return " ".join(clauses) + " " + request
    if layout == "split" and len(clauses) > 1:
        return clauses[0] + " " + request + " " + " ".join(clauses[1:])
    return " ".join([request, *clauses])
