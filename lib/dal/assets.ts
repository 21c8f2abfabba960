import "server-only";
import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, ilike, inArray, isNotNull, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { assets, brands, postRevisions, posts, users } from "@/db/schema";
import { AppError, type FieldErrors } from "@/lib/errors";
import { formatOfMime, inspectMedia, type MediaFormat } from "@/lib/domain/media";
import { ASSET_LIMITS, ASSET_SOURCES, assetMetadataIssues, dayIn, endOfDayIn } from "@/lib/domain/asset-metadata";
import { newStorageKeys, removeFiles, writeFiles } from "@/lib/assets/storage";
import { makeThumbnail, UndecodableImageError } from "@/lib/assets/thumbnail";
import { recordAudit } from "./audit";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * The asset library (DESIGN.md §5 content.assets): upload, list, metadata, archive, and the
 * files themselves for the authorised route.
 *
 * Decisions:
 * - Visibility: asset.read holders see every asset of every brand (like post.read: the team works
 *   across brands); without asset.read, FORBIDDEN. An unknown id is NOT_FOUND.
 * - Upload, metadata edits and archiving need asset.upload (creators). The library is the team's:
 *   any creator may correct another's metadata; every change is audited with before/after.
 * - An upload is checked completely (lib/domain/media.ts: magic bytes, extension, headers, limits,
 *   polyglots; then the thumbnail is decoded with the pixel limit) before anything is written. The
 *   files are written first, under new random names, and removed again if the row's transaction
 *   fails: bad input leaves neither a row nor a file.
 * - The same bytes already in the brand's library (and not archived) are CONFLICT duplicate_asset.
 * - Assets are never deleted: revisions and publications point at them. Archived ones leave the
 *   picker and the default library view, and still show where they are used.
 */

const SUBJECT = "asset";

export const ASSET_ERRORS = {
  invalidInput: "invalid_input",
  unknownBrand: "unknown_brand",
  duplicate: "duplicate_asset",
  undecodable: "undecodable",
  noFile: "file_required",
} as const;

export type AssetDto = {
  id: string;
  brandId: string | null;
  brandName: string | null;
  kind: "image" | "video";
  format: MediaFormat | null;
  mimeType: string;
  originalName: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  source: (typeof ASSET_SOURCES)[number];
  licence: string | null;
  licenceExpiresAt: Date | null;
  hasLikeness: boolean;
  uploadedByName: string | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  hasThumbnail: boolean;
  fileUrl: string;
  thumbnailUrl: string | null;
};

const columns = {
  id: assets.id,
  brandId: assets.brandId,
  brandName: brands.name,
  kind: assets.kind,
  mimeType: assets.mimeType,
  originalName: assets.originalName,
  sizeBytes: assets.sizeBytes,
  width: assets.width,
  height: assets.height,
  durationMs: assets.durationMs,
  source: assets.source,
  licence: assets.licence,
  licenceExpiresAt: assets.licenceExpiresAt,
  hasLikeness: assets.hasLikeness,
  uploadedByName: users.name,
  createdAt: assets.createdAt,
  updatedAt: assets.updatedAt,
  archivedAt: assets.archivedAt,
  thumbnailKey: assets.thumbnailKey,
};

function toDto(r: Row): AssetDto {
  const { thumbnailKey, ...rest } = r;
  return {
    ...rest,
    format: formatOfMime(r.mimeType),
    hasThumbnail: !!thumbnailKey,
    fileUrl: `/api/assets/${r.id}/file`,
    thumbnailUrl: thumbnailKey ? `/api/assets/${r.id}/thumbnail` : null,
  };
}

function baseQuery() {
  return db.select(columns).from(assets).leftJoin(brands, eq(brands.id, assets.brandId)).leftJoin(users, eq(users.id, assets.uploadedById));
}
type Row = Awaited<ReturnType<typeof baseQuery>>[number];

const idSchema = z.uuid();

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fieldErrors: FieldErrors = {};
  for (const issue of r.error.issues) (fieldErrors[issue.path.map(String).join(".") || "_"] ??= []).push(issue.message);
  throw new AppError("VALIDATION", ASSET_ERRORS.invalidInput, fieldErrors);
}

