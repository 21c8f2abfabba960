-- Inbox search and list order (custom SQL; inbox-ui). Japanese has no spaces between words, so the
-- index holds character bigrams of every run of Japanese script (a one-character run as itself)
-- plus every lower-cased Latin word: 炎上 and 返金 are found, and so is "refund". A query matches
-- when the item's terms contain all of the query's (search_terms @> query_terms, GIN).
-- MUST stay identical to searchTerms() in lib/domain/inbox-query.ts (a DB test compares them).
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
    SELECT w[1] FROM regexp_matches(lower(normalize(t, NFKC)), '[a-z0-9\u00c0-\u024f]+', 'g') AS w
  ) AS s
$$;
--> statement-breakpoint
ALTER TABLE "inbox_items" ADD COLUMN "search_terms" text[] GENERATED ALWAYS AS (inbox_search_terms("text")) STORED;
--> statement-breakpoint
CREATE INDEX "inbox_items_search_terms_gin" ON "inbox_items" USING gin ("search_terms");
--> statement-breakpoint
CREATE INDEX "inbox_items_tags_gin" ON "inbox_items" USING gin ("tags");
--> statement-breakpoint
-- The list's keyset orders: by SLA due (no due time last) and by newest; the active view (what
-- someone still works on) has its own smaller index.
CREATE INDEX "inbox_items_sla_order_active_idx" ON "inbox_items" ((coalesce("sla_due_at", 'infinity'::timestamptz)), "id")
  WHERE "status" IN ('open', 'assigned', 'waiting', 'escalated');
--> statement-breakpoint
CREATE INDEX "inbox_items_sla_order_idx" ON "inbox_items" ((coalesce("sla_due_at", 'infinity'::timestamptz)), "id");
--> statement-breakpoint
CREATE INDEX "inbox_items_received_order_idx" ON "inbox_items" ("received_at", "id");
--> statement-breakpoint
-- "N new since you loaded": arrival time, not the platform's.
CREATE INDEX "inbox_items_created_idx" ON "inbox_items" ("created_at");
