"""`rlmr score`: score a file of responses with a writing scorer and summarise the scores, or
(`--pairs`) check that a scorer prefers real texts over their degraded versions."""

from __future__ import annotations

import json
import math
from typing import Optional

import typer

PAIRS_HELP = (
    "--pairs FILE reads original texts (JSONL: id, prompt, text, optional lang en|zh), derives the "
    "degraded versions (shuffle_sentences, repeat_phrase, off_topic, truncate, word_salad, and the "
    "brevity cuts first_sentence, first_two, first_30pct) and prints how often the scorer prefers the "
    "original, per degradation and language. A reward model that loses to the cuts pays for brevity; "
    "one that loses to repeat_phrase pays for padding. The repository's corpus is in "
    "tests/fixtures/writing_pairs/ (see docs/scorers.md)."
)  # one paragraph: rich re-wraps it to the terminal

EPILOG = """Scorer specs: proxy (offline: bundled SmolLM2 + MiniLM; options max_tokens, prompted,
encoder_tokens, batch_size, w_<component>, e.g. proxy?prompted=1&max_tokens=64),
classifier:PATH_OR_HUB_ID, judge:URL#MODEL[?mode=pairwise&reference=refs.jsonl]. API keys come from RLMR_API_KEY or
OPENAI_API_KEY only. Missing scores are written as null, never 0.

__PAIRS_HELP__

Examples:

  rlmr score --scorer proxy --pairs tests/fixtures/writing_pairs/prose.jsonl \\
    --kinds first_sentence,first_two,first_30pct,repeat_phrase

  printf '{"prompt": "Write a haiku about snow.", "response": "%s"}\\n' \\
    'Snow on the cedar; the valley holds its breath.' > responses.jsonl
  rlmr score --scorer proxy --responses responses.jsonl --out scored.jsonl
""".replace("__PAIRS_HELP__", PAIRS_HELP)


def _fmt(x: float) -> str:
    return "-" if isinstance(x, float) and math.isnan(x) else f"{x:.4g}" if isinstance(x, float) else str(x)


def score_command(
    scorer: str = typer.Option("proxy", "--scorer", "-s", help="Scorer spec: proxy | classifier:PATH_OR_ID | judge:URL#MODEL[?options]."),
    responses: Optional[str] = typer.Option(None, "--responses", "-r", help="JSONL rows with string fields prompt and response."),
    out: Optional[str] = typer.Option(None, "--out", "-o", help="Write the rows with writing_score (null when missing) to this JSONL (with --pairs: one row per pair)."),
    components: bool = typer.Option(False, "--components", help="proxy: also write each component (writing_components)."),
    pairs: Optional[str] = typer.Option(None, "--pairs", help="Instead of --responses: JSONL originals (id, prompt, text, optional lang); score them against their degraded versions."),
    kinds: Optional[str] = typer.Option(None, "--kinds", help="With --pairs: comma-separated degradations (default: all)."),
) -> None:
    """Score responses with a writing scorer; print count, scored, missing, mean/std and the correlation with length.
    With --pairs: print how often the scorer prefers each original text over its degraded versions."""
    from rlmr.writing import ScorerError, build_scorer

    if (responses is None) == (pairs is None):
        typer.echo("error: give exactly one of --responses FILE or --pairs FILE", err=True)
        raise typer.Exit(2)
    if kinds and not pairs:
        typer.echo("error: --kinds needs --pairs", err=True)
        raise typer.Exit(2)
    if pairs:
        _pairs(scorer, pairs, kinds, out)
        return
    from rich.console import Console
    from rich.table import Table

    from rlmr.cli.common import check_output_file, fail
    from rlmr.redact import redact
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


def _pairs(scorer: str, path: str, kinds: Optional[str], out: Optional[str]) -> None:
    from rich.console import Console
    from rich.table import Table

    from rlmr.writing import ScorerError, build_scorer
    from rlmr.writing.pairs import parse_kinds, preference_rates, read_originals, score_pairs

    try:
        chosen = parse_kinds(kinds)
        items = read_originals(path)
        built = build_scorer(scorer)
        results = score_pairs(built, items, chosen)
    except (ScorerError, OSError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    rates = preference_rates(results)
    table = Table(title=f"rlmr score --pairs: {built.name}, original preferred over degraded")
    for col in ("degradation", "lang", "preferred", "pairs", "rate"):
        table.add_column(col, justify="left" if col in ("degradation", "lang") else "right")
    for (kind, lang), (won, n) in rates.items():
        table.add_row(kind, lang, str(won), str(n), f"{won / n:.1%}")
    won, n = sum(v[0] for v in rates.values()), sum(v[1] for v in rates.values())
    table.add_row("all", "", str(won), str(n), f"{won / n:.1%}" if n else "-")
    Console(width=100).print(table)
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            for r in results:
                row = {"id": r.pair.id, "lang": r.pair.lang, "kind": r.pair.kind, "prompt": r.pair.prompt,
                       "original": r.pair.original, "degraded": r.pair.degraded,
                       "original_score": r.original_score, "degraded_score": r.degraded_score, "preferred": r.preferred}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        typer.echo(f"wrote {len(results)} pairs to {out}")


def register(app: typer.Typer) -> None:
    app.command("score", epilog=EPILOG)(score_command)
