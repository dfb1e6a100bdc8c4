#!/usr/bin/env bash
# One call on a lent GPU machine (the workplace device tool): carry .whl and .gpu (made by
# scripts/device/prepare.sh), then `bash scripts/device/run.sh`. Installs the wheels, makes random
# models in the real shapes, checks the scorers, runs gpu_smoke.sh twice and a short eval; files to $OUT.
set -uo pipefail
t0=$(date +%s)
python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target /tmp/site .whl/*.whl || exit 1
export PYTHONPATH=/tmp/site:$PWD/scripts/device/site:$PWD/src RLMR_CACHE=/tmp/rlmr-cache HF_HUB_OFFLINE=1 PYTHONUNBUFFERED=1 TOKENIZERS_PARALLELISM=false
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv
python3 -c "import torch, transformers, trl, accelerate; print('torch', torch.__version__, 'transformers', transformers.__version__, 'trl', trl.__version__, 'accelerate', accelerate.__version__)"
python3 scripts/device/make_models.py /tmp/cls 2>&1 | grep -v "shards\|Loading" || exit 1
echo "== setup $(( $(date +%s) - t0 )) s"
timeout 90 python3 scripts/device/score_check.py /tmp/cls 2>&1 | grep -v "Loading weights" | tee $OUT/score.txt
echo "== scorers $(( $(date +%s) - t0 )) s"
PY=python3 timeout 150 bash scripts/gpu_smoke.sh 5 /tmp/run-proxy > $OUT/smoke_proxy.log 2>&1; echo "smoke proxy rc $?"
tail -4 $OUT/smoke_proxy.log; cp /tmp/run-proxy/metrics.jsonl $OUT/metrics_proxy.jsonl 2>/dev/null
echo "== smoke proxy $(( $(date +%s) - t0 )) s"
PY=python3 RLMR_SET="reward.scorer=classifier:/tmp/cls policy.lora=true" timeout 100 bash scripts/gpu_smoke.sh 3 /tmp/run-cls > $OUT/smoke_cls_lora.log 2>&1; echo "smoke classifier+lora rc $?"
tail -4 $OUT/smoke_cls_lora.log
echo "== smoke cls $(( $(date +%s) - t0 )) s"
timeout 100 python3 -m rlmr eval --model /tmp/run-proxy --benchmark creative-eval --limit 32 --max-new-tokens 64 --out /tmp/eval --baseline embedded --judge proxy > $OUT/eval.log 2>&1; echo "eval rc $?"
tail -15 $OUT/eval.log; cp /tmp/eval/results.json $OUT/eval_results.json 2>/dev/null
echo "== total $(( $(date +%s) - t0 )) s"
