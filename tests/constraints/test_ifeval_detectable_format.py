import json
import re

import pytest

from rlmr.constraints import build
from rlmr.constraints.ifeval_detectable_format import count_bullets, has_title


def check(text, **spec):
    return build(spec).check(text)


def reference_bullets(text):
    return len(re.findall(r"^\s*\*[^\*].*$", text, flags=re.MULTILINE)) + len(re.findall(r"^\s*-.*$", text, flags=re.MULTILINE))


@pytest.mark.parametrize(
    "text",
    [
        "* a\n* b\n- c",
        "---\n* a",  # a horizontal rule counts as a bullet in the reference
        "\n\n\n* a\n   \n\n  - b\n**bold**",
        "*\nx",  # `[^*]` may match the newline
        "*\n\n\n*\n\n\n-",
        "   \t\n \n*x\n-\n\n",
    ],
)
def test_bullet_count_equals_the_reference_regexes(text):
    assert count_bullets(text) == reference_bullets(text)


def test_bullets_exactly_n():
    assert check("Intro\n* one\n* two", id="detectable_format:number_bullet_lists", num_bullets=2).passed
    result = check("* one\n---\n* two", id="detectable_format:number_bullet_lists", num_bullets=2)
    assert not result.passed and result.reason == "3 bullets; exactly 2 required"


def test_constrained_response_is_case_sensitive():
    assert check("Well... My answer is maybe.", id="detectable_format:constrained_response").passed
    assert not check("my answer is yes.", id="detectable_format:constrained_response").passed


def test_highlights_count_single_and_double_stars():
    spec = dict(id="detectable_format:number_highlighted_sections", num_highlights=2)
    assert check("*one* and **two**", **spec).passed  # counted as 3 by the reference
    assert not check("** ** and *one*", **spec).passed


def test_sections_are_counted_by_a_case_sensitive_split():
    spec = dict(id="detectable_format:multiple_sections", section_spliter="SECTION", num_sections=2)
    assert check("SECTION 1\nfoo\nSECTION 2\nbar", **spec).passed
    assert not check("Section 1\nfoo\nSection 2\nbar", **spec).passed


@pytest.mark.parametrize(
    "text, passed",
    [
        ('```json\n{"a": 1}\n```', True),
        ('  {"a": [1, 2]}  ', True),
        ("```JSON\n[1]```", True),
        ("Here: {\"a\": 1}", False),
        ("[" * 100_000, False),  # the reference raises RecursionError here
    ],
)
def test_json_format(text, passed):
    assert check(text, id="detectable_format:json_format").passed is passed


@pytest.mark.parametrize("text", ["<<Ode>>", "x <<<< >>>> y", "<<a\nb>>", "<< >> <<t>>", "<<<>>", "<<>>>", "<<x>>\n<<"])
def test_title_equals_the_reference_regex(text):
    reference = any(t.lstrip("<").rstrip(">").strip() for t in re.findall(r"<<[^\n]+>>", text))
    assert has_title(text) is reference


def test_title_reasons():
    assert check("<<Poem of Joy>>\nLine", id="detectable_format:title").passed
    assert check("No title", id="detectable_format:title").reason == "no <<title>> found"


def test_json_reason_is_short():
    reason = check(json.dumps({"a": 1})[:-1], id="detectable_format:json_format").reason
    assert reason.startswith("not JSON") and len(reason) < 100
