"""docs/scaling.md's verl command, composed against verl's own hydra config: every key exists, the
values land where the plugin reads them, and verl's loader finds our reward function."""

import os
import re
import shlex
from pathlib import Path

import pytest

pytest.importorskip("verl")
pytestmark = pytest.mark.verl

import verl  # noqa: E402
from hydra import compose, initialize_config_dir  # noqa: E402
from verl.trainer.ppo.reward import get_custom_reward_fn  # noqa: E402

from rlmr.integrations.verl.options import mix_kwargs  # noqa: E402

DOC = Path(__file__).parents[3] / "docs" / "scaling.md"


def recipe_overrides():
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"<!-- recipe:begin.*?```bash\n(.*?)```\n<!-- recipe:end -->", text, re.S).group(1)
    argv = shlex.split(block.replace("\\\n", " "))
    assert argv[:3] == ["python", "-m", "verl.trainer.main_ppo"]
    return argv[3:]


def test_the_documented_command_composes_with_verls_config():
    root = os.path.join(os.path.dirname(verl.__file__), "trainer", "config")
    with initialize_config_dir(config_dir=root, version_base=None):
        cfg = compose("ppo_trainer", overrides=recipe_overrides())  # an unknown key raises here
    assert cfg.algorithm.adv_estimator == "rlmr" and cfg.trainer.v1.trainer_mode == "rlmr_sync"
    assert mix_kwargs(cfg.algorithm) == {"strategy": "rlmr", "margin": 0.1, "margin_floor": 1e-3, "all_fail": "zero",
                                         "weights": (1.0, 1.0), "eps": 1e-6, "scale_std": True}
    env = cfg.ray_kwargs.ray_init.runtime_env.env_vars
    assert env.VERL_USE_EXTERNAL_MODULES == "rlmr.integrations.verl.trainer"
    assert cfg.reward.custom_reward_function.reward_kwargs.scorer == "judge:router#/models/writing-judge"
    fn = get_custom_reward_fn(cfg)  # verl's own loader: pkg:// path, name, reward_kwargs bound
    assert fn.args[0].__module__ == "rlmr.integrations.verl.reward" and fn.args[1] == {
        "scorer": "judge:router#/models/writing-judge"}
