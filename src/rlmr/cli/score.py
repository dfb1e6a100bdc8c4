"""`rlmr score`: score a file of responses with a writing scorer and summarise the scores."""

from __future__ import annotations

import json
import math
from typing import Optional

import typer

EPILOG = """Scorer specs: proxy (offline: bundled SmolLM2 + MiniLM; options max_tokens, prompted,
encoder_tokens, batch_size, w_<component>, e.g. proxy?prompted=1&max_tokens=64),
classifier:PATH_OR_HUB_ID, judge:URL#MODEL[?mode=pairwise&reference=refs.jsonl]. API keys come from RLMR_API_KEY or
OPENAI_API_KEY only. Missing scores are written as null, never 0.

Example:

  printf '{"prompt": "Write a haiku about snow.", "response": "%s"}\\n' \\
    'Snow on the cedar; the valley holds its breath.' > responses.jsonl
  rlmr score --scorer proxy --responses responses.jsonl --out scored.jsonl
"""


def _fmt(x: float) -> str:
    return "-" if isinstance(x, float) and math.isnan(x) else f"{x:.4g}" if isinstance(x, float) else str(x)


def score_command(
    scorer: str = typer.Option("proxy", "--scorer", "-s", help="Scorer spec: proxy | classifier:PATH_OR_ID | judge:URL#MODEL[?options]."),
    responses: str = typer.Option(..., "--responses", "-r", help="JSONL rows with string fields prompt and response."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Write the rows with writing_score (null when missing) to this JSONL."),
    components: bool = typer.Option(False, "--components", help="proxy: also write each component (writing_components)."),
) -> None:
    """Score responses with a writing scorer; print count, scored, missing, mean/std and the correlation with length."""
    from rich.console import Console
    from rich.table import Table

    from rlmr.cli.common import check_output_file, fail
    from rlmr.redact import redact
    from rlmr.writing import ScorerError, build_scorer
    from rlmr.writing.batch import read_responses, score_rows, summarize

    check_output_file(out)
    try:
        rows = read_responses(responses)
        built = build_scorer(scorer)
    except (ScorerError, OSError) as err:
        fail(str(err))
    scored = score_rows(built, rows, components=components)
    if rows and all(r["writing_score"] is None for r in scored):
        fail(f"--scorer {redact(scorer)}: scored 0 of {len(rows)} responses (the reason is printed above); "
             "nothing written")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            for row in scored:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    summary = summarize([r["writing_score"] for r in scored], [r["response"] for r in scored])
    table = Table(title=f"rlmr score: {built.name}")
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        table.add_row(key, _fmt(value))
    Console(width=100).print(table)
    if out:
        typer.echo(f"wrote {len(scored)} rows to {out}")


def register(app: typer.Typer) -> None:
    app.command("score", epilog=EPILOG)(score_command)
