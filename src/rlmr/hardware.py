"""What this machine computes fast: whether bf16 is native. No torch import (config validation uses it).

On a CPU with AVX512-BF16 or AMX, bf16 halves the bytes per matmul and autocast roughly halves
generation time. On plain AVX2 torch converts bf16 on the fly: measured here (SmolLM2-135M, one
thread, one AMD EPYC AVX2 core) an update step under bf16 autocast took 649 s against 35 s in
float32 (18x), sampling 18.7 s against 5.9 s (3.2x). So `bf16` is only the default where native.
"""

from __future__ import annotations

import functools
from pathlib import Path


@functools.lru_cache(maxsize=1)
def native_bf16_cpu() -> bool:
    """Whether this CPU multiplies bf16 in hardware (AVX512-BF16 or AMX)."""
    try:
        flags = set(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        return False
    return bool(flags & {"avx512_bf16", "amx_bf16"})


def resolve_precision(precision: str, on_cpu: bool) -> str:
    """`auto` -> bf16 on a GPU or a CPU with native bf16, else fp32; anything else as given."""
    if precision != "auto":
        return precision
    return "bf16" if not on_cpu or native_bf16_cpu() else "fp32"