// ── reads ──

/** Days ahead within which a licence counts as "expiring soon" in the library filter. */
export const EXPIRING_DAYS = 30;
export const ASSET_PAGE_SIZE = 48;

export const listAssetsSchema = z.strictObject({
  brandId: idSchema.optional(),
  kind: z.enum(["image", "video"]).optional(),
  source: z.enum(ASSET_SOURCES).optional(),
  /** expiring: licence ends within EXPIRING_DAYS or has ended; archived: only archived ones. */
  status: z.enum(["active", "expiring", "archived"]).optional(),
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type ListAssetsInput = z.input<typeof listAssetsSchema>;

/** asset.read — the library, newest first, filtered; not archived unless status=archived. */
export async function listAssets(viewer: Viewer, input: ListAssetsInput = {}): Promise<{ items: AssetDto[]; total: number; page: number; pageSize: number }> {
  authorize(viewer, "asset.read");
  const f = parse(listAssetsSchema, input);
  const where: SQL[] = [];
  if (f.brandId) where.push(eq(assets.brandId, f.brandId));
  if (f.kind) where.push(eq(assets.kind, f.kind));
  if (f.source) where.push(eq(assets.source, f.source));
  if (f.status === "archived") where.push(isNotNull(assets.archivedAt));
  else where.push(isNull(assets.archivedAt));
  if (f.status === "expiring") where.push(isNotNull(assets.licenceExpiresAt), lte(assets.licenceExpiresAt, sql`now() + make_interval(days => ${EXPIRING_DAYS})`));
  if (f.q) where.push(or(ilike(assets.originalName, `%${escapeLike(f.q)}%`), ilike(assets.licence, `%${escapeLike(f.q)}%`))!);
  const page = f.page ?? 1;
  const cond = and(...where);
  const [rows, [total]] = await Promise.all([
    baseQuery()
      .where(cond)
      .orderBy(f.status === "expiring" ? asc(assets.licenceExpiresAt) : desc(assets.createdAt), desc(assets.id))
      .limit(ASSET_PAGE_SIZE)
      .offset((page - 1) * ASSET_PAGE_SIZE),
    db.select({ n: count() }).from(assets).where(cond),
  ]);
  return { items: rows.map(toDto), total: total?.n ?? 0, page, pageSize: ASSET_PAGE_SIZE };
}

function escapeLike(s: string) {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** asset.read — the assets one may attach now (not archived), newest first, for the editor's media picker. */
export async function listAssetsForPicker(viewer: Viewer): Promise<AssetDto[]> {
  authorize(viewer, "asset.read");
  const rows = await baseQuery().where(isNull(assets.archivedAt)).orderBy(desc(assets.createdAt)).limit(500);
  return rows.map(toDto);
}

/** asset.read — these assets (archived ones too: a revision may use them), in no particular order; unknown ids are left out. */
export async function getAssetsByIds(viewer: Viewer, ids: readonly string[]): Promise<AssetDto[]> {
  authorize(viewer, "asset.read");
  const valid = [...new Set(ids)].filter((id) => idSchema.safeParse(id).success);
  if (valid.length === 0) return [];
  const rows = await baseQuery().where(inArray(assets.id, valid));
  return rows.map(toDto);
}

export type AssetUsageDto = { postId: string; title: string; state: string };

/** asset.read — one asset and the posts whose current revision uses it. */
export async function getAsset(viewer: Viewer, id: string): Promise<AssetDto & { usedBy: AssetUsageDto[] }> {
  authorize(viewer, "asset.read");
  const assetId = parse(z.strictObject({ id: idSchema }), { id }).id;
  const [row] = await baseQuery().where(eq(assets.id, assetId)).limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  const usedBy = await db
    .select({ postId: posts.id, title: posts.title, state: posts.state })
    .from(posts)
    .innerJoin(postRevisions, eq(postRevisions.id, posts.currentRevisionId))
    .where(sql`jsonb_path_exists(${postRevisions.content}, '$.variants[*].mediaAssetIds[*] ? (@ == $id)', jsonb_build_object('id', ${assetId}::text))`)
    .orderBy(desc(posts.updatedAt))
    .limit(50);
  return { ...toDto(row), usedBy };
}

/** asset.read — what the file route streams: the stored key and the type decided at upload. */
export async function getAssetFile(
  viewer: Viewer,
  id: string,
  variant: "original" | "thumbnail",
): Promise<{ key: string; mimeType: string; ext: string; etag: string; id: string; originalName: string }> {
  authorize(viewer, "asset.read");
  const assetId = parse(z.strictObject({ id: idSchema }), { id }).id;
  const [row] = await db
    .select({ storageKey: assets.storageKey, thumbnailKey: assets.thumbnailKey, mimeType: assets.mimeType, sha256: assets.sha256, originalName: assets.originalName })
    .from(assets)
    .where(eq(assets.id, assetId))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  if (variant === "thumbnail") {
    if (!row.thumbnailKey) throw new AppError("NOT_FOUND");
    return { id: assetId, key: row.thumbnailKey, mimeType: "image/webp", ext: "webp", etag: `"t-${(row.sha256 ?? assetId).slice(0, 32)}"`, originalName: row.originalName };
  }
  const format = formatOfMime(row.mimeType);
  if (!format) throw new AppError("NOT_FOUND");
  return { id: assetId, key: row.storageKey, mimeType: row.mimeType, ext: row.storageKey.split(".").pop() ?? "bin", etag: `"${(row.sha256 ?? assetId).slice(0, 32)}"`, originalName: row.originalName };
}

/**
 * No viewer: for GET /api/media/<id>, whose caller (a network fetching the media of a post we are
 * publishing) proved itself with a signed, expiring link for exactly this asset (lib/channels/media-link.ts).
 */
export async function getAssetFileForSignedLink(id: string): Promise<{ key: string; mimeType: string; ext: string; etag: string; id: string; originalName: string }> {
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select({ storageKey: assets.storageKey, mimeType: assets.mimeType, sha256: assets.sha256, originalName: assets.originalName })
    .from(assets)
    .where(eq(assets.id, parsed.data))
    .limit(1);
  if (!row || !formatOfMime(row.mimeType)) throw new AppError("NOT_FOUND");
  return { id: parsed.data, key: row.storageKey, mimeType: row.mimeType, ext: row.storageKey.split(".").pop() ?? "bin", etag: `"${(row.sha256 ?? parsed.data).slice(0, 32)}"`, originalName: row.originalName };
}

// ── writes ──

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .nullable()
    .transform((v) => (v && v.trim() ? v.trim() : null));

const metadataShape = {
  brandId: idSchema,
  source: z.enum(ASSET_SOURCES),
  licence: optionalText(ASSET_LIMITS.licenceMax),
  /** A calendar day (YYYY-MM-DD) in the viewer's time zone, or empty. */
  licenceExpiresOn: optionalText(10),
  hasLikeness: z.boolean(),
};

export const uploadAssetSchema = z.strictObject({
  ...metadataShape,
  file: z.strictObject({
    name: z.string().min(1).max(ASSET_LIMITS.nameMax * 4),
    type: z.string().max(200),
    bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, "bytes_required"),
  }),
});
export type UploadAssetInput = z.input<typeof uploadAssetSchema>;

export const updateAssetSchema = z.strictObject({ id: idSchema, ...metadataShape });
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

export const archiveAssetSchema = z.strictObject({ id: idSchema, archived: z.boolean() });
export type ArchiveAssetInput = z.input<typeof archiveAssetSchema>;

function metadataErrors(viewer: Viewer, m: { source: (typeof ASSET_SOURCES)[number]; licence: string | null; hasLikeness: boolean; licenceExpiresOn: string | null }, checkPast: boolean) {
  const issues = assetMetadataIssues(m, checkPast ? dayIn(new Date(), viewer.timeZone) : "0000-00-00");
  const keys = Object.keys(issues) as (keyof typeof issues)[];
  if (keys.length) throw new AppError("VALIDATION", ASSET_ERRORS.invalidInput, Object.fromEntries(keys.map((k) => [k, [issues[k]!]])));
}

async function requireBrand(brandId: string, tx: Pick<typeof db, "select"> = db) {
  const [b] = await tx.select({ id: brands.id }).from(brands).where(eq(brands.id, brandId)).limit(1);
  if (!b) throw new AppError("VALIDATION", ASSET_ERRORS.unknownBrand, { brandId: [ASSET_ERRORS.unknownBrand] });
}

/** A display name: the last path segment, control characters removed, at most nameMax characters. */
function displayName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return Array.from(clean || "file").slice(0, ASSET_LIMITS.nameMax).join("");
}

/**
 * asset.upload — checks the bytes (lib/domain/media.ts) and the rights metadata, makes the thumbnail,
 * writes both files under new random names, then inserts the row and the audit event in one
 * transaction (removing the files if that fails). VALIDATION carries the rejection reason on `file`.
 */
export async function uploadAsset(viewer: Viewer, input: UploadAssetInput): Promise<AssetDto> {
  authorize(viewer, "asset.upload");
  const data = parse(uploadAssetSchema, input);
  metadataErrors(viewer, data, true);
  const inspected = inspectMedia(data.file.bytes, { fileName: data.file.name, declaredType: data.file.type });
  if (!inspected.ok) throw new AppError("VALIDATION", inspected.reason, { file: [inspected.reason] });
  await requireBrand(data.brandId);

  const sha256 = createHash("sha256").update(data.file.bytes).digest("hex");
  const [dup] = await db
    .select({ id: assets.id })
    .from(assets)
    .where(and(eq(assets.sha256, sha256), eq(assets.brandId, data.brandId), isNull(assets.archivedAt)))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", ASSET_ERRORS.duplicate, { file: [ASSET_ERRORS.duplicate] });

  let thumb: Uint8Array;
  try {
    thumb = await makeThumbnail(data.file.bytes, inspected);
  } catch (e) {
    if (e instanceof UndecodableImageError) throw new AppError("VALIDATION", ASSET_ERRORS.undecodable, { file: [ASSET_ERRORS.undecodable] });
    throw e;
  }

  const { key, thumbKey } = newStorageKeys(inspected.ext);
  await writeFiles([
    { key, bytes: data.file.bytes },
    { key: thumbKey, bytes: thumb },
  ]);
  const licenceExpiresAt = data.licenceExpiresOn ? endOfDayIn(data.licenceExpiresOn, viewer.timeZone) : null;
  const originalName = displayName(data.file.name);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(assets)
        .values({
          brandId: data.brandId,
          kind: inspected.kind,
          storageKey: key,
          thumbnailKey: thumbKey,
          originalName,
          mimeType: inspected.mime,
          sizeBytes: data.file.bytes.length,
          sha256,
          width: inspected.width,
          height: inspected.height,
          durationMs: inspected.durationMs,
          source: data.source,
          licence: data.licence,
          licenceExpiresAt,
          hasLikeness: data.hasLikeness,
          uploadedById: viewer.id,
        })
        .returning({ id: assets.id });
      const assetId = row!.id;
      await recordAudit(tx, {
        actor: actorOf(viewer),
        action: "asset.uploaded",
        subjectType: SUBJECT,
        subjectId: assetId,
        data: {
          brandId: data.brandId,
          kind: inspected.kind,
          mimeType: inspected.mime,
          sizeBytes: data.file.bytes.length,
          sha256,
          width: inspected.width,
          height: inspected.height,
          durationMs: inspected.durationMs,
          originalName,
          source: data.source,
          licence: data.licence,
          licenceExpiresAt: licenceExpiresAt?.toISOString() ?? null,
          hasLikeness: data.hasLikeness,
        },
        requestId: viewer.requestId,
      });
      return assetId;
    });
    const [created] = await baseQuery().where(eq(assets.id, id)).limit(1);
    return toDto(created!);
  } catch (e) {
    await removeFiles([key, thumbKey]);
    throw e;
  }
}

