-- Practice: every question asked, the answer, its grade and feedback, and the mastery it moved.
-- Kept here, not only in the checkpoint, so progress survives pruning and the checkpoint stays bounded.
CREATE TABLE practice_turns (
    id              bigserial PRIMARY KEY,
    thread_id       text NOT NULL REFERENCES threads (thread_id) ON DELETE CASCADE,
    session_id      text NOT NULL,
    turn            integer NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    skill           text NOT NULL,
    question_id     text NOT NULL,
    question        text NOT NULL,
    difficulty      integer NOT NULL,
    answer          text NOT NULL,
    score           integer NOT NULL,
    verdict         text NOT NULL,
    grade           jsonb NOT NULL,
    feedback        jsonb NOT NULL,
    mastery_before  jsonb,
    mastery_after   jsonb NOT NULL,
    readiness       integer NOT NULL,
    readiness_low   integer NOT NULL,
    readiness_high  integer NOT NULL,
    -- A node re-run after a crash writes the same turn again; this makes the second write a no-op.
    UNIQUE (thread_id, turn)
);
CREATE INDEX practice_turns_session ON practice_turns (thread_id, session_id);
