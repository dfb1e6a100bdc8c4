"""The offline `proxy` scorer with its real bundled models (SmolLM2 + MiniLM), loaded once."""

import json
from collections import defaultdict
from pathlib import Path

import pytest

from rlmr.writing import build_scorer
from rlmr.writing.degrade import KINDS, build_pairs
from rlmr.writing.proxy import COMPONENTS

CORPUS = Path(__file__).parents[1] / "fixtures" / "writing_pairs" / "originals.jsonl"


@pytest.fixture(scope="session")
def proxy():
    return build_scorer("proxy")


@pytest.fixture(scope="module")
def items():
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]


@pytest.mark.slow
def test_prefers_originals_over_degraded_versions_in_english_and_chinese(proxy, items):
    pairs = build_pairs(items)
    keys = list(dict.fromkeys([(p.prompt, p.original) for p in pairs] + [(p.prompt, p.degraded) for p in pairs]))
    scores = dict(zip(keys, proxy.score([k[0] for k in keys], [k[1] for k in keys])))
    wins = defaultdict(list)
    for p in pairs:
        wins[p.kind].append(scores[(p.prompt, p.original)] > scores[(p.prompt, p.degraded)])
    rates = {kind: sum(w) / len(w) for kind, w in wins.items()}
    overall = sum(sum(w) for w in wins.values()) / len(pairs)
    print(f"proxy preference rates: {rates}, overall {overall:.3f}")
    assert len(pairs) >= 300
    assert overall >= 0.90, rates
    # The mechanical degradations are each caught almost always; shuffles and off-topic swaps
    # are the hard ones (see README.md ("Writing scorers") for the measured rates).
    for kind in ("repeat_phrase", "truncate", "word_salad"):
        assert rates[kind] >= 0.95, (kind, rates)
    assert set(rates) == set(KINDS)


@pytest.mark.slow
def test_components_are_in_range_and_combine_to_the_score(proxy, items):
    sample = [items[0], items[40]]  # one English, one Chinese
    prompts, texts = [i["prompt"] for i in sample], [i["text"] for i in sample]
    parts = proxy.score_components(prompts, texts)
    scores = proxy.score(prompts, texts)
    for comp, score in zip(parts, scores):
        assert all(0.0 <= comp[name] <= 1.0 for name in COMPONENTS)
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
