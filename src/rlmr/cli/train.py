"""`rlmr train`: parse, build the config, call `rlmr.train.run.train_run`, print where it went.

The help lists every config field (rendered from `rlmr.train.config`), so `--set` needs no
other reference. torch, transformers and TRL are imported only when a run starts.
"""

from __future__ import annotations

import inspect
import time
from pathlib import Path
from typing import List, Optional

import typer

from rlmr.cli.common import fail

EXAMPLES = """Examples:

  rlmr train --out runs/default          # the embedded default, 15 steps

  rlmr train --config configs/writing.yaml --out runs/writing

  rlmr train --set steps=5 --set reward.strategy=linear --out runs/linear

  rlmr train --resume runs/default --set run.steps=30   # train further

A smoke run (one step on four prompts, a few minutes on a CPU):

  rlmr train --config configs/tiny.yaml --out runs/tiny
"""


def _settings_help() -> str:
    from rich.markup import escape

    from rlmr.train.config import describe

    lines = ["Settings (--set KEY=VALUE; docs/config.md has the same table):"]
    for key, tp, default, help_ in describe():  # escaped: rich markup would eat "[w_writing, w_verdict]"
        lines.append(escape(f"  {key} ({tp}, default {default!r}): {help_}"))
    return "\n\n".join(lines)  # one paragraph per setting: rich rewraps within a paragraph only


def train_command(
    config: Optional[Path] = typer.Option(None, "--config", "-c", help="YAML config (sections policy, data, "
                                          "reward, grpo, run); --set overrides it."),
    overrides: List[str] = typer.Option([], "--set", "-s", help="KEY=VALUE override, repeatable "
                                        "(grpo.learning_rate=1e-5; a unique bare key like steps=5 works)."),
    resume: Optional[Path] = typer.Option(None, "--resume", help="Continue this run directory from its last "
                                          "checkpoint (its config.yaml, plus any --set)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Run directory to create "
                                       "(default runs/<strategy>-<date>-<time>)."),
) -> None:
    """Train a policy with RLMR (GRPO on TRL, writing score + constraint verdict mixed per group).

    With no arguments: the embedded SmolLM2-135M-Instruct on the bundled short-train prompts (one reachable constraint each, drawn by a curriculum that favours prompts whose groups come out mixed), the offline proxy scorer and the verifier, strategy rlmr, bf16 where the CPU has it natively (else float32). Writes a run directory: config.yaml, metrics.jsonl, samples/, checkpoints/, model/.
    """  # noqa: E501 (rich keeps docstring line breaks: one line per paragraph)
    from rlmr.train.config import ConfigError, load_config, parse_override

    try:
        if resume is not None:
            if config is not None or out is not None:
                raise ConfigError("--resume takes the run's own config.yaml and directory; drop --config/--out")
            from rlmr.train.run import resume_config

            changes: dict[str, dict] = {}
            for item in overrides:
                section, key, value = parse_override(item)
                changes.setdefault(section, {})[key] = value
            cfg = resume_config(resume, changes)
            run_dir = resume
        else:
            cfg = load_config(config, overrides)
            run_dir = out or Path("runs") / f"{cfg.reward.strategy}-{time.strftime('%Y%m%d-%H%M%S')}"
    except (ValueError, OSError) as exc:
        fail(str(exc))
    _run(cfg, run_dir, resume is not None)


def _run(cfg, run_dir: Path, resume: bool) -> None:
    from rlmr.train.run import ScorerFailure, prepare, run_prepared

    try:
        prepared = prepare(cfg, run_dir, resume=resume)  # every input check, before any model loads
    except (ValueError, FileNotFoundError) as exc:
        fail(str(exc))
    from rlmr.train.quiet import silence_known_noise

    silence_known_noise(prepared.resume_from)
    try:
        result = run_prepared(prepared)
    except ScorerFailure as exc:
        fail(str(exc), code=1)
    if not result.is_main:
        return
    m = result.final_metrics
    summary = ", ".join(
        f"{key} {m[key]:.3f}" for key in ("pass_rate", "writing_score/mean", "length/words_mean")
        if isinstance(m.get(key), (int, float))
    )
    typer.echo(f"trained {result.steps} step{'s' if result.steps != 1 else ''} in {result.seconds:.0f} s -> {result.run_dir}  ({summary})")
    typer.echo(f"next: rlmr eval --model {result.run_dir} --benchmark short-eval; rlmr report {result.run_dir}")


def register(app: typer.Typer) -> None:
    doc = inspect.cleandoc(train_command.__doc__ or "")
    app.command("train", help=doc + "\n\n" + _settings_help(), epilog=EXAMPLES)(train_command)
