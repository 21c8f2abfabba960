import "server-only";
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { db, type Tx } from "@/db";
import { auditEvents, brands, channels, escalations, inboxItems, moderationActions, replies, userRoles, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { can, ROLES, roleHas } from "@/lib/auth/permissions";
import {
  ACTIVE_STATUSES,
  AWAITING_STATUSES,
  decodeCursor,
  encodeCursor,
  inboxFilterSchema,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  RISK_BAND_RANGE,
  searchPlan,
  SLA_WARNING_MS,
  slaState,
  type InboxFilter,
  type InboxFilterInput,
  type RiskBand,
  type SlaState,
} from "@/lib/domain/inbox-query";
import { recordAudit } from "./audit";
import { requestModeration } from "./inbox-moderation";
import { notify } from "./notify";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * The community manager's inbox: the list (filters, SLA order, keyset pages, search), the thread
 * view, and the triage moves (assign, tag, close / reopen, escalate) one by one or in bulk.
 * Everyone with inbox.read sees every item; DM bodies only with inbox.read_dm (others get null
 * and `redacted: true`, and their search never looks inside DMs).
 */

const assignee = alias(users, "assignee");
/** A search hit list over a single character scans text: bounded. */
const LIKE_SCAN_LIMIT = 5_000;
export const BULK_MAX = 50;
const EXCERPT_CHARS = 280;

export type InboxListItem = {
  id: string;
  kind: "comment" | "dm" | "mention" | "review";
  platform: string;
  channelId: string;
  channelName: string;
  brandName: string;
  authorName: string | null;
  authorHandle: string | null;
  /** First 280 characters; null when the viewer may not read this DM. */
  excerpt: string | null;
  redacted: boolean;
  language: string | null;
  sentiment: "positive" | "neutral" | "negative";
  riskScore: number;
  riskReasons: { code: string; term?: string; category?: string; weight: number }[];
  priority: "urgent" | "high" | "normal" | "low";
  status: "open" | "assigned" | "waiting" | "escalated" | "closed" | "hidden";
  tags: string[];
  assigneeId: string | null;
  assigneeName: string | null;
  slaDueAt: Date | null;
  firstResponseAt: Date | null;
  slaState: SlaState;
  receivedAt: Date;
  createdAt: Date;
  version: number;
};

export type InboxPage = { items: InboxListItem[]; nextCursor: string | null; generatedAt: Date };

function excerptOf(canReadDm: boolean): SQL<string | null> {
  return canReadDm
    ? sql<string>`left(${inboxItems.text}, ${sql.raw(String(EXCERPT_CHARS))})`
    : sql<string | null>`case when ${inboxItems.kind} = 'dm' then null else left(${inboxItems.text}, ${sql.raw(String(EXCERPT_CHARS))}) end`;
}

function listColumns(canReadDm: boolean) {
  return {
    id: inboxItems.id,
    kind: inboxItems.kind,
    platform: inboxItems.platform,
    channelId: inboxItems.channelId,
    channelName: channels.displayName,
    brandName: brands.name,
    authorName: inboxItems.authorName,
    authorHandle: inboxItems.authorHandle,
    excerpt: excerptOf(canReadDm),
    language: inboxItems.language,
    sentiment: inboxItems.sentiment,
    riskScore: inboxItems.riskScore,
    riskReasons: inboxItems.riskReasons,
    priority: inboxItems.priority,
    status: inboxItems.status,
    tags: inboxItems.tags,
    assigneeId: inboxItems.assigneeId,
    assigneeName: assignee.name,
    slaDueAt: inboxItems.slaDueAt,
    firstResponseAt: inboxItems.firstResponseAt,
    receivedAt: inboxItems.receivedAt,
    createdAt: inboxItems.createdAt,
    version: inboxItems.version,
  };
}
type Row = { [K in keyof ReturnType<typeof listColumns>]: unknown };

function toItem(r: Row, canReadDm: boolean, now: Date): InboxListItem {
  const i = r as unknown as Omit<InboxListItem, "redacted" | "slaState">;
  return { ...i, riskReasons: Array.isArray(i.riskReasons) ? i.riskReasons : [], redacted: i.kind === "dm" && !canReadDm, slaState: slaState(i, now) };
}

const slaKey = sql`coalesce(${inboxItems.slaDueAt}, 'infinity'::timestamptz)`;
const awaitingFirst = () => and(inArray(inboxItems.status, [...AWAITING_STATUSES]), isNull(inboxItems.firstResponseAt));

function slaWhere(state: SlaState, now: Date): SQL {
  const warnUntil = new Date(now.getTime() + SLA_WARNING_MS);
  switch (state) {
    case "breached":
      return and(awaitingFirst(), lt(inboxItems.slaDueAt, now))!;
    case "warning":
      return and(awaitingFirst(), sql`${inboxItems.slaDueAt} >= ${now.toISOString()}::timestamptz`, lt(inboxItems.slaDueAt, warnUntil))!;
    case "ok":
      return and(awaitingFirst(), sql`${inboxItems.slaDueAt} >= ${warnUntil.toISOString()}::timestamptz`)!;
    case "none":
      return sql`not (${inboxItems.status} in ('open', 'assigned', 'escalated') and ${inboxItems.firstResponseAt} is null and ${inboxItems.slaDueAt} is not null)`;
  }
}

/**
 * The WHERE of a filter, for this viewer (who "me" is; whether DM text may be searched), in two
 * parts: `base` (every condition but the text match) and `search` (the text match, written over
 * `cols` so the same predicate can run on the table or on a walked subset of it).
 */
function filterWhere(viewer: Viewer, f: InboxFilter, now: Date, cols: SearchCols = TABLE_SEARCH_COLS): { base: SQL[]; search: SQL[] } {
  const w: SQL[] = [];
  if (f.channel?.length) w.push(inArray(inboxItems.channelId, f.channel));
  if (f.kind?.length) w.push(inArray(inboxItems.kind, f.kind));
  if (f.status !== "all") w.push(inArray(inboxItems.status, f.status?.length ? f.status : [...ACTIVE_STATUSES]));
  if (f.sentiment?.length) w.push(inArray(inboxItems.sentiment, f.sentiment));
  if (f.risk?.length) {
    w.push(or(...f.risk.map((b: RiskBand) => sql`${inboxItems.riskScore} between ${RISK_BAND_RANGE[b][0]} and ${RISK_BAND_RANGE[b][1]}`))!);
  }
  if (f.assignee?.length) {
    const ids = f.assignee.filter((a) => a !== "unassigned").map((a) => (a === "me" ? viewer.id : a));
    const any: SQL[] = [];
    if (ids.length) any.push(inArray(inboxItems.assigneeId, [...new Set(ids)]));
    if (f.assignee.includes("unassigned")) any.push(isNull(inboxItems.assigneeId));
    w.push(any.length === 1 ? any[0]! : or(...any)!);
  }
  if (f.language?.length) {
    const codes = f.language.filter((l) => l !== "und");
    const any: SQL[] = [];
    if (codes.length) any.push(inArray(inboxItems.language, codes));
    if (f.language.includes("und")) any.push(isNull(inboxItems.language));
    w.push(any.length === 1 ? any[0]! : or(...any)!);
  }
  if (f.sla?.length) w.push(or(...f.sla.map((s) => slaWhere(s, now)))!);
  if (f.tag) w.push(sql`${inboxItems.tags} @> array[${f.tag}]::text[]`);
  const plan = searchPlan(f.q);
  const search: SQL[] = [];
  if (plan.mode !== "none") {
    // Without inbox.read_dm a search must not reveal what a DM says.
    if (!can(viewer, "inbox.read_dm")) w.push(sql`${inboxItems.kind} <> 'dm'`);
    const norm = sql`lower(normalize(${cols.text}, NFKC))`;
    if (plan.mode === "terms") {
      search.push(sql`${cols.terms} @> array[${sql.join(plan.terms.map((t) => sql`${t}`), sql`, `)}]::text[]`);
      for (const p of plan.pieces) search.push(sql`strpos(${norm}, ${p}) > 0`);
    } else {
      search.push(sql`${norm} like ${plan.pattern}`);
    }
  }
  return { base: w, search };
}

type SearchCols = { terms: SQL; text: SQL };
const TABLE_SEARCH_COLS: SearchCols = { terms: sql`${inboxItems}.search_terms`, text: sql`${inboxItems.text}` };
/** The walked subset's columns (see listInbox). */
const WALK_SEARCH_COLS: SearchCols = { terms: sql.raw(`"w"."w_terms"`), text: sql.raw(`"w"."w_text"`) };

function parseFilter(input: InboxFilterInput | InboxFilter): InboxFilter {
  const r = inboxFilterSchema.safeParse(input);
  if (!r.success) throw new AppError("VALIDATION", undefined, { filter: r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) });
  return r.data;
}

