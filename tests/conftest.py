"""Shared across the suite: the scripted OpenAI-compatible server on loopback.

`tests/writing/llm_server.py` is registered as the module `llm_server` here, once, before any
test module is imported (the suite runs with --import-mode=importlib, so tests/ is not on
sys.path): test modules then simply `import llm_server as srv`.
"""

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline anywhere: it is a timed assertion, and on a loaded 2-core CI box the
# first example of a test (cold caches, lazy imports) can take 300 ms where the rest take 2 ms
# (test_extract.py::test_lower_bounds_keep_n failed so). Speed is measured in benchmarks/.
settings.register_profile("rlmr", deadline=None)
settings.load_profile("rlmr")

if "llm_server" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("llm_server", Path(__file__).parent / "writing" / "llm_server.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["llm_server"] = _module
    _spec.loader.exec_module(_module)

import llm_server  # noqa: E402


@pytest.fixture
def serve():
    """serve(answer) -> a started ScriptedServer; every server started is stopped after the test."""
    started = []

    def start(answer):
        started.append(llm_server.ScriptedServer(answer).start())
        return started[-1]

    yield start
    for server in started:
        server.stop()
