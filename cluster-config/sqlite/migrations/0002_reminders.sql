-- Orleans' reminders, kept by Tracking's reminder table (Tracking.Silo/Reminders), as on
-- PostgreSQL (see its 0003_reminders.sql); times in Unix milliseconds like every table here.

CREATE TABLE reminders (
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL,
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX reminders_by_hash ON reminders (service_id, grain_hash);
