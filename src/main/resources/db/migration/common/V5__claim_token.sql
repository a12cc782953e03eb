-- The claim token of the chunk that wrote each audit row and event. Spring Batch retries a failed
-- chunk write with the same items, and the token is the same for every attempt of one chunk in one
-- step execution: a retry adds only the audit rows its earlier attempt did not write and replaces
-- that attempt's events, so a retried write leaves exactly the records of one successful write.
-- Rows written before this column existed, and skips (no chunk write), have none.
ALTER TABLE purge_deleted_image ADD COLUMN claim_token VARCHAR(100);
ALTER TABLE purge_document_event ADD COLUMN claim_token VARCHAR(100);
CREATE INDEX purge_deleted_image_token ON purge_deleted_image (claim_token);
CREATE INDEX purge_document_event_token ON purge_document_event (claim_token);
