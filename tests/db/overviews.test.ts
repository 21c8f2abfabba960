/**
 * The seven workspace overviews against the seeded demo data: who may call each one, and that
 * every number it shows equals an independent SQL count over the same rows.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import path from "node:path";
import { cloneElement, createElement, isValidElement, type ReactElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createFormatter, createTranslator } from "next-intl";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { seedOrganisation, demoUserId } from "@/db/seed/demo";
import { buildWorkspaceRows, contentHashOf, seedWorkspaces } from "@/db/seed/workspaces";
import { canonicalJson } from "@/lib/dal/audit";
import { AppError } from "@/lib/errors";
import { roleHas, type Permission } from "@/lib/auth/permissions";
import { loadViewer, type Viewer } from "@/lib/dal/viewer";
import { getManagerOverview } from "@/lib/dal/overview-manager";
import { getCommunityOverview } from "@/lib/dal/overview-community";
import { getStudioOverview } from "@/lib/dal/overview-studio";
import { getPrOverview } from "@/lib/dal/overview-pr";
import { getLegalOverview } from "@/lib/dal/overview-legal";
import { getAdsOverview } from "@/lib/dal/overview-ads";
import { stageDueAt } from "@/lib/domain/due";
import { ROLES, viewersByRole, type Role } from "./helpers";

// ---- Rendering the pages without Next: translations and the page guard come from here.
const render = vi.hoisted(() => ({
  locale: "ja" as "ja" | "en",
  viewer: null as unknown,
  errors: [] as string[],
}));
vi.mock("next-intl/server", () => {
  const messages = (locale: string) =>
    Object.fromEntries(
      fs
        .readdirSync(path.resolve("messages", locale))
        .map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.resolve("messages", locale, f), "utf8"))]),
    );
  return {
    getTranslations: async (namespace?: string) =>
      createTranslator({
        locale: render.locale,
        messages: messages(render.locale),
        namespace: namespace as never,
        onError: (e) => void render.errors.push(String(e.message)),
      }),
    getFormatter: async () => createFormatter({ locale: render.locale, timeZone: "Asia/Tokyo", onError: (e) => void render.errors.push(String(e.message)) }),
    getLocale: async () => render.locale,
  };
});
// The crisis switch on the manager's and PR's overview is a client form bound to a Server Action;
// rendering the page to HTML never calls it, and loading the real one would pull in next-auth.
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  useRouter: () => ({ refresh() {}, push() {}, replace() {}, back() {}, forward() {}, prefetch() {} }),
}));
vi.mock("@/app/(portal)/crisis/actions", () => ({ startCrisisAction: async () => ({ ok: false }), endCrisisAction: async () => ({ ok: false }) }));
// The inbox's client list is bound to its Server Actions the same way (never called by a render).
vi.mock("@/app/(portal)/community/actions", () => {
  const no = async () => ({ ok: false });
  return { assignInboxAction: no, tagInboxAction: no, setInboxStatusAction: no, escalateInboxAction: no, bulkInboxAction: no };
});
// The reply approvals panel (manager and PR pages) binds the reply Server Actions likewise.
vi.mock("@/app/(portal)/community/reply-actions", () => {
  const no = async () => ({ ok: false });
  return { sendReplyAction: no, editReplyAction: no, decideReplyAction: no, moderateItemAction: no };
});
vi.mock("@/lib/auth/page-guard", () => ({
  requirePageViewer: async (permission: string) => {
    const v = render.viewer as { permissions: ReadonlySet<string> };
    if (!v.permissions.has(permission)) throw new Error(`page guard would refuse ${permission}`);
    return v;
  },
  pageData: <T,>(p: Promise<T>) => p,
}));

type DevElement = ReactElement<{ children?: ReactNode }> & { _store?: { validated?: number } };

/** The replacement stands where the original stood: same key, same "static child" mark (dev-only key checks). */
function standIn(original: DevElement, out: ReactNode): ReactNode {
  if (!isValidElement(out)) return out;
  const el = (original.key !== null ? cloneElement(out, { key: original.key }) : out) as DevElement;
  if (original._store?.validated && el._store) el._store.validated = original._store.validated;
  return el;
}

