"""The prompt sampler's properties: no prompt starves, deterministic for a seed, weights follow the
estimates, groups stay whole, and a state saved mid-run resumes the same prompt sequence."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.train.sampler import PromptSampler

FAMILIES = ("a", "b", "c")


def make(n=12, ppb=2, g=4, total=30, seed=0, mode="curriculum", ids=None, **kw):
    ids = ids or [[FAMILIES[i % 3]] for i in range(n)]
    return PromptSampler(ids, group_size=g, prompts_per_batch=ppb, total_batches=total, seed=seed, mode=mode, **kw)


def run(sampler, truth, batches, rng_seed=1, save_at=None):
    """Drive the sampler as TRL's loader does: batch b+1 is drawn (prefetched) before batch b's
    verdicts are recorded. Returns the drawn batches and the state saved after `save_at` batches."""
    g, ppb = sampler.group_size, sampler.prompts_per_batch
    rng = np.random.default_rng(rng_seed)
    it = iter(sampler)
    chunk = lambda: [next(it) for _ in range(ppb * g * sampler.repeat_count)]  # noqa: E731
    drawn, saved, current = [], None, chunk()
    for b in range(batches):
        nxt = chunk() if b + 1 < batches else None
        drawn.append(current)
        sampler.record(current, [float(rng.random() < truth[r]) for r in current])
        if b + 1 == save_at:
            saved = json.loads(json.dumps(sampler.state_dict()))
        current = nxt
    return drawn, saved


@given(seed=st.integers(0, 2**16), n=st.integers(2, 40), g=st.sampled_from([2, 4, 8]))
@settings(max_examples=40)
def test_batches_hold_whole_groups_of_distinct_prompts(seed, n, g):
    ppb = max(1, min(n, 3))
    s = make(n=n, ppb=ppb, g=g, total=3, seed=seed)
    out = list(s)
    assert len(out) == len(s) == 3 * ppb * g
    for b in range(3):
        block = out[b * ppb * g : (b + 1) * ppb * g]
        groups = [block[i * g : (i + 1) * g] for i in range(ppb)]
        assert all(len(set(grp)) == 1 for grp in groups)  # G consecutive copies: a whole group
        assert len({grp[0] for grp in groups}) == ppb  # distinct prompts within a batch


@given(seed=st.integers(0, 2**16))
@settings(max_examples=25)
def test_deterministic_for_a_seed(seed):
    truth = np.linspace(0, 1, 12)
    a, _ = run(make(seed=seed), truth, 10)
    b, _ = run(make(seed=seed), truth, 10)
    assert a == b


@given(p=st.lists(st.floats(0, 1), min_size=4, max_size=30), floor=st.floats(0.01, 1))
@settings(max_examples=60)
def test_no_prompt_starves_and_weights_follow_the_mixed_chance(p, floor):
    n = len(p)
    s = make(n=n, ppb=1, ids=[[f"id{i}"] for i in range(n)], floor=floor, prior={i: v for i, v in enumerate(p)})
    w = s.weights()
    assert np.isclose(w.sum(), 1)
    assert w.min() >= floor / (n * 1.0) - 1e-12  # every weight at least floor / sum(max weights)
    est = s.estimates()
    chance = 1 - est**4 - (1 - est) ** 4
    order = np.argsort(chance)
    assert np.all(np.diff(w[order]) >= -1e-12)  # weight is monotone in the chance of a mixed group


def test_estimates_follow_the_verdicts():
    s = make(n=3, ppb=1, ids=[["x"], ["y"], ["z"]], memory=1.0)
    for _ in range(5):
        s.record([0] * 4 + [1] * 4 + [2] * 4, [1] * 4 + [0] * 4 + [1, 0, 1, 0])
    s._apply_until(s.recorded)
    p = s.estimates()
    assert p[0] > 0.8 and p[1] < 0.2 and 0.4 < p[2] < 0.6
    w = s.weights()
    assert w[2] > w[0] and w[2] > w[1]  # the 50/50 prompt makes mixed groups: it is drawn most


def test_a_mixed_prompt_is_drawn_far_more_often_than_saturated_ones():
    truth = np.array([0.0] * 10 + [1.0] * 10 + [0.5] * 2)
    s = make(n=22, ppb=2, g=8, total=200, ids=[[f"id{i}"] for i in range(22)])
    drawn, _ = run(s, truth, 200)
    counts = np.bincount([b[0] for b in drawn] + [b[8] for b in drawn], minlength=22)
    assert counts[20:].mean() > 5 * counts[:20].mean()
    assert counts.min() > 0  # the floor keeps every prompt in play


def test_uniform_visits_every_prompt_once_per_epoch():
    s = make(n=12, ppb=3, mode="uniform", total=8)
    firsts = [list(s)[i] for i in range(0, len(s), 4)]
    assert sorted(firsts[:12]) == list(range(12)) and sorted(firsts[12:24]) == list(range(12))


@pytest.mark.parametrize("save_at", [1, 2, 5])
def test_resume_from_a_saved_state_draws_the_same_sequence(save_at):
    truth = np.linspace(0.05, 0.95, 12)
    full, saved = run(make(), truth, 10, save_at=save_at)
    resumed = make()
    resumed.load_state_dict(saved)
    rest, _ = run(resumed, truth, 10 - save_at, rng_seed=99)  # other verdicts after the resume point
    assert rest[0] == full[save_at] and rest[1] == full[save_at + 1]  # the lag: drawn before new verdicts count


def test_resume_with_same_verdicts_matches_the_uninterrupted_run():
    truth = np.linspace(0.05, 0.95, 12)
    rng = np.random.default_rng(3)
    verdicts = rng.random((10, 8))
    def drive(sampler, start, stop, save_at=None):
        g, ppb = 4, 2
        it = iter(sampler)
        chunk = lambda: [next(it) for _ in range(ppb * g)]  # noqa: E731
        out, saved, current = [], None, chunk()
        for b in range(start, stop):
            nxt = chunk() if b + 1 < stop else None
            out.append(current)
            sampler.record(current, [float(v < truth[r]) for v, r in zip(verdicts[b], current)])
            if b + 1 == save_at:
                saved = sampler.state_dict()
            current = nxt
        return out, saved
    full, saved = drive(make(), 0, 10, save_at=4)
    resumed = make()
    resumed.load_state_dict(json.loads(json.dumps(saved)))
    rest, _ = drive(resumed, 4, 10)
    assert rest == full[4:]


def test_state_of_another_prompt_set_is_refused():
    with pytest.raises(ValueError, match="another prompt set"):
        make(n=12).load_state_dict(make(n=13).state_dict())
