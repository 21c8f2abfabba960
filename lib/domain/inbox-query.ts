/**
 * The inbox list's query vocabulary, as pure functions (no IO): the filters a URL may carry, the
 * keyset cursor, the SLA state of an item, the risk bands, and how a search box's text becomes
 * index terms. The SQL side (migration inbox_search) mirrors `searchTerms` exactly; a DB test
 * compares both on the same strings.
 */
import { z } from "zod";

export const INBOX_KINDS = ["comment", "dm", "mention", "review"] as const;
export const INBOX_STATUSES = ["open", "assigned", "waiting", "escalated", "closed", "hidden"] as const;
export const SENTIMENTS = ["positive", "neutral", "negative"] as const;
export const RISK_BANDS = ["high", "medium", "low"] as const;
export const SLA_STATES = ["ok", "warning", "breached", "none"] as const;
export const SORTS = ["sla", "newest"] as const;
/** Still owe the customer a first answer: the SLA clock runs only for these. */
export const AWAITING_STATUSES = ["open", "assigned", "escalated"] as const;
/** The default view: everything someone still works on. */
export const ACTIVE_STATUSES = ["open", "assigned", "waiting", "escalated"] as const;

export type InboxKind = (typeof INBOX_KINDS)[number];
export type InboxStatus = (typeof INBOX_STATUSES)[number];
export type Sentiment = (typeof SENTIMENTS)[number];
export type RiskBand = (typeof RISK_BANDS)[number];
export type SlaState = (typeof SLA_STATES)[number];
export type InboxSort = (typeof SORTS)[number];

/** Less than this before the due time, the clock turns amber (Hootsuite-style orange, then red). */
export const SLA_WARNING_MS = 30 * 60_000;
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;
export const SEARCH_MAX_CHARS = 100;

/** Risk score 0–100 in three bands (the same cut-offs as the risk checks: ≥70 high, ≥40 medium). */
export function riskBand(score: number): RiskBand {
  return score >= 70 ? "high" : score >= 40 ? "medium" : "low";
}
/** [min, max] of a band, inclusive. */
export const RISK_BAND_RANGE: Record<RiskBand, readonly [number, number]> = { high: [70, 100], medium: [40, 69], low: [0, 39] };

/** The SLA state of one item at `now`: only items that still owe a first answer have a clock. */
export function slaState(i: { status: string; slaDueAt: Date | null; firstResponseAt: Date | null }, now: Date): SlaState {
  if (!i.slaDueAt || i.firstResponseAt || !(AWAITING_STATUSES as readonly string[]).includes(i.status)) return "none";
  const left = i.slaDueAt.getTime() - now.getTime();
  if (left < 0) return "breached";
  return left < SLA_WARNING_MS ? "warning" : "ok";
}

// ---------------------------------------------------------------- filters (URL search params)

/** One value or several (`?status=open&status=assigned`), each from a fixed list; unknown → refused. */
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values)).max(values.length)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [...new Set(Array.isArray(v) ? v : [v])]));

const uuid = z.string().uuid();

/** One value or several of a free-form (but checked) kind, deduplicated. */
const oneOrMore = (item: z.ZodString, max: number) =>
  z
    .union([item, z.array(item).max(max)])
    .optional()
    .transform((v) => (v === undefined ? undefined : [...new Set(Array.isArray(v) ? v : [v])]));

export const inboxFilterSchema = z.object({
  channel: oneOrMore(uuid, 50),
  kind: many(INBOX_KINDS),
  /** "all" lifts the default (active statuses only). */
  status: z
    .union([z.literal("all"), z.enum(INBOX_STATUSES), z.array(z.enum(INBOX_STATUSES)).max(INBOX_STATUSES.length)])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "all" ? ("all" as const) : [...new Set(Array.isArray(v) ? v : [v])])),
  sentiment: many(SENTIMENTS),
  risk: many(RISK_BANDS),
  /** "me", "unassigned" or user ids, one or several. */
  assignee: oneOrMore(
    z
      .string()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/),
    50,
  ),
  /** Language codes, "und" = not detected; one or several. */
  language: oneOrMore(z.string().regex(/^[a-z]{2,3}$|^und$/), 20),
  sla: many(SLA_STATES),
  tag: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().max(SEARCH_MAX_CHARS).optional().transform((v) => (v ? v : undefined)),
  sort: z.enum(SORTS).optional().default("sla"),
});
export type InboxFilterInput = z.input<typeof inboxFilterSchema>;
export type InboxFilter = z.output<typeof inboxFilterSchema>;

/** URLSearchParams (or Next's searchParams object) → a plain object the schema reads; repeated keys → arrays. */
export function searchParamsToObject(sp: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const add = (k: string, v: string) => {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  };
  if (sp instanceof URLSearchParams) for (const [k, v] of sp.entries()) add(k, v);
  else for (const [k, v] of Object.entries(sp)) if (v !== undefined) for (const x of Array.isArray(v) ? v : [v]) add(k, x);
  return out;
}

