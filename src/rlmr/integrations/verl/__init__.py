"""RLMR inside verl (multi-node GRPO on Ray), as a plugin: no fork, only verl's extension points.

- `estimator`: the `rlmr` advantage estimator (`algorithm.adv_estimator=rlmr`), registered with
  verl's `register_adv_est`; it mixes each `uid` group with `rlmr.mixing.mix`.
- `reward`: `compute_score` for `reward.custom_reward_function`: verifier + writing scorer, the
  verdict packed into the reward by `encoding`.
- `trainer`: `trainer.v1.trainer_mode=rlmr_sync` (and the other modes, prefixed): verl's trainers
  plus the RLMR metrics (penalty, mixed share, violator advantages) in verl's logger.
- `plugin`: what verl's `verl.plugins` entry point imports (`import verl` loads it).

Importing this package imports neither verl nor torch; the submodules above do. Recipe and
config keys: docs/scaling.md, section "verl".
"""
