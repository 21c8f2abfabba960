/**
 * The asset library DAL (lib/dal/assets.ts) on real PostgreSQL and a real asset directory: upload
 * per role (allowed / FORBIDDEN) with the audit row and the files under generated names; hostile
 * and malformed uploads refused with nothing persisted (no row, no file, no audit); read scoping;
 * metadata edits and archiving audited; the media rules enforced at submit through the posts DAL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { assets } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { getAsset, getAssetFile, getAssetsByIds, listAssets, listAssetsForPicker, setAssetArchived, updateAsset, uploadAsset, type UploadAssetInput } from "@/lib/dal/assets";
import { createDraft, saveRevision, submitForReview } from "@/lib/dal/posts";
import { auditCount, lastAudit, ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";
const DIR = fs.mkdtempSync(path.join(os.tmpdir(), "assets-test-"));
process.env.ASSET_DIR = DIR;

let jpeg: Uint8Array;
let png: Uint8Array;
let wide: Uint8Array;
let seq = 0;

/** A distinct real JPEG each call (the library refuses the same bytes twice in a brand). */
async function freshJpeg(w = 1080, h = 1350): Promise<Uint8Array> {
  seq++;
  const stripe = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="#5a7890"/><rect x="${seq * 7}" y="0" width="${1 + (seq % 50)}" height="${h}" fill="#fff"/><rect x="0" y="${seq * 3}" width="${w}" height="${2 + (seq % 40)}" fill="#123"/></svg>`);
  return new Uint8Array(await sharp(stripe).jpeg().toBuffer());
}

function upload(o: Partial<UploadAssetInput> & { bytes?: Uint8Array; name?: string; type?: string } = {}): UploadAssetInput {
  return {
    brandId: o.brandId ?? BRAND_IDS.cafe,
    source: o.source ?? "own",
    licence: o.licence ?? null,
    licenceExpiresOn: o.licenceExpiresOn ?? null,
    hasLikeness: o.hasLikeness ?? false,
    file: o.file ?? { name: o.name ?? "秋の新作.jpg", type: o.type ?? "image/jpeg", bytes: o.bytes ?? jpeg },
  };
}

function filesOnDisk(): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(path.join(d, e.name));
      else out.push(path.relative(DIR, path.join(d, e.name)));
    }
  };
  walk(DIR);
  return out.sort();
}

async function expectAppError(p: Promise<unknown>, code: AppError["code"], message?: string): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected AppError ${code}`).toBeInstanceOf(AppError);
  expect((err as AppError).code, (err as AppError).message).toBe(code);
  if (message) expect((err as AppError).message).toBe(message);
  return err as AppError;
}

async function assetRows(): Promise<number> {
  const [r] = await db().execute<{ n: number }>(sql`select count(*)::int as n from assets`);
  return r!.n;
}

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
  jpeg = await freshJpeg();
  png = new Uint8Array(await sharp({ create: { width: 400, height: 300, channels: 4, background: "#be185d" } }).png().toBuffer());
  wide = await freshJpeg(1920, 1080);
});

afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describe("uploadAsset", () => {
  it.each(WHO)("%s: allowed only with asset.upload", async (who) => {
    const bytes = await freshJpeg();
    const before = await auditCount("asset.uploaded");
    const p = uploadAsset(V[who], upload({ bytes }));
    if (who !== "none" && roleHas(who, "asset.upload")) {
      const a = await p;
      expect(a).toMatchObject({ kind: "image", format: "jpeg", mimeType: "image/jpeg", width: 1080, height: 1350, source: "own", originalName: "秋の新作.jpg" });
      const row = await lastAudit();
      expect(row).toMatchObject({ action: "asset.uploaded", actorId: V[who].id, subjectType: "asset", subjectId: a.id, requestId: V[who].requestId });
      expect(row!.data).toMatchObject({ brandId: BRAND_IDS.cafe, sizeBytes: bytes.length, mimeType: "image/jpeg" });
    } else {
      await expectAppError(p, "FORBIDDEN");
      expect(await auditCount("asset.uploaded")).toBe(before);
    }
  });

  it("stores the file and a WebP thumbnail under generated names (never the uploader's name), with size, hash and dimensions from the bytes", async () => {
    const bytes = await freshJpeg(2000, 1500);
    const a = await uploadAsset(V.content_creator, upload({ bytes, name: "../../etc/passwd.jpg" }));
    const [row] = await db().select().from(assets).where(eq(assets.id, a.id));
    expect(row!.storageKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
    expect(row!.thumbnailKey).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}\.thumb\.webp$/);
    expect(row!.originalName).toBe("passwd.jpg");
    expect(row!.sizeBytes).toBe(bytes.length);
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.compare(fs.readFileSync(path.join(DIR, row!.storageKey)), Buffer.from(bytes))).toBe(0);
    const thumb = await sharp(fs.readFileSync(path.join(DIR, row!.thumbnailKey!))).metadata();
    expect(thumb).toMatchObject({ format: "webp", width: 480, height: 360 });
    expect(filesOnDisk().some((f) => f.includes("passwd"))).toBe(false);
  });

  it("a video gets its duration and a poster placeholder", async () => {
    const bytes = new Uint8Array(fs.readFileSync("tests/fixtures/media/tiny.mp4"));
    const a = await uploadAsset(V.content_creator, upload({ bytes, name: "clip.mp4", type: "video/mp4" }));
    expect(a).toMatchObject({ kind: "video", format: "mp4", width: 64, height: 48, durationMs: 1000, hasThumbnail: true });
  });

  it("rights metadata: the licence's last day in the uploader's time zone; third-party sources and likeness kept", async () => {
    const a = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg(), source: "licensed", licence: "ストックフォト 標準ライセンス", licenceExpiresOn: "2099-03-31", hasLikeness: true }));
    expect(a.licenceExpiresAt?.toISOString()).toBe("2099-03-31T14:59:59.999Z"); // 23:59:59.999 in Tokyo
    expect(a).toMatchObject({ source: "licensed", licence: "ストックフォト 標準ライセンス", hasLikeness: true });
  });

  it("refuses hostile and malformed uploads with VALIDATION and persists nothing: no row, no file, no audit", async () => {
    const rows = await assetRows();
    const files = filesOnDisk();
    const audits = await auditCount();
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
    const polyglot = new Uint8Array([...png, ...new TextEncoder().encode("<script>alert(1)</script>")]);
    const bomb = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0xc3, 0x50, 0xc3, 0x50, 1, 1, 0x11, 0, 0xff, 0xd9]);
    const cases: [UploadAssetInput, string, string][] = [
      [upload({ bytes: svg, name: "logo.svg", type: "image/svg+xml" }), "file", "markup"],
      [upload({ bytes: html, name: "a.jpg" }), "file", "markup"],
      [upload({ bytes: polyglot, name: "a.png", type: "image/png" }), "file", "polyglot"],
      [upload({ bytes: png, name: "photo.jpg", type: "image/png" }), "file", "extension_mismatch"],
      [upload({ bytes: png, name: "photo.png", type: "image/jpeg" }), "file", "declared_type_mismatch"],
      [upload({ bytes: bomb, name: "bomb.jpg" }), "file", "too_many_pixels"],
      [upload({ bytes: new Uint8Array(), name: "empty.jpg" }), "file", "empty"],
      [upload({ bytes: jpeg.subarray(0, 200), name: "cut.jpg" }), "file", "undecodable"],
      [upload({ source: "licensed" }), "licence", "licence_required"],
      [upload({ source: "talent", licence: "契約書 No.1" }), "hasLikeness", "talent_requires_likeness"],
      [upload({ licenceExpiresOn: "2000-01-01" }), "licenceExpiresOn", "licence_expiry_past"],
      [upload({ licenceExpiresOn: "2099-02-30" }), "licenceExpiresOn", "licence_expiry_invalid"],
      [upload({ brandId: UNKNOWN }), "brandId", "unknown_brand"],
    ];
    for (const [input, field, code] of cases) {
      const e = await expectAppError(uploadAsset(V.content_creator, input), "VALIDATION");
      expect(e.fieldErrors?.[field], `${code}: ${JSON.stringify(e.fieldErrors)}`).toEqual([code]);
    }
    for (const bad of [
      { ...upload(), brandId: "not-a-uuid" },
      { ...upload(), source: "stolen" },
      { ...upload(), uploadedById: V.admin.id },
      { ...upload(), file: { name: "a.jpg", type: "image/jpeg", bytes: "not bytes" } },
      null,
      "x",
    ]) {
      await expectAppError(uploadAsset(V.content_creator, bad as never), "VALIDATION");
    }
    expect(await assetRows()).toBe(rows);
    expect(filesOnDisk()).toEqual(files);
    expect(await auditCount()).toBe(audits);
  });

  it("a failure after the files are written (the row cannot be inserted) removes them again: no orphan file, no row, no audit", async () => {
    const ghost = await viewerWith(["content_creator"], { name: "消える人" });
    // The uploader disappears between the permission check and the insert: the foreign key refuses the row.
    await db().execute(sql`delete from accounts where user_id = ${ghost.id}`);
    await db().execute(sql`delete from user_roles where user_id = ${ghost.id}`);
    await db().execute(sql`delete from users where id = ${ghost.id}`);
    const rows = await assetRows();
    const files = filesOnDisk();
    const audits = await auditCount();
    await expect(uploadAsset(ghost, upload({ bytes: await freshJpeg() }))).rejects.toThrow();
    expect(await assetRows()).toBe(rows);
    expect(filesOnDisk()).toEqual(files);
    expect(await auditCount()).toBe(audits);
  });

  it("the same bytes twice in one brand are CONFLICT (another brand may hold its own copy)", async () => {
    const bytes = await freshJpeg();
    await uploadAsset(V.content_creator, upload({ bytes }));
    const files = filesOnDisk();
    await expectAppError(uploadAsset(V.content_creator, upload({ bytes })), "CONFLICT", "duplicate_asset");
    expect(filesOnDisk()).toEqual(files);
    await uploadAsset(V.content_creator, upload({ bytes, brandId: BRAND_IDS.beauty }));
  });
});

