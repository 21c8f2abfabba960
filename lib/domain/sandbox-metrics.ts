/**
 * The sandbox network's metrics: realistic, deterministic numbers per post and Tokyo day, and
 * follower counts per channel and day. Pure (no IO, no clock): the same inputs always give the
 * same numbers, so a re-pull of a day changes nothing and tests can assert exact values.
 *
 * Model, per post: a lifetime audience (followers × the platform's impressions per follower ×
 * a heavy-tailed "quality" drawn from the post's key), spread over time by an exponential decay
 * whose time constant depends on the platform (X burns out in hours, YouTube over days). A Tokyo
 * day gets the share of the curve between its own midnights, so a post at 23:30 JST earns a
 * sliver on its first day and most of it the next; a weekday factor and ±10 % noise per day.
 * Engagements follow the platform's rate and mix (likes, comments, shares, saves).
 */

const DAY_MS = 86_400_000;
const TOKYO_OFFSET_MS = 9 * 3_600_000;
/** Posts earn metrics for this many days after publishing (day 0 included). */
export const POST_METRIC_DAYS = 30;

export type SandboxPlatform = "x" | "instagram" | "facebook" | "line" | "tiktok" | "youtube";

export type PostDayMetrics = {
  impressions: number;
  reach: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  videoViews: number;
};

type Profile = {
  /** Lifetime impressions per follower for a typical post. */
  impPerFollower: number;
  /** Decay time constant in days. */
  tauDays: number;
  reach: number;
  er: number;
  mix: { likes: number; comments: number; shares: number; saves: number };
  ctr: number;
  /** Share of posts that are videos. */
  video: number;
  /** Weekday factors, Sunday first. */
  week: readonly [number, number, number, number, number, number, number];
};

export const PLATFORM_PROFILES: Record<SandboxPlatform, Profile> = {
  x: { impPerFollower: 0.9, tauDays: 0.35, reach: 0.7, er: 0.016, mix: { likes: 0.68, comments: 0.08, shares: 0.2, saves: 0.04 }, ctr: 0.007, video: 0.15, week: [0.85, 1.05, 1.05, 1.0, 1.0, 1.05, 0.9] },
  instagram: { impPerFollower: 0.55, tauDays: 1.1, reach: 0.78, er: 0.045, mix: { likes: 0.8, comments: 0.05, shares: 0.05, saves: 0.1 }, ctr: 0.003, video: 0.4, week: [1.15, 0.95, 0.95, 0.95, 1.0, 1.0, 1.15] },
  facebook: { impPerFollower: 0.35, tauDays: 0.9, reach: 0.75, er: 0.02, mix: { likes: 0.7, comments: 0.12, shares: 0.16, saves: 0.02 }, ctr: 0.009, video: 0.2, week: [0.9, 1.05, 1.05, 1.05, 1.0, 1.0, 0.9] },
  line: { impPerFollower: 0.8, tauDays: 0.5, reach: 0.85, er: 0.01, mix: { likes: 0.85, comments: 0.05, shares: 0.09, saves: 0.01 }, ctr: 0.02, video: 0.05, week: [1.0, 1.0, 1.0, 1.0, 1.0, 1.05, 1.0] },
  tiktok: { impPerFollower: 1.6, tauDays: 2.2, reach: 0.82, er: 0.06, mix: { likes: 0.82, comments: 0.06, shares: 0.07, saves: 0.05 }, ctr: 0.002, video: 1, week: [1.2, 0.9, 0.9, 0.95, 1.0, 1.05, 1.2] },
  youtube: { impPerFollower: 1.1, tauDays: 4.5, reach: 0.8, er: 0.035, mix: { likes: 0.86, comments: 0.09, shares: 0.04, saves: 0.01 }, ctr: 0.004, video: 1, week: [1.15, 0.95, 0.95, 0.95, 1.0, 1.05, 1.15] },
};

/** FNV-1a, 32 bits. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // A final avalanche (murmur3's fmix) so nearby keys give unrelated numbers.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform number in [0, 1) fixed by the key. */
export function unit(key: string): number {
  return hash32(key) / 4_294_967_296;
}

