"""Known noise of the libraries under `rlmr train`, silenced once so that real warnings stand out.

- transformers 5 warns `is_gradient_checkpointing is deprecated` each time TRL reads the old
  property (every step): the user cannot act on it.
- On resume, the Trainer reports "missing keys ['lm_head.weight']" for a model whose output layer
  is tied to its embeddings (SmolLM2): safetensors stores the shared tensor once, and the weights
  are tied again after loading. Only that exact case is dropped; any other missing key still warns.
- "Loading weights" progress bars (one per model the run loads: policy, scorer, reference) give
  way to rlmr's own progress; HF_HUB_DISABLE_PROGRESS_BARS must be set before transformers loads.
"""

from __future__ import annotations

import json
import logging
import os
import warnings
from pathlib import Path

TIED_MISSING = "There were missing keys in the checkpoint model loaded: ['lm_head.weight']"


class _TiedHeadFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(TIED_MISSING)


def ties_embeddings(model_dir: str | Path | None) -> bool:
    """Whether the model saved in `model_dir` ties its output layer to its input embeddings."""
    if model_dir is None:
        return False
    path = Path(model_dir) / "config.json"
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(config.get("tie_word_embeddings", config.get("text_config", {}).get("tie_word_embeddings")))


def silence_known_noise(resume_from: str | Path | None = None) -> None:
    """Install the filters above (idempotent); `resume_from`: the checkpoint a resume loads."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    warnings.filterwarnings("ignore", message=r"`is_gradient_checkpointing` is deprecated", category=FutureWarning)
    logger = logging.getLogger("transformers.trainer")
    if ties_embeddings(resume_from) and not any(isinstance(f, _TiedHeadFilter) for f in logger.filters):
        logger.addFilter(_TiedHeadFilter())
