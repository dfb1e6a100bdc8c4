"""`rlmr eval`: score a model, or a file of responses, on IFEval or a creative-writing prompt set."""

from __future__ import annotations

from typing import Optional

import typer

EPILOG = """--samples k draws k responses per prompt (temperature 1.0 unless
--temperature says otherwise); each prompt's responses are averaged first,
then prompts, and `intervals` in results.json holds 95% bootstrap intervals
over prompts. --baseline adds the win rate and OUT/compare.json: the paired
differences (this model - baseline) with 95% intervals (see `rlmr compare`).
A response cut at --max-new-tokens is verified as it is unless --truncation
fail; `truncated` in results.json is the share cut.

Examples:

  rlmr eval --benchmark ifbench --model embedded --limit 2 --max-new-tokens 16

  rlmr eval --benchmark none --responses tests/fixtures/compare/cand.jsonl \\
    --scorer none --out /tmp/eval-cand

Two prompts, the embedded model, no writing scorer (seconds once loaded):

  rlmr eval --model embedded --benchmark short-eval --limit 2 \\
    --max-new-tokens 16 --scorer none --out eval/tiny
"""

HEADLINE = (
    "prompt_strict",
    "inst_strict",
    "prompt_loose",
    "inst_loose",
    "pass_rate",
    "satisfied_mean",
    "writing_score/mean",
    "writing_score/missing",
    "length/words_mean",
    "length/words_p90",
    "length/limit_violated",
    "length/below_floor",
    "truncated",
    "win_rate",
    "win_rate_ci_low",
    "win_rate_ci_high",
    "win_rate_missing",
)


def eval_command(
    benchmark: str = typer.Option(
        "ifeval",
        help="ifeval | ifbench | creative-eval | writingbench | a prompts file | none (the responses rows carry constraints).",
    ),
    model: Optional[str] = typer.Option(
        None, help="embedded | a model folder | an `rlmr train` run directory | a hub id (generates responses)."
    ),
    responses: Optional[str] = typer.Option(
        None, help='Score this JSONL of {"prompt", "response"} rows instead of generating.'
    ),
    baseline: Optional[str] = typer.Option(
        None, help="Win rate against this responses file or model (judged in both orders)."
    ),
    judge: str = typer.Option("proxy", help="Judge for the win rate: a writing-scorer spec (proxy, judge:URL#model); none: no win rate."),
    scorer: str = typer.Option("auto", help="Writing scorer for creative sets (auto: proxy; none: skip)."),
    limit: Optional[int] = typer.Option(None, min=1, help="Only the first N prompts."),
    out: Optional[str] = typer.Option(None, help="Output folder (default RUN/eval/<benchmark> or eval/<benchmark>)."),
    max_new_tokens: int = typer.Option(256, min=1, help="Generation length limit."),
    samples: int = typer.Option(1, min=1, help="Responses per prompt (k > 1 samples; 1 with temperature 0 = greedy)."),
    temperature: Optional[float] = typer.Option(
        None, min=0.0, help="0 = greedy. Default: 0 for --samples 1, 1.0 for more."
    ),
    batch_size: int = typer.Option(8, min=1, help="Prompts per generation batch."),
    engine: str = typer.Option("auto", help="auto | hf | vllm (auto: vLLM when installed and a GPU is present)."),
    seed: int = typer.Option(0, help="Sampling seed."),
    truncation: str = typer.Option(
        "keep", help="A response cut at --max-new-tokens: keep verifies it as is (IFEval's protocol); fail counts it "
        "as a violator (training's default rule). results.json has the share cut either way (`truncated`)."
    ),
    bf16: bool = typer.Option(True, "--bf16/--fp32", help="bf16 (autocast on a CPU with native bf16; float32 on AVX2, where bf16 is slower) or float32 generation."),
) -> None:
    """Evaluate instruction following (IFEval, IFBench), constraint pass rate, writing score and win rate.

    Writes results.json and responses.jsonl (every response with its verdicts, scores and sample
    index) to the output folder, and compare.json with --baseline.
    """
    from rich.console import Console
    from rich.table import Table

    from rlmr.cli.compare import paired_table, unpaired_note
    from rlmr.evaluate.generate import GenerationConfig
    from rlmr.evaluate.run import EvalRequest, run_eval

    if model is None and responses is None:
        raise typer.BadParameter("give --model to generate or --responses FILE to score", param_hint="--model")
    try:
        generation = GenerationConfig(
            max_new_tokens=max_new_tokens,
            temperature=(0.0 if samples == 1 else 1.0) if temperature is None else temperature,
            samples=samples,
            batch_size=batch_size,
            engine=engine,
            seed=seed,
            bf16=bf16,
        )
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    request = EvalRequest(
        benchmark=None if benchmark == "none" else benchmark,
        model=model,
        responses=responses,
        baseline=baseline,
        judge=judge,
        scorer=scorer,
        limit=limit,
        out=out,
        generation=generation,
        truncation=truncation,
    )
    try:
        results = run_eval(request)
    except (ValueError, FileNotFoundError) as exc:
        from rlmr.cli.common import fail

        fail(str(exc))
    title = f"{results['benchmark']}: {results.get('n_prompts')} prompts, {results.get('n_responses')} responses"
    table = Table(title=title)
    table.add_column("metric")
    table.add_column("value", justify="right")
    for key in HEADLINE:
        if results.get(key) is not None:
            value = results[key]
            ci = results.get("intervals", {}).get(key)
            shown = f"{value:.4f}" if isinstance(value, float) else str(value)
            table.add_row(key, shown + (f"  [{ci['lo']:.4f}, {ci['hi']:.4f}]" if ci else ""))
    Console().print(table)
    if "compare" in results:
        Console(width=140).print(paired_table(results["compare"]))
        note = unpaired_note(results["compare"])
        if note:
            typer.echo(note)
    extra = " and compare.json" if "compare" in results else ""
    typer.echo(f"wrote {results['out']}/results.json, responses.jsonl{extra}")


def register(app: typer.Typer) -> None:
    app.command("eval", epilog=EPILOG)(eval_command)
