-- The fields other records are matched on are kept beside the state, in one text as the grains
-- write them (MatchedFields in Tracking.Grains: each value with '\' and the unit separator escaped,
-- '\0' for none, joined by the unit separator), so that a sweep reads one narrow column instead of
-- picking them out of every state with json_extract; a row is stamped when they change, as it was
-- when their tag did.
ALTER TABLE grain_state ADD COLUMN indexed TEXT;

UPDATE grain_state SET indexed =
    (CASE WHEN json_extract(state, '$.Profile.Name') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Name'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.BirthDate') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.BirthDate'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Phone') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Phone'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.RrnHash') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.RrnHash'), '\', '\\'), char(31), '\u') END)
    WHERE grain_type = 'taxpayer' AND json_type(state, '$.Profile') = 'object';

UPDATE grain_state SET indexed =
    (CASE WHEN json_extract(state, '$.Profile.Name') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Name'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Birth.Century') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Birth.Century'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Birth.YearOfCentury') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Birth.YearOfCentury'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Birth.Month') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Birth.Month'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Birth.Day') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Birth.Day'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.Phone') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.Phone'), '\', '\\'), char(31), '\u') END) || char(31)
    || (CASE WHEN json_extract(state, '$.Profile.RrnHash') IS NULL THEN '\0' ELSE replace(replace(json_extract(state, '$.Profile.RrnHash'), '\', '\\'), char(31), '\u') END)
    WHERE grain_type = 'exchange-account' AND json_type(state, '$.Profile') = 'object';

ALTER TABLE grain_state DROP COLUMN indexed_tag
