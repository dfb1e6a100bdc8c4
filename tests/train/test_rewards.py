"""Reward columns in TRL's convention: constraints from a dataset column, picklable callables."""

import json
import pickle

from rlmr.train.rewards import COLUMNS, PassedReward, SatisfiedReward, WritingScoreReward, reward_functions

NO_COMMA = json.dumps([{"id": "punctuation:no_comma"}])
TWO = json.dumps([{"id": "punctuation:no_comma"}, {"id": "cw:keyword_count", "keyword": "sea", "relation": "at_least",
                                                   "n": 1}])


def completion(text):
    return [{"role": "assistant", "content": text}]


def test_verdict_columns_read_constraints_from_the_dataset_column():
    prompts = [[{"role": "user", "content": "Write about the sea."}]] * 3
    completions = [completion("The sea is calm"), completion("The sea, calm and grey"), completion("Grey and calm")]
    constraints = [TWO, TWO, TWO]
    assert PassedReward()(prompts, completions, constraints=constraints) == [1.0, 0.0, 0.0]
    assert SatisfiedReward()(prompts, completions, constraints=constraints) == [1.0, 0.5, 0.5]


def test_each_column_reports_its_time_through_trl_log_metric():
    logged = {}
    PassedReward()(["p"], ["no commas here"], constraints=[NO_COMMA], log_metric=logged.__setitem__)
    assert set(logged) == {"time/constraints_passed_s"} and logged["time/constraints_passed_s"] >= 0


def test_plain_text_prompts_and_completions_work_too():
    assert PassedReward("loose")(["p"], ["a, b"], constraints=[NO_COMMA]) == [0.0]


def test_names_are_the_stable_metric_keys_and_the_columns_order():
    assert tuple(f.__name__ for f in reward_functions("proxy", "strict")) == COLUMNS


def test_callables_pickle_without_their_loaded_scorer():
    scorer = WritingScoreReward("judge:http://127.0.0.1:9/v1#m?retries=0&timeout=1")
    _ = scorer.scorer  # built (lazily) in this process
    copy = pickle.loads(pickle.dumps(scorer))
    assert copy.scorer_spec == scorer.scorer_spec and copy._scorer is None
    passed = pickle.loads(pickle.dumps(PassedReward("loose")))
    assert passed.mode == "loose" and passed.__name__ == "constraints_passed"


def test_a_scorer_that_cannot_score_gives_none_never_zero():
    # A real HTTP judge on a loopback port where nothing listens: every request fails.
    reward = WritingScoreReward("judge:http://127.0.0.1:9/v1#m?retries=0&timeout=2")
    assert reward(["Write a poem."] * 2, ["A poem.", "Another."]) == [None, None]
