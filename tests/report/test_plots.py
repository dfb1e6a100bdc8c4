import json

import pytest

from PIL import Image

from rlmr.report.distributions import advantage_hist_figure, constraint_bars_figure, headline_figure, length_hist_figure, plot_evals
from rlmr.report.headline import computed_comparison
from rlmr.report.plots import REFERENCE_STEPS, plot_runs, reference_steps, run_colors
from rlmr.report.rundir import load_run

STEP_FIGURES = {"pass_rate", "constraints", "writing_score", "length", "groups", "penalty", "loss", "entropy", "grad_norm"}
SIZES = {"groups": (1024, 360), "constraints": (1024, 504)}  # two runs side by side; the legend below


def test_every_figure_is_a_real_png_when_its_metrics_were_logged(two_runs, tmp_path):
    runs = [load_run(p) for p in two_runs]
    written = plot_runs(runs, tmp_path / "out")
    assert set(written) == STEP_FIGURES  # no kl (beta is 0) and no clipped ratio in these runs
    for name, path in written.items():
        with Image.open(path) as im:
            assert im.format == "PNG"
            # one-panel figures are 640 x 360; the per-run ones (groups, constraints) put two runs side by side
            assert im.size == SIZES.get(name, (640, 360)), name
    assert plot_evals(runs, tmp_path / "out").name == "eval.png"
    assert length_hist_figure(runs, tmp_path / "out" / "lh.png").is_file()
    assert advantage_hist_figure(runs, tmp_path / "out" / "adv.png").is_file()


def test_figures_without_data_are_skipped(tmp_path):
    (tmp_path / "metrics.jsonl").write_text(json.dumps({"step": 1, "strategy": "verify", "pass_rate": 0.4}) + "\n")
    run = load_run(tmp_path)
    assert set(plot_runs([run], tmp_path / "out")) == {"pass_rate"}
    assert plot_evals([run], tmp_path / "out") is None
    assert length_hist_figure([run], tmp_path / "lh.png") is None and advantage_hist_figure([run], tmp_path / "a.png") is None


def test_comparison_figures_come_from_the_paired_numbers_and_the_verdicts(eval_rows, tmp_path):
    base, trained = eval_rows
    numbered = lambda rows: [(f"mem:{i}", r) for i, r in enumerate(rows, 1)]  # noqa: E731
    comparison = computed_comparison(numbered(base), numbered(trained), "base", "trained")
    assert headline_figure(comparison, "t", tmp_path / "h.png").is_file()
    assert headline_figure({"metrics": {}}, "t", tmp_path / "none.png") is None
    off = {"a": 0.5, "b": 0.6, "diff": 0.09999999999999987, "lo": 0.09999999999999998, "hi": 0.09999999999999998}
    assert headline_figure({"metrics": {"writing_score": off}}, "t", tmp_path / "off.png").is_file()  # old compare.json
    assert constraint_bars_figure(base, trained, "t", tmp_path / "c.png").is_file()
    assert constraint_bars_figure([{"response": "x"}], [], "t", tmp_path / "c0.png") is None


def test_the_length_reference_is_the_live_lines_first_steps():
    logbook = pytest.importorskip("rlmr.train.logbook")
    assert REFERENCE_STEPS == logbook.LENGTH_BASE_STEPS == 3
    assert [reference_steps(n) for n in (1, 2, 3, 30)] == [1, 2, 3, 3]


def test_strategies_keep_their_colour_and_repeats_get_a_new_one(two_runs):
    writing, rlmr = (load_run(p) for p in two_runs)
    colors = run_colors([writing, rlmr, rlmr])
    assert colors[0] != colors[1] != colors[2] and colors[1] != colors[2]
    assert run_colors([rlmr])[0] == colors[1]