/** Resolves a tree of (async) Server Components into plain elements, as the RSC renderer would. */
async function resolveTree(node: ReactNode): Promise<ReactNode> {
  if (Array.isArray(node)) return Promise.all(node.map(resolveTree));
  if (!isValidElement(node)) return node;
  const el = node as DevElement;
  if (typeof el.type === "function") {
    let out: ReactNode | Promise<ReactNode>;
    try {
      out = (el.type as (p: unknown) => ReactNode | Promise<ReactNode>)(el.props);
    } catch {
      // A client component (hooks need React's renderer): left for renderToStaticMarkup, inside the provider.
      return el;
    }
    return standIn(el, await resolveTree(await out));
  }
  if (el.props.children === undefined) return el;
  return standIn(el, cloneElement(el, { children: await resolveTree(el.props.children) }));
}

async function renderPage(page: () => Promise<ReactNode>, viewer: Viewer, locale: "ja" | "en"): Promise<string> {
  render.locale = locale;
  render.viewer = viewer;
  render.errors = [];
  // Client components (the crisis switch) read messages from the provider, as in the app's layout.
  const { NextIntlClientProvider } = await import("next-intl");
  const all = Object.fromEntries(
    fs.readdirSync(path.resolve("messages", locale)).map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(path.resolve("messages", locale, f), "utf8"))]),
  );
  const tree = await resolveTree(await page());
  // The app's providers: translations, and TanStack Query for lists that poll (the inbox).
  const { QueryClient, QueryClientProvider } = await import("@tanstack/react-query");
  const withQuery = createElement(QueryClientProvider, { client: new QueryClient() }, tree);
  const html = renderToStaticMarkup(createElement(NextIntlClientProvider as unknown as (p: { locale: string; messages: unknown; timeZone: string }) => ReactElement, { locale, messages: all, timeZone: "Asia/Tokyo" }, withQuery));
  expect(render.errors, `${locale}: message errors`).toEqual([]);
  return html;
}

const OVERVIEWS: { key: string; permission: Permission; load: (v: Viewer) => Promise<unknown> }[] = [
  { key: "manager", permission: "workspace.manager", load: getManagerOverview },
  { key: "community", permission: "workspace.community", load: getCommunityOverview },
  { key: "studio", permission: "workspace.studio", load: getStudioOverview },
  { key: "pr", permission: "workspace.pr", load: getPrOverview },
  { key: "legal", permission: "workspace.legal", load: getLegalOverview },
  { key: "ads", permission: "workspace.ads", load: getAdsOverview },
];

/** Every table the workspace seed writes. */
const SEEDED_TABLES = [
  "assets",
  "posts",
  "post_revisions",
  "post_targets",
  "approvals",
  "publications",
  "corrections",
  "blackout_windows",
  "inbox_items",
  "replies",
  "escalations",
  "saved_replies",
  "takedown_requests",
  "legal_reviews",
  "legal_holds",
  "channel_metrics_daily",
  "post_metrics_daily",
  "campaigns",
  "ad_sets",
  "ads",
  "spend_daily",
  "ad_metrics_daily",
  "notifications",
  "crisis_states",
] as const;

let viewers: Record<Role | "none", Viewer>;
const demo = {} as Record<"manager" | "community" | "creator" | "multi" | "pr" | "legal" | "analyst" | "adops", Viewer>;
let seedMs = 0;

async function q<T extends Record<string, unknown>>(query: ReturnType<typeof sql>): Promise<T[]> {
  return (await getDb().execute(query)) as unknown as T[];
}
async function n(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await q<{ n: number }>(query);
  return Number(row?.n ?? 0);
}
async function tableCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of SEEDED_TABLES) out[t] = await n(sql.raw(`select count(*)::int as n from ${t}`));
  return out;
}

beforeAll(async () => {
  const db = getDb();
  await seedOrganisation(db);
  const t0 = performance.now();
  const first = await seedWorkspaces(db);
  seedMs = performance.now() - t0;
  expect(first.seeded).toBe(true);
  viewers = await viewersByRole();
  for (const login of Object.keys({ manager: 1, community: 1, creator: 1, multi: 1, pr: 1, legal: 1, analyst: 1, adops: 1 }) as (keyof typeof demo)[]) {
    const v = await loadViewer(demoUserId(login));
    if (!v) throw new Error(`demo user ${login} did not load`);
    demo[login] = v;
  }
});