/** A standard normal fixed by the key (Box–Muller). */
export function normal(key: string): number {
  const u = Math.max(unit(`${key}#a`), 1e-12);
  const v = unit(`${key}#b`);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** The Tokyo calendar day of an instant. */
export function tokyoDayOf(at: Date): string {
  return new Date(at.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** 00:00 JST of a Tokyo day, as an instant. */
export function tokyoMidnight(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - TOKYO_OFFSET_MS;
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Followers of a sandbox channel at the end of a Tokyo day: steady growth, a weekly wave, small noise. */
export function sandboxFollowers(channelKey: string, day: string): number {
  const base = Math.round(3_000 * Math.pow(50, unit(`${channelKey}:base`))); // 3k … 150k, log-uniform
  const growthPerDay = 0.0004 + unit(`${channelKey}:growth`) * 0.0012; // 0.04 % … 0.16 % a day
  const t = daysFrom("2024-01-01", day);
  const wave = Math.sin((t / 7) * 2 * Math.PI) * 0.0008;
  const noise = normal(`${channelKey}:${day}:f`) * 0.0002;
  return Math.max(0, Math.round(base * (1 + growthPerDay * t + wave + noise)));
}

export type SandboxPostInput = {
  /** Stable per post and channel (the network's post id, or the post id). */
  key: string;
  platform: SandboxPlatform;
  publishedAt: Date;
  /** Followers when it went out. */
  audience: number;
  /** Whether it is a video (defaults to a draw from the platform's share). */
  video?: boolean;
};

/** Heavy-tailed quality of a post: lognormal around 1, with a few posts breaking out. */
export function postQuality(key: string): number {
  const q = Math.exp(normal(`${key}:q`) * 0.55);
  return unit(`${key}:viral`) < 0.03 ? q * (4 + unit(`${key}:boost`) * 6) : q;
}

/** The share of a post's lifetime audience that falls in [a, b) (ms since it went out). */
function curveShare(tauDays: number, aMs: number, bMs: number): number {
  const F = (ms: number) => (ms <= 0 ? 0 : 1 - Math.exp(-ms / (tauDays * DAY_MS)));
  return Math.max(0, F(bMs) - F(aMs));
}

/** What a sandbox post earned on one Tokyo day; null before it went out and after its metric window. */
export function sandboxPostDay(input: SandboxPostInput, day: string): PostDayMetrics | null {
  const p = PLATFORM_PROFILES[input.platform];
  const pubMs = input.publishedAt.getTime();
  const pubDay = tokyoDayOf(input.publishedAt);
  const age = daysFrom(pubDay, day);
  if (age < 0 || age >= POST_METRIC_DAYS) return null;
  const start = tokyoMidnight(day);
  const end = start + DAY_MS;
  // The window's last day takes the rest of the curve, so the lifetime total is what the model says.
  const share = age === POST_METRIC_DAYS - 1 ? 1 - curveShare(p.tauDays, 0, start - pubMs) : curveShare(p.tauDays, start - pubMs, end - pubMs);
  const quality = postQuality(input.key);
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  const noise = 1 + normal(`${input.key}:${day}:n`) * 0.1;
  const lifetime = Math.max(0, input.audience) * p.impPerFollower * quality;
  const impressions = Math.max(0, Math.round(lifetime * share * p.week[dow]! * Math.max(0.5, noise)));
  const reach = Math.min(impressions, Math.round(impressions * p.reach * (0.95 + unit(`${input.key}:${day}:r`) * 0.1)));
  const engaged = impressions * p.er * Math.pow(quality, 0.3) * (0.85 + unit(`${input.key}:${day}:e`) * 0.3);
  const video = input.video ?? unit(`${input.key}:video`) < p.video;
  return {
    impressions,
    reach,
    likes: Math.round(engaged * p.mix.likes),
    comments: Math.round(engaged * p.mix.comments),
    shares: Math.round(engaged * p.mix.shares),
    saves: Math.round(engaged * p.mix.saves),
    clicks: Math.round(impressions * p.ctr * (0.8 + unit(`${input.key}:${day}:c`) * 0.4)),
    videoViews: video ? Math.round(impressions * (0.45 + unit(`${input.key}:${day}:v`) * 0.2)) : 0,
  };
}

/** Account-level impressions beyond posts (profile visits, search): a small share of followers. */
export function sandboxProfileImpressions(channelKey: string, day: string, followers: number): number {
  return Math.round(followers * 0.02 * (0.8 + unit(`${channelKey}:${day}:p`) * 0.4));
}
