"""The original/degraded corpus: deterministic, big enough, and each degradation does its job."""

import json
from collections import Counter
from pathlib import Path

import pytest

from hypothesis import given
from hypothesis import strategies as st

from rlmr.writing.degrade import BASE_KINDS, CUT_MAX_SHARE, CUTS, CutNotShorter, build_pairs, first_sentences, first_share
from rlmr.writing.textstats import CLOSERS, TERMINALS, truncated, units

CORPUS = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "originals.jsonl"
PROSE = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "prose.jsonl"


@pytest.fixture(scope="module")
def items():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def prose():
    return [json.loads(line) for line in PROSE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def pairs(items):
    return build_pairs(items, BASE_KINDS)


@pytest.fixture(scope="module")
def cuts(items, prose):
    return build_pairs(items, CUTS) + build_pairs(prose, CUTS)


def test_corpus_has_at_least_30_texts_per_language_and_300_pairs(items, pairs):
    assert Counter(i["lang"] for i in items) == {"en": 32, "zh": 32}
    assert len({i["id"] for i in items}) == len(items)
    # Originals end their sentences, except a letter's signature ("祝好！老周"): kept on purpose,
    # a real false positive of the truncation component.
    assert [i["id"] for i in items if truncated(i["text"])] == ["zh-xin"]
    assert len(pairs) == 320 and Counter(p.kind for p in pairs) == {k: 64 for k in BASE_KINDS}


def test_pairs_are_deterministic(items, pairs):
    assert build_pairs(items, BASE_KINDS) == pairs and build_pairs(items, CUTS) == build_pairs(items, CUTS)


def test_every_degraded_text_differs_from_its_original(pairs):
    assert all(p.degraded != p.original for p in pairs)


def test_shuffle_keeps_the_words_and_changes_the_order(pairs):
    for p in (p for p in pairs if p.kind == "shuffle_sentences"):
        assert Counter(units(p.original)) == Counter(units(p.degraded)), p.id
        assert units(p.original) != units(p.degraded), p.id


def test_word_salad_keeps_the_words(pairs):
    for p in (p for p in pairs if p.kind == "word_salad"):
        assert Counter(units(p.original)) == Counter(units(p.degraded)), p.id


def test_truncation_stops_inside_a_sentence(pairs):
    for p in (p for p in pairs if p.kind == "truncate"):
        assert p.original.startswith(p.degraded) and p.degraded.rstrip()[-1] not in TERMINALS, p.id
        assert 0.4 < len(p.degraded) / len(p.original) < 0.9


def test_off_topic_swaps_in_another_text_of_the_same_language(items, pairs):
    texts = {i["text"]: i["lang"] for i in items}
    for p in (p for p in pairs if p.kind == "off_topic"):
        assert texts[p.degraded] == p.lang


def test_repeat_phrase_adds_a_loop(pairs):
    for p in (p for p in pairs if p.kind == "repeat_phrase"):
        assert len(units(p.degraded)) > len(units(p.original)) + 10, p.id


def test_prose_adds_real_english_and_chinese_texts_with_unique_ids(items, prose):
    assert Counter(i["lang"] for i in prose) == {"en": 11, "zh": 12}
    assert not {i["id"] for i in prose} & {i["id"] for i in items}
    assert not [i["id"] for i in prose if truncated(i["text"])]


def test_cuts_cover_both_languages_and_keep_at_most_80_percent(cuts):
    counts = Counter((p.kind, p.lang) for p in cuts)
    assert all(counts[(kind, lang)] >= 35 for kind in CUTS for lang in ("en", "zh")), counts
    for p in cuts:
        assert len(p.degraded) <= CUT_MAX_SHARE * len(p.original.strip()), (p.id, p.kind)
        # complete-looking: the truncation component cannot catch a cut, only its length can
        assert not truncated(p.degraded), (p.id, p.kind, p.degraded[-20:])


def test_sentence_cuts_are_prefixes_ending_at_a_sentence_end(cuts):
    for p in (p for p in cuts if p.kind in ("first_sentence", "first_two")):
        assert p.original.startswith(p.degraded), (p.id, p.kind)
        end = p.degraded.rstrip(CLOSERS)[-1]
        assert end in ("。！？…" if p.lang == "zh" else ".!?"), (p.id, p.kind, end)


def test_first_sentence_of_chinese_stops_at_the_first_full_stop():
    text = "天刚蒙蒙亮，菜市场就醒了。卖鱼的大叔笑了！你说呢？最后一句。"
    assert first_sentences(text, 1) == "天刚蒙蒙亮，菜市场就醒了。"
    assert first_sentences(text, 2) == "天刚蒙蒙亮，菜市场就醒了。卖鱼的大叔笑了！"
    with pytest.raises(CutNotShorter):
        first_sentences("只有一句。", 1)


def test_first_sentence_of_english_knows_abbreviations():
    text = "Mr. Okafor sat down. He waited. The rain came. Nobody else did."
    assert first_sentences(text, 1) == "Mr. Okafor sat down."


def test_first_30pct_keeps_about_30_percent_of_the_units_and_ends_cleanly(cuts):
    for p in (p for p in cuts if p.kind == "first_30pct"):
        kept, whole = len(units(p.degraded)), len(units(p.original))
        assert abs(kept - 0.3 * whole) <= 1, (p.id, kept, whole)
        assert units(p.original)[:kept] == units(p.degraded), p.id


_WORD = st.text(alphabet="abcdefghij", min_size=3, max_size=8)  # Punkt reads "A." as an initial
_SENT = st.lists(_WORD, min_size=1, max_size=8).map(lambda ws: " ".join(ws).capitalize() + ".")


@given(st.lists(_SENT, min_size=6, max_size=12))
def test_sentence_cuts_keep_whole_sentences_of_any_text(sentences):
    text = " ".join(sentences)
    for n in (1, 2):
        try:
            cut = first_sentences(text, n)
        except CutNotShorter:
            continue
        # whole Punkt sentences: a prefix of the text, ending on a full stop, exactly n of them
        from rlmr.constraints.text import sentences as punkt

        assert text.startswith(cut) and cut.endswith(".") and len(punkt(cut)) == n
    try:
        cut = first_share(text)
    except CutNotShorter:
        return
    assert text.startswith(cut[:-1]) and cut.endswith(".")
