"""No IFEval check raises on any string (hypothesis, all 25 ids with sampled valid kwargs), and the
linear-time rewrites of quadratic reference regexes agree with the originals on small inputs."""

import importlib.util
import random
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.constraints import build
from rlmr.constraints.ifeval_detectable_content import count_placeholders
from rlmr.constraints.ifeval_detectable_format import count_bullets, has_title

_spec = importlib.util.spec_from_file_location("fuzz_verify", Path(__file__).parents[2] / "scripts" / "fuzz_verify.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)
IDS = fuzz.ifeval_ids()

texts = st.one_of(
    st.text(max_size=60),
    st.lists(st.sampled_from(fuzz.PIECES), max_size=12).map("".join),
)


def test_all_25_ifeval_ids_are_registered():
    assert len(IDS) == 25


@settings(max_examples=300)
@given(cid=st.sampled_from(IDS), seed=st.integers(0, 2**32), text=texts)
def test_no_check_raises_on_any_string(cid, seed, text):
    result = build(fuzz.sample_spec(cid, random.Random(seed))).check(text)
    assert isinstance(result.passed, bool) and isinstance(result.reason, str) and result.reason


small = st.text(alphabet=" \n\t*-ab", max_size=25)


@settings(max_examples=400)
@given(small)
def test_bullet_count_matches_the_reference_regexes(text):
    expected = len(re.findall(r"^\s*\*[^\*].*$", text, flags=re.MULTILINE)) + len(re.findall(r"^\s*-.*$", text, flags=re.MULTILINE))
    assert count_bullets(text) == expected


@settings(max_examples=300)
@given(st.text(alphabet="[]\na ", max_size=25))
def test_placeholder_count_matches_the_reference_regex(text):
    assert count_placeholders(text) == len(re.findall(r"\[.*?\]", text))


@settings(max_examples=300)
@given(st.text(alphabet="<>\na ", max_size=25))
def test_title_matches_the_reference_regex(text):
    assert has_title(text) == any(t.lstrip("<").rstrip(">").strip() for t in re.findall(r"<<[^\n]+>>", text))


@settings(max_examples=200)
@given(st.text(alphabet="pPsS. \n\t", max_size=20), st.sampled_from(["P.S.", "P.P.S"]))
def test_postscript_matches_the_reference_regex(text, marker):
    pattern = r"\s*p\.\s?p\.\s?s.*$" if marker == "P.P.S" else r"\s*p\.\s?s\..*$"
    expected = bool(re.findall(pattern, text.lower(), flags=re.MULTILINE))
    assert build({"id": "detectable_content:postscript", "postscript_marker": marker}).check(text).passed is expected
