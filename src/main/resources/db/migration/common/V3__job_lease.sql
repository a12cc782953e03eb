-- The job's lease: at most one execution of mediaPurgeJob runs at a time across every process
-- sharing this job repository. A run takes the lease (a conditional UPDATE of an expired row, or
-- an INSERT whose primary-key conflict means "held"), renews it with a heartbeat while it runs,
-- and gives it up when it ends. A process killed while holding it stops heart-beating, so the
-- lease expires and the next launch proceeds. Times are the database's clock.
CREATE TABLE purge_job_lease (
    name         VARCHAR(100) NOT NULL PRIMARY KEY,
    holder       VARCHAR(255) NOT NULL,
    acquired_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    execution_id BIGINT
);
