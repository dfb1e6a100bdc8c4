"""The config schema: YAML + overrides + Python build one validated TrainConfig."""

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from rlmr.train.config import (
    STRATEGIES,
    ConfigError,
    TrainConfig,
    describe,
    from_dict,
    load_config,
    markdown,
    parse_override,
)

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "configs").glob("*.yaml"))


def test_defaults_are_the_embedded_cpu_run():
    cfg = TrainConfig().validate()
    assert (cfg.policy.model, cfg.data.prompts, cfg.reward.scorer, cfg.reward.strategy) == (
        "embedded", "short-train", "proxy", "rlmr")
    assert cfg.run.precision == "auto"
    assert (cfg.data.sampler, cfg.reward.truncated, cfg.grpo.num_generations) == ("curriculum", "fail", 8)


def test_configs_default_yaml_is_the_default():
    assert load_config(Path(__file__).parents[2] / "configs" / "default.yaml") == TrainConfig()


@pytest.mark.parametrize(
    "item, expected",
    [
        ("grpo.learning_rate=2.5e-5", ("grpo", "learning_rate", 2.5e-5)),
        ("steps=5", ("run", "steps", 5)),  # a bare key is resolved when only one section has it
        ("policy.lora=true", ("policy", "lora", True)),
        ("reward.weights=[1.0, 0.5]", ("reward", "weights", [1.0, 0.5])),
        ("data.eval_prompts=null", ("data", "eval_prompts", None)),
        ("reward.scorer=proxy?max_tokens=24", ("reward", "scorer", "proxy?max_tokens=24")),
    ],
)
def test_override_values_get_their_yaml_types(item, expected):
    assert parse_override(item) == expected


def test_every_problem_is_reported_at_once(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("grpo:\n  num_generations: 1\n  learning_rate: fast\nreward:\n  strategy: rlrm\n")
    with pytest.raises(ConfigError) as err:
        load_config(path, ["run.stepz=3", "top_p=2"])
    message = str(err.value)
    for needle in ("run.stepz: unknown setting; did you mean", "grpo.num_generations: must be >= 2",
                   "grpo.learning_rate: expected float, got 'fast'", "'rlrm' is not one of",
                   "did you mean rlmr", "grpo.top_p: must be in (0, 1]"):
        assert needle in message


def test_unknown_section_and_key_in_yaml_are_errors_not_ignored():
    with pytest.raises(ConfigError, match=r"trainer: unknown section.*\n.*grpo.lr: unknown setting"):
        from_dict({"trainer": {}, "grpo": {"lr": 1}})


def test_cross_field_checks():
    with pytest.raises(ConfigError, match="run.eval_every: evaluation needs data.eval_prompts"):
        from_dict({"run": {"eval_every": 5}})
    with pytest.raises(ConfigError, match="grpo.batch_size: 6 x 1 accumulation steps must be a multiple"):
        from_dict({"grpo": {"batch_size": 6, "num_generations": 4}})
    # 2 per process x 2 processes = one group of 4 spread over both: allowed
    assert from_dict({"grpo": {"batch_size": 2, "num_generations": 4}}).grpo.batch_size == 2


def test_strategy_names_match_the_mixing_registry():
    from rlmr.mixing import ALL_FAIL_POLICIES, STRATEGIES as REGISTERED

    assert set(STRATEGIES) == set(REGISTERED)
    from rlmr.train.config import ALL_FAIL_POLICIES as OURS

    assert set(OURS) == set(ALL_FAIL_POLICIES)


def test_defaults_match_the_mixing_defaults():
    from rlmr.mixing import MixOptions

    r = TrainConfig().reward
    assert (r.margin, r.margin_floor, r.all_fail, tuple(r.weights)) == (
        MixOptions.margin, MixOptions.margin_floor, MixOptions.all_fail, MixOptions.weights)


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_yaml_validates(path):
    cfg = load_config(path)
    assert path.read_text().startswith("#"), "each shipped config opens with the command that runs it"
    assert f"configs/{path.name}" in path.read_text().splitlines()[0] + path.read_text().splitlines()[1]
    assert cfg.reward.strategy in STRATEGIES


def test_one_shipped_yaml_per_strategy():
    shipped = {load_config(p).reward.strategy for p in SHIPPED}
    assert shipped == set(STRATEGIES)


def test_docs_config_md_is_rendered_from_the_schema():
    assert (ROOT / "docs" / "config.md").read_text() == markdown(), (
        "regenerate: .venv/bin/python -m rlmr.train.config > docs/config.md")


def test_every_field_has_help():
    for key, _, _, help_ in describe():
        assert len(help_) > 10, key


@settings(max_examples=30)
@given(
    steps=st.integers(1, 10_000),
    lr=st.floats(1e-8, 1e-2),
    strategy=st.sampled_from(STRATEGIES),
    scale_std=st.booleans(),
    weights=st.lists(st.floats(-5, 5, allow_nan=False), min_size=2, max_size=2),
)
def test_yaml_round_trip_keeps_the_config(steps, lr, strategy, scale_std, weights):
    cfg = from_dict({"run": {"steps": steps}, "grpo": {"learning_rate": lr},
                     "reward": {"strategy": strategy, "scale_std": scale_std, "weights": weights}})
    assert from_dict(yaml.safe_load(cfg.to_yaml())) == cfg


def test_exponent_without_a_dot_is_a_float_in_yaml_and_overrides(tmp_path):
    # YAML 1.1 reads 1e-5 as a string; users write it that way all the time.
    path = tmp_path / "lr.yaml"
    path.write_text("grpo:\n  learning_rate: 1e-5\n")
    assert load_config(path).grpo.learning_rate == 1e-5
    assert load_config(None, ["grpo.beta=4e-2"]).grpo.beta == 0.04


def test_prompt_filters_keep_language_and_constraint_count_in_order():
    from rlmr.data import PromptRecord
    from rlmr.train.config import DataConfig
    from rlmr.train.run import select_prompts

    def rec(i, lang, n):
        return PromptRecord(id=str(i), prompt=f"p{i}", constraints=[{"id": "cw:no_comma"}] * n, lang=lang,
                            genre="poem", source="test", meta={})

    records = [rec(0, "en", 1), rec(1, "zh", 1), rec(2, "en", 3), rec(3, "en", 0), rec(4, "zh", 2)]
    assert [r.id for r in select_prompts(records, DataConfig())] == ["0", "3"]  # defaults: en, at most 1
    assert [r.id for r in select_prompts(records, DataConfig(lang=None, max_constraints=None))] == ["0", "1", "2", "3", "4"]
    assert [r.id for r in select_prompts(records, DataConfig(lang="zh", max_constraints=2))] == ["1", "4"]
    with pytest.raises(ConfigError, match="data.lang: expected en, zh or null, got 'fr'"):
        select_prompts(records, DataConfig(lang="fr"))
