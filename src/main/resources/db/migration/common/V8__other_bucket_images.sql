-- The run summary counts URLs naming another bucket on an S3 host on their own, apart from URLs
-- of other hosts (images_external). Rows written before this column count them as external.
ALTER TABLE purge_step_summary ADD COLUMN images_other_bucket BIGINT DEFAULT 0 NOT NULL;