describe("workspace seed", () => {
  it("fills every workspace table and is idempotent", async () => {
    const before = await tableCounts();
    console.info(`[overviews] seedWorkspaces took ${seedMs.toFixed(0)} ms; rows:`, JSON.stringify(before));
    for (const t of SEEDED_TABLES) expect(before[t], t).toBeGreaterThan(0);
    await seedOrganisation(getDb());
    const second = await seedWorkspaces(getDb());
    expect(second.seeded).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });

  it("covers every state of the workflow and leaves no crisis active", async () => {
    const states = (await q<{ state: string }>(sql`select distinct state::text as state from posts`)).map((r) => r.state);
    for (const s of ["draft", "in_review", "changes_requested", "final_review", "approved", "scheduled", "published", "expired", "failed"]) {
      expect(states, s).toContain(s);
    }
    expect(await n(sql`select count(*)::int as n from crisis_states where ended_at is null`)).toBe(0);
    expect(await n(sql`select count(*)::int as n from crisis_states where ended_at is not null`)).toBeGreaterThan(0);
    expect(await n(sql`select count(*)::int as n from post_targets where state = 'needs_human_check'`)).toBe(1);
  });

  it("binds each revision to the sha256 of its canonical content, and approvals to that hash", async () => {
    const revs = await q<{ id: string; content: unknown; content_hash: string }>(sql`select id, content, content_hash from post_revisions`);
    for (const r of revs) {
      expect(contentHashOf(r.content)).toBe(r.content_hash);
      // The seed's canonical form is the same as the DAL's (sorted keys, no whitespace).
      expect(contentHashOf(r.content)).toBe((await import("node:crypto")).createHash("sha256").update(canonicalJson(r.content)).digest("hex"));
    }
    expect(
      await n(sql`select count(*)::int as n from approvals a join post_revisions r on r.id = a.revision_id where a.revision_hash <> r.content_hash`),
    ).toBe(0);
    // Every post points at its newest revision.
    expect(
      await n(sql`select count(*)::int as n from posts p where p.current_revision_id <> (select r.id from post_revisions r where r.post_id = p.id order by r.number desc limit 1)`),
    ).toBe(0);
    expect(await n(sql`select count(*)::int as n from post_targets where idempotency_key <> post_id::text || ':' || channel_id::text`)).toBe(0);
  });
});

describe("who may open which overview", () => {
  for (const o of OVERVIEWS) {
    for (const role of [...ROLES, "none"] as const) {
      const allowed = role !== "none" && roleHas(role, o.permission);
      it(`${o.key}: ${role} is ${allowed ? "allowed" : "FORBIDDEN"}`, async () => {
        const p = o.load(viewers[role]);
        if (allowed) await expect(p).resolves.toBeTruthy();
        else await expect(p).rejects.toSatisfy((e: unknown) => e instanceof AppError && e.code === "FORBIDDEN");
      });
    }
  }
});

describe("manager overview", () => {
  it("matches the database", async () => {
    const o = await getManagerOverview(demo.manager);
    const states = await q<{ state: string; n: number }>(sql`select state::text as state, count(*)::int as n from posts group by state`);
    for (const [state, count] of Object.entries(o.pipeline)) expect(count, state).toBe(states.find((s) => s.state === state)?.n ?? 0);
    expect(o.awaitingFinal.count).toBe(await n(sql`select count(*)::int as n from posts where state = 'final_review'`));
    expect(o.awaitingFinal.items.map((i) => i.since.getTime())).toEqual([...o.awaitingFinal.items.map((i) => i.since.getTime())].sort((a, b) => a - b));
    expect(o.upcomingSlots.count).toBe(
      await n(sql`select count(*)::int as n from post_targets t join posts p on p.id = t.post_id
        where t.scheduled_at > now() and t.scheduled_at <= now() + interval '48 hours'
          and t.state in ('pending', 'scheduled', 'held', 'publishing') and p.state <> 'cancelled'`),
    );
    expect(o.upcomingSlots.count).toBeGreaterThan(3);
    // Overdue review stages: open stages (SQL here) whose due time (the pure rule) has passed.
    const open = await q<{ stage: "pr" | "legal" | "final"; opened: Date; slot: Date | null; fast: boolean }>(sql`
      select s.stage, p.updated_at as opened, p.scheduled_at as slot, p.kind::text <> 'post' as fast from posts p
      cross join lateral (values ('pr'), ('legal'), ('final')) as s(stage)
      where ((s.stage = 'pr' and p.state = 'in_review') or (s.stage = 'legal' and p.state = 'in_review' and p.requires_legal) or (s.stage = 'final' and (p.state = 'final_review' or (p.state = 'in_review' and p.kind::text <> 'post'))))
        and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.stage::text = s.stage and a.voided_at is null)`);
    const overdue = open.filter((r) => stageDueAt(r.stage, new Date(r.opened), r.slot ? new Date(r.slot) : null, undefined, { fastLane: r.fast }).getTime() <= o.generatedAt.getTime());
    expect(open.length).toBeGreaterThan(0);
    // Whether any is overdue depends on the weekday (business hours), so only the agreement is checked here;
    // tests/db/notifications.test.ts drives the clock.
    expect(o.overdueReviews.count).toBe(overdue.length);
    expect(o.overdueReviews.items.every((i) => i.dueAt.getTime() <= o.generatedAt.getTime())).toBe(true);
    expect(o.failures.count).toBe(await n(sql`select count(*)::int as n from post_targets where state in ('needs_human_check', 'failed')`));
    expect(o.failures.items[0]?.lastError).toBeTruthy();
    expect(o.crisis.activeCount).toBe(0);
    expect(o.crisis.lastEnded).not.toBeNull();
    expect(o.inboxSlaBreached).toBe(
      await n(sql`select count(*)::int as n from inbox_items where status in ('open', 'assigned', 'escalated') and first_response_at is null and sla_due_at < now()`),
    );
    expect(o.inboxSlaBreached).toBeGreaterThan(0);
  });
});

