-- Orleans' reminders, kept by Tracking's reminder table (Tracking.Silo/Reminders): its writes are
-- group-committed like grain state, many reminders in one transaction. A reminder is its
-- service, grain and name; its version is the ETag Orleans removes it by. grain_hash is Orleans'
-- uniform hash of the grain id, an unsigned number kept as a signed integer: a silo reads the
-- reminders of its arc of the ring by it, and it serves as the table's shard column.

CREATE TABLE reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period_ms     bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       bigint      NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);
