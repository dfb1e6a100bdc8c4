import re

import pytest

from rlmr.constraints import build
from rlmr.constraints.ifeval_detectable_content import count_placeholders


@pytest.mark.parametrize(
    "text",
    ["[a] [b]", "[[x]]", "[a\n] [b]", "no brackets", "] [ ] [", "[" * 50 + "]", "[a][b][c]\n[d", "[]"],
)
def test_placeholder_count_equals_the_reference_regex(text):
    assert count_placeholders(text) == len(re.findall(r"\[.*?\]", text))


def test_placeholders_at_least_n():
    spec = {"id": "detectable_content:number_placeholders", "num_placeholders": 2}
    assert build(spec).check("Dear [name], at [address].").passed
    assert build(spec).check("Dear [name].").reason == "1 placeholders; at least 2 required"


@pytest.mark.parametrize(
    "marker, text, passed",
    [
        ("P.S.", "Thanks.\nP.S. Call me.", True),
        ("P.S.", "Thanks.\n  p. s. call me", True),
        # Reference quirk: the marker may sit anywhere, even inside a word ("stop.s." holds "p.s.").
        ("P.S.", "Stop.s. here", True),
        ("P.S.", "a stop. s. b", True),
        ("P.S.", "Thanks, see you.", False),
        ("P.P.S", "P.S. one\nP.P.S two", True),
        ("P.P.S", "P.S. only", False),
    ],
)
def test_postscript_markers(marker, text, passed):
    assert build({"id": "detectable_content:postscript", "postscript_marker": marker}).check(text).passed is passed
