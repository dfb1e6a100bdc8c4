"""The `rlmr` command line: one thin module per subcommand.

Each module in this package exposes `register(app)`. Heavy imports (torch, transformers, TRL)
happen inside the command functions, so `rlmr verify` or `rlmr mix` never import torch.
"""

from __future__ import annotations

import importlib
import os

import typer

from rlmr import __version__

# rlmr draws its own progress lines; transformers' and the hub's bars (one "Loading weights" bar per
# model loaded) would repeat them. Read by huggingface_hub and transformers when they are imported.
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")

# Order here is the order in `rlmr --help`.
COMMAND_MODULES = ("train", "probe", "eval", "compare", "report", "mix", "verify", "constraints", "score", "data")

ROOT_EPILOG = """Each command's --help ends with an example; `make run` runs the default job.
Example (a one-step smoke run, an eval on two prompts, its report):

  rlmr train --config configs/tiny.yaml --out runs/tiny
  rlmr eval --model runs/tiny --benchmark creative-eval --limit 2 \\
    --max-new-tokens 16 --scorer none
  rlmr report runs/tiny
"""

app = typer.Typer(
    name="rlmr",
    help="Train language models to write well and obey the rules of a writing task "
    "(RLMR: GRPO with a writing reward and a constraint verifier, mixed per group).",
    epilog=ROOT_EPILOG,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rlmr {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """rlmr: reinforcement learning with mixed rewards for creative writing."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"rlmr.cli.{_name}").register(app)


def main() -> None:
    app()
