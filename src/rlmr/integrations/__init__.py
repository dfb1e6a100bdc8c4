"""Plugins that put rlmr's mixing, verifier and scorers inside other training engines.

Each subpackage imports its engine; nothing else in rlmr imports them.
"""
