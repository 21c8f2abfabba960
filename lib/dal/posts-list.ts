import "server-only";
import { and, asc, desc, eq, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { brands, channels, posts, postTargets, users, type POST_STATES } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { BrandRule } from "@/lib/domain/brand-rules";
import type { RiskTerm } from "@/lib/domain/risk";
import type { Platform } from "@/lib/domain/text-length";
import { loadCheckContext, parseInput } from "./posts-shared";
import { authorize, type Viewer } from "./viewer";

/*
 * Reads the drafting studio needs besides lib/dal/posts.ts: the list of posts, the channels one
 * may draft for, and the checks inputs (lexicon and brand rules) the browser runs live.
 * Everything here requires post.create (the studio's permission); the server re-runs the same
 * checks at save and submit, so the browser copy is advisory only.
 */

type PostState = (typeof POST_STATES)[number];

export const POST_LIST_LIMIT = 100;

export type PostListItemDto = {
  id: string;
  title: string;
  state: PostState;
  brandId: string;
  brandName: string;
  authorId: string;
  authorName: string | null;
  isMine: boolean;
  updatedAt: Date;
  channels: { channelId: string; platform: Platform; displayName: string }[];
};

export type DraftingChannelDto = {
  id: string;
  brandId: string;
  brandName: string;
  platform: Platform;
  handle: string;
  displayName: string;
};

export type ChecksConfigDto = { brandId: string; lexicon: RiskTerm[]; rules: BrandRule[] };

const listFiltersSchema = z.strictObject({ scope: z.enum(["mine", "team"]).default("mine") });
export type PostListFilters = z.input<typeof listFiltersSchema>;

/**
 * post.create — the newest posts first (at most POST_LIST_LIMIT): "mine" is the viewer's own;
 * "team" is every post the viewer may see (all posts with post.read, else still only their own).
 */
export async function listMyPosts(viewer: Viewer, filters: PostListFilters = {}): Promise<PostListItemDto[]> {
  authorize(viewer, "post.create");
  const { scope } = parseInput(listFiltersSchema, filters);
  const onlyMine = scope === "mine" || !viewer.permissions.has("post.read");
  const rows = await db
    .select({
      id: posts.id,
      title: posts.title,
      state: posts.state,
      brandId: posts.brandId,
      brandName: brands.name,
      authorId: posts.authorId,
      authorName: users.name,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .innerJoin(brands, eq(brands.id, posts.brandId))
    .leftJoin(users, eq(users.id, posts.authorId))
    .where(onlyMine ? eq(posts.authorId, viewer.id) : undefined)
    .orderBy(desc(posts.updatedAt), desc(posts.id))
    .limit(POST_LIST_LIMIT);
  if (rows.length === 0) return [];
  const targets = await db
    .select({ postId: postTargets.postId, channelId: postTargets.channelId, platform: channels.platform, displayName: channels.displayName })
    .from(postTargets)
    .innerJoin(channels, eq(channels.id, postTargets.channelId))
    .where(
      and(
        inArray(
          postTargets.postId,
          rows.map((r) => r.id),
        ),
        ne(postTargets.state, "cancelled"),
      ),
    )
    .orderBy(asc(channels.platform), asc(channels.handle));
  return rows.map((r) => ({
    ...r,
    isMine: r.authorId === viewer.id,
    channels: targets.filter((t) => t.postId === r.id).map(({ postId: _p, ...c }) => c),
  }));
}

/** post.create — the active channels of every brand (what createDraft accepts), by brand then network. */
export async function listChannelsForDrafting(viewer: Viewer): Promise<DraftingChannelDto[]> {
  authorize(viewer, "post.create");
  return db
    .select({
      id: channels.id,
      brandId: channels.brandId,
      brandName: brands.name,
      platform: channels.platform,
      handle: channels.handle,
      displayName: channels.displayName,
    })
    .from(channels)
    .innerJoin(brands, eq(brands.id, channels.brandId))
    .where(eq(channels.status, "active"))
    .orderBy(asc(brands.name), asc(channels.platform), asc(channels.handle));
}

/** post.create — the risk lexicon and the rules of one brand (global + brand), for the live checks panel; NOT_FOUND for an unknown brand. */
export async function getChecksConfig(viewer: Viewer, brandId: string): Promise<ChecksConfigDto> {
  authorize(viewer, "post.create");
  const { brandId: id } = parseInput(z.strictObject({ brandId: z.uuid() }), { brandId });
  const [brand] = await db.select({ id: brands.id }).from(brands).where(eq(brands.id, id)).limit(1);
  if (!brand) throw new AppError("NOT_FOUND");
  const ctx = await loadCheckContext(db, id);
  return { brandId: id, ...ctx };
}