describe("reads", () => {
  let id: string;
  beforeAll(async () => {
    id = (await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg(), name: "ラテアート.jpg", source: "ugc", licence: "投稿者の許諾(DM)", licenceExpiresOn: "2099-01-10" }))).id;
  });

  it.each(WHO)("%s: listAssets, getAsset, getAssetsByIds and the file only with asset.read", async (who) => {
    const v = V[who];
    const can = who !== "none" && roleHas(who, "asset.read");
    for (const p of [listAssets(v), getAsset(v, id), getAssetsByIds(v, [id]), listAssetsForPicker(v), getAssetFile(v, id, "original")]) {
      if (can) await expect(p).resolves.toBeTruthy();
      else await expectAppError(p, "FORBIDDEN");
    }
  });

  it("unknown ids are NOT_FOUND; malformed ones VALIDATION; getAssetsByIds leaves both out", async () => {
    await expectAppError(getAsset(V.legal, UNKNOWN), "NOT_FOUND");
    await expectAppError(getAssetFile(V.legal, UNKNOWN, "thumbnail"), "NOT_FOUND");
    await expectAppError(getAsset(V.legal, "../x"), "VALIDATION");
    expect((await getAssetsByIds(V.legal, [id, UNKNOWN, "junk"])).map((a) => a.id)).toEqual([id]);
  });

  it("filters: brand, kind, source, expiring soon, text; the DTO has no storage key", async () => {
    const soon = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg(), source: "licensed", licence: "期限間近", licenceExpiresOn: new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10) }));
    const byBrand = await listAssets(V.pr, { brandId: BRAND_IDS.beauty });
    expect(byBrand.items.every((a) => a.brandId === BRAND_IDS.beauty)).toBe(true);
    expect((await listAssets(V.pr, { source: "ugc" })).items.map((a) => a.id)).toContain(id);
    expect((await listAssets(V.pr, { kind: "video" })).items.every((a) => a.kind === "video")).toBe(true);
    const expiring = await listAssets(V.legal, { status: "expiring" });
    expect(expiring.items.map((a) => a.id)).toContain(soon.id);
    expect(expiring.items.map((a) => a.id)).not.toContain(id);
    expect((await listAssets(V.social_media_manager, { q: "ラテアート" })).items.map((a) => a.id)).toEqual([id]);
    expect((await listAssets(V.social_media_manager, { q: "%" })).items).toEqual([]);
    expect(Object.keys((await getAsset(V.pr, id)) as object)).not.toContain("storageKey");
    await expectAppError(listAssets(V.pr, { kind: "pdf" } as never), "VALIDATION");
  });
});

