"""Evaluators that keep quality honest (run by tests now, by `mulakat eval` later)."""
