"""Tests on the session's real PostgreSQL: graph runs, practice, the knowledge store, retention, benchmarks."""
