-- Parsed documents, once per thread, role and content. The checkpoint keeps only a reference (role, digest), so
-- loading a thread's state for every practice step no longer reads and decodes the documents' text and sections.
-- No foreign key to threads: the analysis stores its documents before its thread row is written. Deletion finds
-- the table by its thread_id column, as it does the others.
CREATE TABLE parsed_documents (
    thread_id   text NOT NULL,
    role        text NOT NULL,
    digest      text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    -- The document as JSON text: a jsonb value cannot hold a NUL character, which a parsed file may.
    document    text NOT NULL,
    PRIMARY KEY (thread_id, role, digest)
);
