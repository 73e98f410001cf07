"""Unit tests of `evals`: the evaluators and benchmarks, on small data."""
