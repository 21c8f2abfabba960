import "server-only";
import { and, eq, or, sql } from "drizzle-orm";
import { db } from "@/db";
import { sandboxCommentStates, sandboxFaults, sandboxPosts, type SandboxFault } from "@/db/schema";

/*
 * The sandbox network's side of the wire (DESIGN.md §7). It lives in the portal's database but is
 * "remote": lib/channels/sandbox.ts calls these functions the way it would call an HTTP API, each
 * in its own transaction, never inside the publisher's. Not reachable from pages or actions.
 */

export type SandboxPostDto = { externalId: string; text: string; state: "live" | "hidden" | "deleted"; createdAt: Date; inReplyTo: string | null };

/** Takes one pending fault for the channel (channel-specific before global), or null. */
export async function takeSandboxFault(channelId: string): Promise<SandboxFault | null> {
  const rows = await db.execute<{ fault: SandboxFault }>(sql`
    with picked as (
      select id from ${sandboxFaults}
      where (${sandboxFaults.channelId} = ${channelId} or ${sandboxFaults.channelId} is null) and ${sandboxFaults.remaining} > 0
      order by (${sandboxFaults.channelId} is null), ${sandboxFaults.createdAt}
      limit 1
      for update skip locked
    )
    update ${sandboxFaults} f set remaining = f.remaining - 1
    from picked where f.id = picked.id
    returning f.fault`);
  const fault = rows[0]?.fault ?? null;
  if (fault) await db.delete(sandboxFaults).where(eq(sandboxFaults.remaining, 0));
  return fault;
}

