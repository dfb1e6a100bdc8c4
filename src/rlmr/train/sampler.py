"""The prompt sampler: which prompts each GRPO step trains on, chosen so that groups come out mixed.

RLMR's penalty acts only in mixed groups (some responses pass, some fail); all-pass groups teach
quality only, all-fail groups nothing (`all_fail: zero`). The curriculum keeps a running pass
estimate per prompt and per constraint id, updated from every step's verdicts, and draws prompts
with weight

    w_i = floor + (1 - floor) * (1 - p_i^G - (1 - p_i)^G)

the chance that a group of G responses to prompt i is mixed, with an exploration floor so that no
prompt starves (a prompt the policy never passes today may become learnable later). p_i is a
smoothed estimate: the prompt's own decayed pass counts shrunk toward the pass rate of its
constraint ids (a prompt never seen borrows what its constraint family shows), so the estimates
track a policy that changes: old observations fade by `memory` per new observation.

Determinism and resume. The draw of generation batch b is a pure function of (seed, b) and the
verdicts of batches 0..b-2. The one-batch lag is what makes it exact: the data loader prefetches
one batch ahead, so batch b is drawn before batch b-1's verdicts exist. Verdicts of b-1 wait in
`pending` until batch b+1 is drawn. `state_dict()` (saved beside each checkpoint) holds the
estimates, the pending verdicts and the number of batches recorded; a resumed run draws from
there, which gives the same prompt sequence as an uninterrupted run. Every process holds its own
sampler and records the same gathered verdicts, so all processes draw the same prompts and
TRL's layout (G consecutive copies of a prompt, spread over processes) keeps every group whole.

`uniform` draws epoch permutations (each prompt once per epoch, as TRL's RepeatSampler) with the
same (seed, batch) determinism. numpy only; the trainer passes it to TRL as its train sampler.
"""

from __future__ import annotations

from typing import Any, Iterator, Sequence

import numpy as np

SAMPLERS = ("curriculum", "uniform")


