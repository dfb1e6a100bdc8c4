import subprocess
import sys


def rlmr(*args):
    return subprocess.run([sys.executable, "-m", "rlmr", *args], capture_output=True, text=True, timeout=300)


def test_report_writes_the_page_and_pngs_and_compare_prints_both_sides(two_runs, tmp_path):
    out = tmp_path / "report"
    done = rlmr("report", *map(str, two_runs), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert (out / "index.html").is_file() and (out / "pass_rate.png").is_file()

    done = rlmr("compare", str(two_runs[0]), str(two_runs[1]))
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if "length/words_mean" in x)
    assert "142" in line and "82" in line and "-60" in line


def test_report_on_a_folder_that_is_not_a_run_exits_2_naming_it(tmp_path):
    done = rlmr("report", str(tmp_path))
    assert done.returncode == 2
    assert f"{tmp_path}: not a run directory" in done.stderr
