"""The writing-scorer interface and the spec strings that build one.

A scorer maps (prompt, response) pairs to a quality number, higher is better. `None` means
"could not score" (a judge timed out, a reply did not parse); it is never turned into 0 here,
so the reward mixer can mask it explicitly.

Specs are the same in the CLI, YAML and Python:

    proxy                                  offline composite (bundled SmolLM2 + MiniLM)
    proxy?max_tokens=64&prompted=1       ... with options
    classifier:PATH_OR_HUB_ID              a sequence-classification reward model
    classifier:PATH?batch_size=4&max_length=1024
    judge:URL#MODEL                        an LLM judge over an OpenAI-compatible API (pointwise)
    judge:URL#MODEL?mode=pairwise&reference=refs.jsonl

This module imports neither torch nor transformers.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Protocol, Sequence, runtime_checkable
from urllib.parse import parse_qsl

KINDS = ("proxy", "classifier", "judge")


class ScorerError(ValueError):
    """A scorer spec or option is invalid; the message names the spec part and the choices."""


@runtime_checkable
class WritingScorer(Protocol):
    """Scores responses to prompts. Batched: one call per list, same length out as in."""

    name: str

    def score(self, prompts: Sequence[str], responses: Sequence[str]) -> list[float | None]: ...


@dataclass(frozen=True)
class ScorerSpec:
    """A parsed spec: `kind`, its `target` (path, hub id or URL), the judge `model`, `options`."""

    kind: str
    target: str = ""
    model: str = ""
    options: dict[str, str] = field(default_factory=dict)


def parse_spec(spec: str) -> ScorerSpec:
    """Split a spec string into kind, target, model and `?key=value&...` options."""
    text = spec.strip()
    kind, _, rest = text.partition(":")
    if "?" in kind:  # `proxy?max_tokens=64` has no colon
        kind, _, query = kind.partition("?")
        rest = f"?{query}{rest}"
    if kind not in KINDS:
        close = difflib.get_close_matches(kind, KINDS, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ScorerError(f"unknown scorer kind {kind!r} in spec {spec!r}{hint}; known: {', '.join(KINDS)}")
    model = ""
    if kind == "judge":
        target, sep, rest = rest.partition("#")
        if not sep or not target:
            raise ScorerError(f"judge spec {spec!r}: expected judge:URL#MODEL, e.g. judge:http://127.0.0.1:8000/v1#my-model")
        model, _, query = rest.partition("?")
        if not model:
            raise ScorerError(f"judge spec {spec!r}: the model name after '#' is empty")
    else:
        target, _, query = rest.partition("?")
    if kind == "classifier" and not target:
        raise ScorerError(f"classifier spec {spec!r}: expected classifier:PATH_OR_HUB_ID")
    if kind == "proxy" and target:
        raise ScorerError(f"proxy spec {spec!r}: takes no target, only options (proxy?max_tokens=64)")
    try:
        options = dict(parse_qsl(query, keep_blank_values=True, strict_parsing=bool(query)))
    except ValueError as err:
        raise ScorerError(f"spec {spec!r}: options must look like key=value&key=value ({err})") from None
    return ScorerSpec(kind=kind, target=target, model=model, options=options)


def check_options(spec: ScorerSpec, known: dict[str, type]) -> dict[str, object]:
    """Convert option strings to the types in `known`; unknown keys and bad values raise."""
    out: dict[str, object] = {}
    for key, raw in spec.options.items():
        if key not in known:
            raise ScorerError(
                f"{spec.kind} spec: unknown option {key!r}; known: {', '.join(sorted(known))}"
            )
        kind = known[key]
        try:
            out[key] = _convert(raw, kind)
        except ValueError:
            raise ScorerError(f"{spec.kind} spec: option {key}={raw!r}: expected {kind.__name__}") from None
    return out


def _convert(raw: str, kind: type) -> object:
    if kind is bool:
        if raw.lower() in ("1", "true", "yes", "on"):
            return True
        if raw.lower() in ("0", "false", "no", "off"):
            return False
        raise ValueError(raw)
    return kind(raw)


def build_scorer(spec: str | ScorerSpec) -> WritingScorer:
    """The scorer a spec names. Models load lazily, on the first `score` call."""
    parsed = parse_spec(spec) if isinstance(spec, str) else spec
    if parsed.kind == "proxy":
        from rlmr.writing.proxy import ProxyScorer

        return ProxyScorer.from_spec(parsed)
    if parsed.kind == "classifier":
        from rlmr.writing.classifier import ClassifierScorer

        return ClassifierScorer.from_spec(parsed)
    from rlmr.writing.judge import JudgeScorer

    return JudgeScorer.from_spec(parsed)


def check_lengths(prompts: Sequence[str], responses: Sequence[str]) -> None:
    if len(prompts) != len(responses):
        raise ValueError(f"score: {len(prompts)} prompts but {len(responses)} responses")
