import json

from PIL import Image

from rlmr.report.plots import PLOTS, plot_evals, plot_runs, run_colors
from rlmr.report.rundir import load_run


def test_every_figure_is_a_real_png_when_its_metrics_were_logged(two_runs, tmp_path):
    runs = [load_run(p) for p in two_runs]
    written = plot_runs(runs, tmp_path / "out")
    assert set(written) == {p.name for p in PLOTS}
    for path in written.values():
        with Image.open(path) as im:
            assert im.format == "PNG" and im.size == (640, 360)
    assert plot_evals(runs, tmp_path / "out").name == "eval.png"


def test_figures_without_data_are_skipped(tmp_path):
    (tmp_path / "metrics.jsonl").write_text(json.dumps({"step": 1, "strategy": "verify", "pass_rate": 0.4}) + "\n")
    run = load_run(tmp_path)
    assert set(plot_runs([run], tmp_path / "out")) == {"pass_rate"}
    assert plot_evals([run], tmp_path / "out") is None


def test_strategies_keep_their_colour_and_repeats_get_a_new_one(two_runs):
    writing, rlmr = (load_run(p) for p in two_runs)
    colors = run_colors([writing, rlmr, rlmr])
    assert colors[0] != colors[1] != colors[2] and colors[1] != colors[2]
    assert run_colors([rlmr])[0] == colors[1]
