import "server-only";
import { and, eq, gt, lt, ne } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { inboxItems, presence, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { PRESENCE_TTL_MS } from "@/lib/domain/inbox-replies";
import { getReplyState, visibleItem, type ReplyDto } from "./inbox-replies";
import { parseInput } from "./posts-shared";
import { authorize, type Viewer } from "./viewer";

/*
 * Who is looking at or answering an inbox item right now (issue 4 "Collision safety"). Each open
 * thread view beats every few seconds (upsert of the presence row); a row older than
 * PRESENCE_TTL_MS no longer counts. Lives in PostgreSQL, so any number of app instances agree
 * (DESIGN.md §10). Not audited: it records no decision, only who is on the page.
 */

export type PresencePerson = { userId: string; name: string | null; mode: "viewing" | "replying"; since: Date };
export type LiveItemState = { others: PresencePerson[]; version: number; lastReplyId: string | null; replies: ReplyDto[] };

export const beatSchema = z.strictObject({ mode: z.enum(["viewing", "replying", "gone"]) });

async function liveState(viewer: Viewer, itemId: string): Promise<LiveItemState> {
  return db.transaction(async (tx) => {
    const state = await getReplyState(tx, viewer, itemId);
    const others = await tx
      .select({ userId: presence.userId, name: users.name, mode: presence.mode, since: presence.updatedAt })
      .from(presence)
      .innerJoin(users, eq(users.id, presence.userId))
      .where(and(eq(presence.inboxItemId, itemId), ne(presence.userId, viewer.id), gt(presence.updatedAt, new Date(Date.now() - PRESENCE_TTL_MS))))
      .orderBy(presence.updatedAt);
    return { others, ...state };
  });
}

function itemIdOf(raw: unknown): string {
  const r = z.uuid().safeParse(raw);
  if (!r.success) throw new AppError("NOT_FOUND");
  return r.data;
}

/** inbox.read — the others on the item now, and its version / newest reply / reply states. */
export async function getItemPresence(viewer: Viewer, rawItemId: unknown): Promise<LiveItemState> {
  authorize(viewer, "inbox.read");
  return liveState(viewer, itemIdOf(rawItemId));
}

/**
 * inbox.read — records that the viewer is viewing / replying to the item (or has left: "gone"),
 * then answers like getItemPresence. NOT_FOUND when the item is not visible.
 */
export async function beatPresence(viewer: Viewer, rawItemId: unknown, input: unknown): Promise<LiveItemState> {
  authorize(viewer, "inbox.read");
  const itemId = itemIdOf(rawItemId);
  const p = parseInput(beatSchema, input);
  const [item] = await db.select({ id: inboxItems.id }).from(inboxItems).where(visibleItem(viewer, itemId)).limit(1);
  if (!item) throw new AppError("NOT_FOUND");
  if (p.mode === "gone") {
    await db.delete(presence).where(and(eq(presence.inboxItemId, itemId), eq(presence.userId, viewer.id)));
  } else {
    await db
      .insert(presence)
      .values({ inboxItemId: itemId, userId: viewer.id, mode: p.mode, updatedAt: new Date() })
      .onConflictDoUpdate({ target: [presence.inboxItemId, presence.userId], set: { mode: p.mode, updatedAt: new Date() } });
    // Housekeeping: rows nobody has beaten for ten minutes (closed tabs) go.
    if (Math.random() < 0.05) await db.delete(presence).where(lt(presence.updatedAt, new Date(Date.now() - 10 * 60_000)));
  }
  return liveState(viewer, itemId);
}