/** Accepts a post; a repeated idempotency key returns the post the first call created. */
export async function acceptSandboxPost(input: {
  channelId: string;
  idempotencyKey: string;
  text: string;
  media: unknown[];
  inReplyTo: string | null;
}): Promise<{ externalId: string; replayed: boolean }> {
  const externalId = `sbx_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const inserted = await db
    .insert(sandboxPosts)
    .values({ channelId: input.channelId, externalId, idempotencyKey: input.idempotencyKey, text: input.text, media: input.media, inReplyTo: input.inReplyTo })
    .onConflictDoNothing({ target: [sandboxPosts.channelId, sandboxPosts.idempotencyKey] })
    .returning({ externalId: sandboxPosts.externalId });
  if (inserted[0]) return { externalId: inserted[0].externalId, replayed: false };
  const existing = await findSandboxPostByKey(input.channelId, input.idempotencyKey);
  if (!existing) throw new Error("sandbox: idempotency conflict without a row");
  return { externalId: existing.externalId, replayed: true };
}

export async function findSandboxPostByKey(channelId: string, idempotencyKey: string): Promise<SandboxPostDto | null> {
  const [row] = await db
    .select({ externalId: sandboxPosts.externalId, text: sandboxPosts.text, state: sandboxPosts.state, createdAt: sandboxPosts.createdAt, inReplyTo: sandboxPosts.inReplyTo })
    .from(sandboxPosts)
    .where(and(eq(sandboxPosts.channelId, channelId), eq(sandboxPosts.idempotencyKey, idempotencyKey)))
    .limit(1);
  return row ?? null;
}

/** Hides or deletes a post of the channel; false when there is no such post. */
export async function removeSandboxPost(channelId: string, externalId: string, mode: "hide" | "delete"): Promise<boolean> {
  const rows = await db
    .update(sandboxPosts)
    .set({ state: mode === "hide" ? "hidden" : "deleted", updatedAt: new Date() })
    .where(and(eq(sandboxPosts.channelId, channelId), eq(sandboxPosts.externalId, externalId), or(eq(sandboxPosts.state, "live"), eq(sandboxPosts.state, "hidden"))))
    .returning({ id: sandboxPosts.id });
  return rows.length > 0;
}

/** Test and demo control: queue `count` faults for a channel (or every channel). */
export async function injectSandboxFault(fault: SandboxFault, opts: { channelId?: string | null; count?: number } = {}): Promise<void> {
  await db.insert(sandboxFaults).values({ fault, channelId: opts.channelId ?? null, remaining: opts.count ?? 1 });
}

/** What the sandbox network shows on a channel's timeline, newest first (for the "view on network" page and tests). */
export async function listSandboxTimeline(channelId: string, limit = 50): Promise<SandboxPostDto[]> {
  return db
    .select({ externalId: sandboxPosts.externalId, text: sandboxPosts.text, state: sandboxPosts.state, createdAt: sandboxPosts.createdAt, inReplyTo: sandboxPosts.inReplyTo })
    .from(sandboxPosts)
    // Answers to direct messages are private to their recipient: not on the public timeline.
    .where(and(eq(sandboxPosts.channelId, channelId), eq(sandboxPosts.isDirect, false)))
    .orderBy(sql`${sandboxPosts.createdAt} desc`)
    .limit(limit);
}

/** Counts per idempotency key prefix: the exactly-once tests and the benchmark count at the network. */
export async function countSandboxPosts(where: { channelId?: string; keyPrefix?: string } = {}): Promise<{ posts: number; distinctKeys: number }> {
  const conds = [];
  if (where.channelId) conds.push(eq(sandboxPosts.channelId, where.channelId));
  if (where.keyPrefix) conds.push(sql`${sandboxPosts.idempotencyKey} like ${where.keyPrefix + "%"}`);
  const [row] = await db
    .select({ posts: sql<number>`count(*)::int`, distinctKeys: sql<number>`count(distinct ${sandboxPosts.idempotencyKey})::int` })
    .from(sandboxPosts)
    .where(conds.length ? and(...conds) : undefined);
  return row ?? { posts: 0, distinctKeys: 0 };
}

/** Clears pending faults (tests). */
export async function clearSandboxFaults(): Promise<void> {
  await db.delete(sandboxFaults).where(sql`true`);
}

// ── Inbox: answers and moderation (lib/channels/sandbox.ts reply / moderate) ──

/** Accepts an answer to a comment or a direct message; a repeated idempotency key returns the first answer. */
export async function acceptSandboxReply(input: { channelId: string; idempotencyKey: string; text: string; inReplyTo: string; isDirect: boolean }): Promise<{ externalId: string; replayed: boolean }> {
  const externalId = `sbx_${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
  const inserted = await db
    .insert(sandboxPosts)
    .values({ channelId: input.channelId, externalId, idempotencyKey: input.idempotencyKey, text: input.text, media: [], inReplyTo: input.inReplyTo, isDirect: input.isDirect })
    .onConflictDoNothing({ target: [sandboxPosts.channelId, sandboxPosts.idempotencyKey] })
    .returning({ externalId: sandboxPosts.externalId });
  if (inserted[0]) return { externalId: inserted[0].externalId, replayed: false };
  const existing = await findSandboxPostByKey(input.channelId, input.idempotencyKey);
  if (!existing) throw new Error("sandbox: idempotency conflict without a row");
  return { externalId: existing.externalId, replayed: true };
}

/**
 * Hides, unhides or deletes a comment on the channel. Idempotent (hiding twice leaves it hidden);
 * "gone" when it was deleted before. Our own posts are moderated through removeSandboxPost.
 */
export async function moderateSandboxComment(channelId: string, externalId: string, action: "hide" | "unhide" | "delete"): Promise<"done" | "gone"> {
  return db.transaction(async (tx) => {
    const [cur] = await tx
      .select({ state: sandboxCommentStates.state })
      .from(sandboxCommentStates)
      .where(and(eq(sandboxCommentStates.channelId, channelId), eq(sandboxCommentStates.externalId, externalId)))
      .for("update");
    if (cur?.state === "deleted") return "gone";
    const state = action === "hide" ? "hidden" : action === "unhide" ? "live" : "deleted";
    await tx
      .insert(sandboxCommentStates)
      .values({ channelId, externalId, state })
      .onConflictDoUpdate({ target: [sandboxCommentStates.channelId, sandboxCommentStates.externalId], set: { state, updatedAt: new Date() } });
    return "done";
  });
}

/** The network's visibility of a comment (live when it never was moderated). */
export async function sandboxCommentState(channelId: string, externalId: string): Promise<"live" | "hidden" | "deleted"> {
  const [row] = await db
    .select({ state: sandboxCommentStates.state })
    .from(sandboxCommentStates)
    .where(and(eq(sandboxCommentStates.channelId, channelId), eq(sandboxCommentStates.externalId, externalId)));
  return row?.state ?? "live";
}

/** The answers the network holds to one comment or message (tests and the e2e look here). */
export async function sandboxRepliesTo(channelId: string, inReplyTo: string): Promise<SandboxPostDto[]> {
  return db
    .select({ externalId: sandboxPosts.externalId, text: sandboxPosts.text, state: sandboxPosts.state, createdAt: sandboxPosts.createdAt, inReplyTo: sandboxPosts.inReplyTo })
    .from(sandboxPosts)
    .where(and(eq(sandboxPosts.channelId, channelId), eq(sandboxPosts.inReplyTo, inReplyTo)))
    .orderBy(sandboxPosts.createdAt);
}
