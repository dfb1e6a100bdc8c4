"""Prompt sets in other engines' dataset formats: `rlmr data export --format verl`.

verl's RL datasets are parquet files with one row per prompt (`verl/utils/dataset/rl_dataset.py`
reads them; its examples write the same columns):

    data_source   str     which reward function family a row belongs to ("rlmr")
    prompt        list    chat messages [{"role": "user", "content": PROMPT}] (system first if given)
    ability       str     a free label ("creative_writing")
    reward_model  struct  {"style": "rule", "ground_truth": CONSTRAINTS_JSON}
    extra_info    struct  {"index", "id", "prompt", "lang", "genre", "source", "split"}

`ground_truth` holds the constraint specs as JSON text, not nested structs: specs of different
constraints have different fields, and parquet would widen them all to one struct with nulls.
`extra_info.prompt` is the prompt text, which `rlmr.integrations.verl.reward.compute_score` needs
for the writing scorer (verl passes a reward function the response, not the prompt).

No engine import here; writing needs pyarrow (the `data` or `verl` extra).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Iterable

from rlmr.data.records import PromptRecord

FORMATS = ("verl",)
ABILITY = "creative_writing"


def verl_rows(records: Iterable[PromptRecord], *, data_source: str = "rlmr", split: str = "train",
              system: str | None = None) -> list[dict[str, Any]]:
    """One verl dataset row per record, in order (see the module docstring for the columns)."""
    rows = []
    for i, rec in enumerate(records):
        messages = ([{"role": "system", "content": system}] if system else []) + [{"role": "user", "content": rec.prompt}]
        rows.append({
            "data_source": data_source,
            "prompt": messages,
            "ability": ABILITY,
            "reward_model": {"style": "rule", "ground_truth": json.dumps(rec.constraints, ensure_ascii=False)},
            "extra_info": {"index": i, "id": rec.id, "prompt": rec.prompt, "lang": rec.lang, "genre": rec.genre,
                           "source": rec.source, "split": split},
        })
    return rows


def write_parquet(rows: list[dict[str, Any]], path: str | os.PathLike) -> None:
    """Write rows as one parquet file, atomically: a failed write leaves no file behind."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = Path(path)
    table = pa.Table.from_pylist(rows)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
