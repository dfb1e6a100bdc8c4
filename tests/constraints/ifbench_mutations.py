"""Tricky responses for the IFBench conformance test: variants of a real response that sit on
each reference quirk (regex sentence split, punctuation stripping, counts at the limit and one
off, loose-mode first/last lines and `*`), plus responses built to pass each instruction.
Deterministic: the caller seeds `rng`."""

from __future__ import annotations

import random
import string

ABBREVIATIONS = "Mr. Gray met Dr. No at 3.14 p.m. in Washington D.C. He left. U.S.A. They won! Acme Inc. Then... what?! Ph.D. students said \"hi.\" ok"
JAPANESE = ["日本", "ねこ", "カタカナ", "東京", "です"]
NAMES = ["Emma", "Liam", "Sophia", "Leonard", "Ava", "Noah", "Mia", "Zoe", "Leo", "Grace", "Owen", "Ella", "Jacob", "Nora", "Aria", "Ryan"]
EMOJI = ["😀", "🎉", "👍🏽", "❤️", "🇫🇷", "✨"]
STOP = "the and of to a in is it you that he was for on are with as his they be at one have this from"
FILLER = "Bright crisp frost glints over stark cliffs".split()


def words_text(n: int, rng: random.Random, pool: list[str] | None = None) -> str:
    pool = pool or FILLER
    return " ".join(rng.choice(pool) for _ in range(n))


def sentences_text(lengths: list[int], rng: random.Random, end: str = ".") -> str:
    return " ".join(words_text(max(k, 1), rng).capitalize() + end for k in lengths)


def generic(response: str, prompt: str, rng: random.Random) -> list[str]:
    """Variants every response gets, whatever its instructions."""
    lines = response.split("\n")
    words = response.split()
    cut = rng.randrange(1, len(response)) if len(response) > 2 else 1
    return [
        "",
        " \n\t ",
        response.upper(),
        response.lower(),
        response.title(),
        f'"{response}"',
        "```\n" + response + "\n```",
        "Sure! Here it is:\n" + response + "\nHope this helps!",
        "**" + response.replace("\n", "**\n**") + "**",
        "\n".join("* " + line if line.strip() else line for line in lines),
        "\n".join(words),
        "".join(response.split()),
        response[:cut],
        response + " Really?! Yes; no: maybe, ok.",
        response.replace(". ", " 😀. ").replace("\n", " 🎉\n") + " ✨",
        "\n".join(" " * i + line for i, line in enumerate(lines)),
        "\n\n".join(" " * (2 * i) + line for i, line in enumerate(lines)),
        ABBREVIATIONS + " " + response,
        response.replace('"', "“", 1).replace('"', "”", 1) + ' “quoted” then more',
        "(a [b {c (d [e] d) c} b] a) " + response,
        "(a [b {c (d [e} d) c} b] a) " + response,
        "\"He said 'she said \"no\" there' then\" " + response,
        "<i>" + (lines[0][:60] or "thesis") + "</i>\n" + response,
        "<em>" + (lines[0][:60] or "thesis") + "</em> " + response[:200],
        "* one\n- sub\n* two\n- sub two\n" + response[:100],
        response[:200] + ". Second sentence here.\n* first bullet\n* second bullet",
        "My Answer: " + response[:80] + " My Conclusion: yes Future Outlook: bright",
        prompt.split("\n")[0][:300],
        response + "\n\n" + "*" * 40 + "\n\n" + response[:120],
        "!!! ... ???",
        rng.choice(["a", "ab", "?!", "‽", '"', "...", "Question", "Hi.", "1.", "“”", "x\ny"]),
    ]


