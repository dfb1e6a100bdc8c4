"""Fixtures of the verl tests: a real tokenizer folder and verl's own hydra config, composed.

Nothing here imports verl at module level, so the main suite (no verl installed) collects this
folder cheaply and each test module skips itself.
"""

import importlib.util
import os
import sys
from pathlib import Path

import pytest

if "verl_case" not in sys.modules:
    _spec = importlib.util.spec_from_file_location("verl_case", Path(__file__).parent / "verl_case.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["verl_case"] = _module
    _spec.loader.exec_module(_module)

import verl_case  # noqa: E402


@pytest.fixture(scope="session")
def tokenizer_dir(tmp_path_factory):
    """A real (word-level) fast tokenizer saved as a model folder: verl loads it by path."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {w: i for i, w in enumerate(["<pad>", "<eos>", "<unk>", *dict.fromkeys(verl_case.WORDS)])}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tok = PreTrainedTokenizerFast(tokenizer_object=core, pad_token="<pad>", eos_token="<eos>", unk_token="<unk>")
    tok.chat_template = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
    path = tmp_path_factory.mktemp("tok")
    tok.save_pretrained(path)
    return path


@pytest.fixture
def verl_config(tokenizer_dir):
    """verl_config(**algorithm_rlmr) -> verl's ppo_trainer config with the rlmr keys of docs/scaling.md."""
    import verl
    from hydra import compose, initialize_config_dir

    def make(*extra, **rlmr):
        root = os.path.join(os.path.dirname(verl.__file__), "trainer", "config")
        with initialize_config_dir(config_dir=root, version_base=None):
            return compose("ppo_trainer", overrides=[
                f"actor_rollout_ref.model.path={tokenizer_dir}",
                "algorithm.adv_estimator=rlmr",
                *[f"+algorithm.rlmr.{k}={v}" for k, v in rlmr.items()],
                "reward.custom_reward_function.path=pkg://rlmr.integrations.verl.reward",
                "reward.custom_reward_function.name=compute_score",
                f"+reward.custom_reward_function.reward_kwargs.scorer='judge:router#{verl_case.JUDGE}'",
                *extra,
            ])

    return make