/** Parses a cursor for the filter's sort; VALIDATION when it is malformed or from another sort. */
function cursorWhere(f: InboxFilter, raw: string | undefined): SQL | undefined {
  if (!raw) return undefined;
  const c = decodeCursor(raw);
  if (!c || c.s !== f.sort) throw new AppError("VALIDATION", undefined, { cursor: ["invalid"] });
  if (f.sort === "sla") {
    const k = c.k ? new Date(c.k) : null;
    return k ? sql`(${slaKey}, ${inboxItems.id}) > (${k.toISOString()}::timestamptz, ${c.id}::uuid)` : sql`(${slaKey}, ${inboxItems.id}) > ('infinity'::timestamptz, ${c.id}::uuid)`;
  }
  if (!c.k) throw new AppError("VALIDATION", undefined, { cursor: ["invalid"] });
  return sql`(${inboxItems.receivedAt}, ${inboxItems.id}) < (${new Date(c.k).toISOString()}::timestamptz, ${c.id}::uuid)`;
}

function orderOf(f: InboxFilter): SQL[] {
  return f.sort === "sla" ? [sql`${slaKey} asc`, asc(inboxItems.id)] : [desc(inboxItems.receivedAt), desc(inboxItems.id)];
}

function cursorAfter(f: InboxFilter, last: InboxListItem): string {
  const k = f.sort === "sla" ? (last.slaDueAt ? last.slaDueAt.toISOString() : null) : last.receivedAt.toISOString();
  return encodeCursor({ s: f.sort, k, id: last.id });
}

