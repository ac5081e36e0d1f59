-- The hash of the record (as an input file reported it) whose import made a grain's current
-- version; NULL when anything else wrote that version. Importing a file again compares each
-- record with it instead of reading the grain's state. A grain stored before reads as not known,
-- so it is compared as before.
ALTER TABLE grain_state ADD COLUMN record_hash INTEGER;
