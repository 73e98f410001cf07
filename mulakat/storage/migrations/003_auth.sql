-- Integrators (career sites) hold API keys; their candidates get short-lived tokens and own threads.
CREATE TABLE integrators (
    id          text PRIMARY KEY,
    name        text NOT NULL,
    -- SHA-256 of the key: keys are 256-bit random, so a fast hash is enough and lookups stay indexed.
    key_hash    text NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz
);

-- Secrets every API replica must share, such as the token-signing key; made once, on first use.
CREATE TABLE app_secrets (
    name        text PRIMARY KEY,
    value       text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Threads made by the CLI have no candidate and are not reachable over the API.
ALTER TABLE threads ADD COLUMN candidate_id text;
CREATE INDEX threads_candidate ON threads (candidate_id, updated_at DESC);

-- Thumbs up/down on any output, kept for evals (and sent to LangSmith when tracing is on).
CREATE TABLE feedback (
    id            bigserial PRIMARY KEY,
    thread_id     text NOT NULL REFERENCES threads (thread_id) ON DELETE CASCADE,
    candidate_id  text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    target        text NOT NULL,
    rating        smallint NOT NULL CHECK (rating IN (-1, 1)),
    comment       text,
    run_id        uuid,
    traced        boolean NOT NULL DEFAULT false
);
CREATE INDEX feedback_thread ON feedback (thread_id);

-- The LangSmith run behind each output, so feedback can be attached to it.
ALTER TABLE analyses ADD COLUMN run_id uuid;
ALTER TABLE practice_turns ADD COLUMN run_id uuid;
