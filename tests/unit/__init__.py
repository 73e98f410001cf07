"""Tests that need no database: the core, the evaluators' arithmetic, the layering of the source."""
