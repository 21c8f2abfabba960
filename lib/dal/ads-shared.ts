import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { adSettings, approvals, postRevisions, posts, postTargets, publications } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { AD_GENDERS, AD_LANGUAGES, AD_OBJECTIVES, BUDGET_TYPES, PACING_KINDS, PREFECTURE_NAMES, flightDays } from "@/lib/domain/ads";
import { checkDisclosure } from "@/lib/domain/disclosure";
import { legalClearance } from "./legal-requests";
import { readContent } from "./posts-shared";

/*
 * What the ads DAL files share: input schemas, error codes, the manager's threshold, and the two
 * checks every launch runs per ad — a boost's revision is the exact approved one, a creative's
 * exact hash is cleared by Legal and labelled as an ad.
 */

export const ADS_ERRORS = {
  invalidInput: "invalid_input",
  flightOrder: "flight_order",
  flightTooLong: "flight_too_long",
  ageOrder: "age_order",
  notEditable: "not_editable",
  notLaunchable: "not_launchable",
  alreadyLaunched: "already_launched",
  noAds: "no_ads",
  budgetApprovalRequired: "budget_approval_required",
  budgetApprovalPending: "budget_approval_pending",
  budgetUnderThreshold: "budget_under_threshold",
  crisisActive: "crisis_active",
  revisionNotApproved: "revision_not_approved",
  creativeNotCleared: "creative_not_cleared",
  disclosureMissing: "disclosure_missing",
  notActive: "not_active",
  notPaused: "not_paused",
  ended: "campaign_ended",
  requestDecided: "request_decided",
  ownRequest: "own_request",
  connector: "connector_failed",
  notSandbox: "not_sandbox",
  flightOver: "flight_over",
  /** The campaign's channel has no ad account for its network (Meta: act_<id>). */
  noAdAccount: "no_ad_account",
  /** The channel's network needs an access token the portal does not have. */
  noAdsCredentials: "no_ads_credentials",
} as const;

export const DEFAULT_THRESHOLD_JPY = 1_000_000;
export const MAX_BUDGET_JPY = 1_000_000_000;
export const MAX_FLIGHT_DAYS = 366;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "invalid_date");
const list = <T extends z.ZodType>(item: T, max: number) => z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(max));
const money = z.coerce.number().int().min(100).max(MAX_BUDGET_JPY);

export const targetingSchema = z
  .strictObject({
    ageMin: z.coerce.number().int().min(13).max(65).default(18),
    ageMax: z.coerce.number().int().min(13).max(65).default(65),
    genders: list(z.enum(AD_GENDERS), 2),
    prefectures: list(z.string().refine((p) => PREFECTURE_NAMES.includes(p), "unknown_prefecture"), 47).transform((ps) => [...new Set(ps)]),
    interests: z.preprocess(
      (v) => (typeof v === "string" ? v.split(/[,、\n]/) : v ?? []),
      z.array(z.string().trim().max(40)).max(25).transform((xs) => [...new Set(xs.filter(Boolean))]),
    ),
    languages: list(z.enum(AD_LANGUAGES), AD_LANGUAGES.length).transform((ls) => [...new Set(ls)]),
  })
  .refine((t) => t.ageMin <= t.ageMax, { message: ADS_ERRORS.ageOrder, path: ["ageMax"] });

const campaignFields = {
  name: z.string().trim().min(1).max(120),
  brandId: z.uuid(),
  channelId: z.uuid(),
  objective: z.enum(AD_OBJECTIVES),
  budgetType: z.enum(BUDGET_TYPES),
  budgetJpy: money,
  startsOn: day,
  endsOn: day,
  pacing: z.enum(PACING_KINDS).default("even"),
  targeting: targetingSchema,
};
const flightRefine = <T extends { startsOn: string; endsOn: string }>(s: z.ZodType<T>) =>
  s
    .refine((c) => c.startsOn <= c.endsOn, { message: ADS_ERRORS.flightOrder, path: ["endsOn"] })
    .refine((c) => flightDays(c.startsOn, c.endsOn) <= MAX_FLIGHT_DAYS, { message: ADS_ERRORS.flightTooLong, path: ["endsOn"] });

