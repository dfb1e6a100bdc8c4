#!/usr/bin/env bash
# The default job behind `make run`, on this CPU with nothing downloaded from a model hub:
#   1. rlmr train      embedded SmolLM2-135M-Instruct, bundled short-train prompts (curriculum sampler), proxy scorer,
#                      constraint verifier, strategy rlmr (configs/default.yaml), precision auto (fp32 on AVX2)
#   2. rlmr eval       the trained policy and the untrained one on the first EVAL_LIMIT short-eval
#                      prompts (constraint pass rate, writing score, length, win rate vs untrained)
#   3. rlmr report     PNG plots and one self-contained HTML page of the run
# A run directory that already holds a finished model is not trained again; an interrupted one
# resumes from its last checkpoint.
set -euo pipefail
RUN_DIR=${1:-runs/default}
EVAL_LIMIT=${EVAL_LIMIT:-16}
BIN=.venv/bin
mkdir -p "$RUN_DIR"

echo "== 1/3 train -> $RUN_DIR"
if [ -f "$RUN_DIR/model/config.json" ]; then
  echo "   $RUN_DIR/model exists: training already finished (delete $RUN_DIR to train again)"
elif [ -d "$RUN_DIR/checkpoints" ] && ls "$RUN_DIR/checkpoints" | grep -q checkpoint-; then
  $BIN/rlmr train --resume "$RUN_DIR"
else
  $BIN/rlmr train --out "$RUN_DIR"
fi

echo "== 2/3 eval on $EVAL_LIMIT short-eval prompts (base model first, as the win-rate baseline)"
$BIN/rlmr eval --model embedded --benchmark short-eval --limit "$EVAL_LIMIT" \
  --max-new-tokens 128 --out "$RUN_DIR/eval/short-eval-base"
$BIN/rlmr eval --model "$RUN_DIR" --benchmark short-eval --limit "$EVAL_LIMIT" \
  --max-new-tokens 128 --baseline "$RUN_DIR/eval/short-eval-base/responses.jsonl"

echo "== 3/3 report"
$BIN/rlmr report "$RUN_DIR"
echo
echo "Done. Run directory: $RUN_DIR (metrics.jsonl, samples/, eval/, report/index.html)"
