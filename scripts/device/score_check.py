"""GPU: proxy and classifier scorers (random weights, real shapes): speed, batched == one by one.

    python3 scripts/device/score_check.py CLASSIFIER_DIR [N]      (N responses of 200 words, default 256)
"""
import statistics
import sys
import time
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).parents[2] / "benchmarks"))
from bench_score import load_items, speed_inputs  # noqa: E402

from rlmr.writing import build_scorer  # noqa: E402

n = int(sys.argv[2]) if len(sys.argv) > 2 else 256
P, R = speed_inputs(load_items(), n)
print("device:", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu")
for spec in ["proxy", "proxy?batch_size=128", "proxy?prompted=1&max_tokens=64", f"classifier:{sys.argv[1]}?batch_size=32"]:
    s = build_scorer(spec)
    s.score(P[:64], R[:64])
    times = []
    for _ in range(3):
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        t = time.perf_counter()
        out = s.score(P, R)
        if torch.cuda.is_available():
            torch.cuda.synchronize()
        times.append((time.perf_counter() - t) / len(P) * 1000)
    single = [s.score([p], [r])[0] for p, r in zip(P[:8], R[:8])]
    diff = max(abs(a - b) for a, b in zip(out[:8], single))
    print(f"{spec}: {statistics.median(times):.2f} ms/response (median of 3, {n} x 200 words); "
          f"batched vs one-by-one max |diff| {diff:.2e}; None {sum(x is None for x in out)}")
