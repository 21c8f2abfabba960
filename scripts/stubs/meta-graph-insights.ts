/**
 * Insights routes of the local Meta Graph stub (scripts/stubs/meta-graph.ts hooks this in):
 *   GET /{page-id}/insights?metric=page_follows,page_impressions,page_impressions_unique&period=day&since&until
 *   GET /{post-id}/insights?metric=post_impressions,post_impressions_unique,post_clicks,post_video_views,post_activity_by_action_type&…
 *   GET /{ig-user-id}/insights?metric=impressions,reach&period=day&since&until
 *   GET /{ig-user-id}?fields=followers_count
 *   GET /{media-id}/insights?metric=impressions,reach,likes,comments,shares,saved,video_views&…
 * Values are deterministic (lib/domain/sandbox-metrics.ts keyed by the object id), so tests can
 * compute what the connector must store. Answers use Graph's envelope: data[] of
 * { name, period, values: [{ value, end_time }], title, id }, one value per day in [since, until).
 * Unknown metrics answer error 100, like the real API.
 */
import { sandboxFollowers, sandboxPostDay, sandboxProfileImpressions, tokyoDayOf, type PostDayMetrics } from "../../lib/domain/sandbox-metrics";

type Answer = { status: number; body?: unknown; error?: [number, string, string?] };

export interface InsightsContext {
  pages: string[];
  igUsers: string[];
  findFbPost(id: string): { id: string; created_time: string } | undefined;
  findIgMedia(id: string): { id: string; owner: string; timestamp: string; media_type: string } | undefined;
  /** Ids of the page's posts / the IG user's media: account impressions include what they earned. */
  postsOf?(owner: string): string[];
}

const PAGE_METRICS = ["page_follows", "page_impressions", "page_impressions_unique"];
const POST_METRICS = ["post_impressions", "post_impressions_unique", "post_clicks", "post_video_views", "post_activity_by_action_type"];
const IG_USER_METRICS = ["impressions", "reach"];
const IG_MEDIA_METRICS = ["impressions", "reach", "likes", "comments", "shares", "saved", "video_views", "total_interactions"];

const DAY_S = 86_400;
const graphTime = (unixS: number) => new Date(unixS * 1000).toISOString().replace(/\.\d{3}Z$/, "+0000");
const parseGraphTime = (s: string) => new Date(s.replace(/\+0000$/, "Z"));

/** The Tokyo days covered by [since, until) (Unix seconds), as (day, end_time) pairs. */
function days(p: Record<string, string>): { day: string; end: string }[] | null {
  const since = Number(p.since);
  const until = Number(p.until);
  if (!Number.isFinite(since) || !Number.isFinite(until) || until <= since || until - since > 93 * DAY_S) return null;
  const out: { day: string; end: string }[] = [];
  for (let t = since; t < until; t += DAY_S) out.push({ day: tokyoDayOf(new Date(t * 1000)), end: graphTime(t + DAY_S) });
  return out;
}

function answer(node: string, p: Record<string, string>, allowed: string[], valueOf: (metric: string, day: string) => number | Record<string, number>): Answer {
  const metrics = (p.metric ?? "").split(",").filter(Boolean);
  if (!metrics.length) return { status: 400, error: [100, "(#100) The parameter metric is required"] };
  const bad = metrics.find((m) => !allowed.includes(m));
  if (bad) return { status: 400, error: [100, `(#100) The value must be a valid insights metric (${bad})`] };
  if ((p.period ?? "day") !== "day") return { status: 400, error: [100, "(#100) Only period=day is supported by this stub"] };
  const span = days(p);
  if (!span) return { status: 400, error: [100, "(#100) since and until must span whole days"] };
  return {
    status: 200,
    body: {
      data: metrics.map((name) => ({
        name,
        period: "day",
        values: span.map(({ day, end }) => ({ value: valueOf(name, day), end_time: end })),
        title: name,
        id: `${node}/insights/${name}/day`,
      })),
      paging: {},
    },
  };
}