describe("community overview", () => {
  it("matches the database, and 'mine' is the viewer's own queue", async () => {
    const o = await getCommunityOverview(demo.community);
    const byStatus = await q<{ status: string; n: number }>(sql`select status::text as status, count(*)::int as n from inbox_items group by status`);
    for (const [status, count] of Object.entries(o.counts.byStatus)) expect(count, status).toBe(byStatus.find((s) => s.status === status)?.n ?? 0);
    expect(o.counts.slaBreached).toBe(
      await n(sql`select count(*)::int as n from inbox_items where status in ('open', 'assigned', 'escalated') and first_response_at is null and sla_due_at < now()`),
    );
    expect(o.counts.dueWithinHour).toBe(
      await n(sql`select count(*)::int as n from inbox_items where status in ('open', 'assigned', 'escalated') and first_response_at is null
        and sla_due_at >= now() and sla_due_at < now() + interval '1 hour'`),
    );
    expect(o.counts.dueWithinHour).toBeGreaterThan(0);
    expect(o.counts.awaitingResponse).toBe(
      await n(sql`select count(*)::int as n from inbox_items where status in ('open', 'assigned', 'escalated') and first_response_at is null`),
    );
    const mine = await n(
      sql`select count(*)::int as n from inbox_items where assignee_id = ${demo.community.id} and status in ('open', 'assigned', 'escalated', 'waiting')`,
    );
    expect(o.counts.mine).toBe(mine);
    expect(mine).toBeGreaterThan(0);
    expect(o.mine.every((i) => i.isMine)).toBe(true);
    const due = o.urgent.map((i) => i.slaDueAt!.getTime());
    expect(due).toEqual([...due].sort((a, b) => a - b));
    // A fresh community member has nothing assigned yet.
    const other = await getCommunityOverview(viewers.community_manager);
    expect(other.counts.mine).toBe(0);
    expect(other.mine).toEqual([]);
  });
});

describe("studio overview", () => {
  it("matches the database for the viewer's own posts", async () => {
    for (const v of [demo.creator, demo.multi]) {
      const o = await getStudioOverview(v);
      const own = (states: string) =>
        n(sql`select count(*)::int as n from posts where author_id = ${v.id} and state::text = any(string_to_array(${states}, ','))`);
      expect(o.counts.drafts).toBe(await own("draft"));
      expect(o.counts.returned).toBe(await own("changes_requested"));
      expect(o.counts.inReview).toBe(await own("in_review,final_review"));
      expect(o.counts.scheduledSoon).toBe(
        await n(sql`select count(*)::int as n from posts where state = 'scheduled' and scheduled_at > now() and scheduled_at <= now() + interval '7 days'`),
      );
      expect(o.counts.expiringAssets).toBe(
        await n(sql`select count(*)::int as n from assets where licence_expires_at is not null and licence_expires_at <= now() + interval '30 days'`),
      );
    }
    const creator = await getStudioOverview(demo.creator);
    expect(creator.counts.drafts).toBeGreaterThan(0);
    expect(creator.returned.length).toBeGreaterThan(0);
    for (const r of creator.returned) expect(r.findings.some((f) => !!f.reason)).toBe(true);
    expect(creator.expiringAssets.length).toBeGreaterThan(0);
  });
});

