"""verl's V1 trainers plus the RLMR metrics: `trainer.v1.trainer_mode=rlmr_sync` (or `rlmr_<mode>`).

Why a trainer mode: verl's estimator hook returns advantages only, so the estimator leaves its
`MixResult.log()` in `diagnostics`; these subclasses move it into the step's metrics right after
verl computed the advantages, and verl's `Tracking` logger writes them with every other metric
(keys `rlmr/penalty/mean`, `rlmr/groups/mixed`, `rlmr/advantage/max_violator`, ...). Nothing else
of the trainer changes.

Load it with `VERL_USE_EXTERNAL_MODULES=rlmr.integrations.verl.trainer` (verl imports it on
`import verl`); it imports verl's V1 trainer (TransferQueue, Ray), which is why the always-on
plugin (`plugin.py`) does not.
"""

from __future__ import annotations

from verl.trainer.ppo.v1.trainer_base import TRAINER_REGISTRY, PPOTrainer, register_trainer

from rlmr.integrations.verl import diagnostics

PREFIX = "rlmr_"


class RLMRMetricsMixin:
    """Adds the estimator's RLMR metrics to the step's metrics after the advantage step."""

    def _compute_advantage(self, batch, metrics: dict):
        diagnostics.drain()  # whatever an earlier, unlogged call left (validation, a retry)
        batch = super()._compute_advantage(batch, metrics=metrics)
        metrics.update(diagnostics.drain())
        return batch


def _register_all() -> dict[str, type[PPOTrainer]]:
    """`rlmr_<mode>` for every trainer mode verl registered when this module is imported."""
    made = {}
    for name, base in list(TRAINER_REGISTRY.items()):
        if name.startswith(PREFIX):
            continue
        if PREFIX + name not in TRAINER_REGISTRY:  # importing this module twice registers once
            cls = type(f"RLMR{base.__name__}", (RLMRMetricsMixin, base), {"__module__": __name__})
            register_trainer(PREFIX + name)(cls)
        made[PREFIX + name] = TRAINER_REGISTRY[PREFIX + name]
    return made


TRAINERS = _register_all()
