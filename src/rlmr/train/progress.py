"""The live view of a run: step, pass rate, writing score, penalty, length, time per step, ETA.

On a terminal it is a rich table redrawn in place, showing the first and the latest steps (the
trend a user watches for: pass rate up, length inside the limits), with as many columns as fit
the terminal (80 columns included; metrics.jsonl has them all). Elsewhere (CI logs, pipes) it
prints one line per step, cut to the same width. Both show an ETA from the mean step time, and
a heartbeat while a step runs long (a first CPU step can take minutes): the table's caption
ticks on a terminal, a `step k/N running 2m00s` line appears every minute elsewhere.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table

from rlmr.progress import duration, eta

# (metrics key, column title, format) in display order
COLUMNS = (
    ("pass_rate", "pass", "{:.0%}"),
    ("writing_score/mean", "writing", "{:.3f}"),
    ("writing_score/passed", "w|pass", "{:.3f}"),
    ("writing_score/violated", "w|fail", "{:.3f}"),
    ("penalty/mean", "penalty", "{:.3f}"),
    ("groups/mixed", "mixed", "{:.0%}"),
    ("groups/with_gradient", "grad", "{:.0%}"),
    ("length/words_mean", "words", "{:.0f}"),
    ("length/words_vs_start", "len/start", "{:.2f}"),
    ("length/below_floor", "short", "{:.0%}"),
    ("length/tokens_mean", "tokens", "{:.0f}"),
    ("loss", "loss", "{:.4f}"),
    ("time/step_s", "s/step", "{:.1f}"),
)
# Which columns survive on a narrow terminal, most wanted first (a column not named here comes last).
PRIORITY = ("pass", "writing", "penalty", "words", "s/step", "mixed", "grad", "len/start", "loss", "short",
            "w|pass", "w|fail", "tokens")


def _by_priority() -> tuple[str, ...]:
    titles = [t for _, t, _ in COLUMNS]
    return tuple(t for t in PRIORITY if t in titles) + tuple(t for t in titles if t not in PRIORITY)
SHOWN_ROWS = 12  # first 2 and last 10 steps: a table that fits a terminal
HEARTBEAT_S = 60.0  # a "still running" line this often in logs when a step takes long


def _cell(value: Any, fmt: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.format(value)
    return "-"


def fitting_columns(width: int, cell: int = 7) -> tuple[tuple[str, str, str], ...]:
    """The columns (display order kept) whose table fits `width`: each takes its title or a
    `cell`-wide value plus 3 for padding and border; the step column and the edge take 8."""
    used, keep = 8, set()
    for title in _by_priority():
        need = max(len(title), cell) + 3
        if used + need > width:
            break
        used += need
        keep.add(title)
    return tuple(c for c in COLUMNS if c[1] in keep)


class _Renderable:
    """Rebuilt at every refresh of the live view, so the heartbeat caption ticks."""

    def __init__(self, display: "ProgressDisplay") -> None:
        self.display = display

    def __rich__(self) -> Table:
        return self.display._table()


class ProgressDisplay:
    """`start(total)`, `update(row)` per step, `stop()`; a no-op when disabled."""

    def __init__(self, title: str, enabled: bool = True, console: Console | None = None,
                 heartbeat_s: float = HEARTBEAT_S) -> None:
        self.title = title
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self.heartbeat_s = heartbeat_s
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self._started = self._step_started = time.perf_counter()
        self._live: Live | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def columns(self) -> tuple[tuple[str, str, str], ...]:
        return fitting_columns(self.console.width)

    def start(self, total: int) -> None:
        self.total = total
        self._started = self._step_started = time.perf_counter()
        if not self.enabled:
            return
        if self.console.is_terminal:
            self._live = Live(_Renderable(self), console=self.console, refresh_per_second=1)
            self._live.start()
        else:
            self._thread = threading.Thread(target=self._beat, name="rlmr-train-heartbeat", daemon=True)
            self._thread.start()

    def update(self, row: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self.rows.append(row)
        self._step_started = time.perf_counter()
        if self._live is not None:
            self._live.refresh()
            return
        self.console.print(self.line(row), highlight=False, markup=False, soft_wrap=True)

    def line(self, row: dict[str, Any]) -> str:
        """`step k/N pass=.. writing=.. ... ETA ..`: the most wanted metrics that fit the width."""
        left = self.eta()
        head, tail = f"step {row.get('step')}/{self.total}", f" ETA {duration(left)}" if left else ""
        cells = {title: f"{title}={_cell(row.get(key), fmt)}" for key, title, fmt in COLUMNS}
        keep, used = set(), len(head) + len(tail)
        for title in _by_priority():
            if used + 1 + len(cells[title]) > self.console.width:
                break
            used += 1 + len(cells[title])
            keep.add(title)
        return " ".join([head] + [cells[t] for _, t, _ in COLUMNS if t in keep]) + tail

    def eta(self) -> float | None:
        """Seconds left at the mean time per step of this process (a resumed run counts its own)."""
        if not self.rows:
            return None
        before = int(self.rows[0].get("step") or 1) - 1  # steps done before this process started
        done = int(self.rows[-1].get("step") or 0) - before
        return eta(done, self.total - before, time.perf_counter() - self._started)

    def caption(self) -> str:
        step = int(self.rows[-1].get("step") or 0) if self.rows else 0
        parts = [f"step {step}/{self.total}", f"elapsed {duration(time.perf_counter() - self._started)}"]
        left = self.eta()
        if left:
            parts.append(f"ETA {duration(left)}")
        running = time.perf_counter() - self._step_started
        if step < self.total and running >= 5:
            parts.append(f"step {step + 1} running {duration(running)}")
        return "  ".join(parts)

    def _beat(self) -> None:
        while not self._stop.wait(self.heartbeat_s):
            if time.perf_counter() - self._step_started >= self.heartbeat_s:
                self.console.print(self.caption(), highlight=False, markup=False, soft_wrap=True)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
            self._thread = None
        if self._live is not None:
            self._live.stop()
            self._live = None

    def _table(self) -> Table:
        columns = self.columns
        table = Table(title=self.title, caption=self.caption(), title_justify="left", caption_justify="left")
        table.add_column("step", justify="right")
        for _, title, _ in columns:
            table.add_column(title, justify="right")
        shown = self.rows if len(self.rows) <= SHOWN_ROWS else self.rows[:2] + self.rows[-(SHOWN_ROWS - 2):]
        for row in shown:
            table.add_row(str(row.get("step")), *(_cell(row.get(k), fmt) for k, _, fmt in columns))
        return table
