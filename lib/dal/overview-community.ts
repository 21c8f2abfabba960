import "server-only";
import { and, asc, count, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import { db } from "@/db";
import { brands, channels, inboxItems, INBOX_STATUSES } from "@/db/schema";
import { can } from "@/lib/auth/permissions";
import { authorize, type Viewer } from "./viewer";
import { AWAITING_RESPONSE_STATUSES, HOUR_MS, inboxExcerpt, slaBreachedWhere } from "./overview-common";

type InboxStatus = (typeof INBOX_STATUSES)[number];
type Item = typeof inboxItems.$inferSelect;

export type CommunityInboxItem = {
  id: string;
  kind: Item["kind"];
  platform: Item["platform"];
  channelName: string;
  brandName: string;
  authorName: string | null;
  /** First ~140 characters; null for a DM when the viewer may not read DMs. */
  excerpt: string | null;
  language: string | null;
  sentiment: Item["sentiment"];
  riskScore: number;
  priority: Item["priority"];
  status: InboxStatus;
  receivedAt: Date;
  slaDueAt: Date | null;
  /** Set once we have answered; the SLA clock stops then. */
  firstResponseAt: Date | null;
  isMine: boolean;
};

export type CommunityOverview = {
  generatedAt: Date;
  counts: {
    byStatus: Record<InboxStatus, number>;
    slaBreached: number;
    dueWithinHour: number;
    mine: number;
    /** Items that still owe a first answer (the "most urgent" list is the head of these). */
    awaitingResponse: number;
  };
  mine: CommunityInboxItem[];
  urgent: CommunityInboxItem[];
};

/** Statuses an agent still works on (waiting = answered, waiting for the customer). */
const MY_OPEN_STATUSES = [...AWAITING_RESPONSE_STATUSES, "waiting"] as const;

/** workspace.community — the shared inbox company-wide; "mine" is scoped to assignee = viewer. */
export async function getCommunityOverview(viewer: Viewer): Promise<CommunityOverview> {
  authorize(viewer, "workspace.community");
  const now = new Date();
  const inAnHour = new Date(now.getTime() + HOUR_MS);
  const canReadDm = can(viewer, "inbox.read_dm");

  const item = {
    id: inboxItems.id,
    kind: inboxItems.kind,
    platform: inboxItems.platform,
    channelName: channels.displayName,
    brandName: brands.name,
    authorName: inboxItems.authorName,
    excerpt: inboxExcerpt(canReadDm),
    language: inboxItems.language,
    sentiment: inboxItems.sentiment,
    riskScore: inboxItems.riskScore,
    priority: inboxItems.priority,
    status: inboxItems.status,
    receivedAt: inboxItems.receivedAt,
    slaDueAt: inboxItems.slaDueAt,
    firstResponseAt: inboxItems.firstResponseAt,
    isMine: sql<boolean>`coalesce(${inboxItems.assigneeId} = ${viewer.id}, false)`,
  };
  const awaiting = inArray(inboxItems.status, [...AWAITING_RESPONSE_STATUSES]);
  const mineWhere = and(eq(inboxItems.assigneeId, viewer.id), inArray(inboxItems.status, [...MY_OPEN_STATUSES]));

  const awaitingFirst = and(awaiting, isNull(inboxItems.firstResponseAt));
  const [statusRows, [breached], [dueSoon], mine, [mineCount], urgent, [awaitingCount]] = await Promise.all([
    db.select({ status: inboxItems.status, n: count() }).from(inboxItems).groupBy(inboxItems.status),
    db.select({ n: count() }).from(inboxItems).where(slaBreachedWhere(now)),
    db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(awaiting, isNull(inboxItems.firstResponseAt), gte(inboxItems.slaDueAt, now), lt(inboxItems.slaDueAt, inAnHour))),
    db
      .select(item)
      .from(inboxItems)
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .where(mineWhere)
      .orderBy(sql`${inboxItems.slaDueAt} asc nulls last`, asc(inboxItems.receivedAt))
      .limit(6),
    db.select({ n: count() }).from(inboxItems).where(mineWhere),
    db
      .select(item)
      .from(inboxItems)
      .innerJoin(channels, eq(channels.id, inboxItems.channelId))
      .innerJoin(brands, eq(brands.id, channels.brandId))
      .where(awaitingFirst)
      .orderBy(sql`${inboxItems.slaDueAt} asc nulls last`, asc(inboxItems.receivedAt))
      .limit(10),
    db.select({ n: count() }).from(inboxItems).where(awaitingFirst),
  ]);

  const byStatus = Object.fromEntries(INBOX_STATUSES.map((s) => [s, 0])) as Record<InboxStatus, number>;
  for (const r of statusRows) byStatus[r.status] = r.n;

  return {
    generatedAt: now,
    counts: {
      byStatus,
      slaBreached: breached?.n ?? 0,
      dueWithinHour: dueSoon?.n ?? 0,
      mine: mineCount?.n ?? 0,
      awaitingResponse: awaitingCount?.n ?? 0,
    },
    mine,
    urgent,
  };
}
