"""The live view of a run: step, pass rate, writing score, penalty, length, time per step.

On a terminal it is a rich table redrawn in place, showing the first and the latest steps (the
trend a user watches for: pass rate up, length inside the limits). Elsewhere (CI logs, pipes)
it prints one line per step, so logs stay readable.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.live import Live
from rich.table import Table

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
    ("length/tokens_mean", "tokens", "{:.0f}"),
    ("loss", "loss", "{:.4f}"),
    ("time/step_s", "s/step", "{:.1f}"),
)
SHOWN_ROWS = 12  # first 2 and last 10 steps: a table that fits a terminal


def _cell(value: Any, fmt: str) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return fmt.format(value)
    return "-"


class ProgressDisplay:
    """`start(total)`, `update(row)` per step, `stop()`; a no-op when disabled."""

    def __init__(self, title: str, enabled: bool = True, console: Console | None = None) -> None:
        self.title = title
        self.enabled = enabled
        self.console = console or Console(stderr=True)
        self.rows: list[dict[str, Any]] = []
        self.total = 0
        self._live: Live | None = None

    def start(self, total: int) -> None:
        self.total = total
        if self.enabled and self.console.is_terminal:
            self._live = Live(self._table(), console=self.console, refresh_per_second=2)
            self._live.start()

    def update(self, row: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self.rows.append(row)
        if self._live is not None:
            self._live.update(self._table())
        else:
            cells = " ".join(f"{title}={_cell(row.get(key), fmt)}" for key, title, fmt in COLUMNS)
            self.console.print(f"step {row.get('step')}/{self.total} {cells}", highlight=False)

    def stop(self) -> None:
        if self._live is not None:
            self._live.stop()
            self._live = None

    def _table(self) -> Table:
        table = Table(title=f"{self.title}  step {self.rows[-1]['step'] if self.rows else 0}/{self.total}")
        table.add_column("step", justify="right")
        for _, title, _ in COLUMNS:
            table.add_column(title, justify="right")
        shown = self.rows if len(self.rows) <= SHOWN_ROWS else self.rows[:2] + self.rows[-(SHOWN_ROWS - 2):]
        for row in shown:
            table.add_row(str(row.get("step")), *(_cell(row.get(k), fmt) for k, _, fmt in COLUMNS))
        return table
