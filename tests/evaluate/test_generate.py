import pytest

from rlmr.evaluate.generate import GenerationConfig, chat_messages, generate, pick_engine


def test_config_rejects_an_unknown_engine_naming_the_choices():
    with pytest.raises(ValueError, match="auto, hf, vllm"):
        GenerationConfig(engine="tgi")


def test_auto_engine_is_hf_without_vllm_or_gpu():
    assert pick_engine(GenerationConfig(engine="hf")) == "hf"
    assert pick_engine(GenerationConfig()) in ("hf", "vllm")


def test_a_system_prompt_is_sent_only_when_given():
    assert chat_messages("hi", None) == [{"role": "user", "content": "hi"}]
    assert chat_messages("hi", "be brief")[0] == {"role": "system", "content": "be brief"}


@pytest.mark.slow
def test_generation_puts_answers_back_in_the_callers_order():
    # Batching sorts by length (the short prompt goes first); duplicates share a batch and padding,
    # so greedy answers to them are identical, and they must land in their own slots.
    long_prompt = "Write one short sentence about a cat sleeping in the sun on a quiet afternoon."
    prompts = [long_prompt, "Name one colour.", long_prompt]
    out = generate("embedded", prompts, GenerationConfig(max_new_tokens=6, batch_size=3))
    assert len(out) == 3 and all(isinstance(t, str) and t for t in out)
    assert out[0] == out[2] != out[1]


@pytest.mark.slow
def test_a_response_is_flagged_cut_exactly_when_it_hit_the_budget_without_ending():
    # Greedy, so the 3-token answers are the first 3 tokens of the 64-token ones: the short budget
    # cuts every answer; with room, "Name one colour." ends on its own (an end token).
    from rlmr.evaluate.generate import generate_flagged

    prompts = ["Name one colour.", "Write a long story about the sea."]
    short, short_cut = generate_flagged("embedded", prompts, GenerationConfig(max_new_tokens=3, batch_size=2))
    full, full_cut = generate_flagged("embedded", prompts, GenerationConfig(max_new_tokens=64, batch_size=2))
    assert short_cut == [True, True]
    assert full_cut[0] is False and len(full[0].split()) < 40
    assert all(f.startswith(s.split()[0]) for s, f in zip(short, full))
