-- The review queue is ordered by the debt at stake, then the score (ReviewRow.Rank). Rows written
-- before carry no debt: they are given debt 0 and rank by their score, below every row that knows
-- its debt, until their taxpayer's next change rewrites them.
UPDATE grain_views
   SET doc = doc || jsonb_build_object('debt', 0, 'rank', CAST(doc->>'score' AS BIGINT))
 WHERE view = 'reviews' AND NOT doc ? 'rank';
