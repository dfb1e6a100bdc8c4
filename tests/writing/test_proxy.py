"""The offline `proxy` scorer with its real bundled models (SmolLM2 + MiniLM), loaded once."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from rlmr.writing import build_scorer
from rlmr.writing.degrade import BASE_KINDS, CUTS, KINDS, build_pairs
from rlmr.writing.proxy import COMPONENTS

CORPUS = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "originals.jsonl"
PROSE = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "prose.jsonl"
# Measured before the length band (commit 0d3716f, same pairs): the new scorer must not lose any.
BASE_FLOORS = {"shuffle_sentences": 43 / 64, "repeat_phrase": 64 / 64, "off_topic": 60 / 64, "truncate": 64 / 64, "word_salad": 63 / 64}
CUT_FLOOR = 0.90  # each brevity cut, each language


@pytest.fixture(scope="session")
def proxy():
    return build_scorer("proxy")


@pytest.fixture(scope="module")
def items():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def preference(proxy, items):
    """(kind, lang) -> list of wins of the original, over the corpus and the prose cuts."""
    prose = [json.loads(line) for line in PROSE.read_text(encoding="utf-8").splitlines()]
    pairs = build_pairs(items) + build_pairs(prose, CUTS)
    keys = list(dict.fromkeys([(p.prompt, p.original) for p in pairs] + [(p.prompt, p.degraded) for p in pairs]))
    scores = dict(zip(keys, proxy.score([k[0] for k in keys], [k[1] for k in keys])))
    wins = defaultdict(list)
    for p in pairs:
        wins[(p.kind, p.lang)].append(scores[(p.prompt, p.original)] > scores[(p.prompt, p.degraded)])
    print({f"{k}/{lang}": f"{sum(w)}/{len(w)}" for (k, lang), w in wins.items()})
    return wins


@pytest.mark.slow
def test_prefers_originals_over_degraded_versions_in_english_and_chinese(preference):
    base = {k: preference[(k, "en")] + preference[(k, "zh")] for k in BASE_KINDS}
    assert sum(len(w) for w in base.values()) == 320
    rates = {k: sum(w) / len(w) for k, w in base.items()}
    overall = sum(sum(w) for w in base.values()) / 320
    assert overall >= 294 / 320, rates  # 294/320 before the length band
    for kind, floor in BASE_FLOORS.items():
        assert rates[kind] >= floor - 1e-9, (kind, rates)
    assert set(k for k, _ in preference) == set(KINDS)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("kind", CUTS)
def test_a_cut_to_a_sentence_or_two_or_30_percent_loses_to_the_whole_text(preference, kind, lang):
    """The brevity hack of issue 18: complete-looking short text must not beat the whole."""
    wins = preference[(kind, lang)]
    assert len(wins) >= 35
    assert sum(wins) / len(wins) >= CUT_FLOOR, (kind, lang, f"{sum(wins)}/{len(wins)}")


@pytest.mark.slow
def test_length_band_neither_pushes_a_haiku_to_grow_nor_an_answer_past_its_cap(proxy):
    haiku = "An old silent pond,\na frog jumps into the pond,\nsplash! Silence again."
    padded = haiku + "\nThe ripples widen and the evening settles on the reeds,\nand the frog sits still upon a stone as the moon comes up."
    story = "The snow fell all night on the small town by the river, and nobody slept."
    prompts = ["Write a haiku about a frog.", "Write a haiku about a frog.",
               "Write a short story about snow in at most 40 words.", "Write a short story about snow in at most 40 words."]
    long_story = ("The snow fell all night on the small town by the river. In the morning the children ran out "
                  "to the hill with sleds, and the baker left his door open so the warm smell of bread drifted over "
                  "the white street. Old Mrs. Hale watched them from her window and remembered the winter she was "
                  "seven, when the river froze so hard that the whole town walked across it to the church.")
    parts = proxy.score_components(prompts, [haiku, padded, story, long_story])
    assert parts[0]["shortfall"] == 0.0 and parts[1]["shortfall"] == 0.0  # growing earns nothing
    assert parts[1]["overshoot"] > 0.0 == parts[0]["overshoot"]  # a haiku has a ceiling by definition
    assert parts[2]["shortfall"] == pytest.approx(0.5)  # 15 words against a floor of 30 (0.75 x the cap of 40)
    assert parts[3]["units"] > 40 and parts[3]["overshoot"] > 0.5 and parts[3]["shortfall"] == 0.0


@pytest.mark.slow
def test_components_are_in_range_and_combine_to_the_score(proxy, items):
    sample = [items[0], items[40]]  # one English, one Chinese
    prompts, texts = [i["prompt"] for i in sample], [i["text"] for i in sample]
    parts = proxy.score_components(prompts, texts)
    scores = proxy.score(prompts, texts)
    for comp, score in zip(parts, scores):
        assert all(0.0 <= comp[name] <= 1.0 for name in COMPONENTS)
        assert comp["shortfall"] == 0.0 and comp["floor"] > 0
        assert proxy.weights.combine(comp) == pytest.approx(score, abs=1e-3)
    assert parts[1]["units"] == len([c for c in texts[1] if "\u4e00" <= c <= "\u9fff"])  # Chinese counts characters


@pytest.mark.slow
def test_batched_matches_one_by_one_and_empty_is_none(proxy, items):
    prompts = [items[3]["prompt"], items[36]["prompt"], "Write a line.", items[10]["prompt"]]
    texts = [items[3]["text"], items[36]["text"], "   ", items[10]["text"][:80]]
    batched = proxy.score(prompts, texts)
    single = [proxy.score([p], [t])[0] for p, t in zip(prompts, texts)]
    assert batched[2] is None and single[2] is None  # an empty response cannot be scored: None, not 0
    # bf16: padding changes the kernels' blocking a little, not the meaning.
    assert [batched[i] for i in (0, 1, 3)] == pytest.approx([single[i] for i in (0, 1, 3)], abs=0.02)


@pytest.mark.slow
def test_options_change_what_the_models_read(items):
    """`prompted` puts the prompt before the response in the fluency pass; `encoder_tokens` and
    `max_tokens` cut what each model reads, so text past the cut cannot move those components."""
    from rlmr.writing.proxy import ProxyScorer

    prompt, text = items[0]["prompt"], items[0]["text"]
    bare, prompted = ProxyScorer(), ProxyScorer(prompted=True)
    assert bare.mean_logprobs([prompt], [text]) != prompted.mean_logprobs([prompt], [text])
    short = ProxyScorer(max_tokens=8, encoder_tokens=16)
    tail_a, tail_b = text + " The sea was calm.", text + " Nine ravens argued about taxes."
    lp_a, lp_b = short.mean_logprobs([prompt] * 2, [tail_a, tail_b])
    rel_a, rel_b = short.relevance([prompt] * 2, [tail_a, tail_b])
    assert lp_a == pytest.approx(lp_b, abs=1e-6) and rel_a == pytest.approx(rel_b, abs=1e-6)
    # bf16: a batch of one blocks the kernels differently from a batch of two
    assert lp_a == pytest.approx(short.mean_logprobs([prompt], [text])[0], abs=0.02)
    assert bare.relevance([prompt], [text[:40]]) != pytest.approx(bare.relevance([prompt], [text]), abs=1e-3)


@pytest.mark.slow
def test_shared_context_and_shared_prompts_change_no_number(items):
    """The fluency pass reads the common 9-token context once per batch and reuses its cache;
    relevance embeds each distinct prompt once. Both are speedups only: the numbers must equal
    reading every row whole and embedding every prompt per row."""
    from rlmr.writing.proxy import ProxyScorer, _batch_logprobs, _language_model

    model, tokenizer, device = _language_model()
    scorer = ProxyScorer()
    texts = [items[0]["text"], items[40]["text"], "Hi.", "A", items[7]["text"][:200]]
    whole = [scorer._encode(tokenizer, "ignored when unprompted", t) for t in texts]
    assert all(n == whole[0][1] > 1 for _, n in whole)
    read_whole = _batch_logprobs(model, whole, tokenizer.pad_token_id, device)
    assert scorer.mean_logprobs(["p"] * len(texts), texts) == pytest.approx(read_whole, abs=1e-4)
    prompts = [items[0]["prompt"], items[0]["prompt"], items[40]["prompt"], items[0]["prompt"], items[7]["prompt"]]
    shared = scorer.relevance(prompts, texts)
    alone = [scorer.relevance([p], [t])[0] for p, t in zip(prompts, texts)]
    assert shared == pytest.approx(alone, abs=1e-4)