/**
 * A text search walks the list in its own order (the SLA or newest index) in steps of `walkRows`
 * rows that pass the other filters, at most `walkSteps` steps, keeping the rows whose terms match.
 * A broad match (返金 over a million items) fills a page within the first step; a rare one ends
 * the walk inconclusive and the term index (GIN) finds its few matches, which are then sorted.
 * Mutable only so tests can exercise every path on small data.
 */
export const searchTuning = { walkRows: 2_000, walkSteps: 5 };

/**
 * inbox.read — one page of the inbox for the filter, ordered by SLA due (none last) or newest,
 * after `cursor` (keyset: stable under inserts, no duplicates or gaps). Every item is visible to
 * every reader; DM bodies only with inbox.read_dm.
 *
 * A term search runs in two phases that return exactly the rows of the plain query
 * (`WHERE filters AND terms match ORDER BY key LIMIT n+1`):
 *   1. walk: the filtered list in page order, `walkRows` at a time (each step continues after the
 *      last row the previous one saw), the term match on those rows. Once n+1 matches are found they
 *      are the first n+1 of the plain query (every row before the last walked one was looked at);
 *      a step that saw fewer than `walkRows` rows reached the end, so the matches are all there are.
 *   2. after `walkSteps` inconclusive steps, all matches from the term index (GIN), sorted, the
 *      first n+1 kept: few matches, or the walk would have found them.
 * Planner estimates for array matches are poor both ways (a broad match sorted 66,000 rows for 2.5 s;
 * a one-item match walked the whole ordered index for 6.7 s), so the choice is made here, not there.
 */
