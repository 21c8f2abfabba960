import { graphBaseUrl } from "../meta";
import { resolveCredential } from "../types";
import { daysFrom, tokyoDayOf, type PostDayMetrics } from "@/lib/domain/sandbox-metrics";
import type { InsightsConnector, InsightsOutcome } from "./types";

/*
 * Meta insights (Graph API), read for one Tokyo day with period=day, since/until = the day's two
 * midnights (JST) as Unix seconds:
 *   Facebook Page   GET /{page-id}/insights?metric=page_follows,page_impressions,page_impressions_unique
 *                   GET /{post-id}/insights?metric=post_impressions,post_impressions_unique,post_clicks,
 *                       post_video_views,post_activity_by_action_type   (like / comment / share counts)
 *   Instagram user  GET /{ig-user-id}/insights?metric=impressions,reach
 *                   GET /{ig-user-id}?fields=followers_count  (the current total: only for today)
 *                   GET /{media-id}/insights?metric=impressions,reach,likes,comments,shares,saved,video_views
 * Tested against scripts/stubs/meta-graph-insights.ts. Errors are classified like the publishing
 * connector's reads: rate limits and 5xx are retryable, tokens/permissions and bad parameters not.
 */

type GraphError = { message?: string; code?: number; error_subcode?: number };
type InsightValue = number | Record<string, number>;
type InsightsBody = { data: { name: string; period: string; values: { value: InsightValue; end_time?: string }[] }[] };
type Failed = Extract<InsightsOutcome, { kind: "failed" }>;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80004]);

async function get<T>(path: string, token: string, params: Record<string, string | number>, signal: AbortSignal): Promise<{ ok: true; body: T } | Failed> {
  const url = new URL(`${graphBaseUrl()}/${path}`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal });
  } catch (e) {
    return { kind: "failed", code: signal.aborted ? "timeout" : "network", message: `Graph: ${(e as Error).message}`, retryable: true };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    return { kind: "failed", code: "network", message: `Graph ${res.status}: unreadable answer`, retryable: true };
  }
  const err = (json as { error?: GraphError } | null)?.error;
  if (res.ok && !err) return { ok: true, body: json as T };
  const code = err?.code ?? 0;
  const message = `Graph ${res.status}${code ? ` code ${code}` : ""}: ${err?.message ?? "error"}`;
  if (RATE_LIMIT_CODES.has(code) || res.status === 429) return { kind: "failed", code: "rate_limited", message, retryable: true };
  if ([102, 190, 10].includes(code) || (code >= 200 && code <= 299) || res.status === 401 || res.status === 403) return { kind: "failed", code: "auth", message, retryable: false };
  // Object gone (deleted on the network): code 100, subcode 33, "does not exist".
  if (code === 100 && (err?.error_subcode === 33 || /does not exist/i.test(err?.message ?? ""))) return { kind: "failed", code: "not_found", message, retryable: false };
  if (code === 100 || (res.status >= 400 && res.status < 500)) return { kind: "failed", code: "invalid", message, retryable: false };
  return { kind: "failed", code: "unavailable", message, retryable: true };
}

/** The value of a metric for the day (the last value in the answer: Graph ends each day at `end_time`). */
function metric(body: InsightsBody, name: string): InsightValue | null {
  const m = body.data.find((d) => d.name === name);
  const v = m?.values.at(-1)?.value;
  return v === undefined ? null : v;
}
const num = (v: InsightValue | null) => (typeof v === "number" ? v : v && typeof v === "object" ? Object.values(v).reduce((a, b) => a + b, 0) : 0);
const part = (v: InsightValue | null, k: string) => (v && typeof v === "object" ? (v[k] ?? 0) : 0);

export const metaInsights: InsightsConnector = {
  kind: "meta",
  async fetchDay(req): Promise<InsightsOutcome> {
    const token = resolveCredential(req.channel.credentialsRef);
    const accountId = req.channel.externalAccountId;
    if (!token || !accountId) return { kind: "failed", code: "config", message: "Meta channel has no account id or no resolvable access token", retryable: false };
    const since = Math.floor((Date.parse(`${req.day}T00:00:00Z`) - 9 * 3_600_000) / 1000);
    const range = { period: "day", since, until: since + 86_400 };
    const platform = req.channel.platform;
    if (platform !== "facebook" && platform !== "instagram") return { kind: "failed", code: "unsupported", message: `Meta insights do not cover ${platform}`, retryable: false };

    const posts: ({ postId: string } & PostDayMetrics)[] = [];
    let account: { followers: number | null; impressions: number; reach: number };
    if (platform === "facebook") {
      const a = await get<InsightsBody>(`${accountId}/insights`, token, { metric: "page_follows,page_impressions,page_impressions_unique", ...range }, req.signal);
      if (!("ok" in a)) return a;
      const f = metric(a.body, "page_follows");
      account = { followers: f === null ? null : num(f), impressions: num(metric(a.body, "page_impressions")), reach: num(metric(a.body, "page_impressions_unique")) };
      for (const p of req.posts) {
        const r = await get<InsightsBody>(
          `${p.externalId}/insights`,
          token,
          { metric: "post_impressions,post_impressions_unique,post_clicks,post_video_views,post_activity_by_action_type", ...range },
          req.signal,
        );
        // A post removed on the network has no insights any more: skip it, keep the others.
        if (!("ok" in r)) {
          if (r.code === "not_found") continue;
          return r;
        }
        const act = metric(r.body, "post_activity_by_action_type");
        posts.push({
          postId: p.postId,
          impressions: num(metric(r.body, "post_impressions")),
          reach: num(metric(r.body, "post_impressions_unique")),
          likes: part(act, "like"),
          comments: part(act, "comment"),
          shares: part(act, "share"),
          saves: 0,
          clicks: num(metric(r.body, "post_clicks")),
          videoViews: num(metric(r.body, "post_video_views")),
        });
      }
    } else {
      const a = await get<InsightsBody>(`${accountId}/insights`, token, { metric: "impressions,reach", ...range }, req.signal);
      if (!("ok" in a)) return a;
      // Instagram reports the follower total only as of now: today's pull records it (the last one
      // of the day is the day's closing figure); yesterday's re-pull and older backfills keep what
      // they have (null here leaves the stored figure alone), so a re-pull never moves a past day.
      const today = tokyoDayOf(req.now ?? new Date());
      let followers: number | null = null;
      if (daysFrom(req.day, today) === 0) {
        const u = await get<{ followers_count?: number }>(accountId, token, { fields: "followers_count" }, req.signal);
        if (!("ok" in u)) return u;
        followers = u.body.followers_count ?? null;
      }
      account = { followers, impressions: num(metric(a.body, "impressions")), reach: num(metric(a.body, "reach")) };
      for (const p of req.posts) {
        const r = await get<InsightsBody>(`${p.externalId}/insights`, token, { metric: "impressions,reach,likes,comments,shares,saved,video_views", ...range }, req.signal);
        if (!("ok" in r)) {
          if (r.code === "not_found") continue;
          return r;
        }
        posts.push({
          postId: p.postId,
          impressions: num(metric(r.body, "impressions")),
          reach: num(metric(r.body, "reach")),
          likes: num(metric(r.body, "likes")),
          comments: num(metric(r.body, "comments")),
          shares: num(metric(r.body, "shares")),
          saves: num(metric(r.body, "saved")),
          clicks: 0,
          videoViews: num(metric(r.body, "video_views")),
        });
      }
    }
    return { kind: "ok", account, posts };
  },
};
