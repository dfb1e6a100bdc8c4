"""Writing scorers: how good is a response as writing, whatever the constraints say.

`build_scorer(spec)` gives a `WritingScorer` from `proxy`, `classifier:PATH_OR_ID` or
`judge:URL#MODEL` (see `rlmr.writing.base`). Importing this package stays cheap: models and
HTTP clients load inside the scorers, on first use.
"""

from rlmr.writing.base import ScorerError, ScorerSpec, WritingScorer, build_scorer, parse_spec

__all__ = ["ScorerError", "ScorerSpec", "WritingScorer", "build_scorer", "parse_spec"]
