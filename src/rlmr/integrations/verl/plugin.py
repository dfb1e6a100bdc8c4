"""verl's `verl.plugins` entry point (pyproject.toml): `import verl` imports this module.

It registers the `rlmr` advantage estimator, in every process that imports verl (the driver,
the trainer's TaskRunner and every Ray worker), so `algorithm.adv_estimator=rlmr` resolves
wherever verl looks it up. Kept to the estimator because verl swallows a failing plugin at
debug level: the trainer modes (`trainer.py`, heavy imports) load only when asked for, through
`VERL_USE_EXTERNAL_MODULES=rlmr.integrations.verl.trainer`.
"""

from rlmr.integrations.verl.estimator import NAME, compute_rlmr_outcome_advantage

LOADED = True

__all__ = ["LOADED", "NAME", "compute_rlmr_outcome_advantage"]
