"""Retrieval tools the nodes call: the knowledge store and the resume index, both on pgvector."""
