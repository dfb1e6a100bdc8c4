"""`probe`: how often does a policy pass each prompt? The learning signal before any training.

RLMR acts only in mixed groups (some responses pass, some do not). A prompt the policy always or
never passes yields all-pass or all-fail groups, so the constraint signal is silent there. The
probe samples k responses per prompt at the training temperature and budget, verifies them, and
reports per prompt the pass probability `p`, per constraint id the pass rate, the share of
learnable prompts (0 < p < 1) and the expected share of mixed groups for a group size G.

The expected mixed share of a prompt with s passes in k samples is the chance that G responses
drawn without replacement from those k are neither all passes nor all failures (exact for the
probe's own samples, unbiased for the policy's); it needs k >= G and falls back to the plug-in
1 - p^G - (1-p)^G otherwise.

A response cut at the length budget (no end-of-sequence token) counts as a violator by default,
as in training (`reward.truncated: fail`): an upper word bound is not met by being cut.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from math import comb
from pathlib import Path
from typing import Any, Callable, Sequence

from rlmr.constraints import verify
from rlmr.data.records import PromptRecord

TRUNCATION_RULES = ("fail", "keep")


@dataclass(frozen=True)
class PromptProbe:
    """One prompt's k verdicts."""

    id: str
    constraint_ids: tuple[str, ...]
    passes: int
    k: int
    truncated: int

    @property
    def p(self) -> float:
        return self.passes / self.k if self.k else float("nan")

    @property
    def learnable(self) -> bool:
        return 0 < self.passes < self.k

    def mixed_chance(self, group_size: int) -> float:
        """P(a group of `group_size` responses is mixed), from this prompt's own samples."""
        g, k, s = group_size, self.k, self.passes
        if k >= g:
            return 1.0 - (comb(s, g) + comb(k - s, g)) / comb(k, g)
        p = self.p
        return 1.0 - p**g - (1.0 - p) ** g


@dataclass
class ProbeResult:
    prompts: list[PromptProbe]
    group_size: int
    samples: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        n = len(self.prompts)
        by_id: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for pr in self.prompts:
            for cid in set(pr.constraint_ids):
                by_id[cid][0] += pr.passes
                by_id[cid][1] += pr.k
        total = sum(pr.k for pr in self.prompts)
        return {
            "prompts": n,
            "samples_per_prompt": self.prompts[0].k if n else 0,
            "group_size": self.group_size,
            "pass_rate": sum(pr.passes for pr in self.prompts) / total if total else float("nan"),
            "never_pass": sum(pr.passes == 0 for pr in self.prompts) / n if n else float("nan"),
            "always_pass": sum(pr.passes == pr.k for pr in self.prompts) / n if n else float("nan"),
            "learnable": sum(pr.learnable for pr in self.prompts) / n if n else float("nan"),
            "expected_mixed": sum(pr.mixed_chance(self.group_size) for pr in self.prompts) / n if n else float("nan"),
            "truncated": sum(pr.truncated for pr in self.prompts) / total if total else float("nan"),
            "constraints": {cid: {"pass_rate": s / t, "samples": t} for cid, (s, t) in sorted(by_id.items())},
        }

    def write(self, out: str | Path) -> Path:
        """OUT/probe.jsonl (one row per prompt, with `p`), OUT/summary.json, OUT/samples.jsonl."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        with (out / "probe.jsonl").open("w", encoding="utf-8") as f:
            for pr in self.prompts:
                row = {"id": pr.id, "p": pr.p, "passes": pr.passes, "k": pr.k, "truncated": pr.truncated,
                       "learnable": pr.learnable, "mixed_chance": pr.mixed_chance(self.group_size),
                       "constraint_ids": list(pr.constraint_ids)}
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        (out / "summary.json").write_text(json.dumps(self.summary(), indent=2) + "\n", encoding="utf-8")
        with (out / "samples.jsonl").open("w", encoding="utf-8") as f:
            for row in self.samples:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        return out


def tally(
    records: Sequence[PromptRecord],
    responses: Sequence[Sequence[str]],
    truncated: Sequence[Sequence[bool]],
    *,
    group_size: int,
    truncation: str = "fail",
    mode: str = "strict",
) -> ProbeResult:
    """Verify k responses per record; the engine-free half of the probe (tests call it directly)."""
    if truncation not in TRUNCATION_RULES:
        raise ValueError(f"truncation: expected one of {', '.join(TRUNCATION_RULES)}, got {truncation!r}")
    probes, samples = [], []
    for record, texts, cuts in zip(records, responses, truncated, strict=True):
        passes = 0
        for text, cut in zip(texts, cuts, strict=True):
            verdict = verify(text, record.constraints, mode=mode)  # type: ignore[arg-type]
            ok = verdict.passed and not (cut and truncation == "fail")
            passes += ok
            samples.append({"id": record.id, "response": text, "passed": ok, "truncated": cut,
                            "failed": [r.id for r in verdict.results if not r.passed]})
        ids = tuple(str(c["id"]) for c in record.constraints)
        probes.append(PromptProbe(record.id, ids, passes, len(texts), sum(cuts)))
    return ProbeResult(probes, group_size, samples)


def probe(
    model: str,
    records: Sequence[PromptRecord],
    *,
    k: int = 8,
    group_size: int = 8,
    max_new_tokens: int = 96,
    temperature: float = 1.0,
    batch_size: int = 16,
    seed: int = 0,
    truncation: str = "fail",
    on_batch: Callable[[int, int], None] | None = None,
) -> ProbeResult:
    """Sample `k` responses per record from `model` and tally their verdicts."""
    from rlmr.evaluate.generate import GenerationConfig, generate_flagged

    if k < 1:
        raise ValueError(f"k must be >= 1, got {k}")
    config = GenerationConfig(max_new_tokens=max_new_tokens, temperature=temperature, batch_size=batch_size, seed=seed)
    prompts = [r.prompt for r in records for _ in range(k)]
    texts, cuts = generate_flagged(model, prompts, config, on_batch)
    per = lambda xs: [xs[i * k : (i + 1) * k] for i in range(len(records))]  # noqa: E731
    return tally(records, per(texts), per(cuts), group_size=group_size, truncation=truncation)


def read_probe(path: str | Path) -> dict[str, float]:
    """`{prompt id: p}` from a probe.jsonl, for filtering or weighting a prompt set."""
    out = {}
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                row = json.loads(line)
                out[str(row["id"])] = float(row["p"])
            except (ValueError, KeyError, TypeError) as exc:
                raise ValueError(f"{path}:{number}: not a probe row (needs id and p): {exc}") from None
    return out