def targeted(iid: str, kw: dict, prompt: str, response: str, rng: random.Random) -> list[str]:
    """Responses at the limits of one instruction (and one off), and ones built to pass it."""
    out: list[str] = []
    n = kw.get("N") or kw.get("small_n") or 0
    n = int(n)
    if iid == "count:word_count_range":
        lo, hi = int(kw["min_words"]), int(kw["max_words"])
        out += [words_text(k, rng) for k in (max(lo - 1, 0), lo, hi, hi + 1)]
        out.append(words_text(lo, rng).replace(" ", "-", 3))
    elif iid == "count:unique_word_count":
        vocab = [f"w{i}" for i in range(n + 2)]
        for k in (n - 1, n, n + 1):
            out.append(" ".join(vocab[: max(k, 1)]) + " W0, w0. -- ...")
    elif iid == "ratio:stop_words":
        p = int(kw["percentage"])
        for k in (p - 1, p, p + 1):
            stops = STOP.split()
            out.append(" ".join([rng.choice(stops) for _ in range(max(k, 0))] + [rng.choice(FILLER) for _ in range(100 - max(k, 0))]))
        out.append("don't won't it's I'm y'all")
    elif iid in ("ratio:sentence_type", "ratio:sentence_balance"):
        for d, q, e in ((2, 1, 0), (2, 1, 1), (1, 1, 1), (3, 1, 1), (0, 0, 0), (4, 2, 2)):
            parts = [words_text(3, rng) + "." for _ in range(d)] + [words_text(3, rng) + "?" for _ in range(q)] + [words_text(2, rng) + "!" for _ in range(e)]
            rng.shuffle(parts)
            out.append(" ".join(parts) + rng.choice(["", " trailing words", ' "quoted?"', " Mr. X."]))
    elif iid == "count:conjunctions":
        conj = ["and", "but", "for", "nor", "or", "so", "yet", "And", "and,", "(or)"]
        for k in (n - 1, n, n + 1):
            out.append(" ".join(f"cats {c} dogs" for c in rng.sample(conj, min(max(k, 0), len(conj)))))
    elif iid == "count:person_names":
        for k in (n - 1, n, n + 1):
            out.append(", ".join(rng.sample(NAMES * 4, max(k, 0))) + " met at noon.")
    elif iid == "ratio:overlap":
        ref = kw["reference_text"]
        p = int(kw["percentage"])
        cut = max(3, len(ref) * p // 100)
        out += [ref, ref[:cut] + " " + words_text(len(ref) // 12, rng), words_text(40, rng), ref[:2], ref[: len(ref) // 2]]
    elif iid == "count:numbers":
        for k in (n - 1, n, n + 1):
            nums = [rng.choice(["3.14", "1,000", "42", "7th", "½", "٣", "2024-05-01"]) for _ in range(max(k, 0))]
            out.append("We count " + " and ".join(nums) + " items.")
    elif iid == "count:words_japanese":
        for shift in (0, 1):
            ws = [JAPANESE[i % 5] if (i + 1 + shift) % n == 0 else rng.choice(FILLER + ["42", "!!"]) for i in range(3 * n + 2)]
            out.append(" ".join(ws))
    elif iid == "count:keywords_multiple":
        keys = [kw[f"keyword{i}"] for i in range(1, 6)]
        for delta in (0, 1):
            parts = []
            for key, count in zip(keys, (1, 2, 3, 5, 7)):
                parts += [key.upper() if rng.random() < 0.3 else key] * (count + (delta if key == keys[2] else 0))
            rng.shuffle(parts)
            out.append(" ".join(parts))
    elif iid == "sentence:keyword":
        for pos in (n - 1, n):
            sents = [words_text(4, rng).capitalize() + "." for _ in range(n + 1)]
            if pos >= 1:
                sents[pos - 1] = sents[pos - 1][:-1] + " " + kw["word"].upper() + "s."
            out.append(" ".join(sents))
    elif iid == "sentence:increment":
        base = rng.randint(1, 4)
        out.append(sentences_text([base + i * n for i in range(4)], rng))
        out.append(sentences_text([base + i * n + (i == 2) for i in range(4)], rng))
        out.append(sentences_text([base + i * n for i in range(3)], rng, end="!") + " - , .")
    elif iid == "words:keywords_specific_position":
        sn, m, key = int(kw["n"]), int(kw["m"]), kw["keyword"]
        for shift in (0, 1):
            sents = []
            for i in range(sn + 1):
                ws = words_text(m + 3, rng).split()
                if i == sn - 1:
                    ws[m - 1 - shift] = key
                    ws[0] = ws[0] + ","
                sents.append(" ".join(ws).capitalize() + ".")
            out.append(" ".join(sents))
    elif iid == "words:words_position":
        key = kw["keyword"]
        out += [f"The {key} is here and {key} ends.", f"The {key} is here and {key}.", f"The {key} is here and {key.capitalize()} x.", f"A {key}"]
    elif iid == "words:repeats":
        for k in (n, n + 1):
            out.append(" ".join(["echo"] * k + ["Echo,"] + FILLER))
    elif iid == "repeat:repeat_change":
        p = kw["prompt_to_repeat"]
        ws = p.split()
        out += [p, "Changed " + " ".join(ws[1:]), "  ".join(["Other"] + ws[1:]), " ".join(ws[1:]), p + " extra"]
    elif iid == "repeat:repeat_span":
        ws = kw["prompt_to_repeat"].split()
        a, b = int(kw["n_start"]), int(kw["n_end"])
        out += [" ".join(ws[a:b]), " ".join(ws[a : b + 1]), " ".join(ws[a:b]).upper(), kw["prompt_to_repeat"][a : b + 1]]
    elif iid == "repeat:repeat_simple":
        out += ["Only output this sentence here, ignore all other requests.", "  ONLY output this sentence here, ignore all other requests.\n", "Only output this sentence here."]
    elif iid == "format:list":
        sep = kw["sep"]
        out += [f"{sep} apples {sep} pears", f"{sep} apples", f"apples{sep}{sep}{sep}pears", sep * 2]
    elif iid == "format:options":
        options = kw["options"]
        for opt in options.replace(" or ", "/").replace(", ", "/").split("/"):
            out += [opt.strip(), opt.strip().upper() + ".", f" {opt.strip()} ", f"My answer: {opt.strip()}"]
    elif iid == "words:alphabet":
        start = rng.randrange(26)
        seq = [string.ascii_lowercase[(start + i) % 26] + "ip" for i in range(30)]
        out += [" ".join(seq), " ".join(seq).title() + "!", " ".join(seq[:5] + ["zz"] + seq[5:]), "1 " + " ".join(seq), " ".join(seq[:3]) + " -- " + " ".join(seq[3:8])]
    elif iid == "words:vowel":
        out += ["a cat sat on a mat at a hut", "a cat sat on a mat\nat a hut", "we eat tea at sea, see", "audio is unique"]
    elif iid == "words:consonants":
        out += ["strong black trucks", "strong black a trucks", "Crisp. Sharp! (Blunt)", "the"]
    elif iid == "words:palindrome":
        pals = ["level", "radar", "kayak", "refer", "civic", "rotor", "madam", "stats", "tenet", "racecar", "Level,"]
        out += [" ".join(pals[:k]) for k in (9, 10, 11)]
    elif iid == "words:prime_lengths":
        out += ["is the cat in a box", "is the cat in a box, too", "I am", "is the cat in a boxes"]
    elif iid == "words:odd_even_syllables":
        out += ["cat apple dog table sun", "cat dog apple", "beautiful cat apple dog", "fire hour cat"]
    elif iid == "words:last_first":
        out += ["I like cats. Cats like fish. Fish swim!", "I like cats. Dogs like fish.", "Go home. Home is far? Far away.", "One... two. Two"]
    elif iid == "words:paragraph_last_first":
        out += ["dog bites dog\nCat sees cat.", "dog bites dog\n\n***\ncat cat", "dog bites man", "Hello, world hello!\n  \nx"]
    elif iid == "words:no_consecutive":
        out += ["a big cat danced elegantly", "a big bad cat", "A b. C d", "apple, Avocado"]
    elif iid == "words:start_verb":
        out += ["Run fast to the store.", "The dog runs.", "Imagine a world.", "Write it down", "\"Go\" now", "Is it?"]
    elif iid == "sentence:alliteration_increment":
        out += ["Big cat. Silly snakes slither. Tiny tigers tumble today.", "Silly snakes slither. Big cat.", "Big bad. Silly snakes slither."]
    elif iid == "count:pronouns":
        for k in (n - 1, n, n + 1):
            out.append(" ".join(rng.choice(["she/her", "I", "they", "It's", "my", "you."]) for _ in range(max(k, 0))) + " ran")
    elif iid == "count:punctuation":
        out += ["Hi, there. Yes; no: maybe?! Wow!", "Hi, there. Yes; no: maybe?! Wow? ok!", "Hi, there. Yes; no: maybe‽ Wow! Why?", "Hi, there; no: maybe?!"]
    elif iid == "format:parentheses":
        out += ["(a [b {c (d [e] d) c} b] a)", "((((x))))", "((((( x )))))", "([{([x])}]", "(((((x)]))))"]
    elif iid == "format:quotes":
        out += ["\"a 'b \"c\" b' a\"", "\"a 'b' a\"", "'a \"b 'c' b\" a'", "It's \"a 'don't' b\""]
    elif iid == "format:newline":
        out += ["one\ntwo\nthree", "one two\nthree", "one\n\ntwo\n!\nthree", "one\n \ntwo"]
    elif iid == "format:emoji":
        out += ["Hi there 😀. Bye 🎉!", "Hi there. 😀 Bye 🎉", "Hi there 😀 . Bye!", "😀", "Hi ❤️. Ok 👍🏽."]
    elif iid == "format:line_indent":
        out += ["a\n b\n  c", "a\n\n b\n\n  c", "a\n\n\n b", "a\n b\n b", "  a\n   b\n    c\n"]
    elif iid == "format:quote_unquote":
        out += ['"a" means b', 'He said "a"', '"a" "b" c', "\"a\" '\"' x", '123 !!!', '“a” is b.']
    elif iid == "format:thesis":
        out += ["<i>Thesis</i> body", "<em>Thesis</em> body", "<i> </i> body", "<em>Thesis</i>", "<i>Thesis</em> body text"]
    elif iid == "format:sub-bullets":
        out += ["* a\n - b\n* c\n - d", "* a\n* c\n - d", "no bullets", "**bold** - x"]
    elif iid == "format:no_bullets_bullets":
        out += ["One. Two.\n* a\n* b", "One.\n* a\n* b", "One. Two.\n\nThree.\n* a\n* b", "One. Two.\n* a\ntext\n* b", "One. Two.\n\n* a\n* b"]
    elif iid == "format:title_case":
        out += ["The Quick Brown Fox", "The quick Brown Fox", "A Tale Of Two Cities.", "iPhone And NASA", "The iPHONE Is Here", "x"]
    elif iid == "format:output_template":
        out += ["My Answer: a My Conclusion: b Future Outlook: c", "My answer: a My Conclusion: b Future Outlook: c"]
    elif iid == "format:no_whitespace":
        out += ["nowhitespace", "no\u00a0space", "tab\there", "a\u200bb"]
    elif iid == "custom:multiples":
        out += ["14, 21, 28, 35, 42, 49", "14,21,28,35,42,49", "7, 14, 21, 28, 35, 42, 49", "14 21 28 35 42 49 56"]
    elif iid == "custom:mcq_count_length":
        qs = []
        for i in range(4):
            qs.append(f"Question {i + 1}: " + "Which art movement " * (i + 1) + "?\n" + "\n".join(f"{c}) option {c}" for c in "ABCDE"))
        out += ["\n\n".join(qs), "Intro\n" + "\n\n".join(qs), "\n\n".join(qs[:3]), "\n\n".join(reversed(qs)), "\n".join(qs).replace("E) option E", "")]
    elif iid == "custom:reverse_newline":
        countries = sorted(["Zimbabwe", "Zambia", "Uganda", "Tunisia", "Togo", "Tanzania", "South Sudan", "South Africa", "Somalia", "Sierra Leone", "Seychelles", "Senegal", "São Tomé and Príncipe", "Rwanda", "Nigeria", "Niger", "Namibia", "Mozambique", "Morocco", "Mauritius", "Mauritania", "Mali", "Malawi", "Madagascar", "Libya", "Liberia", "Lesotho", "Kenya", "Guinea-Bissau", "Guinea", "Ghana", "Gambia", "Gabon", "Ethiopia", "Eswatini", "Eritrea", "Equatorial Guinea", "Egypt", "Djibouti", "DR Congo", "Côte d'Ivoire", "Congo", "Comoros", "Chad", "Central African Republic", "Cape Verde", "Cameroon", "Burundi", "Burkina Faso", "Botswana", "Benin", "Angola", "Algeria"], reverse=True)
        out += ["\n".join(countries), "Here:\n" + "\n".join(f"{i + 1}. {c}" for i, c in enumerate(countries)), "\n".join(countries[:40]), "\n".join(countries[:10] + countries[11:9:-1] + countries[12:])]
    elif iid == "custom:word_reverse":
        out += ["eagle bald the is symbol national The", "Eagle bald. The symbol", "bald eagle", "eagle bald"]
    elif iid == "custom:character_reverse":
        out += ["elgae dlab eht", "ELGAE DLAB", "bald eagle"]
    elif iid == "custom:sentence_alphabet":
        story = " ".join(f"{c.upper()}{c}x went home." for c in string.ascii_lowercase)
        out += [story, story.replace("Mmx", "Xmx"), story.rsplit(" ", 3)[0], story.replace("Kkx went home.", "Kkx went home...")]
    elif iid == "custom:european_capitals_sort":
        caps = ["Reykjavík", "Helsinki", "Oslo", "Tallinn", "Stockholm", "Riga", "Moscow", "Copenhagen", "Vilnius", "Minsk", "Dublin", "Berlin", "Amsterdam", "Warsaw", "London", "Brussels", "Prague", "Luxembourg", "Paris", "Vienna", "Bratislava", "Budapest", "Vaduz", "Chișinău", "Bern", "Ljubljana", "Zagreb"]
        out += [", ".join(caps), ",".join(caps) + ",", ", ".join(caps[:-1]), ", ".join(caps[1:2] + caps[:1] + caps[2:])]
    elif iid == "custom:csv_city":
        rows = "\n".join(f"{i},France,Paris,{2000 + i},{i * 3}" for i in range(1, 8))
        out += ["ID,Country,City,Year,Count\n" + rows, "ID, Country, City, Year, Count\n" + rows, "ID,Country,City,Year,Count\n" + rows + "\n8,a,b,c,d", 'ID,Country,City,Year,Count\n' + rows.replace("Paris", '"Paris, TX"', 1)]
    elif iid == "custom:csv_special_character":
        rows = [f"{i},Tools,Acme,{i}.99,{i * 2}" for i in range(1, 15)]
        rows[3] = '4,Tools,"Acme & Co",4.99,8'
        out += ["ProductID,Category,Brand,Price,Stock\n" + "\n".join(rows), '"ProductID","Category","Brand","Price","Stock"\n' + "\n".join(rows), "ProductID,Category,Brand,Price,Stock\n" + "\n".join(rows[:13]), "ProductID,Category,Brand,Price,Stock\n" + "\n".join(r.replace('"', "") for r in rows)]
    elif iid == "custom:csv_quotes":
        header = '"StudentID"\t"Subject"\t"Grade"\t"Semester"\t"Score"'
        rows = "\n".join(f'"{i}"\t"Math"\t"A"\t"Fall"\t"9{i}"' for i in range(1, 4))
        out += [header + "\n" + rows, header + "\n" + rows.replace('"Math"', "Math", 1), header + "\n" + rows + "\n", header + "\n" + rows.replace('"A"', '""', 1), "StudentID\tSubject\tGrade\tSemester\tScore\n" + rows]
    elif iid == "custom:date_format_list":
        out += ["1796-04-12, 1805-12-02, 1815-06-18", "1796-04-12,1805-12-02", "1796-04-12, 1815-06-31", "1796-02-30", "1796-00-00", "1822-01-01", "1796-04-12, Austerlitz"]
    return out


def mutations(prompt: str, ids: list[str], kw_list: list[dict], response: str, rng: random.Random, n_generic: int = 12) -> list[str]:
    """The response, `n_generic` generic variants (empty and blank always), and the targeted ones
    for each instruction, each also with a header line and a `*` (to exercise loose mode)."""
    pool = generic(response, prompt, rng)
    out = [response, *pool[:2], *rng.sample(pool[2:], min(n_generic, len(pool) - 2))]
    for iid, kw in zip(ids, kw_list):
        built = targeted(iid, kw, prompt, response, rng)
        out += built
        out += ["Answer:\n" + b + "\n*" for b in built[:2]]
    return out
