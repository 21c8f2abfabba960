/**
 * The studio's reads (lib/dal/posts-list.ts) on real PostgreSQL: every role allowed or FORBIDDEN,
 * the "mine" / "team" scopes, explicit columns (nothing beyond the DTO), active channels only,
 * and the checks inputs of one brand (global + that brand's rules).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { brandRules, channels } from "@/db/schema";
import { BRAND_IDS, CHANNEL_IDS, seedOrganisation } from "@/db/seed/demo";
import { AppError } from "@/lib/errors";
import { roleHas } from "@/lib/auth/permissions";
import type { Viewer } from "@/lib/dal/viewer";
import { createDraft } from "@/lib/dal/posts";
import { getChecksConfig, listChannelsForDrafting, listMyPosts } from "@/lib/dal/posts-list";
import { ROLES, viewersByRole, viewerWith, type Role } from "./helpers";

type Who = Role | "none";
const WHO: Who[] = [...ROLES, "none"];
let V: Record<Who, Viewer>;
const db = () => getDb();
const UNKNOWN = "00000000-0000-4000-8000-0000000f0000";

beforeAll(async () => {
  await seedOrganisation(db());
  V = await viewersByRole();
});

async function codeOf(p: Promise<unknown>): Promise<string | null> {
  return p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e.code : `not AppError: ${String(e)}`),
  );
}

const allowed = (w: Who) => w !== "none" && roleHas(w, "post.create");

function draft(title: string) {
  return { brandId: BRAND_IDS.cafe, title, isCommercial: false, variants: [{ channelId: CHANNEL_IDS.cafeX, text: "秋の新メニューです。" }] };
}

describe("authorization: post.create for every read", () => {
  it.each(WHO)("%s", async (who) => {
    const expected = allowed(who) ? null : "FORBIDDEN";
    expect(await codeOf(listMyPosts(V[who]))).toBe(expected);
    expect(await codeOf(listChannelsForDrafting(V[who]))).toBe(expected);
    expect(await codeOf(getChecksConfig(V[who], BRAND_IDS.cafe))).toBe(expected);
  });
});

describe("listMyPosts", () => {
  it("mine lists only the viewer's posts; team lists everyone's (post.read); explicit columns", async () => {
    const me = await viewerWith(["content_creator"], { name: "list me" });
    const other = await viewerWith(["content_creator"], { name: "list other" });
    const mine = await createDraft(me, draft("自分の下書き"));
    const theirs = await createDraft(other, draft("他の人の下書き"));

    const own = await listMyPosts(me, { scope: "mine" });
    expect(own.map((p) => p.id)).toEqual([mine.postId]);
    expect(Object.keys(own[0]!).sort()).toEqual(["authorId", "authorName", "brandId", "brandName", "channels", "id", "isMine", "state", "title", "updatedAt"]);
    expect(own[0]).toMatchObject({ title: "自分の下書き", state: "draft", isMine: true, authorName: "list me" });
    expect(own[0]!.channels).toEqual([{ channelId: CHANNEL_IDS.cafeX, platform: "x", displayName: expect.any(String) }]);

    const team = await listMyPosts(me, { scope: "team" });
    const ids = team.map((p) => p.id);
    expect(ids).toContain(mine.postId);
    expect(ids).toContain(theirs.postId);
    expect(team.find((p) => p.id === theirs.postId)?.isMine).toBe(false);
  });

  it("refuses unknown filters as VALIDATION", async () => {
    expect(await codeOf(listMyPosts(V.content_creator, { scope: "all" as "mine" }))).toBe("VALIDATION");
  });
});

describe("listChannelsForDrafting", () => {
  it("lists active channels with their brand, never archived ones, explicit columns", async () => {
    await db().update(channels).set({ status: "archived" }).where(eq(channels.id, CHANNEL_IDS.foodsFacebook));
    const rows = await listChannelsForDrafting(V.content_creator);
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(CHANNEL_IDS.cafeX);
    expect(ids).not.toContain(CHANNEL_IDS.foodsFacebook);
    expect(Object.keys(rows[0]!).sort()).toEqual(["brandId", "brandName", "displayName", "handle", "id", "platform"]);
    expect(rows.find((r) => r.id === CHANNEL_IDS.cafeX)).toMatchObject({ brandId: BRAND_IDS.cafe, platform: "x" });
    await db().update(channels).set({ status: "active" }).where(eq(channels.id, CHANNEL_IDS.foodsFacebook));
  });
});

describe("getChecksConfig", () => {
  it("returns the lexicon and the global + brand rules only", async () => {
    const cfg = await getChecksConfig(V.content_creator, BRAND_IDS.cafe);
    expect(cfg.brandId).toBe(BRAND_IDS.cafe);
    expect(cfg.lexicon.length).toBeGreaterThan(0);
    expect(cfg.lexicon.some((t) => t.term === "食中毒")).toBe(true);
    const all = await db().select({ brandId: brandRules.brandId }).from(brandRules);
    const expected = all.filter((r) => r.brandId === null || r.brandId === BRAND_IDS.cafe).length;
    expect(cfg.rules).toHaveLength(expected);
    expect(cfg.rules.every((r) => r.brandId === null || r.brandId === BRAND_IDS.cafe)).toBe(true);
  });

  it("is NOT_FOUND for an unknown brand and VALIDATION for a malformed id", async () => {
    expect(await codeOf(getChecksConfig(V.content_creator, UNKNOWN))).toBe("NOT_FOUND");
    expect(await codeOf(getChecksConfig(V.content_creator, "nope"))).toBe("VALIDATION");
  });
});
