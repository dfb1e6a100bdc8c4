"""Every `--help` of rlmr (the root, each command, each sub-command) ends with an example that runs
as pasted in a fresh clone.

The commands are discovered from the typer app, so a command added later is covered without
touching this file. For each help text the test checks that the rendered help (80 columns) ends
with the epilog's last line, that no example line is wider than 78 columns (rich would wrap it
and break the paste), and then runs the final example paragraph with bash in a scratch folder
that holds what a fresh clone has (every tracked file: configs/, tests/fixtures/, scripts/; the
bundled data comes with the package), with `rlmr` on PATH pointing at this checkout. A command line that an earlier example already ran
(the smoke training shared by train, report, compare and the root help) is not run twice.
Examples that load a model are marked slow; they stay small (one step, two prompts, 16 tokens).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer.testing import CliRunner

from rlmr.cli import app

ROOT = Path(__file__).resolve().parents[2]
WIDTH = 78  # rich indents epilog lines by one column: 78 + 1 + the right edge fit an 80-column terminal
FAST = {"mix", "verify", "constraints", "data"}  # commands whose examples load no model


def walk(command, path=("rlmr",)):
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        yield from walk(sub, (*path, name))


COMMANDS = list(walk(typer.main.get_command(app)))


def final_block(epilog: str) -> list[str]:
    """The last paragraph of the epilog as logical command lines (backslash continuations joined)."""
    paragraph = [line for line in epilog.rstrip().split("\n\n")[-1].splitlines() if line.strip()]
    lines, current = [], ""
    for line in paragraph:
        current += line.strip()
        if current.endswith("\\"):
            current = current[:-1] + " "
            continue
        lines.append(current)
        current = ""
    return lines


def needs_model(block: list[str]) -> bool:
    return any(not re.match(rf"rlmr ({'|'.join(FAST)})\b", line) for line in block if line.startswith("rlmr "))


def cases():
    for path, command in COMMANDS:
        block = final_block(command.epilog or "")
        marks = [pytest.mark.xdist_group("help-examples")]
        if needs_model(block):
            marks.append(pytest.mark.slow)
        yield pytest.param(path, command, block, marks=marks, id=" ".join(path))


def test_every_command_is_discovered():
    names = {" ".join(p) for p, _ in COMMANDS}
    assert {"rlmr", "rlmr train", "rlmr eval", "rlmr data stats", "rlmr constraints extract"} <= names


@pytest.mark.parametrize("path,command", [(p, c) for p, c in COMMANDS], ids=[" ".join(p) for p, _ in COMMANDS])
def test_help_ends_with_an_example_that_fits_80_columns(path, command):
    epilog = command.epilog or ""
    assert "Example" in epilog, f"{' '.join(path)} --help has no example (add an epilog ending with one)"
    examples = epilog[epilog.index("Example"):]
    wide = [line for line in examples.splitlines() if len(line) > WIDTH]
    assert not wide, f"{' '.join(path)}: example lines over {WIDTH} columns wrap in --help: {wide}"
    block = final_block(epilog)
    assert block and any(line.startswith("rlmr ") for line in block), f"{' '.join(path)}: last paragraph {block}"
    result = CliRunner().invoke(app, [*path[1:], "--help"], terminal_width=80, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    rendered = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert rendered[-1] == epilog.rstrip().splitlines()[-1].strip(), rendered[-3:]


def tracked_files() -> list[str]:
    """Files git tracks here; an untracked scratch file must not make an example pass."""
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:  # a source tarball without .git: everything but build outputs
        skip = {".git", ".venv", ".venv-verl", "runs", ".pytest_cache", ".hypothesis"}
        return [str(p.relative_to(ROOT)) for p in ROOT.rglob("*") if p.is_file() and not skip & set(p.relative_to(ROOT).parts)]
    return [f for f in out.stdout.split("\0") if f and (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def fresh_clone(tmp_path_factory):
    """A scratch folder holding the tracked files of this checkout (what a clone has), and `rlmr` on PATH."""
    root = tmp_path_factory.mktemp("clone")
    for rel in tracked_files():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, root / rel)
    bin_dir = tmp_path_factory.mktemp("bin")
    shim = bin_dir / "rlmr"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m rlmr "$@"\n')
    shim.chmod(shim.stat().st_mode | stat.S_IEXEC)
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")])),
        "OMP_NUM_THREADS": "1",
        "COLUMNS": "80",
    }
    return root, env, set()


@pytest.mark.parametrize("path,command,block", list(cases()))
def test_the_final_example_runs_as_pasted(path, command, block, fresh_clone):
    root, env, done = fresh_clone
    for line in block:
        if line in done:
            continue
        out = subprocess.run(["bash", "-c", line], cwd=root, env=env, capture_output=True, text=True, timeout=1800)
        assert out.returncode == 0, f"{' '.join(path)} --help example failed: {line}\n{out.stderr[-3000:]}"
        assert "Traceback" not in out.stderr, out.stderr[-3000:]
        done.add(line)
