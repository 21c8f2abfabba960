import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { assets, brandRules, posts, riskLexicon } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { runChecksForPost, type PostChecksResult, type VariantMedia } from "@/lib/domain/checks";
import { formatOfMime } from "@/lib/domain/media";
import type { BrandRule } from "@/lib/domain/brand-rules";
import type { RiskTerm } from "@/lib/domain/risk";
import type { Platform } from "@/lib/domain/text-length";
import type { ReasonCode } from "@/lib/domain/workflow";
import type { Viewer } from "./viewer";

/*
 * Internal helpers of the posts DAL (lib/dal/posts.ts). Nothing here checks a permission: the
 * exported functions of posts.ts do that first, then call these.
 */

/** Upper bounds: generous for any network (the checks enforce the real limits), small enough to refuse abuse. */
export const POST_LIMITS = { titleMax: 200, textMax: 10_000, variantsMax: 12, mediaMax: 20, reasonMax: 2_000 } as const;

/** Stable message keys (the UI translates them); never user input. */
export const POST_ERRORS = {
  invalidInput: "invalid_input",
  unknownBrand: "unknown_brand",
  channelNotInBrand: "channel_not_in_brand",
  duplicateChannel: "duplicate_channel",
  unknownAsset: "unknown_asset",
  checksBlocking: "checks_blocking",
  staleRevision: "stale_revision",
  notAuthor: "not_author",
} as const;

const idSchema = z.uuid();
const textSchema = z.string().max(POST_LIMITS.textMax);
const variantSchema = z.strictObject({
  channelId: idSchema,
  text: textSchema,
  mediaAssetIds: z.array(idSchema).max(POST_LIMITS.mediaMax).optional(),
});
const variantsSchema = z
  .array(variantSchema)
  .min(1)
  .max(POST_LIMITS.variantsMax)
  .superRefine((vs, ctx) => {
    const seen = new Set<string>();
    vs.forEach((v, i) => {
      if (seen.has(v.channelId)) ctx.addIssue({ code: "custom", message: POST_ERRORS.duplicateChannel, path: [i, "channelId"] });
      seen.add(v.channelId);
    });
  });
const titleSchema = z.string().trim().min(1).max(POST_LIMITS.titleMax);

export const createDraftSchema = z.strictObject({
  brandId: idSchema,
  title: titleSchema,
  isCommercial: z.boolean(),
  variants: variantsSchema,
});
export type CreateDraftInput = z.input<typeof createDraftSchema>;

export const saveRevisionSchema = z.strictObject({
  postId: idSchema,
  expectedRevisionId: idSchema,
  title: titleSchema.optional(),
  isCommercial: z.boolean().optional(),
  variants: variantsSchema,
});
export type SaveRevisionInput = z.input<typeof saveRevisionSchema>;

export const submitSchema = z.strictObject({ postId: idSchema, revisionId: idSchema });
export type SubmitForReviewInput = z.input<typeof submitSchema>;

export const decideStageSchema = z.strictObject({
  postId: idSchema,
  revisionId: idSchema,
  stage: z.enum(["pr", "legal", "final"]),
  decision: z.enum(["approved", "changes_requested", "rejected"]),
  reason: z.string().max(POST_LIMITS.reasonMax).optional(),
});
export type DecideStageInput = z.input<typeof decideStageSchema>;

export const revisionDiffSchema = z.strictObject({ postId: idSchema, fromRevisionId: idSchema, toRevisionId: idSchema });
export type RevisionDiffInput = z.input<typeof revisionDiffSchema>;

/** Parses at the DAL boundary; anything malformed is VALIDATION with per-field messages and nothing persisted. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const key = issue.path.map(String).join(".") || "_";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  throw new AppError("VALIDATION", POST_ERRORS.invalidInput, fieldErrors);
}

export function parseId(id: unknown, field = "postId"): string {
  return parseInput(z.strictObject({ [field]: idSchema }), { [field]: id })[field] as string;
}

/** What a revision stores: the text per channel plus isCommercial (it decides disclosure and Legal, so reviewers approve it too). */
export type RevisionVariant = { channelId: string; platform: Platform; text: string; mediaAssetIds: string[] };
export type RevisionContent = { isCommercial: boolean; variants: RevisionVariant[] };

