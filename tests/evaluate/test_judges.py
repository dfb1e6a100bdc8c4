from rlmr.evaluate.judges import ScorerJudge
from rlmr.evaluate.winrate import win_rate


class WordCountScorer:
    """A pointwise scorer with a known answer: more words is better; '?' cannot be scored."""

    def __init__(self):
        self.calls = 0

    def score(self, prompts, responses):
        self.calls += len(responses)
        return [None if "?" in r else float(len(r.split())) for r in responses]


def test_a_pointwise_scorer_judges_pairs_and_scores_each_response_once():
    scorer = WordCountScorer()
    judge = ScorerJudge(scorer)
    prompts = ["p1", "p2", "p3", "p4"]
    a = ["one two three", "one", "one two", "what?"]
    b = ["one", "one two three", "uno dos", "one"]
    result = win_rate(judge, prompts, a, b)
    assert result.per_pair == (1.0, 0.0, 0.5, None)
    assert result.rate == 0.5 and result.n_missing == 1
    assert scorer.calls == 8  # both orders asked, each (prompt, response) scored once
