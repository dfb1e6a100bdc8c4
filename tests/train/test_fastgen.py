"""rlmr.train.fastgen on the real embedded SmolLM2: well-formed outputs, and it follows the weights."""

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr import models
from rlmr.train.fastgen import GenerationCopy, Sampling, left_pad, next_tokens

PROMPTS = ["Write one sentence about the sea.", "Name a colour.", "Say hello in French, then stop."]


@pytest.fixture(scope="module")
def tokenizer():
    return models.load_tokenizer("embedded")


@pytest.fixture(scope="module")
def prompt_ids(tokenizer):
    out = []
    for text in PROMPTS:
        ids = tokenizer.apply_chat_template([{"role": "user", "content": text}], add_generation_prompt=True,
                                            tokenize=True)
        out.append(list(ids["input_ids"] if hasattr(ids, "keys") else ids))
    return out


@pytest.fixture
def policy():
    torch.set_num_threads(1)
    return models.load_causal_lm("embedded")  # float32, like the trainer's master weights


def greedy(copy, prompt_ids, n, eos, pad):
    return copy.sample(prompt_ids, Sampling(n, temperature=0.0), eos_token_ids=eos, pad_token_id=pad)


def test_left_pad_keeps_prompts_right_aligned():
    ids, mask = left_pad([[5, 6, 7], [8]], pad_token_id=0)
    assert ids.tolist() == [[5, 6, 7], [0, 0, 8]]
    assert mask.tolist() == [[1, 1, 1], [0, 0, 1]]


def test_rows_stop_at_their_first_eos_and_others_run_to_the_limit(policy, tokenizer, prompt_ids):
    copy = GenerationCopy(policy)
    copy.sync(policy)
    pad = tokenizer.pad_token_id
    free = greedy(copy, prompt_ids, 6, eos=[-1], pad=pad)  # no EOS reachable: every row runs 6 tokens
    assert [len(r) for r in free] == [6, 6, 6]
    # make row 0's third greedy token the EOS: row 0 stops there (EOS kept), the others are unaffected
    stop = free[0][2]
    stopped = greedy(copy, prompt_ids, 6, eos=[stop], pad=pad)
    first = free[0].index(stop)
    assert stopped[0] == free[0][: first + 1]
    for got, full in zip(stopped[1:], free[1:]):
        cut = full.index(stop) + 1 if stop in full else len(full)
        assert got == full[:cut]
    for row in stopped:
        assert stop not in row[:-1] and len(row) <= 6


def test_sampled_completions_are_well_formed(policy, tokenizer, prompt_ids):
    copy = GenerationCopy(policy)
    copy.sync(policy)
    eos = [tokenizer.eos_token_id]
    torch.manual_seed(0)
    out = copy.sample(prompt_ids * 2, Sampling(12, temperature=1.0, top_p=0.9), eos_token_ids=eos,
                      pad_token_id=tokenizer.pad_token_id)
    assert len(out) == 6
    for row in out:
        assert 1 <= len(row) <= 12
        assert all(isinstance(t, int) and 0 <= t < policy.config.vocab_size for t in row)
        assert eos[0] not in row[:-1]
        assert row[-1] in eos or len(row) == 12


def _make_banana_likely(policy, tokenizer, first):
    target = tokenizer.convert_tokens_to_ids("Ġbanana")
    with torch.no_grad():  # an update that makes `target` the most likely next token wherever `first` was
        policy.lm_head.weight[target] = 5 * policy.lm_head.weight[first]
    return target


def test_a_bf16_copy_samples_from_the_weights_of_its_last_sync(policy, tokenizer, prompt_ids):
    copy = GenerationCopy(policy, dtype=torch.bfloat16)
    assert not copy.shared and copy.model is not policy
    copy.sync(policy)
    pad = tokenizer.pad_token_id
    before = greedy(copy, prompt_ids, 3, eos=[-1], pad=pad)
    target = _make_banana_likely(policy, tokenizer, before[0][0])
    assert target not in {row[0] for row in before}
    assert greedy(copy, prompt_ids, 3, eos=[-1], pad=pad) == before  # not synced yet: the old weights
    copy.sync(policy)
    assert greedy(copy, prompt_ids, 3, eos=[-1], pad=pad)[0][0] == target
    ids, mask = left_pad(prompt_ids, pad)
    with torch.no_grad():
        live = policy(input_ids=ids, attention_mask=mask).logits[:, -1]
        mine = copy.model(input_ids=ids, attention_mask=mask).logits[:, -1].float()
    assert torch.allclose(live.softmax(-1), mine.softmax(-1), atol=0.02)


def test_a_same_dtype_engine_reads_the_live_weights(policy, tokenizer, prompt_ids):
    copy = GenerationCopy(policy, dtype=torch.float32)
    copy.sync(policy)
    assert copy.shared and copy.model is policy
    pad = tokenizer.pad_token_id
    before = greedy(copy, prompt_ids, 3, eos=[-1], pad=pad)
    target = _make_banana_likely(policy, tokenizer, before[0][0])
    copy.sync(policy)
    assert greedy(copy, prompt_ids, 3, eos=[-1], pad=pad)[0][0] == target


@settings(max_examples=60)
@given(
    seed=st.integers(0, 2**16),
    top_k=st.integers(0, 20),
    top_p=st.floats(0.05, 1.0),
    min_p=st.one_of(st.none(), st.floats(0.0, 0.9)),
    temperature=st.floats(0.1, 2.0),
)
def test_sampled_tokens_survive_every_filter(seed, top_k, top_p, min_p, temperature):
    gen = torch.Generator().manual_seed(seed)
    logits = torch.randn(4, 50, generator=gen) * 3
    s = Sampling(1, temperature=temperature, top_p=top_p, top_k=top_k, min_p=min_p)
    tok = next_tokens(logits, s, gen)
    probs = torch.softmax(logits / temperature, dim=-1)
    for row, t in enumerate(tok.tolist()):
        p = probs[row]
        if top_k:
            assert p[t] >= torch.topk(p, top_k).values[-1]
        if min_p:
            assert p[t] >= min_p * p.max() - 1e-6
        above = p[p > p[t]].sum()
        assert above < top_p + 1e-5  # nucleus: the mass ranked above the sampled token is below top_p
