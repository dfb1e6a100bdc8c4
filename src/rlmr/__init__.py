"""rlmr: reinforcement learning with mixed rewards for creative writing.

The core (`rlmr.mixing`, `rlmr.constraints`, `rlmr.data`) imports no torch and no
training engine; engines and servers live at the edges (`rlmr.train`, `rlmr.writing`).
"""

__version__ = "0.1.0"
