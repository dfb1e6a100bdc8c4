"""Training: the run config, TRL reward glue, the GRPOTrainer subclass and the recipe.

`rlmr.train.config` imports no engine; `run`, `trainer` import torch/TRL inside, on use.
"""

from rlmr.train.config import ConfigError, TrainConfig, load_config

__all__ = ["ConfigError", "TrainConfig", "load_config"]
