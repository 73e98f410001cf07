# The API server: `mulakat serve` on port 8000, against the PostgreSQL (with pgvector) in MULAKAT_DATABASE_URL.
# Each container is one replica; run as many as you like on one database (see "Running replicas" in the README).

# Build the wheel in its own stage, so the sources and build tools stay out of the final image.
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
COPY . .
RUN pip wheel --no-deps --wheel-dir /wheels .

FROM python:3.11-slim-bookworm
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONUNBUFFERED=1
COPY --from=build /wheels /wheels
RUN pip install /wheels/*.whl && rm -rf /wheels

# Not root: PostgreSQL refuses to run as root, should someone start this image without MULAKAT_DATABASE_URL
# (the embedded fallback), and the server needs no privileges. The data dir (caches, that fallback) is its home.
# Numeric, so an orchestrator's run-as-non-root check can verify it without reading /etc/passwd.
RUN groupadd --gid 10001 mulakat && useradd --uid 10001 --gid 10001 --create-home mulakat
USER 10001:10001
WORKDIR /home/mulakat
ENV MULAKAT_DATA_DIR=/home/mulakat/data

EXPOSE 8000
# /health runs a query, so a replica that lost its database is reported unhealthy. The first start on an empty
# database embeds the knowledge packs before it serves, hence the long start period.
HEALTHCHECK --interval=15s --timeout=5s --start-period=300s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
# Exec form: the server is PID 1 and gets SIGTERM itself, so it finishes its requests and closes its pools.
CMD ["mulakat", "serve", "--host", "0.0.0.0", "--port", "8000"]
