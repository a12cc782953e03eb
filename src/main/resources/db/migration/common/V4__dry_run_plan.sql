-- Dry-run plans: what a dry run would do to each document, for a person to review before the
-- real run. Written per chunk by the dry run's writer, in a transaction of its own; a retried
-- chunk replaces its rows.

-- One row per document the dry run would purge (blocked_reason_code NULL) or block.
CREATE TABLE purge_plan_document (
    job_execution_id    BIGINT        NOT NULL,
    content_type        VARCHAR(100)  NOT NULL,
    object_id           VARCHAR(255)  NOT NULL,
    document_id         VARCHAR(255)  NOT NULL,
    blocked_reason_code VARCHAR(100),
    blocked_reason      VARCHAR(2000),
    planned_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_execution_id, content_type, object_id)
);

-- The document's images: DELETE (would be deleted), SHARED (kept: another document shows it),
-- EXTERNAL (a URL of another host or bucket, left alone).
CREATE TABLE purge_plan_image (
    job_execution_id BIGINT        NOT NULL,
    content_type     VARCHAR(100)  NOT NULL,
    object_id        VARCHAR(255)  NOT NULL,
    kind             VARCHAR(10)   NOT NULL,
    seq              INTEGER       NOT NULL,
    image            VARCHAR(4096) NOT NULL,
    PRIMARY KEY (job_execution_id, content_type, object_id, kind, seq)
);
