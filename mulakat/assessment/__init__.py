"""Judging a candidate against a posting: requirement matching, the readiness score and section-aware advice."""
