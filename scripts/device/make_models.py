"""Random weights in the real shapes: SmolLM2-135M (policy and proxy LM, as the 'embedded'
model), MiniLM-L6 (proxy relevance) and a SmolLM2 sequence-classification head (classifier)."""
import os, shutil, sys
from pathlib import Path
import torch
from transformers import AutoConfig, AutoModel, AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer

here = Path(".gpu")  # filled by scripts/device/prepare.sh
torch.manual_seed(0)
smol = Path(os.environ["RLMR_CACHE"]) / "models" / "smollm2-135m-instruct"
shutil.copytree(here / "smol", smol, dirs_exist_ok=True)
AutoModelForCausalLM.from_config(AutoConfig.from_pretrained(smol)).save_pretrained(smol)
cfg = AutoConfig.from_pretrained(smol, num_labels=1)
cfg.pad_token_id = AutoTokenizer.from_pretrained(smol).pad_token_id or cfg.eos_token_id
cls = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/cls")
shutil.copytree(here / "smol", cls, dirs_exist_ok=True)
AutoModelForSequenceClassification.from_config(cfg).save_pretrained(cls)
mini = Path("/tmp/minilm")
shutil.copytree(here / "minilm", mini, dirs_exist_ok=True)
AutoModel.from_config(AutoConfig.from_pretrained(mini)).save_pretrained(mini)
print("random models:", smol, cls, mini)
