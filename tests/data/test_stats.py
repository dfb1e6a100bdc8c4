from rlmr.data import PromptRecord
from rlmr.data.stats import describe


def test_counts_by_language_genre_constraint_and_length():
    records = [
        PromptRecord("1", "Write a short poem now", [{"id": "cw:no_comma"}, {"id": "cw:title"}], "en", "poem"),
        PromptRecord("2", "Write a poem", [{"id": "cw:no_comma"}], "en", "poem"),
        PromptRecord("3", "写一首诗", [], "zh", "shi"),
    ]
    s = describe(records)
    assert s["prompts"] == 3
    assert s["lang"] == {"en": 2, "zh": 1}
    assert s["genre"] == {"poem": 2, "shi": 1}
    assert s["constraint"] == {"cw:no_comma": 2, "cw:title": 1}
    assert s["constraints_per_prompt"] == {0: 1, 1: 1, 2: 1}
    assert s["prompt_length"]["en"] == {"unit": "words", "min": 3, "median": 4.0, "mean": 4.0, "max": 5}
    assert s["prompt_length"]["zh"]["max"] == 4
