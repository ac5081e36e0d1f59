-- Keys are identifiers, compared byte by byte ("C"), whatever locale the database was created
-- with. Under the database's locale (C.UTF-8 on the benchmark machine, ko_KR.UTF-8 on a server set
-- up for Korean) every comparison of a key, in every index search and insert, went through the C
-- library's collation (strcoll) instead of memcmp. For UTF-8 text both orders are the code points'
-- order, so nothing read in key order comes back in another order under C.UTF-8.
-- The tables and their indexes are rewritten once: seconds for a million taxpayers and their accounts.
ALTER TABLE grain_state
    ALTER COLUMN grain_type TYPE text COLLATE "C",
    ALTER COLUMN grain_key TYPE text COLLATE "C";
ALTER TABLE grain_events
    ALTER COLUMN grain_type TYPE text COLLATE "C",
    ALTER COLUMN grain_key TYPE text COLLATE "C";
ALTER TABLE grain_views
    ALTER COLUMN view TYPE text COLLATE "C",
    ALTER COLUMN view_key TYPE text COLLATE "C",
    ALTER COLUMN owner_type TYPE text COLLATE "C",
    ALTER COLUMN owner_key TYPE text COLLATE "C";
ALTER TABLE reminders
    ALTER COLUMN service_id TYPE text COLLATE "C",
    ALTER COLUMN grain_id TYPE text COLLATE "C",
    ALTER COLUMN reminder_name TYPE text COLLATE "C";