describe("pr overview", () => {
  it("matches the database", async () => {
    const o = await getPrOverview(demo.pr);
    expect(o.counts.awaitingPr).toBe(
      await n(sql`select count(*)::int as n from posts p where p.state = 'in_review'
        and not exists (select 1 from approvals a where a.revision_id = p.current_revision_id and a.stage = 'pr' and a.voided_at is null)`),
    );
    expect(o.counts.awaitingPr).toBeGreaterThan(0);
    expect(o.counts.escalated).toBe(await n(sql`select count(*)::int as n from escalations where to_role = 'pr' and resolved_at is null`));
    expect(o.escalations.length).toBe(o.counts.escalated);
    expect(o.counts.blackouts).toBe(await n(sql`select count(*)::int as n from blackout_windows where ends_at > now()`));
    expect(o.counts.recentPublished).toBe(
      await n(sql`select count(distinct p.id)::int as n from posts p join post_targets t on t.post_id = p.id join publications pub on pub.target_id = t.id
        where p.state = 'published' and pub.state = 'published' and pub.published_at >= now() - interval '14 days'`),
    );
    const published = o.recentPublished.map((p) => p.publishedAt.getTime());
    expect(published).toEqual([...published].sort((a, b) => b - a));
  });
});

describe("legal overview", () => {
  it("matches the database", async () => {
    const o = await getLegalOverview(demo.legal);
    const kinds = await q<{ kind: string; n: number }>(
      sql`select subject_kind::text as kind, count(*)::int as n from legal_reviews where state in ('open', 'in_progress') group by subject_kind`,
    );
    for (const [kind, count] of Object.entries(o.counts.byKind)) expect(count, kind).toBe(kinds.find((k) => k.kind === kind)?.n ?? 0);
    expect(o.counts.openReviews).toBe(await n(sql`select count(*)::int as n from legal_reviews where state in ('open', 'in_progress')`));
    expect(o.counts.overdue).toBe(await n(sql`select count(*)::int as n from legal_reviews where state in ('open', 'in_progress') and due_at < now()`));
    expect(o.counts.overdue).toBeGreaterThan(0);
    expect(o.reviews.filter((r) => r.isOverdue).length).toBe(o.counts.overdue);
    expect(o.counts.byKind.takedown).toBe(1);
    expect(o.counts.byKind.talent_usage).toBe(1);
    expect(o.counts.activeHolds).toBe(await n(sql`select count(*)::int as n from legal_holds where released_at is null`));
    expect(o.counts.openTakedowns).toBe(await n(sql`select count(*)::int as n from takedown_requests where status in ('received', 'in_review')`));
    expect(o.counts.openTakedowns).toBeGreaterThan(0);
  });
});

describe("ads overview", () => {
  it("matches the database", async () => {
    const o = await getAdsOverview(demo.adops);
    const statuses = await q<{ status: string; n: number }>(sql`select status::text as status, count(*)::int as n from campaigns group by status`);
    for (const [status, count] of Object.entries(o.counts.byStatus)) expect(count, status).toBe(statuses.find((s) => s.status === status)?.n ?? 0);
    expect(o.active.length).toBe(o.counts.byStatus.active);
    expect(o.active.length).toBeGreaterThan(0);
    for (const c of o.active) {
      const spend = await n(sql`select coalesce(sum(sd.spend_jpy), 0)::int as n from spend_daily sd join ads a on a.id = sd.ad_id
        join ad_sets s on s.id = a.ad_set_id where s.campaign_id = ${c.id}`);
      expect(c.spendToDateJpy).toBe(spend);
      expect(spend).toBeGreaterThan(0);
      expect(c.pacingPct).toBeGreaterThan(50);
      expect(c.pacingPct).toBeLessThan(150);
    }
    expect(o.counts.pendingApprovals).toBe(await n(sql`select count(*)::int as n from campaigns where status = 'pending_approval'`));
    expect(o.pendingApprovals.some((p) => p.isOverThreshold)).toBe(true);
    expect(o.counts.awaitingLegal).toBe(
      await n(sql`select count(*)::int as n from ads a join legal_reviews l on l.id = a.legal_review_id
        where a.source_kind = 'creative' and l.state in ('open', 'in_progress')`),
    );
    expect(o.counts.awaitingLegal).toBeGreaterThan(0);
  });
});

