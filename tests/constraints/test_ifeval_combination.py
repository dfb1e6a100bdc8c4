from rlmr.constraints import build


def test_two_responses_need_two_different_parts():
    spec = build({"id": "combination:two_responses"})
    assert spec.check("First answer.\n******\nSecond answer.").passed
    assert spec.check("******\nA\n******\nB\n******").passed  # blank first and last parts are ignored
    assert not spec.check("A\n******\n A ").passed
    assert not spec.check("A\n******\n\n******\nB").passed
    assert spec.check("A only").reason == "1 responses; exactly 2 required"


def test_repeat_prompt_is_case_insensitive_prefix():
    spec = build({"id": "combination:repeat_prompt", "prompt_to_repeat": "Write a poem. "})
    assert spec.check("  write a POEM. Roses are red.").passed
    assert not spec.check("Sure! Write a poem.").passed
