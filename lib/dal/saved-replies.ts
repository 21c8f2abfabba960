import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/db";
import { savedReplies, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { SAVED_REPLY_LIMITS, unknownVariables } from "@/lib/domain/inbox-replies";
import { recordAudit } from "./audit";
import { parseInput } from "./posts-shared";
import { actorOf, authorize, type Viewer } from "./viewer";

/*
 * Saved replies (canned answers) in Japanese and English with {{variables}}, managed by the
 * community managers (saved_reply.manage) and inserted by anyone who answers the inbox
 * (inbox.reply). Team-wide: every saved reply is visible to every agent.
 */

export type SavedReplyDto = {
  id: string;
  title: string;
  locale: "ja" | "en";
  body: string;
  createdByName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const idSchema = z.uuid();
const fields = {
  title: z.string().trim().min(1).max(SAVED_REPLY_LIMITS.titleMax),
  locale: z.enum(["ja", "en"]),
  body: z
    .string()
    .trim()
    .min(1)
    .max(SAVED_REPLY_LIMITS.bodyMax)
    .refine((b) => unknownVariables(b).length === 0, "unknown_variable"),
};
export const createSavedReplySchema = z.strictObject(fields);
export const updateSavedReplySchema = z.strictObject({ id: idSchema, ...fields });
export const deleteSavedReplySchema = z.strictObject({ id: idSchema });
export type CreateSavedReplyInput = z.input<typeof createSavedReplySchema>;
export type UpdateSavedReplyInput = z.input<typeof updateSavedReplySchema>;

const columns = {
  id: savedReplies.id,
  title: savedReplies.title,
  locale: savedReplies.locale,
  body: savedReplies.body,
  createdByName: users.name,
  createdAt: savedReplies.createdAt,
  updatedAt: savedReplies.updatedAt,
};

/** inbox.reply or saved_reply.manage — every saved reply, Japanese first, by title. */
export async function listSavedReplies(viewer: Viewer): Promise<SavedReplyDto[]> {
  if (!viewer.permissions.has("saved_reply.manage")) authorize(viewer, "inbox.reply");
  return db
    .select(columns)
    .from(savedReplies)
    .leftJoin(users, eq(users.id, savedReplies.createdById))
    .orderBy(sql`case ${savedReplies.locale} when 'ja' then 0 else 1 end`, asc(savedReplies.title))
    .limit(500);
}

/** saved_reply.manage — one saved reply for editing; NOT_FOUND when absent. */
export async function getSavedReply(viewer: Viewer, id: unknown): Promise<SavedReplyDto> {
  authorize(viewer, "saved_reply.manage");
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new AppError("NOT_FOUND");
  const [row] = await db.select(columns).from(savedReplies).leftJoin(users, eq(users.id, savedReplies.createdById)).where(eq(savedReplies.id, parsed.data));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

async function assertTitleFree(tx: Parameters<Parameters<typeof db.transaction>[0]>[0], title: string, locale: "ja" | "en", exceptId?: string) {
  // Serialises creates/renames of the same title so the check holds under concurrency.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`saved_reply:${locale}:${title.toLowerCase()}`}))`);
  const [dup] = await tx
    .select({ id: savedReplies.id })
    .from(savedReplies)
    .where(and(eq(savedReplies.locale, locale), sql`lower(${savedReplies.title}) = lower(${title})`, exceptId ? ne(savedReplies.id, exceptId) : undefined))
    .limit(1);
  if (dup) throw new AppError("CONFLICT", "saved_reply.duplicate_title", { title: ["duplicate"] });
}

/** saved_reply.manage — creates a saved reply (a title unique per language; known variables only). Audited. */
export async function createSavedReply(viewer: Viewer, input: unknown): Promise<{ id: string }> {
  authorize(viewer, "saved_reply.manage");
  const p = parseInput(createSavedReplySchema, input);
  return db.transaction(async (tx) => {
    await assertTitleFree(tx, p.title, p.locale);
    const [row] = await tx.insert(savedReplies).values({ ...p, createdById: viewer.id }).returning({ id: savedReplies.id });
    await recordAudit(tx, { actor: actorOf(viewer), action: "saved_reply.created", subjectType: "saved_reply", subjectId: row!.id, data: { title: p.title, locale: p.locale }, requestId: viewer.requestId });
    return { id: row!.id };
  });
}

/** saved_reply.manage — changes a saved reply; NOT_FOUND when absent. Audited with before/after. */
export async function updateSavedReply(viewer: Viewer, input: unknown): Promise<void> {
  authorize(viewer, "saved_reply.manage");
  const p = parseInput(updateSavedReplySchema, input);
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ title: savedReplies.title, locale: savedReplies.locale, body: savedReplies.body }).from(savedReplies).where(eq(savedReplies.id, p.id)).for("update");
    if (!before) throw new AppError("NOT_FOUND");
    await assertTitleFree(tx, p.title, p.locale, p.id);
    await tx.update(savedReplies).set({ title: p.title, locale: p.locale, body: p.body, updatedAt: new Date() }).where(eq(savedReplies.id, p.id));
    await recordAudit(tx, {
      actor: actorOf(viewer),
      action: "saved_reply.updated",
      subjectType: "saved_reply",
      subjectId: p.id,
      data: { before, after: { title: p.title, locale: p.locale, body: p.body } },
      requestId: viewer.requestId,
    });
  });
}

/** saved_reply.manage — deletes a saved reply (replies already sent keep their text); NOT_FOUND when absent. Audited. */
export async function deleteSavedReply(viewer: Viewer, input: unknown): Promise<void> {
  authorize(viewer, "saved_reply.manage");
  const p = parseInput(deleteSavedReplySchema, input);
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(savedReplies).where(eq(savedReplies.id, p.id)).returning({ title: savedReplies.title, locale: savedReplies.locale, body: savedReplies.body });
    if (!gone) throw new AppError("NOT_FOUND");
    await recordAudit(tx, { actor: actorOf(viewer), action: "saved_reply.deleted", subjectType: "saved_reply", subjectId: p.id, data: { before: gone }, requestId: viewer.requestId });
  });
}