export const createCampaignSchema = flightRefine(z.strictObject(campaignFields));
export type CreateCampaignInput = z.input<typeof createCampaignSchema>;

export const updateCampaignSchema = flightRefine(
  z.strictObject({
    campaignId: z.uuid(),
    name: campaignFields.name,
    objective: campaignFields.objective,
    budgetType: campaignFields.budgetType,
    budgetJpy: money,
    startsOn: day,
    endsOn: day,
    pacing: campaignFields.pacing,
    targeting: targetingSchema,
  }),
);
export type UpdateCampaignInput = z.input<typeof updateCampaignSchema>;

export const adSetSchema = z.strictObject({
  campaignId: z.uuid(),
  name: z.string().trim().min(1).max(120),
  dailyBudgetJpy: z.preprocess((v) => (v === "" || v === null ? undefined : v), money.optional()),
  targeting: targetingSchema,
});
export type AdSetInput = z.input<typeof adSetSchema>;

const creativeFields = {
  text: z.string().trim().min(1).max(2_000),
  headline: z.preprocess((v) => (v === "" ? undefined : v), z.string().trim().max(80).optional()),
  linkUrl: z.preprocess((v) => (v === "" ? undefined : v), z.url({ protocol: /^https$/ }).max(500).optional()),
  cta: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["LEARN_MORE", "SHOP_NOW", "SIGN_UP", "BOOK_NOW", "CONTACT_US"]).optional()),
};

export const addAdSchema = z.discriminatedUnion("sourceKind", [
  z.strictObject({ sourceKind: z.literal("boost"), adSetId: z.uuid(), name: z.string().trim().min(1).max(120), postRevisionId: z.uuid() }),
  z.strictObject({ sourceKind: z.literal("creative"), adSetId: z.uuid(), name: z.string().trim().min(1).max(120), ...creativeFields }),
]);
export type AddAdInput = z.input<typeof addAdSchema>;

export const updateCreativeSchema = z.strictObject({ adId: z.uuid(), ...creativeFields });
export type UpdateCreativeInput = z.input<typeof updateCreativeSchema>;

export const campaignIdSchema = z.strictObject({ campaignId: z.uuid() });
export const adIdSchema = z.strictObject({ adId: z.uuid() });
export const requestBudgetSchema = z.strictObject({ campaignId: z.uuid(), note: z.string().trim().max(1_000).optional() });
export const decideBudgetSchema = z.strictObject({ requestId: z.uuid(), decision: z.enum(["approved", "rejected"]), reason: z.string().trim().max(1_000).optional() });
export const thresholdSchema = z.strictObject({ approvalThresholdJpy: z.coerce.number().int().min(0).max(MAX_BUDGET_JPY) });

export const ruleSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("cpa_above"),
    name: z.string().trim().min(1).max(120),
    campaignId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
    limitJpy: z.coerce.number().int().min(1).max(10_000_000),
    days: z.coerce.number().int().min(1).max(14),
    action: z.enum(["pause_ad", "notify"]).default("pause_ad"),
  }),
  z.strictObject({
    kind: z.literal("negative_comments_spike"),
    name: z.string().trim().min(1).max(120),
    campaignId: z.preprocess((v) => (v === "" ? undefined : v), z.uuid().optional()),
    count: z.coerce.number().int().min(1).max(10_000),
    hours: z.coerce.number().int().min(1).max(72),
    action: z.enum(["pause_ad", "notify"]).default("pause_ad"),
  }),
]);
export type RuleInput = z.input<typeof ruleSchema>;
export const toggleRuleSchema = z.strictObject({ ruleId: z.uuid(), enabled: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()) });

export const rangeSchema = z.strictObject({ from: day.optional(), to: day.optional() });

