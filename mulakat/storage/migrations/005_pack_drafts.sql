-- Packs a chat model drafted for skills with no pack of our own: one per skill, made once and reused for every
-- candidate. Built from the knowledge store only (no candidate's documents), so no thread owns a row.
CREATE TABLE pack_drafts (
    skill         text PRIMARY KEY,
    status        text NOT NULL CHECK (status IN ('draft', 'promoted', 'rejected')),
    model         text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    reviewed_at   timestamptz,
    -- Why it was rejected: the checker's problems, or the operator's words.
    reason        text,
    -- Always true here: the mark that a model wrote it, kept with the row wherever it is copied.
    generated     boolean NOT NULL DEFAULT true,
    -- The pack in our pack format (title, summary, subtopics with key points, questions with rubrics).
    pack          jsonb NOT NULL,
    -- One per key point: its subtopic, the key point, and the passage it cites (source and verbatim quote).
    citations     jsonb NOT NULL,
    -- What the checks dropped from the model's answer, and why.
    dropped       jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX pack_drafts_status ON pack_drafts (status);
