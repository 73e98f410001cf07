"""The thin FastAPI wrapper over the graph."""
