"""The HTTP API, called in-process through httpx's ASGI transport."""
