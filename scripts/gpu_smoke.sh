#!/usr/bin/env bash
# GPU smoke test of `rlmr train`: a few real steps of the default recipe on one GPU, then the
# step time and the generation speed (generated tokens per second of generation time).
#   bash scripts/gpu_smoke.sh [STEPS] [RUN_DIR]        e.g. bash scripts/gpu_smoke.sh 5 /tmp/gpu-smoke
# Extra `--set` items go in RLMR_SET, e.g. RLMR_SET="grpo.use_vllm=true policy.model=HuggingFaceTB/SmolLM2-360M-Instruct".
set -euo pipefail
STEPS=${1:-5}
RUN_DIR=${2:-$(mktemp -d)/gpu-smoke}
PY=${PY:-.venv/bin/python}
$PY -c "import torch; assert torch.cuda.is_available(), 'no CUDA device visible'; print('device:', torch.cuda.get_device_name(0))"
SETS=(--set run.device=cuda --set run.steps="$STEPS" --set run.save_every=0 --set run.progress=false
      --set grpo.batch_size=32 --set grpo.num_generations=8 --set grpo.max_completion_length=256)
for item in ${RLMR_SET:-}; do SETS+=(--set "$item"); done
$PY -m rlmr train --out "$RUN_DIR" "${SETS[@]}"
$PY - "$RUN_DIR" <<'PY'
import json, statistics, sys
rows = [json.loads(line) for line in open(f"{sys.argv[1]}/metrics.jsonl")]
later = rows[1:] or rows  # step 1 warms up kernels
def mean(key):
    return statistics.fmean(r[key] for r in later if isinstance(r.get(key), (int, float)))
import yaml
cfg = yaml.safe_load(open(f"{sys.argv[1]}/config.yaml"))
responses = cfg["grpo"]["batch_size"] * cfg["grpo"]["gradient_accumulation_steps"]
gen_tokens = mean("length/tokens_mean") * responses
print(f"steps {len(rows)} | step time {mean('time/step_s'):.2f} s (mean of steps 2..) | generation "
      f"{mean('time/generation_s'):.2f} s -> {gen_tokens / mean('time/generation_s'):.0f} generated tokens/s | "
      f"writing score {mean('time/writing_score_s'):.2f} s | update {mean('time/update_s'):.2f} s")
PY