/** asset.upload — corrects an asset's brand and rights metadata; audited with what changed (before → after). */
export async function updateAsset(viewer: Viewer, input: UpdateAssetInput): Promise<AssetDto> {
  authorize(viewer, "asset.upload");
  const data = parse(updateAssetSchema, input);
  return db.transaction(async (tx) => {
    const [cur] = await tx
      .select({ brandId: assets.brandId, source: assets.source, licence: assets.licence, licenceExpiresAt: assets.licenceExpiresAt, hasLikeness: assets.hasLikeness })
      .from(assets)
      .where(eq(assets.id, data.id))
      .for("update")
      .limit(1);
    if (!cur) throw new AppError("NOT_FOUND");
    const licenceExpiresAt = data.licenceExpiresOn ? endOfDayIn(data.licenceExpiresOn, viewer.timeZone) : null;
    const expiryChanged = (licenceExpiresAt?.getTime() ?? null) !== (cur.licenceExpiresAt?.getTime() ?? null);
    metadataErrors(viewer, data, expiryChanged);
    if (data.brandId !== cur.brandId) await requireBrand(data.brandId, tx);
    const next = { brandId: data.brandId, source: data.source, licence: data.licence, licenceExpiresAt, hasLikeness: data.hasLikeness };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const k of Object.keys(next) as (keyof typeof next)[]) {
      const a = cur[k] instanceof Date ? (cur[k] as Date).toISOString() : cur[k];
      const b = next[k] instanceof Date ? (next[k] as Date).toISOString() : next[k];
      if (a !== b) changes[k] = { from: a, to: b };
    }
    if (Object.keys(changes).length > 0) {
      await tx.update(assets).set({ ...next, updatedAt: new Date() }).where(eq(assets.id, data.id));
      await recordAudit(tx, { actor: actorOf(viewer), action: "asset.updated", subjectType: SUBJECT, subjectId: data.id, data: { changes }, requestId: viewer.requestId });
    }
    const [row] = await tx
      .select(columns)
      .from(assets)
      .leftJoin(brands, eq(brands.id, assets.brandId))
      .leftJoin(users, eq(users.id, assets.uploadedById))
      .where(eq(assets.id, data.id))
      .limit(1);
    return toDto(row!);
  });
}

