-- The fields other records are matched on are kept beside the state, in one text as the grains
-- write them (MatchedFields in Tracking.Grains: each value with '\' and the unit separator escaped,
-- '\0' for none, joined by the unit separator), so that a sweep reads one narrow column instead of
-- picking them out of every state; a row is stamped when they change, as it was when their tag
-- did. Nothing in the store reads inside a state any more, so states are kept as written (json),
-- as events are since 0006: parsing a state into jsonb on every write and printing it on every
-- read was work for nothing (200,000 taxpayers' states printed in 0.60 s as jsonb, 0.05-0.08 s as
-- json; an import's states stored in 2.6 s against 1.2 s, measured in one PostgreSQL 15).
ALTER TABLE grain_state ADD COLUMN indexed text;

CREATE FUNCTION pg_temp.matched_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS
    $$ SELECT CASE WHEN v IS NULL THEN '\0' ELSE replace(replace(v, '\', '\\'), chr(31), '\u') END $$;

UPDATE grain_state SET indexed = concat_ws(chr(31),
        pg_temp.matched_field(state #>> '{Profile,Name}'),
        pg_temp.matched_field(state #>> '{Profile,BirthDate}'),
        pg_temp.matched_field(state #>> '{Profile,Phone}'),
        pg_temp.matched_field(state #>> '{Profile,RrnHash}'))
    WHERE grain_type = 'taxpayer' AND jsonb_typeof(state -> 'Profile') = 'object';

UPDATE grain_state SET indexed = concat_ws(chr(31),
        pg_temp.matched_field(state #>> '{Profile,Name}'),
        pg_temp.matched_field(state #>> '{Profile,Birth,Century}'),
        pg_temp.matched_field(state #>> '{Profile,Birth,YearOfCentury}'),
        pg_temp.matched_field(state #>> '{Profile,Birth,Month}'),
        pg_temp.matched_field(state #>> '{Profile,Birth,Day}'),
        pg_temp.matched_field(state #>> '{Profile,Phone}'),
        pg_temp.matched_field(state #>> '{Profile,RrnHash}'))
    WHERE grain_type = 'exchange-account' AND jsonb_typeof(state -> 'Profile') = 'object';

ALTER TABLE grain_state DROP COLUMN indexed_tag, ALTER COLUMN state TYPE json USING state::json;
