/**
 * Factories shared by the demo seed, the database tests and the e2e fixtures.
 * They write through drizzle directly (seed-time code, not request-time code).
 */
import { createHash, randomUUID, randomBytes } from "node:crypto";
import { eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { accounts, approvals, brands, channels, postRevisions, posts, postTargets, sessions, userRoles, users } from "@/db/schema";
import { canonicalJson } from "@/lib/domain/canonical-json";
import type { Role } from "@/lib/auth/permissions";

export const SSO_PROVIDER_ID = "company-sso";

export async function createUser(
  db: Db,
  o: { id?: string; name?: string; email?: string; roles?: Role[]; subject?: string; issuer?: string; locale?: "ja" | "en"; deactivated?: boolean } = {},
) {
  const id = o.id ?? `usr_${randomUUID()}`;
  const subject = o.subject ?? `sub-${randomUUID()}`;
  const issuer = o.issuer ?? process.env.AUTH_OIDC_ISSUER ?? "http://localhost:4001";
  await db
    .insert(users)
    .values({
      id,
      name: o.name ?? `テスト ユーザー ${id.slice(-4)}`,
      email: o.email ?? `${id}@aoba.example`,
      idpIssuer: issuer,
      idpSubject: subject,
      locale: o.locale ?? "ja",
      deactivatedAt: o.deactivated ? new Date() : null,
    })
    .onConflictDoNothing();
  await db
    .insert(accounts)
    .values({ userId: id, type: "oidc", provider: SSO_PROVIDER_ID, providerAccountId: subject })
    .onConflictDoNothing();
  if (o.roles?.length) {
    await db
      .insert(userRoles)
      .values(o.roles.map((role) => ({ userId: id, role, source: "idp" as const })))
      .onConflictDoNothing();
  }
  return { id, subject };
}

/** A database session row, as Auth.js would create it; returns the cookie value. */
export async function createSession(db: Db, userId: string, ttlMs = 8 * 3600_000): Promise<string> {
  const sessionToken = randomBytes(32).toString("hex");
  await db.insert(sessions).values({ sessionToken, userId, expires: new Date(Date.now() + ttlMs) });
  return sessionToken;
}

export async function createBrand(db: Db, o: { id?: string; slug?: string; name?: string; nameEn?: string; color?: string } = {}) {
  const slug = o.slug ?? `brand-${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(brands)
    .values({ ...(o.id ? { id: o.id } : {}), slug, name: o.name ?? `ブランド ${slug}`, nameEn: o.nameEn ?? `Brand ${slug}`, color: o.color ?? "#0f766e" })
    .onConflictDoNothing()
    .returning({ id: brands.id });
  return { id: row?.id ?? o.id! };
}

export async function createChannel(
  db: Db,
  o: { id?: string; brandId: string; platform: (typeof channels.$inferInsert)["platform"]; handle?: string; displayName?: string; connector?: "sandbox" | "meta"; externalAccountId?: string; adAccountId?: string },
) {
  const handle = o.handle ?? `@${o.platform}_${randomUUID().slice(0, 6)}`;
  const [row] = await db
    .insert(channels)
    .values({
      ...(o.id ? { id: o.id } : {}),
      brandId: o.brandId,
      platform: o.platform,
      handle,
      displayName: o.displayName ?? handle,
      connector: o.connector ?? "sandbox",
      externalAccountId: o.externalAccountId ?? null,
      adAccountId: o.adAccountId ?? null,
    })
    .onConflictDoNothing()
    .returning({ id: channels.id });
  return { id: row?.id ?? o.id! };
}

/**
 * A post with one revision, one target per channel and the approvals its state implies (PR and
 * final for approved and later; PR only for final_review), bound to the revision's hash the way
 * the DAL computes it. For tests and fixtures that need a post in a given state without walking it
 * through the workflow.
 */
export async function createPost(
  db: Db,
  o: {
    brandId: string;
    channelIds: string[];
    authorId: string;
    title?: string;
    text?: string;
    state?: (typeof posts.$inferInsert)["state"];
    slotAt?: Date | null;
    reviewers?: { pr: string; final: string };
  },
) {
  const state = o.state ?? "draft";
  const chans = await db.select({ id: channels.id, platform: channels.platform }).from(channels).where(inArray(channels.id, o.channelIds));
  const platformOf = new Map(chans.map((c) => [c.id, c.platform]));
  const content = {
    isCommercial: false,
    variants: o.channelIds.map((channelId) => ({ channelId, platform: platformOf.get(channelId) ?? "x", text: o.text ?? "テスト投稿です。", mediaAssetIds: [] as string[] })),
  };
  const hash = createHash("sha256").update(canonicalJson(content)).digest("hex");
  const [post] = await db
    .insert(posts)
    .values({ brandId: o.brandId, title: o.title ?? `テスト投稿 ${randomUUID().slice(0, 6)}`, state, authorId: o.authorId, scheduledAt: o.slotAt ?? null })
    .returning({ id: posts.id });
  const postId = post!.id;
  const [rev] = await db.insert(postRevisions).values({ postId, number: 1, contentHash: hash, content, createdById: o.authorId }).returning({ id: postRevisions.id });
  await db.update(posts).set({ currentRevisionId: rev!.id }).where(eq(posts.id, postId));
  const targetState: (typeof postTargets.$inferInsert)["state"] =
    state === "scheduled" ? "scheduled" : state === "published" ? "published" : state === "cancelled" ? "cancelled" : "pending";
  await db.insert(postTargets).values(o.channelIds.map((channelId) => ({ postId, channelId, scheduledAt: o.slotAt ?? null, state: targetState, idempotencyKey: `${postId}:${channelId}` })));
  const approvedStates = ["approved", "scheduled", "publishing", "published", "failed", "expired"];
  if (o.reviewers && (approvedStates.includes(state) || state === "final_review")) {
    const rows: (typeof approvals.$inferInsert)[] = [{ postId, revisionId: rev!.id, revisionHash: hash, stage: "pr", reviewerId: o.reviewers.pr, decision: "approved" }];
    if (approvedStates.includes(state)) rows.push({ postId, revisionId: rev!.id, revisionHash: hash, stage: "final", reviewerId: o.reviewers.final, decision: "approved" });
    await db.insert(approvals).values(rows);
  }
  return { postId, revisionId: rev!.id, contentHash: hash };
}