/** Parses at the DAL boundary; malformed input is VALIDATION with field errors and nothing persisted. */
export function parseAds<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of r.error.issues) (fieldErrors[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  throw new AppError("VALIDATION", ADS_ERRORS.invalidInput, fieldErrors);
}

/** The manager's threshold (or the default until they set one). */
export async function readThreshold(tx: Pick<Tx, "select">): Promise<number> {
  const [row] = await tx.select({ v: adSettings.approvalThresholdJpy }).from(adSettings).where(eq(adSettings.id, "default")).limit(1);
  return row?.v ?? DEFAULT_THRESHOLD_JPY;
}

export { creativeSnapshot, type Creative } from "@/lib/domain/ads";

/** The ad-disclosure check on a creative: an ad must say so (「広告」「PR」…) near the start. */
export function creativeDisclosure(text: string) {
  return checkDisclosure({ text, isCommercial: true });
}

/**
 * Whether a revision is the exact approved one of its post: the post is approved or later, the
 * revision is still its current one, and a final approval (not voided) is bound to its hash.
 */
export async function approvedRevision(tx: Pick<Tx, "select">, revisionId: string): Promise<{ ok: true; postId: string; postTitle: string; brandId: string; text: (channelId: string) => string } | { ok: false }> {
  const [row] = await tx
    .select({ postId: posts.id, title: posts.title, brandId: posts.brandId, state: posts.state, current: posts.currentRevisionId, hash: postRevisions.contentHash, content: postRevisions.content })
    .from(postRevisions)
    .innerJoin(posts, eq(posts.id, postRevisions.postId))
    .where(eq(postRevisions.id, revisionId))
    .limit(1);
  if (!row || row.current !== revisionId || !["approved", "scheduled", "publishing", "published"].includes(row.state)) return { ok: false };
  const [fin] = await tx
    .select({ id: approvals.id })
    .from(approvals)
    .where(and(eq(approvals.revisionId, revisionId), eq(approvals.revisionHash, row.hash), eq(approvals.stage, "final"), eq(approvals.decision, "approved"), isNull(approvals.voidedAt)))
    .limit(1);
  if (!fin) return { ok: false };
  const content = readContent(row.content);
  return {
    ok: true,
    postId: row.postId,
    postTitle: row.title,
    brandId: row.brandId,
    text: (channelId) => (content.variants.find((v) => v.channelId === channelId) ?? content.variants[0])?.text ?? "",
  };
}

/** The network's id of the post as published on the channel (what a boost promotes), if it went out there. */
export async function publishedExternalId(tx: Pick<Tx, "select">, postId: string, channelId: string): Promise<string | null> {
  const [row] = await tx
    .select({ externalId: publications.externalId })
    .from(publications)
    .innerJoin(postTargets, eq(postTargets.id, publications.targetId))
    .where(and(eq(postTargets.postId, postId), eq(postTargets.channelId, channelId), inArray(publications.state, ["published"])))
    .limit(1);
  return row?.externalId ?? null;
}

export type AdReadiness = { adId: string; ok: boolean; reason: string | null; clearance: string | null; disclosure: string | null };

/** Whether one ad may run now (boost: exact approved revision; creative: Legal cleared this hash and it is labelled). */
export async function adReadiness(
  tx: Tx,
  ad: { id: string; sourceKind: "boost" | "creative"; postRevisionId: string | null; creativeText: string | null; creativeHash: string | null },
  brandId: string,
): Promise<AdReadiness> {
  if (ad.sourceKind === "boost") {
    if (!ad.postRevisionId) return { adId: ad.id, ok: false, reason: ADS_ERRORS.revisionNotApproved, clearance: null, disclosure: null };
    const r = await approvedRevision(tx, ad.postRevisionId);
    const ok = r.ok && r.brandId === brandId;
    return { adId: ad.id, ok, reason: ok ? null : ADS_ERRORS.revisionNotApproved, clearance: null, disclosure: null };
  }
  const disclosure = creativeDisclosure(ad.creativeText ?? "");
  if (disclosure.status !== "pass") return { adId: ad.id, ok: false, reason: ADS_ERRORS.disclosureMissing, clearance: null, disclosure: disclosure.reason };
  if (!ad.creativeHash) return { adId: ad.id, ok: false, reason: ADS_ERRORS.creativeNotCleared, clearance: "none", disclosure: "pass" };
  const clearance = await legalClearance(tx, "ad_creative", ad.id, ad.creativeHash);
  const ok = clearance === "approved" || clearance === "approved_with_conditions";
  return { adId: ad.id, ok, reason: ok ? null : ADS_ERRORS.creativeNotCleared, clearance, disclosure: "pass" };
}

