-- The app's own records, next to LangGraph's checkpoints and the vector tables.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE threads (
    thread_id   text PRIMARY KEY,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- One row per finished analysis, so history survives checkpoint pruning.
CREATE TABLE analyses (
    id          bigserial PRIMARY KEY,
    thread_id   text NOT NULL REFERENCES threads (thread_id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    job_title   text,
    readiness   integer NOT NULL,
    mode        text NOT NULL,
    fallback    boolean NOT NULL,
    report      jsonb NOT NULL
);
CREATE INDEX analyses_thread_created ON analyses (thread_id, created_at);
