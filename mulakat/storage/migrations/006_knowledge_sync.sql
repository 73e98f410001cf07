-- The digest of the shipped packs the knowledge table was last synced to: a process that starts with the same
-- packs skips reading and comparing them all. One row.
CREATE TABLE IF NOT EXISTS knowledge_sync (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    digest text NOT NULL,
    synced_at timestamptz NOT NULL DEFAULT now()
);
