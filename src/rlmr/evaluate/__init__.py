"""Evaluation: generation, IFEval metrics, creative-writing metrics, pairwise win rate.

Submodules import torch only where they generate (`generate.py`); the metric modules stay light.
"""
