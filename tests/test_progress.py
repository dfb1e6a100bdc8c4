"""Progress lines: ETA from the mean rate, one line that fits 80 columns, a heartbeat in long items,
and the training table that keeps the most wanted columns on a narrow terminal."""

from __future__ import annotations

import io
import logging
import re
import time
import warnings

from hypothesis import given, strategies as st
from rich.console import Console

from rlmr.progress import Progress, duration, eta, status_line
from rlmr.train.progress import COLUMNS, ProgressDisplay, fitting_columns


def console(width: int = 80, terminal: bool = False) -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=width, force_terminal=terminal, color_system=None), buf


def test_duration_and_eta():
    assert [duration(s) for s in (0, 42, 185, 3720)] == ["0s", "42s", "3m05s", "1h02m"]
    assert eta(0, 10, 5.0) is None
    assert eta(2, 10, 20.0) == 80.0  # 10 s each, 8 left
    assert eta(10, 10, 99.0) == 0.0


@given(st.text(min_size=0, max_size=200), st.integers(0, 10**6), st.integers(1, 10**6),
       st.floats(0, 1e7), st.integers(40, 200))
def test_status_line_never_exceeds_the_width(label, done, total, elapsed, width):
    line = status_line(label, min(done, total), total, elapsed, current=elapsed, note="loading", width=width)
    assert len(line) <= width


def test_progress_in_a_log_prints_the_last_line_and_an_eta():
    con, buf = console()
    with Progress("generate", 4, console=con, every_s=0.0, heartbeat_s=60) as bar:
        bar.update(2)
        bar.update(4)
    lines = buf.getvalue().splitlines()
    assert any(x.startswith("generate 2/4") and "ETA" in x for x in lines)
    assert lines[-1].startswith("generate 4/4") and all(len(x) <= 80 for x in lines)


def test_progress_heartbeat_shows_a_long_item():
    con, buf = console()
    bar = Progress("generate", 2, console=con, every_s=0.2)
    bar._item_started -= 10  # the first item has run 10 s
    time.sleep(0.5)
    bar.close()
    assert "item 1 running 1" in buf.getvalue()


def test_disabled_progress_is_silent():
    con, buf = console()
    with Progress("x", 3, console=con, enabled=False) as bar:
        bar.advance(3)
    assert buf.getvalue() == ""


def test_train_table_fits_80_columns_and_keeps_the_pass_rate():
    titles = [t for _, t, _ in fitting_columns(80)]
    assert titles[0] == "pass" and "writing" in titles and "penalty" in titles
    assert len(fitting_columns(200)) == len(COLUMNS)
    con, buf = console(80, terminal=True)
    display = ProgressDisplay("rlmr train [rlmr] -> runs/default", console=con)
    display.total = 15
    row = {"step": 1, "pass_rate": 0.25, "writing_score/mean": 0.61, "penalty/mean": 0.47,
           "length/words_mean": 58.0, "loss": 0.01, "time/step_s": 17.2, "groups/mixed": 0.5}
    display.rows.append(row)
    con.print(display._table())
    out = buf.getvalue()
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "…" not in out and "writing" in out and "25%" in out and "ETA" in out


def test_train_log_line_fits_80_columns_with_eta():
    con, buf = console(80)
    display = ProgressDisplay("t", console=con)
    display.start(15)
    display.update({"step": 1, "pass_rate": 0.25, "writing_score/mean": 0.61, "penalty/mean": 0.47,
                    "length/words_mean": 58.0, "loss": 0.0123, "time/step_s": 17.2})
    display.stop()
    line = buf.getvalue().strip()
    assert line.startswith("step 1/15 pass=25% writing=0.610") and "ETA" in line and len(line) <= 80


def test_train_heartbeat_in_a_log_while_a_step_runs():
    con, buf = console(80)
    display = ProgressDisplay("t", console=con, heartbeat_s=0.2)
    display.start(3)
    display._step_started -= 30
    time.sleep(0.5)
    display.stop()
    assert re.search(r"step 1 running 3\ds", buf.getvalue()), buf.getvalue()


def test_known_noise_is_silenced_and_other_warnings_are_not(tmp_path):
    from rlmr.train.quiet import TIED_MISSING, silence_known_noise

    (tmp_path / "config.json").write_text('{"tie_word_embeddings": true}')
    silence_known_noise(tmp_path)
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("transformers.trainer")
    logger.addHandler(handler)
    try:
        logger.warning(TIED_MISSING + ".")
        logger.warning("There were missing keys in the checkpoint model loaded: ['model.norm.weight'].")
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records] == ["There were missing keys in the checkpoint model loaded: "
                                                 "['model.norm.weight']."]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("default")
        silence_known_noise()
        warnings.warn("`is_gradient_checkpointing` is deprecated and will be removed in v6.", FutureWarning)
        warnings.warn("something else", FutureWarning)
    assert [str(w.message) for w in caught] == ["something else"]


def test_train_help_keeps_square_brackets():
    from typer.testing import CliRunner

    from rlmr.cli import app

    out = CliRunner().invoke(app, ["train", "--help"], terminal_width=200).output
    assert "[w_writing, w_verdict]" in out
