#!/usr/bin/env bash
# The default job behind `make run`. Grows as the pipeline lands; says plainly what it ran.
set -euo pipefail
RUN_DIR=${1:-runs/default}
BIN=.venv/bin
echo "rlmr default job -> $RUN_DIR"
$BIN/rlmr --version