describe("updateAsset and setAssetArchived", () => {
  it.each(WHO)("%s: only with asset.upload; audited with before → after", async (who) => {
    const a = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg() }));
    const p = updateAsset(V[who], { id: a.id, brandId: BRAND_IDS.cafe, source: "agency", licence: "制作会社納品物", licenceExpiresOn: null, hasLikeness: true });
    if (who !== "none" && roleHas(who, "asset.upload")) {
      expect(await p).toMatchObject({ source: "agency", hasLikeness: true, licence: "制作会社納品物" });
      const row = await lastAudit();
      expect(row).toMatchObject({ action: "asset.updated", actorId: V[who].id, subjectId: a.id });
      expect(row!.data).toEqual({ changes: { source: { from: "own", to: "agency" }, licence: { from: null, to: "制作会社納品物" }, hasLikeness: { from: false, to: true } } });
    } else await expectAppError(p, "FORBIDDEN");
  });

  it("an unchanged save writes no audit; NOT_FOUND for unknown; metadata rules apply", async () => {
    const a = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg() }));
    const n = await auditCount("asset.updated");
    await updateAsset(V.content_creator, { id: a.id, brandId: BRAND_IDS.cafe, source: "own", licence: null, licenceExpiresOn: null, hasLikeness: false });
    expect(await auditCount("asset.updated")).toBe(n);
    await expectAppError(updateAsset(V.content_creator, { id: UNKNOWN, brandId: BRAND_IDS.cafe, source: "own", licence: null, licenceExpiresOn: null, hasLikeness: false }), "NOT_FOUND");
    await expectAppError(updateAsset(V.content_creator, { id: a.id, brandId: BRAND_IDS.cafe, source: "licensed", licence: "", licenceExpiresOn: null, hasLikeness: false }), "VALIDATION");
  });

  it.each(WHO)("%s: archive only with asset.upload; archived assets leave the picker and the default list, and come back on restore", async (who) => {
    const a = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg() }));
    const p = setAssetArchived(V[who], { id: a.id, archived: true });
    if (who !== "none" && roleHas(who, "asset.upload")) {
      expect((await p).archivedAt).toBeInstanceOf(Date);
      expect(await lastAudit()).toMatchObject({ action: "asset.archived", actorId: V[who].id, subjectId: a.id });
      expect((await listAssetsForPicker(V.content_creator)).map((x) => x.id)).not.toContain(a.id);
      expect((await listAssets(V.content_creator)).items.map((x) => x.id)).not.toContain(a.id);
      expect((await listAssets(V.content_creator, { status: "archived" })).items.map((x) => x.id)).toContain(a.id);
      await setAssetArchived(V[who], { id: a.id, archived: false });
      expect(await lastAudit()).toMatchObject({ action: "asset.restored" });
      expect((await listAssetsForPicker(V.content_creator)).map((x) => x.id)).toContain(a.id);
    } else await expectAppError(p, "FORBIDDEN");
  });
});

describe("media in posts: the network's rules are enforced on the server", () => {
  it("Instagram without media cannot be submitted; with a JPEG in 4:5 it can; usage shows on the asset", async () => {
    const d = await createDraft(V.content_creator, { brandId: BRAND_IDS.cafe, title: "メディアなし", isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "秋の新作が登場。" }] });
    const e = await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "VALIDATION", "checks_blocking");
    expect(e.fieldErrors).toEqual({ "variants.0.text": ["media_required"] });
    const a = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg() }));
    const s = await saveRevision(V.content_creator, { postId: d.postId, expectedRevisionId: d.revisionId, variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "秋の新作が登場。", mediaAssetIds: [a.id] }] });
    await submitForReview(V.content_creator, { postId: d.postId, revisionId: s.revisionId });
    expect((await getAsset(V.pr, a.id)).usedBy.map((u) => u.postId)).toEqual([d.postId]);
  });

  it("a 16:9 photo and a PNG block on Instagram; an expired licence blocks everywhere", async () => {
    const w = await uploadAsset(V.content_creator, upload({ bytes: wide }));
    const p = await uploadAsset(V.content_creator, upload({ bytes: png, name: "a.png", type: "image/png" }));
    const d = await createDraft(V.content_creator, { brandId: BRAND_IDS.cafe, title: "横長", isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeInstagram, text: "秋", mediaAssetIds: [w.id, p.id] }] });
    const e = await expectAppError(submitForReview(V.content_creator, { postId: d.postId, revisionId: d.revisionId }), "VALIDATION", "checks_blocking");
    expect(e.fieldErrors?.["variants.0.text"]?.sort()).toEqual(["media_format"]);
    // 1920×1080 is 1.78:1, inside Instagram's 1.91 bound; the PNG is the refusal.
    const old = await uploadAsset(V.content_creator, upload({ bytes: await freshJpeg(), source: "licensed", licence: "期限切れ予定", licenceExpiresOn: "2099-01-01" }));
    await db().update(assets).set({ licenceExpiresAt: new Date(Date.now() - 86_400_000) }).where(eq(assets.id, old.id));
    const x = await createDraft(V.content_creator, { brandId: BRAND_IDS.cafe, title: "期限切れ", isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "秋", mediaAssetIds: [old.id] }] });
    const e2 = await expectAppError(submitForReview(V.content_creator, { postId: x.postId, revisionId: x.revisionId }), "VALIDATION", "checks_blocking");
    expect(e2.fieldErrors).toEqual({ "variants.0.text": ["media_licence_expired"] });
  });
});
