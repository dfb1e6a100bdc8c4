"""Per-arm curves for an ablation: each seed smoothed, then the mean over seeds and their range."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from rlmr.report.arms import arm_curve, plot_arms, smooth
from rlmr.report.rundir import load_run


def run_dir(tmp_path, name, pass_rates, words=None):
    path = tmp_path / name
    path.mkdir()
    rows = [{"step": i + 1, "pass_rate": p, **({"length/words_mean": words[i]} if words else {})}
            for i, p in enumerate(pass_rates)]
    (path / "metrics.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_smooth_is_a_centred_mean_shorter_at_the_ends_and_skips_missing_steps():
    assert smooth([0, 10, 20, 30, 40], window=3).tolist() == [5, 10, 20, 30, 35]
    assert smooth([1.0, np.nan, 3.0], window=3).tolist() == [1.0, 2.0, 3.0]
    assert np.isnan(smooth([np.nan], window=3)[0])


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=40), st.integers(1, 9))
def test_a_smoothed_value_lies_within_its_window(values, window):
    out = smooth(values, window)
    half = window // 2
    for i, v in enumerate(out):
        part = values[max(0, i - half): i + half + 1]
        assert min(part) - 1e-6 <= v <= max(part) + 1e-6


def test_the_arm_line_is_the_mean_of_its_smoothed_seeds_and_the_band_their_range(tmp_path):
    a = load_run(run_dir(tmp_path, "rlmr-s0", [0.0, 0.0, 0.0, 0.0]))
    b = load_run(run_dir(tmp_path, "rlmr-s1", [1.0, 1.0, 1.0, 1.0, 1.0]))  # one step more: left out
    steps, mean, lo, hi = arm_curve([a, b], "pass_rate", window=3)
    assert steps.tolist() == [1, 2, 3, 4]
    assert mean.tolist() == [0.5] * 4 and lo.tolist() == [0.0] * 4 and hi.tolist() == [1.0] * 4
    assert all(len(x) == 0 for x in arm_curve([a], "length/words_mean"))


def test_one_png_per_metric_some_run_logged(tmp_path):
    runs = {
        "writing": [run_dir(tmp_path, "writing-s0", [0.2, 0.3, 0.4], [80, 70, 60]),
                    run_dir(tmp_path, "writing-s1", [0.1, 0.2, 0.2], [90, 85, 80])],
        "rlmr-floor": [run_dir(tmp_path, "rlmr-floor-s0", [0.3, 0.5, 0.6], [60, 50, 40])],
    }
    made = plot_arms(runs, tmp_path / "report", window=3)
    assert set(made) == {"arms_pass_rate", "arms_length"}  # nobody logged writing score or below_floor
    for path in made.values():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


def test_a_missing_run_directory_is_named(tmp_path):
    from rlmr.report.rundir import RunDirError

    with pytest.raises(RunDirError, match="not a run directory"):
        plot_arms({"rlmr": [tmp_path / "nope"]}, tmp_path / "report")