class PromptSampler:
    """Indices for TRL's train dataloader: per generation batch, `prompts_per_batch` distinct prompts,
    each repeated `group_size` times, the block repeated `repeat_count` times (num_iterations)."""

    def __init__(
        self,
        constraint_ids: Sequence[Sequence[str]],
        *,
        group_size: int,
        prompts_per_batch: int,
        total_batches: int,
        repeat_count: int = 1,
        seed: int = 0,
        mode: str = "curriculum",
        floor: float = 0.05,
        memory: float = 0.8,
        prior_strength: float = 2.0,
        prior: dict[int, float] | None = None,
    ) -> None:
        if mode not in SAMPLERS:
            raise ValueError(f"sampler mode: expected one of {', '.join(SAMPLERS)}, got {mode!r}")
        if not 0 < floor <= 1:
            raise ValueError(f"floor must be in (0, 1], got {floor}")
        if not 0 <= memory <= 1:
            raise ValueError(f"memory must be in [0, 1], got {memory}")
        n = len(constraint_ids)
        if prompts_per_batch > n:
            raise ValueError(f"{prompts_per_batch} prompts per batch but only {n} prompts")
        self.n, self.group_size, self.prompts_per_batch = n, group_size, prompts_per_batch
        self.total_batches, self.repeat_count, self.seed, self.mode = total_batches, repeat_count, seed, mode
        self.floor, self.memory, self.prior_strength = floor, memory, prior_strength
        self.family_names = sorted({c for ids in constraint_ids for c in ids})
        index = {name: j for j, name in enumerate(self.family_names)}
        self.families = [np.array(sorted({index[c] for c in ids}), dtype=int) for ids in constraint_ids]
        # Decayed pass counts: (passes, observations) per prompt and per constraint id.
        self.prompt_pass = np.zeros(n)
        self.prompt_seen = np.zeros(n)
        self.family_pass = np.zeros(len(self.family_names))
        self.family_seen = np.zeros(len(self.family_names))
        for i, p in (prior or {}).items():  # e.g. from `rlmr probe`: p as prior_strength pseudo-observations
            self.prompt_pass[i], self.prompt_seen[i] = p * prior_strength, prior_strength
        self.recorded = 0  # generation batches whose verdicts arrived (the resume point)
        self.applied = 0  # batches whose verdicts are folded into the counts
        self.pending: dict[int, list[tuple[int, int, int]]] = {}

    # -- estimates ------------------------------------------------------------------------------
    def family_rate(self) -> np.ndarray:
        """Per constraint id: smoothed pass rate (Laplace), 0.5 when never seen."""
        return (self.family_pass + 1.0) / (self.family_seen + 2.0)

    def estimates(self) -> np.ndarray:
        """p_i per prompt: own counts shrunk toward the mean rate of its constraint ids."""
        rate = self.family_rate()
        prior = np.array([rate[f].mean() if f.size else 0.5 for f in self.families])
        k = self.prior_strength
        return (self.prompt_pass + k * prior) / (self.prompt_seen + k)

    def weights(self) -> np.ndarray:
        """Draw probabilities (sum 1)."""
        if self.mode == "uniform":
            return np.full(self.n, 1.0 / self.n)
        p = self.estimates()
        g = self.group_size
        w = self.floor + (1.0 - self.floor) * (1.0 - p**g - (1.0 - p) ** g)
        return w / w.sum()

    def record(self, rows: Sequence[int], passed: Sequence[float]) -> None:
        """The verdicts of the next generation batch (every process's rows, gathered)."""
        tally: dict[int, list[int]] = {}
        for row, ok in zip(rows, passed, strict=True):
            t = tally.setdefault(int(row), [0, 0])
            t[0] += int(ok >= 0.5)
            t[1] += 1
        self.pending[self.recorded] = [(row, s, c) for row, (s, c) in sorted(tally.items())]
        self.recorded += 1

    def _apply_until(self, batch: int) -> None:
        """Fold in the verdicts of every batch < `batch` (in batch order)."""
        m = self.memory
        while self.applied < batch and self.applied in self.pending:
            for row, passes, count in self.pending.pop(self.applied):
                self.prompt_pass[row] = m * self.prompt_pass[row] + passes
                self.prompt_seen[row] = m * self.prompt_seen[row] + count
                fam = self.families[row]
                self.family_pass[fam] = m * self.family_pass[fam] + passes
                self.family_seen[fam] = m * self.family_seen[fam] + count
            self.applied += 1

    # -- drawing --------------------------------------------------------------------------------
    def draw(self, batch: int) -> np.ndarray:
        """The prompts of generation batch `batch` (distinct indices)."""
        if self.mode == "uniform":
            per_epoch = self.n // self.prompts_per_batch
            epoch, slot = divmod(batch, per_epoch)
            order = np.random.default_rng([self.seed, epoch, 0x5EED]).permutation(self.n)
            return order[slot * self.prompts_per_batch : (slot + 1) * self.prompts_per_batch]
        self._apply_until(batch - 1)
        rng = np.random.default_rng([self.seed, batch, 0xC0FFEE])
        return rng.choice(self.n, size=self.prompts_per_batch, replace=False, p=self.weights())

    def __iter__(self) -> Iterator[int]:
        for batch in range(self.recorded, self.total_batches):
            chosen = self.draw(batch)
            for _ in range(self.repeat_count):
                for i in chosen:
                    for _ in range(self.group_size):
                        yield int(i)

    def __len__(self) -> int:
        return self.total_batches * self.repeat_count * self.prompts_per_batch * self.group_size

    # -- checkpoints ----------------------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        return {
            "mode": self.mode, "seed": self.seed, "n": self.n, "recorded": self.recorded, "applied": self.applied,
            "prompt_pass": self.prompt_pass.tolist(), "prompt_seen": self.prompt_seen.tolist(),
            "family_names": self.family_names, "family_pass": self.family_pass.tolist(),
            "family_seen": self.family_seen.tolist(),
            "pending": {str(b): [list(t) for t in items] for b, items in self.pending.items()},
        }

    def load_state_dict(self, state: dict[str, Any]) -> None:
        if state["n"] != self.n or state["family_names"] != self.family_names or state["seed"] != self.seed:
            raise ValueError("sampler state is from another prompt set or seed; resume with the run's own config")
        self.recorded, self.applied = int(state["recorded"]), int(state["applied"])
        self.prompt_pass, self.prompt_seen = np.array(state["prompt_pass"]), np.array(state["prompt_seen"])
        self.family_pass, self.family_seen = np.array(state["family_pass"]), np.array(state["family_seen"])
        self.pending = {int(b): [tuple(t) for t in items] for b, items in state["pending"].items()}

    def log(self) -> dict[str, float]:
        """Diagnostics for metrics.jsonl: how learnable the set looks to the sampler now."""
        p = self.estimates()
        w = self.weights()
        return {
            "sampler/p_mean": float(p.mean()),
            "sampler/learnable": float(((p > 0.1) & (p < 0.9)).mean()),
            "sampler/weight_max_ratio": float(w.max() / w.min()),
        }
