"""Prompts for the optional chat-model path, one module per node that uses a model."""
