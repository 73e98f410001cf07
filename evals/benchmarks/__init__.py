"""Benchmarks: how fast and how heavy the engine is (latency, load, retrieval, cold start, bytes)."""