export function contentHashOf(content: RevisionContent): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex");
}

/** Reads stored jsonb defensively (older or hand-written rows): never trust its shape. */
export function readContent(raw: unknown): RevisionContent {
  const obj = (raw ?? {}) as { isCommercial?: unknown; variants?: unknown };
  const variants = Array.isArray(obj.variants) ? obj.variants : [];
  return {
    isCommercial: obj.isCommercial === true,
    variants: variants.map((v: Record<string, unknown>) => ({
      channelId: String(v.channelId ?? ""),
      platform: String(v.platform ?? "x") as Platform,
      text: typeof v.text === "string" ? v.text : "",
      mediaAssetIds: Array.isArray(v.mediaAssetIds) ? v.mediaAssetIds.map(String) : [],
    })),
  };
}

/**
 * Who sees which posts (the one place this is decided): post.read holders see every post of every
 * brand (the team reviews across brands for now); anyone else only posts they authored.
 */
export function visiblePosts(viewer: Viewer, postId: string): SQL {
  return viewer.permissions.has("post.read") ? eq(posts.id, postId) : and(eq(posts.id, postId), eq(posts.authorId, viewer.id))!;
}

export const postLockColumns = {
  id: posts.id,
  brandId: posts.brandId,
  title: posts.title,
  state: posts.state,
  authorId: posts.authorId,
  currentRevisionId: posts.currentRevisionId,
  isCommercial: posts.isCommercial,
  requiresLegal: posts.requiresLegal,
  scheduledAt: posts.scheduledAt,
};

