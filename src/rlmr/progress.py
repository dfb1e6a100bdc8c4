"""Progress with an ETA for the long loops of rlmr (generation batches, training steps, ablation runs).

A user who sees nothing for three minutes kills the job. `Progress` shows `label k/N`, elapsed
time and an ETA from the mean time per item, in one line that fits the terminal (80 columns
included). On a terminal the line is redrawn in place; in a pipe or CI log it prints a line at
most every `every_s` seconds (and the last one), so logs stay short. A heartbeat thread redraws
while one item takes long (a first training step can take minutes), so the line shows the job is
alive and how long the current item has run.

    with Progress("generate", total=len(prompts)) as bar:
        for batch in batches:
            ...
            bar.advance(len(batch))

rich only; no torch. `rlmr eval` uses it; `rlmr probe` and `rlmr ablate` can too.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from rich.console import Console
from rich.live import Live
from rich.text import Text


def duration(seconds: float) -> str:
    """Compact: 42s, 3m05s, 1h02m."""
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds}s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes}m{secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


def eta(done: float, total: float, elapsed: float) -> float | None:
    """Seconds left at the mean rate so far; None before the first item is done."""
    if done <= 0 or total <= 0 or done >= total:
        return None if done < total else 0.0
    return elapsed / done * (total - done)


def status_line(label: str, done: int, total: int, elapsed: float, current: float | None = None,
                note: str = "", width: int = 80) -> str:
    """`label k/N  elapsed  ETA` (+ time in the current item, + note), cut to `width` columns."""
    parts = [f"{label} {done}/{total}", duration(elapsed)]
    left = eta(done, total, elapsed)
    if left is not None and done < total:
        parts.append(f"ETA {duration(left)}")
    if current is not None and current >= 5:
        parts.append(f"item {done + 1} running {duration(current)}")
    if note:
        parts.append(note)
    line = "  ".join(parts)
    return line if len(line) <= width else line[: max(0, width - 1)] + "…"


class Progress:
    """`advance(n)` / `update(done)` / `note(text)` / `close()`; disabled: silent."""

    def __init__(self, label: str, total: int, *, enabled: bool = True, console: Console | None = None,
                 every_s: float = 30.0, heartbeat_s: float = 5.0) -> None:
        self.label, self.total, self.enabled = label, int(total), enabled
        self.console = console or Console(stderr=True)
        self.every_s, self.heartbeat_s = every_s, heartbeat_s
        self.done = 0
        self._note = ""
        self.started = self._item_started = time.perf_counter()
        self._last_print = -1e9
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._live: Live | None = None
        self._thread: threading.Thread | None = None
        if not enabled:
            return
        if self.console.is_terminal:
            self._live = Live(Text(self.line()), console=self.console, auto_refresh=False, transient=False)
            self._live.start()
        self._thread = threading.Thread(target=self._beat, name=f"progress-{label}", daemon=True)
        self._thread.start()

    def line(self) -> str:
        now = time.perf_counter()
        current = now - self._item_started if self.done < self.total else None
        width = max(40, min(self.console.width, 200)) - 1
        return status_line(self.label, self.done, self.total, now - self.started, current, self._note, width)

    def advance(self, n: int = 1) -> None:
        self.update(self.done + n)

    def update(self, done: int, note: str | None = None) -> None:
        with self._lock:
            self.done = min(int(done), self.total)
            self._item_started = time.perf_counter()
            if note is not None:
                self._note = note
            self._show(force=self.done >= self.total)

    def note(self, text: str) -> None:
        with self._lock:
            self._note = text
            self._show(force=False)

    def _show(self, force: bool) -> None:
        if not self.enabled:
            return
        if self._live is not None:
            self._live.update(Text(self.line()), refresh=True)
            return
        now = time.perf_counter()
        if force or now - self._last_print >= self.every_s:
            self._last_print = now
            self.console.print(self.line(), highlight=False, markup=False, soft_wrap=True)

    def _beat(self) -> None:
        interval = max(0.1, self.heartbeat_s if self.console.is_terminal else self.every_s)
        while not self._stop.wait(interval):
            with self._lock:
                self._show(force=False)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=1)
            self._thread = None
        if self._live is not None:
            self._live.update(Text(self.line()), refresh=True)
            self._live.stop()
            self._live = None

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