/** asset.upload — archives (or restores) an asset: it leaves (or returns to) the picker; posts that use it keep it. Audited. */
export async function setAssetArchived(viewer: Viewer, input: ArchiveAssetInput): Promise<{ id: string; archivedAt: Date | null }> {
  authorize(viewer, "asset.upload");
  const data = parse(archiveAssetSchema, input);
  return db.transaction(async (tx) => {
    const [cur] = await tx.select({ archivedAt: assets.archivedAt }).from(assets).where(eq(assets.id, data.id)).for("update").limit(1);
    if (!cur) throw new AppError("NOT_FOUND");
    if (!!cur.archivedAt === data.archived) return { id: data.id, archivedAt: cur.archivedAt };
    const archivedAt = data.archived ? new Date() : null;
    await tx.update(assets).set({ archivedAt, updatedAt: new Date() }).where(eq(assets.id, data.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: data.archived ? "asset.archived" : "asset.restored",
      subjectType: SUBJECT,
      subjectId: data.id,
      requestId: viewer.requestId,
    });
    return { id: data.id, archivedAt };
  });
}

/** Counts for the library header: active, expiring soon (or expired), archived. asset.read. */
export async function assetLibraryCounts(viewer: Viewer): Promise<{ active: number; expiring: number; archived: number }> {
  authorize(viewer, "asset.read");
  const [r] = await db
    .select({
      active: sql<number>`count(*) filter (where ${assets.archivedAt} is null)::int`,
      expiring: sql<number>`count(*) filter (where ${assets.archivedAt} is null and ${assets.licenceExpiresAt} <= now() + make_interval(days => ${EXPIRING_DAYS}))::int`,
      archived: sql<number>`count(*) filter (where ${assets.archivedAt} is not null)::int`,
    })
    .from(assets);
  return r ?? { active: 0, expiring: 0, archived: 0 };
}

/** asset.read — the brands, for the library's filter and the upload form. */
export async function listAssetBrands(viewer: Viewer): Promise<{ id: string; name: string }[]> {
  authorize(viewer, "asset.read");
  return db.select({ id: brands.id, name: brands.name }).from(brands).orderBy(asc(brands.name));
}
