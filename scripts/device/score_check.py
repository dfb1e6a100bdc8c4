"""GPU: proxy and classifier scorers (random weights, real shapes): speed, batched == one by one."""
import json, statistics, sys, time
from pathlib import Path
import torch
from rlmr.writing import build_scorer

items = [json.loads(l) for l in Path("tests/fixtures/writing_pairs/originals.jsonl").read_text().splitlines()]
eng = [i for i in items if i["lang"] == "en"]
P, R = [], []
for k in range(int(__import__("os").environ.get("N","256"))):
    pool = " ".join(eng[(k + j) % len(eng)]["text"] for j in range(4)).split()
    R.append(" ".join(pool[:200]) + "."); P.append(eng[k % len(eng)]["prompt"])
print("device:", torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu")
for spec in ["proxy", "proxy?batch_size=128", "proxy?prompted=1&max_tokens=64", f"classifier:{sys.argv[1]}?batch_size=32"]:
    s = build_scorer(spec)
    s.score(P[:64], R[:64])
    times = []
    for _ in range(3):
        if torch.cuda.is_available(): torch.cuda.synchronize()
        t = time.perf_counter(); out = s.score(P, R)
        if torch.cuda.is_available(): torch.cuda.synchronize()
        times.append((time.perf_counter() - t) / len(P) * 1000)
    single = [s.score([p], [r])[0] for p, r in zip(P[:8], R[:8])]
    diff = max(abs(a - b) for a, b in zip(out[:8], single))
    print(f"{spec}: {statistics.median(times):.2f} ms/response (median of 3, 256 x 200 words); "
          f"batched vs one-by-one max |diff| {diff:.2e}; None {sum(x is None for x in out)}")