const FILTER_KEYS = ["channel", "kind", "status", "sentiment", "risk", "assignee", "language", "sla", "tag", "q", "sort"] as const;

/** A filter back to a query string (stable key order; the default sort left out). */
export function filterToSearchParams(f: Partial<InboxFilter>): URLSearchParams {
  const sp = new URLSearchParams();
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v === undefined || (k === "sort" && v === "sla")) continue;
    for (const x of Array.isArray(v) ? v : [v]) sp.append(k, String(x));
  }
  return sp;
}

/** Parses URL params leniently for pages: invalid keys are dropped (a stale bookmark still opens). */
export function parseFilterLenient(sp: URLSearchParams | Record<string, string | string[] | undefined>): InboxFilter {
  const obj = searchParamsToObject(sp);
  const strict = inboxFilterSchema.safeParse(obj);
  if (strict.success) return strict.data;
  const kept: Record<string, unknown> = {};
  for (const k of FILTER_KEYS) {
    if (obj[k] === undefined) continue;
    if (inboxFilterSchema.pick({ [k]: true } as Record<(typeof FILTER_KEYS)[number], true>).safeParse({ [k]: obj[k] }).success) kept[k] = obj[k];
  }
  return inboxFilterSchema.parse(kept);
}

// ---------------------------------------------------------------- keyset cursor

/** Position after the last row shown: the sort key and the id (ties broken by id). */
export type InboxCursor = { s: InboxSort; k: string | null; id: string };

export function encodeCursor(c: InboxCursor): string {
  return Buffer.from(JSON.stringify(c), "utf8").toString("base64url");
}

const cursorSchema = z.object({ s: z.enum(SORTS), k: z.string().datetime({ offset: true }).nullable(), id: uuid });

/** A cursor from the URL; anything malformed is null (the caller answers VALIDATION). */
export function decodeCursor(raw: string): InboxCursor | null {
  if (raw.length > 300) return null;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- search terms

/**
 * Japanese has no spaces between words, so the index stores character bigrams of every run of
 * Japanese script (a run of one character is stored as itself) plus every lower-cased word of
 * Latin letters and digits, and, for words of letters only, their prefixes of PREFIX_MIN to
 * PREFIX_MAX letters marked with "*" (refund → ref*, refu*, refun*, refund*) so that English is
 * found as typed ("refun" → refund) from the same index. A query matches when the item's terms
 * contain all of the query's. Normalisation: NFKC (full-width Ｒｅｆｕｎｄ → refund, half-width
 * ｶﾀｶﾅ → カタカナ), lower-case.
 *
 * MUST stay identical to the SQL function inbox_search_terms (db/migrations/*_inbox_search_prefix.sql).
 */
const CJK_RUN = /[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/gu;
const WORD = /[a-z0-9\u00c0-\u024f]+/gu;
const LETTERS_ONLY = /^[a-z\u00c0-\u024f]+$/u;
export const PREFIX_MIN = 3;
export const PREFIX_MAX = 20;

export function searchTerms(text: string): string[] {
  const t = text.normalize("NFKC").toLowerCase();
  const out = new Set<string>();
  for (const m of t.matchAll(CJK_RUN)) {
    const chars = Array.from(m[0]);
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  for (const m of t.matchAll(WORD)) {
    out.add(m[0]);
    if (!LETTERS_ONLY.test(m[0])) continue;
    for (let n = PREFIX_MIN; n <= Math.min(m[0].length, PREFIX_MAX); n++) out.add(`${m[0].slice(0, n)}*`);
  }
  return [...out].sort();
}

export type SearchPlan =
  | { mode: "none" }
  /** Index terms (@>) plus, for precision, each query piece as a substring of the normalised text. */
  | { mode: "terms"; terms: string[]; pieces: string[] }
  /** Too short for the index (one character): a substring scan with a row limit. */
  | { mode: "like"; pattern: string };

/** Escapes % _ and \ for a LIKE pattern. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * How a query is run. Terms of one character (a lone kanji, a single letter) are not in the index:
 * if the query has nothing else, it falls back to a bounded substring scan; otherwise they become
 * substring pieces checked on the rows the index found.
 */
export function searchPlan(q: string | undefined): SearchPlan {
  const norm = (q ?? "").normalize("NFKC").toLowerCase().trim();
  if (!norm) return { mode: "none" };
  const pieces = norm.split(/\s+/).filter(Boolean);
  // Index terms of the query itself: Japanese bigrams, short or digit-bearing words whole, and a
  // word of 3+ letters as its prefix term (the query "refun" looks up "refun*").
  const terms = [
    ...new Set(
      searchTerms(norm)
        .filter((t) => !t.endsWith("*") && Array.from(t).length >= 2)
        .map((t) => (LETTERS_ONLY.test(t) && t.length >= PREFIX_MIN ? `${t.slice(0, PREFIX_MAX)}*` : t)),
    ),
  ].sort();
  if (terms.length === 0) return { mode: "like", pattern: `%${likeEscape(norm)}%` };
  return { mode: "terms", terms, pieces };
}