describe("DM privacy in the other overviews", () => {
  it("community, PR and legal may read DMs; nobody else's overview carries DM bodies", async () => {
    const dms = (await q<{ text: string }>(sql`select text from inbox_items where kind = 'dm'`)).map((r) => r.text);
    const leaks = (o: unknown) => {
      const json = JSON.stringify(o);
      return dms.filter((t) => json.includes(t.slice(0, 60)));
    };
    expect(leaks(await getManagerOverview(demo.manager))).toEqual([]);
    expect(leaks(await getStudioOverview(demo.creator))).toEqual([]);
    expect(leaks(await getAdsOverview(demo.adops))).toEqual([]);
    // The PR escalation list shows the escalated DM to PR, who may read DMs.
    expect(leaks(await getPrOverview(demo.pr)).length).toBeGreaterThan(0);
  });
});

describe("seasonal demo content", () => {
  it("builds complete rows whatever the season it is seeded in", () => {
    for (const iso of ["2026-01-15T03:00:00Z", "2026-04-20T03:00:00Z", "2026-07-31T15:30:00Z", "2026-10-01T00:00:00Z", "2026-12-31T14:59:00Z"]) {
      const rows = buildWorkspaceRows(new Date(iso));
      const json = JSON.stringify(rows);
      expect(json, iso).not.toMatch(/undefined|NaN|\[object Object\]/);
      expect(rows.posts).toHaveLength(33);
      expect(rows.inbox).toHaveLength(60);
      expect(new Set(rows.approvals.map((a) => a.id)).size).toBe(rows.approvals.length);
      expect(new Set(rows.targets.map((t) => t.idempotencyKey)).size).toBe(rows.targets.length);
      expect(rows.channelMetrics).toHaveLength(90 * 8);
    }
  });
});

describe("workspace pages render from the seeded data", () => {
  const PAGES = [
    { key: "manager", login: "manager", page: () => import("@/app/(portal)/manager/page"), loading: () => import("@/app/(portal)/manager/loading") },
    { key: "community", login: "community", page: () => import("@/app/(portal)/community/page"), loading: () => import("@/app/(portal)/community/loading") },
    { key: "studio", login: "creator", page: () => import("@/app/(portal)/studio/page"), loading: () => import("@/app/(portal)/studio/loading") },
    { key: "pr", login: "pr", page: () => import("@/app/(portal)/pr/page"), loading: () => import("@/app/(portal)/pr/loading") },
    { key: "legal", login: "legal", page: () => import("@/app/(portal)/legal/(queue)/page"), loading: () => import("@/app/(portal)/legal/(queue)/loading") },
    { key: "analytics", login: "analyst", page: () => import("@/app/(portal)/analytics/page"), loading: () => import("@/app/(portal)/analytics/loading") },
    { key: "ads", login: "adops", page: () => import("@/app/(portal)/ads/page"), loading: () => import("@/app/(portal)/ads/loading") },
  ] as const;

  for (const p of PAGES) {
    for (const locale of ["ja", "en"] as const) {
      it(`${p.key} (${locale}): every string from messages, one h1, tables with scoped headers`, async () => {
        const messages = JSON.parse(fs.readFileSync(path.resolve("messages", locale, `${p.key}.json`), "utf8"));
        const viewer = demo[p.login as keyof typeof demo];
        const html = await renderPage((await p.page()).default, viewer, locale);
        expect(html).toMatch(new RegExp(`<h1[^>]*>${messages.title}</h1>`));
        expect(html.match(/<h1[ >]/g)).toHaveLength(1);
        expect(html).toMatch(/<h2 /);
        expect(html).not.toMatch(/undefined|NaN|\[object Object\]|(manager|community|studio|pr|legal|analytics|ads|common)\.[a-zA-Z]+\.[a-zA-Z]/);
        for (const th of html.match(/<th[ >][^>]*>/g) ?? []) expect(th).toMatch(/scope="(col|row)"/);
        const loading = await renderPage((await p.loading()).default, viewer, locale);
        expect(loading).toContain('role="status"');
      });
    }
  }

  it("the analytics page shows no inbox text or handle, the community page does", async () => {
    const inbound = await q<{ text: string; author_handle: string | null }>(sql`select text, author_handle from inbox_items`);
    const analytics = await renderPage((await import("@/app/(portal)/analytics/page")).default, demo.analyst, "ja");
    for (const i of inbound) {
      expect(analytics.includes(i.text.slice(0, 30).replace(/&/g, "&amp;"))).toBe(false);
      if (i.author_handle) expect(analytics.includes(i.author_handle)).toBe(false);
    }
    const community = await renderPage((await import("@/app/(portal)/community/page")).default, demo.community, "ja");
    expect(community).toContain("異物");
  });
});