export async function listInbox(viewer: Viewer, input: InboxFilterInput, opts: { cursor?: string; limit?: number } = {}): Promise<InboxPage> {
  authorize(viewer, "inbox.read");
  const f = parseFilter(input);
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit ?? PAGE_SIZE_DEFAULT)), PAGE_SIZE_MAX);
  const now = new Date();
  const canReadDm = can(viewer, "inbox.read_dm");
  const { base: where, search } = filterWhere(viewer, f, now);
  const after = cursorWhere(f, opts.cursor);
  if (after) where.push(after);
  const plan = searchPlan(f.q);

  const page = (q: Tx | typeof db) =>
    q
      .select(listColumns(canReadDm))
      .from(inboxItems)
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .leftJoin(assignee, eq(assignee.id, inboxItems.assigneeId))
      .orderBy(...orderOf(f))
      .limit(limit + 1)
      .$dynamic();
  const done = (rows: Row[]): InboxPage => {
    const items = rows.slice(0, limit).map((r) => toItem(r, canReadDm, now));
    return { items, nextCursor: rows.length > limit && items.length ? cursorAfter(f, items[items.length - 1]!) : null, generatedAt: now };
  };

  if (plan.mode === "like") {
    // One character: a bounded substring scan (the newest LIKE_SCAN_LIMIT matches at most).
    const ids = db
      .select({ id: inboxItems.id })
      .from(inboxItems)
      .where(and(...where, ...search))
      .orderBy(desc(inboxItems.receivedAt))
      .limit(LIKE_SCAN_LIMIT);
    return done(await page(db).where(and(...where, ...search, inArray(inboxItems.id, ids))));
  }
  if (plan.mode === "none") return done(await page(db).where(and(...where)));

  const { search: walkSearch } = filterWhere(viewer, f, now, WALK_SEARCH_COLS);
  const asc = f.sort === "sla";
  const sortKey = asc ? slaKey : sql`${inboxItems.receivedAt}`;
  const dir = sql.raw(asc ? "asc" : "desc");
  const back = sql.raw(asc ? "desc" : "asc");
  const { walkRows, walkSteps } = searchTuning;
  // One snapshot for every step and the fallback: a row closed in between must not make an
  // incomplete walk look complete.
  const rows = await db.transaction(
    async (tx) => {
      const hitIds: string[] = [];
      let from: { k: string; id: string } | null = null;
      for (let step = 0; step < walkSteps; step++) {
        const stepWhere: SQL[] = from ? [...where, sql`(${sortKey}, ${inboxItems.id}) ${sql.raw(asc ? ">" : "<")} (${from.k}::timestamptz, ${from.id}::uuid)`] : where;
        // The walk: a LIMIT the planner sees (so it takes the ordered index), read lazily — the
        // outer LIMIT stops it as soon as the matches still needed are found.
        const walk = tx
          .select({ id: inboxItems.id, k: sql<string>`${sortKey}`.as("w_k"), terms: sql<string[]>`${inboxItems}.search_terms`.as("w_terms"), text: sql<string>`${inboxItems.text}`.as("w_text") })
          .from(inboxItems)
          .where(and(...stepWhere))
          .orderBy(...orderOf(f))
          .limit(walkRows)
          .as("w");
        const hits = await tx
          .select({ id: walk.id })
          .from(walk)
          .where(and(...walkSearch))
          .orderBy(sql`${walk.k} ${dir}`, sql`${walk.id} ${dir}`)
          .limit(limit + 1 - hitIds.length);
        hitIds.push(...hits.map((h) => h.id));
        if (hitIds.length > limit) break;
        // Not yet a page and its look-ahead: where did this step end, and did it reach the end?
        const lastRows: { k: string; id: string; n: number }[] = await tx.execute<{ k: string; id: string; n: number }>(
          sql`select s.k::text as k, s.id, count(*) over ()::int as n from (select ${sortKey} as k, ${inboxItems.id} as id from ${inboxItems} where ${and(sql`true`, ...stepWhere)} order by ${sortKey} ${dir}, ${inboxItems.id} ${dir} limit ${walkRows}) s order by s.k ${back}, s.id ${back} limit 1`,
        );
        const last = lastRows[0];
        if (!last || Number(last.n) < walkRows) {
          from = null;
          break;
        }
        from = { k: last.k, id: last.id };
      }
      if (hitIds.length > limit || from === null) return hitIds.length ? page(tx).where(inArray(inboxItems.id, hitIds)) : [];
      // Rare terms: every match from the term index (OFFSET 0 keeps the planner from walking the
      // ordered index instead, which it prefers on its too-low estimate of array matches), sorted.
      // (Written out: drizzle drops .offset(0).)
      const top = sql`select m.id from (select ${inboxItems.id} as id, ${sortKey} as m_k from ${inboxItems} where ${and(sql`true`, ...where, ...search)} offset 0) m order by m.m_k ${dir}, m.id ${dir} limit ${limit + 1}`;
      return page(tx).where(sql`${inboxItems.id} in (${top})`);
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return done(rows);
}

/** inbox.read — how many items matching the filter arrived after `since` (for the "N new" banner; capped at 100). */
export async function countNewInbox(viewer: Viewer, input: InboxFilterInput, since: Date): Promise<number> {
  authorize(viewer, "inbox.read");
  const f = parseFilter(input);
  if (Number.isNaN(since.getTime())) throw new AppError("VALIDATION", undefined, { since: ["invalid"] });
  const { base, search } = filterWhere(viewer, f, new Date());
  const [row] = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from (select 1 from ${inboxItems} where ${and(...base, ...search, gt(inboxItems.createdAt, since))} limit 100) s`,
  );
  return Number(row?.n ?? 0);
}

export type InboxSummary = { open: number; escalated: number; breached: number; warning: number; mine: number; unassigned: number };

/** inbox.read — the header strip: counts over what still owes a first answer (each capped at 1,000 so it stays cheap). */
export async function getInboxSummary(viewer: Viewer): Promise<InboxSummary> {
  authorize(viewer, "inbox.read");
  const now = new Date();
  const capped = (w: SQL | undefined) => sql`(select count(*)::int from (select 1 from ${inboxItems} where ${w} limit 1000) s)`;
  const active = inArray(inboxItems.status, [...ACTIVE_STATUSES]);
  const [row] = await db.execute<InboxSummary>(sql`select
      ${capped(eq(inboxItems.status, "open"))} as open,
      ${capped(eq(inboxItems.status, "escalated"))} as escalated,
      ${capped(slaWhere("breached", now))} as breached,
      ${capped(slaWhere("warning", now))} as warning,
      ${capped(and(active, eq(inboxItems.assigneeId, viewer.id)))} as mine,
      ${capped(and(active, isNull(inboxItems.assigneeId)))} as unassigned`);
  return {
    open: Number(row?.open ?? 0),
    escalated: Number(row?.escalated ?? 0),
    breached: Number(row?.breached ?? 0),
    warning: Number(row?.warning ?? 0),
    mine: Number(row?.mine ?? 0),
    unassigned: Number(row?.unassigned ?? 0),
  };
}

export type InboxFacets = { channels: { id: string; name: string; platform: string }[]; languages: string[]; teammates: { id: string; name: string }[] };

/** Roles whose people work inbox items (may be assigned): holders of inbox.reply. */
const WORKER_ROLES = ROLES.filter((r) => roleHas(r, "inbox.reply"));

async function teammates(tx: Tx): Promise<{ id: string; name: string }[]> {
  const rows = await tx
    .selectDistinct({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(inArray(userRoles.role, WORKER_ROLES), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name));
  return rows.map((r) => ({ id: r.id, name: r.name ?? r.id }));
}

/** inbox.read — what the filter bar offers: channels, languages seen, people who can be assigned. */
export async function getInboxFacets(viewer: Viewer): Promise<InboxFacets> {
  authorize(viewer, "inbox.read");
  const [chans, langs, team] = await Promise.all([
    db
      .select({ id: channels.id, name: channels.displayName, platform: channels.platform })
      .from(channels)
      .where(eq(channels.status, "active"))
      .orderBy(asc(channels.platform), asc(channels.displayName)),
    // A loose index scan over the (small) set of languages would need an index; the list is short and cached per request.
    db.execute<{ language: string }>(sql`select distinct language from ${inboxItems} where language is not null and created_at > now() - interval '90 days' order by 1 limit 20`),
    teammates(db),
  ]);
  return { channels: chans, languages: langs.map((l) => l.language), teammates: team };
}

// ---------------------------------------------------------------- thread view

export type InboxHistoryEntry = {
  at: Date;
  kind: "audit" | "moderation" | "reply" | "escalation";
  action: string;
  actorName: string | null;
  detail: string | null;
};

export type InboxThread = {
  item: InboxListItem & { text: string | null; authorExternalId: string | null; permalink: string | null; authorUrl: string | null; hiddenAt: Date | null; closedAt: Date | null; threadKey: string };
  conversation: InboxListItem[];
  authorEarlier: InboxListItem[];
  history: InboxHistoryEntry[];
  generatedAt: Date;
};

/**
 * inbox.read — one item with its conversation (same thread, by platform time), the author's
 * earlier items on the channel, and its history (audit events, moderation, replies, escalations).
 * Unknown id → NOT_FOUND.
 */
export async function getInboxThread(viewer: Viewer, id: string): Promise<InboxThread> {
  authorize(viewer, "inbox.read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND");
  const now = new Date();
  const canReadDm = can(viewer, "inbox.read_dm");
  const cols = listColumns(canReadDm);
  const fullText = canReadDm ? sql<string>`${inboxItems.text}` : sql<string | null>`case when ${inboxItems.kind} = 'dm' then null else ${inboxItems.text} end`;
  const [head] = await db
    .select({
      ...cols,
      text: fullText,
      authorExternalId: inboxItems.authorExternalId,
      permalink: inboxItems.permalink,
      authorUrl: inboxItems.authorUrl,
      hiddenAt: inboxItems.hiddenAt,
      closedAt: inboxItems.closedAt,
      threadKey: inboxItems.threadKey,
    })
    .from(inboxItems)
    .innerJoin(channels, eq(channels.id, inboxItems.channelId))
    .innerJoin(brands, eq(brands.id, channels.brandId))
    .leftJoin(assignee, eq(assignee.id, inboxItems.assigneeId))
    .where(eq(inboxItems.id, id))
    .limit(1);
  if (!head) throw new AppError("NOT_FOUND");
  const base = () =>
    db
      .select(cols)
      .from(inboxItems)
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .leftJoin(assignee, eq(assignee.id, inboxItems.assigneeId));
  const actor = alias(users, "actor");
  const [conversation, earlier, audits, mods, reps, escs] = await Promise.all([
    base()
      .where(and(eq(inboxItems.channelId, head.channelId), eq(inboxItems.threadKey, head.threadKey)))
      .orderBy(asc(inboxItems.receivedAt), asc(inboxItems.id))
      .limit(200),
    head.authorExternalId
      ? base()
          .where(and(eq(inboxItems.channelId, head.channelId), eq(inboxItems.authorExternalId, head.authorExternalId), lt(inboxItems.receivedAt, head.receivedAt)))
          .orderBy(desc(inboxItems.receivedAt), desc(inboxItems.id))
          .limit(20)
      : Promise.resolve([]),
    db
      .select({ at: auditEvents.at, action: auditEvents.action, actorLabel: auditEvents.actorLabel, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, "inbox_item"), eq(auditEvents.subjectId, id)))
      .orderBy(asc(auditEvents.id))
      .limit(200),
    db
      .select({ at: moderationActions.createdAt, action: moderationActions.action, state: moderationActions.state, reason: moderationActions.reason, actorName: actor.name })
      .from(moderationActions)
      .leftJoin(actor, eq(actor.id, moderationActions.actorId))
      .where(eq(moderationActions.inboxItemId, id))
      .orderBy(asc(moderationActions.createdAt))
      .limit(100),
    db
      .select({ at: replies.createdAt, state: replies.state, text: replies.text, actorName: actor.name })
      .from(replies)
      .leftJoin(actor, eq(actor.id, replies.authorId))
      .where(eq(replies.inboxItemId, id))
      .orderBy(asc(replies.createdAt))
      .limit(100),
    db
      .select({ at: escalations.createdAt, toRole: escalations.toRole, reason: escalations.reason, actorName: actor.name })
      .from(escalations)
      .leftJoin(actor, eq(actor.id, escalations.createdById))
      .where(eq(escalations.inboxItemId, id))
      .orderBy(asc(escalations.createdAt))
      .limit(100),
  ]);
  const isDm = head.kind === "dm";
  const history: InboxHistoryEntry[] = [
    ...audits.map((a) => ({ at: a.at, kind: "audit" as const, action: a.action, actorName: a.actorLabel, detail: null })),
    ...mods.map((m) => ({ at: m.at, kind: "moderation" as const, action: `${m.action}.${m.state}`, actorName: m.actorName, detail: m.reason })),
    ...reps.map((r) => ({ at: r.at, kind: "reply" as const, action: r.state, actorName: r.actorName, detail: isDm && !canReadDm ? null : r.text })),
    ...escs.map((e) => ({ at: e.at, kind: "escalation" as const, action: e.toRole, actorName: e.actorName, detail: e.reason })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const { text, authorExternalId, permalink, authorUrl, hiddenAt, closedAt, threadKey, ...rest } = head;
  return {
    item: { ...toItem(rest, canReadDm, now), text, authorExternalId, permalink, authorUrl, hiddenAt, closedAt, threadKey },
    conversation: conversation.map((r) => toItem(r, canReadDm, now)),
    authorEarlier: earlier.map((r) => toItem(r, canReadDm, now)),
    history,
    generatedAt: now,
  };
}

// ---------------------------------------------------------------- triage moves

type ItemRef = { id: string; status: InboxListItem["status"]; assigneeId: string | null; tags: string[]; version: number; kind: string; channelId: string; riskScore: number; text: string };

async function lockItem(tx: Tx, id: string): Promise<ItemRef> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("NOT_FOUND");
  const [row] = await tx
    .select({ id: inboxItems.id, status: inboxItems.status, assigneeId: inboxItems.assigneeId, tags: inboxItems.tags, version: inboxItems.version, kind: inboxItems.kind, channelId: inboxItems.channelId, riskScore: inboxItems.riskScore, text: inboxItems.text })
    .from(inboxItems)
    .where(eq(inboxItems.id, id))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

function checkVersion(item: ItemRef, expected: number | undefined) {
  if (expected !== undefined && expected !== item.version) throw new AppError("CONFLICT", "The item changed since you loaded it");
}

export type TriageResult = { id: string; version: number; changed: boolean };

async function assignIn(tx: Tx, viewer: Viewer, id: string, to: string | null, expectedVersion?: number): Promise<TriageResult> {
  const item = await lockItem(tx, id);
  checkVersion(item, expectedVersion);
  if (item.status === "closed" || item.status === "hidden") throw new AppError("CONFLICT", `The item is ${item.status}`);
  if (to !== null) {
    const team = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(eq(users.id, to), inArray(userRoles.role, WORKER_ROLES), isNull(users.deactivatedAt)))
      .limit(1);
    if (!team.length) throw new AppError("VALIDATION", undefined, { assigneeId: ["not someone who works the inbox"] });
  }
  if (item.assigneeId === to) return { id, version: item.version, changed: false };
  const status = (to === null ? (item.status === "assigned" ? "open" : item.status) : item.status === "open" ? "assigned" : item.status) as InboxListItem["status"];
  const [upd] = await tx
    .update(inboxItems)
    .set({ assigneeId: to, status, version: sql`${inboxItems.version} + 1`, updatedAt: new Date() })
    .where(eq(inboxItems.id, id))
    .returning({ version: inboxItems.version });
  await recordAudit(tx, {
    actor: actorOf(viewer),
    action: to === null ? "inbox.unassigned" : "inbox.assigned",
    subjectType: "inbox_item",
    subjectId: id,
    data: { from: item.assigneeId, to, status: { from: item.status, to: status } },
    requestId: viewer.requestId,
  });
  if (to !== null && to !== viewer.id) {
    const [ch] = await tx.select({ name: channels.displayName }).from(channels).where(eq(channels.id, item.channelId));
    await notify(tx, { userIds: [to], kind: "inbox.assigned", params: { by: viewer.name, channel: ch?.name ?? null, kind: item.kind }, link: `/community/items/${id}` });
  }
  return { id, version: upd!.version, changed: true };
}

const TAG_RE = /^[^\s,<>"'`]{1,40}$/u;
const tagsSchemaError = () => new AppError("VALIDATION", undefined, { tags: ["1–40 characters, no spaces, commas or quotes; at most 10"] });

function cleanTags(xs: readonly string[] | undefined): string[] {
  const out = [...new Set((xs ?? []).map((t) => t.normalize("NFKC").trim()))];
  if (out.length > 10 || out.some((t) => !TAG_RE.test(t))) throw tagsSchemaError();
  return out;
}

async function tagIn(tx: Tx, viewer: Viewer, id: string, add: string[], remove: string[], expectedVersion?: number): Promise<TriageResult> {
  const item = await lockItem(tx, id);
  checkVersion(item, expectedVersion);
  const next = [...new Set([...item.tags.filter((t) => !remove.includes(t)), ...add])].sort();
  if (next.length > 30) throw new AppError("VALIDATION", undefined, { tags: ["at most 30 tags on an item"] });
  if (next.join("\u0000") === [...item.tags].sort().join("\u0000")) return { id, version: item.version, changed: false };
  const [upd] = await tx
    .update(inboxItems)
    .set({ tags: next, version: sql`${inboxItems.version} + 1`, updatedAt: new Date() })
    .where(eq(inboxItems.id, id))
    .returning({ version: inboxItems.version });
  await recordAudit(tx, { actor: actorOf(viewer), action: "inbox.tagged", subjectType: "inbox_item", subjectId: id, data: { from: item.tags, to: next }, requestId: viewer.requestId });
  return { id, version: upd!.version, changed: true };
}

async function setStatusIn(tx: Tx, viewer: Viewer, id: string, to: "closed" | "open", expectedVersion?: number): Promise<TriageResult> {
  const item = await lockItem(tx, id);
  checkVersion(item, expectedVersion);
  if (item.status === "hidden") throw new AppError("CONFLICT", "A hidden item is unhidden first");
  let status: ItemRef["status"];
  if (to === "closed") {
    if (item.status === "closed") return { id, version: item.version, changed: false };
    status = "closed";
  } else {
    if (item.status !== "closed") return { id, version: item.version, changed: false };
    status = item.assigneeId ? "assigned" : "open";
  }
  const [upd] = await tx
    .update(inboxItems)
    .set({ status, closedAt: to === "closed" ? new Date() : null, version: sql`${inboxItems.version} + 1`, updatedAt: new Date() })
    .where(eq(inboxItems.id, id))
    .returning({ version: inboxItems.version });
  await recordAudit(tx, {
    actor: actorOf(viewer),
    action: to === "closed" ? "inbox.closed" : "inbox.reopened",
    subjectType: "inbox_item",
    subjectId: id,
    data: { from: item.status, to: status },
    requestId: viewer.requestId,
  });
  return { id, version: upd!.version, changed: true };
}

/** inbox.assign — assign an item to a teammate who works the inbox (or to nobody). Audited; the assignee is notified. */
export async function assignInboxItem(viewer: Viewer, input: { id: string; assigneeId: string | null; expectedVersion?: number }): Promise<TriageResult> {
  authorize(viewer, "inbox.assign");
  return db.transaction((tx) => assignIn(tx, viewer, input.id, input.assigneeId, input.expectedVersion));
}

/** inbox.assign — add / remove tags on an item. Audited. */
export async function tagInboxItem(viewer: Viewer, input: { id: string; add?: string[]; remove?: string[]; expectedVersion?: number }): Promise<TriageResult> {
  authorize(viewer, "inbox.assign");
  const add = cleanTags(input.add);
  const remove = cleanTags(input.remove);
  if (!add.length && !remove.length) throw tagsSchemaError();
  return db.transaction((tx) => tagIn(tx, viewer, input.id, add, remove, input.expectedVersion));
}

/** inbox.assign — close an item or reopen a closed one. Audited. */
export async function setInboxItemStatus(viewer: Viewer, input: { id: string; status: "closed" | "open"; expectedVersion?: number }): Promise<TriageResult> {
  authorize(viewer, "inbox.assign");
  return db.transaction((tx) => setStatusIn(tx, viewer, input.id, input.status, input.expectedVersion));
}

export const ESCALATION_TARGETS = ["pr", "legal", "social_media_manager"] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
const TARGET_WORKSPACE = { pr: "workspace.pr", legal: "workspace.legal", social_media_manager: "workspace.manager" } as const;

/**
 * inbox.escalate — hand an item to PR, Legal or the manager with a reason: an escalations row,
 * status escalated, audited, and everyone in that workspace notified with a link to the item.
 */
export async function escalateInboxItem(viewer: Viewer, input: { id: string; to: EscalationTarget; reason: string; expectedVersion?: number }): Promise<TriageResult & { escalationId: string }> {
  authorize(viewer, "inbox.escalate");
  const reason = (input.reason ?? "").trim();
  if (!(ESCALATION_TARGETS as readonly string[]).includes(input.to)) throw new AppError("VALIDATION", undefined, { to: ["invalid"] });
  if (reason.length < 3 || reason.length > 1000) throw new AppError("VALIDATION", undefined, { reason: ["3–1000 characters"] });
  return db.transaction(async (tx) => {
    const item = await lockItem(tx, input.id);
    checkVersion(item, input.expectedVersion);
    if (item.status === "closed" || item.status === "hidden") throw new AppError("CONFLICT", `The item is ${item.status}`);
    const [esc] = await tx.insert(escalations).values({ inboxItemId: item.id, toRole: input.to, reason, createdById: viewer.id }).returning({ id: escalations.id });
    const [ch] = await tx.select({ name: channels.displayName }).from(channels).where(eq(channels.id, item.channelId));
    const [upd] = await tx
      .update(inboxItems)
      .set({ status: "escalated", escalatedAt: new Date(), version: sql`${inboxItems.version} + 1`, updatedAt: new Date() })
      .where(eq(inboxItems.id, item.id))
      .returning({ version: inboxItems.version });
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "inbox.escalated",
      subjectType: "inbox_item",
      subjectId: item.id,
      data: { to: input.to, reason, escalationId: esc!.id, from: item.status },
      requestId: viewer.requestId,
    });
    await notify(tx, {
      permission: TARGET_WORKSPACE[input.to],
      kind: "inbox.escalated",
      // A DM's words stay out of notifications: not every recipient may read DMs.
      params: { channel: ch?.name ?? null, risk: item.riskScore, excerpt: item.kind === "dm" ? null : item.text.slice(0, 140), by: viewer.name, to: input.to, reason },
      link: `/community/items/${item.id}`,
      excludeUserIds: [viewer.id],
    });
    return { id: item.id, version: upd!.version, changed: true, escalationId: esc!.id };
  });
}

