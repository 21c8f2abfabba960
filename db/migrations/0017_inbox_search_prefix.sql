-- English prefix search (custom SQL; inbox-search). Besides every lower-cased Latin word, the terms
-- now hold its prefixes of 3 to 20 letters marked with "*" ("refund" → "ref*", "refu*", "refun*",
-- "refund*"), for words of letters only (order numbers and other digit runs stay whole), so a query
-- word of 3+ letters is looked up as "refun*" in the same GIN index: "refun" finds "refund".
-- Japanese bigrams are unchanged. MUST stay identical to searchTerms() in lib/domain/inbox-query.ts.
DROP INDEX IF EXISTS "inbox_items_search_terms_gin";
--> statement-breakpoint
ALTER TABLE "inbox_items" DROP COLUMN IF EXISTS "search_terms";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION inbox_search_terms(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT term ORDER BY term), '{}'::text[])
  FROM (
    SELECT CASE WHEN char_length(r.run) = 1 THEN r.run ELSE substr(r.run, i, 2) END AS term
    FROM (
      SELECT m[1] AS run
      FROM regexp_matches(lower(normalize(t, NFKC)), '[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+', 'g') AS m
    ) AS r
    CROSS JOIN LATERAL generate_series(1, greatest(char_length(r.run) - 1, 1)) AS i
    UNION ALL
    SELECT x[1] FROM regexp_matches(lower(normalize(t, NFKC)), '[a-z0-9\u00c0-\u024f]+', 'g') AS x
    UNION ALL
    SELECT substr(w.word, 1, n) || '*'
    FROM (
      SELECT x[1] AS word FROM regexp_matches(lower(normalize(t, NFKC)), '[a-z0-9\u00c0-\u024f]+', 'g') AS x
    ) AS w
    CROSS JOIN LATERAL generate_series(3, least(char_length(w.word), 20)) AS n
    WHERE w.word ~ '^[a-z\u00c0-\u024f]+$'
  ) AS s
$$;
--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "search_terms" text[] GENERATED ALWAYS AS (inbox_search_terms("text")) STORED;
--> statement-breakpoint
CREATE INDEX "inbox_items_search_terms_gin" ON "inbox_items" USING gin ("search_terms");