/** The post row, locked for the rest of the transaction (SELECT … FOR UPDATE); NOT_FOUND if not visible. */
export async function lockVisiblePost(tx: Tx, viewer: Viewer, postId: string) {
  const [row] = await tx.select(postLockColumns).from(posts).where(visiblePosts(viewer, postId)).for("update").limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/** Lexicon and the brand's rules (global + brand) as the checks need them, read from the database now. */
export async function loadCheckContext(tx: Tx, brandId: string): Promise<{ lexicon: RiskTerm[]; rules: BrandRule[] }> {
  const [lexicon, rules] = await Promise.all([
    tx
      .select({ id: riskLexicon.id, term: riskLexicon.term, lang: riskLexicon.lang, category: riskLexicon.category, weight: riskLexicon.weight })
      .from(riskLexicon),
    tx
      .select({
        id: brandRules.id,
        kind: brandRules.kind,
        term: brandRules.term,
        replacement: brandRules.replacement,
        note: brandRules.note,
        brandId: brandRules.brandId,
      })
      .from(brandRules)
      .where(or(isNull(brandRules.brandId), eq(brandRules.brandId, brandId))),
  ]);
  return { lexicon, rules };
}

/**
 * Media of the variants: each asset must exist and belong to the brand (or be brand-less). A
 * non-own source means a third-party asset; hasLikeness a person's likeness (both route to Legal).
 * `strict` refuses unknown ids (on input); reading a stored revision just ignores them.
 */
export async function loadAssetFlags(tx: Tx, brandId: string, variants: readonly { mediaAssetIds?: string[] }[], strict: boolean) {
  const ids = [...new Set(variants.flatMap((v) => v.mediaAssetIds ?? []))];
  const media = new Map<string, VariantMedia>();
  if (ids.length === 0) return { hasThirdPartyAsset: false, hasLikeness: false, media };
  const rows = await tx
    .select({
      id: assets.id,
      source: assets.source,
      hasLikeness: assets.hasLikeness,
      kind: assets.kind,
      mimeType: assets.mimeType,
      sizeBytes: assets.sizeBytes,
      width: assets.width,
      height: assets.height,
      durationMs: assets.durationMs,
      licenceExpiresAt: assets.licenceExpiresAt,
    })
    .from(assets)
    .where(and(inArray(assets.id, ids), or(isNull(assets.brandId), eq(assets.brandId, brandId))));
  if (strict && rows.length !== ids.length) {
    const found = new Set(rows.map((r) => r.id));
    const fieldErrors: FieldErrors = {};
    variants.forEach((v, i) => {
      (v.mediaAssetIds ?? []).forEach((id, j) => {
        if (!found.has(id)) fieldErrors[`variants.${i}.mediaAssetIds.${j}`] = [POST_ERRORS.unknownAsset];
      });
    });
    throw new AppError("VALIDATION", POST_ERRORS.unknownAsset, fieldErrors);
  }
  for (const r of rows) {
    const format = formatOfMime(r.mimeType);
    if (format) media.set(r.id, { id: r.id, kind: r.kind, format, sizeBytes: r.sizeBytes, width: r.width, height: r.height, durationMs: r.durationMs, licenceExpiresAt: r.licenceExpiresAt });
  }
  return { hasThirdPartyAsset: rows.some((r) => r.source !== "own"), hasLikeness: rows.some((r) => r.hasLikeness), media };
}

/** The server-side run of the live checks panel over every variant of a revision. */
export async function checkContent(
  tx: Tx,
  brandId: string,
  content: RevisionContent,
  strictAssets = false,
  /**
   * asReply: the post goes out as a reply to a published post (a correction), which needs no media of its own.
   * slotAt: the planned slot; an asset licence ending before it blocks (without it only an ended licence does).
   */
  opts: { asReply?: boolean; slotAt?: Date | null } = {},
): Promise<PostChecksResult> {
  const [ctx, { media, ...flags }] = await Promise.all([loadCheckContext(tx, brandId), loadAssetFlags(tx, brandId, content.variants, strictAssets)]);
  return runChecksForPost({
    brandId,
    isCommercial: content.isCommercial,
    lexicon: ctx.lexicon,
    rules: ctx.rules,
    ...flags,
    // The network's media rules and the assets' licences, judged now (an id that no longer resolves blocks).
    now: new Date(),
    asReply: opts.asReply,
    slotAt: opts.slotAt ?? null,
    variants: content.variants.map((v) => ({
      platform: v.platform,
      text: v.text,
      media: v.mediaAssetIds.map((id) => media.get(id) ?? { id, missing: true as const }),
    })),
  });
}

/** VALIDATION listing the blocking finding codes per variant. */
export function blockingError(checks: PostChecksResult): AppError {
  const fieldErrors: FieldErrors = {};
  checks.variants.forEach((v, i) => {
    if (v.blocking) fieldErrors[`variants.${i}.text`] = v.blockingFindings.map((f) => f.code);
  });
  return new AppError("VALIDATION", POST_ERRORS.checksBlocking, fieldErrors);
}

/** One mapping from workflow refusals to AppError codes. The message is the reason code (a stable key for the UI). */
export function workflowError(reason: ReasonCode): AppError {
  switch (reason) {
    case "self_approval":
    case "same_reviewer":
      return new AppError("FORBIDDEN", reason);
    case "reason_required":
      return new AppError("VALIDATION", reason, { reason: [reason] });
    case "stage_not_required":
      return new AppError("VALIDATION", reason, { stage: [reason] });
    case "checks_blocking":
    case "no_change":
    case "no_slot":
    case "not_fully_approved":
      return new AppError("VALIDATION", reason);
    // state races and order: the caller's view of the post is out of date
    case "invalid_transition":
    case "stale_revision":
    case "stage_order":
    case "already_decided":
    case "slot_passed":
    case "slot_not_reached":
    case "conditions_unmet":
      return new AppError("CONFLICT", reason);
  }
}
