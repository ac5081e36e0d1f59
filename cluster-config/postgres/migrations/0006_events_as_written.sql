-- Grain events are kept as the grains wrote them (json: checked, stored as text), not parsed into
-- jsonb: nothing queries inside an event, and an event is written once and read back whole, so
-- parsing it on the way in and printing it on the way out was work for nothing (3.7 s against
-- 2.3 s to store 710,613 of an import's events, measured in one PostgreSQL 15). States stay jsonb:
-- a sweep files its index from a few fields of every state, which jsonb answers four times as fast.
ALTER TABLE grain_events ALTER COLUMN payload TYPE json USING payload::json;
