"""Unit tests of `graph` that run no graph: chat intents, the langgraph dev configuration."""
