-- The review queue is ordered by the debt at stake, then the score (ReviewRow.Rank). Rows written
-- before carry no debt: they are given debt 0 and rank by their score, below every row that knows
-- its debt, until their taxpayer's next change rewrites them.
UPDATE grain_views
   SET doc = json_set(doc, '$.debt', 0, '$.rank', CAST(json_extract(doc, '$.score') AS INTEGER))
 WHERE view = 'reviews' AND json_extract(doc, '$.rank') IS NULL;