/** The Page a post belongs to (Graph ids are "{page-id}_{post-id}"; the demo's older posts may not be). */
function pageOf(ctx: InsightsContext, node: string): string {
  return ctx.pages.find((pg) => ctx.postsOf?.(pg).includes(node)) ?? node.split("_")[0]!;
}

/** What a Page post or an IG media earned on a Tokyo day (the sandbox model keyed by its id), or null. */
function postDay(ctx: InsightsContext, node: string, day: string): PostDayMetrics | null {
  const fb = ctx.findFbPost(node);
  if (fb) {
    const publishedAt = parseGraphTime(fb.created_time);
    return sandboxPostDay({ key: node, platform: "facebook", publishedAt, audience: sandboxFollowers(pageOf(ctx, node), tokyoDayOf(publishedAt)) }, day);
  }
  const ig = ctx.findIgMedia(node);
  if (ig) {
    const publishedAt = parseGraphTime(ig.timestamp);
    const video = ig.media_type === "VIDEO" || ig.media_type === "REELS";
    return sandboxPostDay({ key: node, platform: "instagram", publishedAt, audience: sandboxFollowers(ig.owner, tokyoDayOf(publishedAt)), video }, day);
  }
  return null;
}

/**
 * An account's impressions and reach for a day: its profile's own (search, visits) plus what its
 * posts earned that day — as the sandbox insights connector reports them, so both agree.
 */
function accountDay(ctx: InsightsContext, owner: string, day: string): { impressions: number; reach: number } {
  const profile = sandboxProfileImpressions(owner, day, sandboxFollowers(owner, day));
  let impressions = profile;
  let reach = Math.round(profile * 0.8);
  for (const id of ctx.postsOf?.(owner) ?? []) {
    const d = postDay(ctx, id, day);
    if (d) {
      impressions += d.impressions;
      reach += d.reach;
    }
  }
  return { impressions, reach };
}

/** Answers an insights call, or returns null when the request is not one (the stub then goes on). */
export function handleInsights(method: string, parts: string[], p: Record<string, string>, ctx: InsightsContext): Answer | null {
  const [node, edge] = parts;
  if (method !== "GET" || !node) return null;

  if (!edge && ctx.igUsers.includes(node) && (p.fields ?? "").split(",").includes("followers_count")) {
    return { status: 200, body: { id: node, followers_count: sandboxFollowers(node, tokyoDayOf(new Date())) } };
  }
  if (edge !== "insights") return null;

  if (ctx.pages.includes(node)) {
    return answer(node, p, PAGE_METRICS, (m, day) => {
      if (m === "page_follows") return sandboxFollowers(node, day);
      const acct = accountDay(ctx, node, day);
      return m === "page_impressions" ? acct.impressions : acct.reach;
    });
  }
  if (ctx.igUsers.includes(node)) {
    return answer(node, p, IG_USER_METRICS, (m, day) => {
      const acct = accountDay(ctx, node, day);
      return m === "impressions" ? acct.impressions : acct.reach;
    });
  }
  if (ctx.findFbPost(node)) {
    return answer(node, p, POST_METRICS, (m, day) => {
      const d = postDay(ctx, node, day);
      if (m === "post_activity_by_action_type") return { like: d?.likes ?? 0, comment: d?.comments ?? 0, share: d?.shares ?? 0 };
      if (!d) return 0;
      return m === "post_impressions" ? d.impressions : m === "post_impressions_unique" ? d.reach : m === "post_clicks" ? d.clicks : d.videoViews;
    });
  }
  if (ctx.findIgMedia(node)) {
    return answer(node, p, IG_MEDIA_METRICS, (m, day) => {
      const d = postDay(ctx, node, day);
      if (!d) return 0;
      const map: Record<string, number> = {
        impressions: d.impressions,
        reach: d.reach,
        likes: d.likes,
        comments: d.comments,
        shares: d.shares,
        saved: d.saves,
        video_views: d.videoViews,
        total_interactions: d.likes + d.comments + d.shares + d.saves,
      };
      return map[m] ?? 0;
    });
  }
  return null;
}
