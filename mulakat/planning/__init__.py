"""Turning gaps into a study plan, and laying it over the days before the interview."""
