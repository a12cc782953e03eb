-- Where a sweep plan's listing came from: NULL for ListObjectsV2 under its prefixes, or the
-- S3 Inventory manifest it was read from (s3://<bucket>/<key>/manifest.json) and the time that
-- inventory was made, which bounds how stale the plan's view of the bucket is.
ALTER TABLE sweep_plan ADD COLUMN inventory_manifest VARCHAR(1100);
ALTER TABLE sweep_plan ADD COLUMN inventory_created_at TIMESTAMP WITH TIME ZONE;