// ---------------------------------------------------------------- bulk

export type BulkOp =
  | { op: "assign"; assigneeId: string | null }
  | { op: "tag"; add?: string[]; remove?: string[] }
  | { op: "close" }
  | { op: "reopen" }
  /** Through the moderation DAL (inbox-replies): queued for the connector, per item. */
  | { op: "hide"; reason: string };
export type BulkItemResult = { id: string; ok: true; changed: boolean } | { id: string; ok: false; code: string };

/**
 * inbox.assign — one chunk of a bulk action (at most 50 ids): each item in its own transaction
 * and audited on its own, so one failure (gone, hidden, changed) leaves the others done; the
 * result lists every id with ok or its error code.
 */
export async function bulkInbox(viewer: Viewer, ids: string[], op: BulkOp): Promise<BulkItemResult[]> {
  authorize(viewer, op.op === "hide" ? "inbox.moderate" : "inbox.assign");
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > BULK_MAX) throw new AppError("VALIDATION", undefined, { ids: [`1–${BULK_MAX} ids`] });
  const unique = [...new Set(ids)];
  let add: string[] = [];
  let remove: string[] = [];
  if (op.op === "tag") {
    add = cleanTags(op.add);
    remove = cleanTags(op.remove);
    if (!add.length && !remove.length) throw tagsSchemaError();
  }
  const out: BulkItemResult[] = [];
  for (const id of unique) {
    try {
      if (op.op === "hide") {
        await requestModeration(viewer, { itemId: id, action: "hide", reason: op.reason });
        out.push({ id, ok: true, changed: true });
        continue;
      }
      const r = await db.transaction((tx) => {
        switch (op.op) {
          case "assign":
            return assignIn(tx, viewer, id, op.assigneeId);
          case "tag":
            return tagIn(tx, viewer, id, add, remove);
          case "close":
            return setStatusIn(tx, viewer, id, "closed");
          case "reopen":
            return setStatusIn(tx, viewer, id, "open");
        }
      });
      out.push({ id, ok: true, changed: r.changed });
    } catch (e) {
      if (e instanceof AppError) out.push({ id, ok: false, code: e.code });
      else {
        console.error(`[request ${viewer.requestId}] bulk ${op.op} failed on ${id}`, e);
        out.push({ id, ok: false, code: "INTERNAL" });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------- export

export const EXPORT_MAX_ROWS = 50_000;

/**
 * inbox.read — the rows of the current filter for a CSV export, in pages (keyset), at most
 * 50,000; DM bodies only with inbox.read_dm. The export itself is audited (filter and who).
 */
export async function startInboxExport(viewer: Viewer, input: InboxFilterInput): Promise<{ filter: InboxFilter; pages: AsyncGenerator<InboxListItem[]> }> {
  authorize(viewer, "inbox.read");
  const filter = parseFilter(input);
  await db.transaction((tx) =>
    recordAudit(tx, { actor: actorOf(viewer), action: "inbox.exported", subjectType: "inbox", subjectId: null, data: { filter, dmBodies: can(viewer, "inbox.read_dm") }, requestId: viewer.requestId }),
  );
  async function* pages() {
    let cursor: string | undefined;
    let n = 0;
    while (n < EXPORT_MAX_ROWS) {
      const page = await listInbox(viewer, filter, { cursor, limit: PAGE_SIZE_MAX });
      if (!page.items.length) return;
      n += page.items.length;
      yield page.items;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
  return { filter, pages: pages() };
}

/** Full text for the export rows (the list carries an excerpt): one query per page. */
export async function inboxTexts(viewer: Viewer, ids: string[]): Promise<Map<string, string | null>> {
  authorize(viewer, "inbox.read");
  if (!ids.length) return new Map();
  const canReadDm = can(viewer, "inbox.read_dm");
  const rows = await db
    .select({ id: inboxItems.id, text: canReadDm ? sql<string>`${inboxItems.text}` : sql<string | null>`case when ${inboxItems.kind} = 'dm' then null else ${inboxItems.text} end` })
    .from(inboxItems)
    .where(inArray(inboxItems.id, ids.slice(0, PAGE_SIZE_MAX)));
  return new Map(rows.map((r) => [r.id, r.text]));
}
