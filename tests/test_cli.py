import subprocess
import sys

from rlmr import __version__


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "rlmr", *args], capture_output=True, text=True)


def test_version_prints_the_package_version():
    out = run_cli("--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"rlmr {__version__}"


def test_help_lists_the_tool_purpose():
    out = run_cli("--help")
    assert out.returncode == 0
    assert "mixed rewards" in out.stdout.lower() or "writing" in out.stdout.lower()
