/**
 * Inbox items for tests, e2e fixtures and benchmarks (seed-time code: writes through drizzle).
 * Defaults make an open Japanese comment due in an hour.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { inboxItems } from "@/db/schema";

export type InboxItemInput = Partial<typeof inboxItems.$inferInsert> & { channelId: string };

export async function createInboxItem(db: Db, o: InboxItemInput): Promise<{ id: string; externalId: string }> {
  const externalId = o.externalId ?? `ext-${randomUUID()}`;
  const [row] = await db
    .insert(inboxItems)
    .values({
      platform: "x",
      kind: "comment",
      threadKey: o.threadKey ?? `thread-${externalId}`,
      authorName: "テスト 太郎",
      authorHandle: "@test_taro",
      authorExternalId: "author-1",
      text: "テストのコメントです",
      language: "ja",
      receivedAt: new Date(),
      slaDueAt: new Date(Date.now() + 3_600_000),
      ...o,
      externalId,
    })
    .returning({ id: inboxItems.id });
  return { id: row!.id, externalId };
}

/** Many items in one INSERT (rows share the defaults above). */
export async function createInboxItems(db: Db, rows: InboxItemInput[]): Promise<string[]> {
  if (!rows.length) return [];
  const out = await db
    .insert(inboxItems)
    .values(
      rows.map((o) => {
        const externalId = o.externalId ?? `ext-${randomUUID()}`;
        return {
          platform: "x" as const,
          kind: "comment" as const,
          threadKey: o.threadKey ?? `thread-${externalId}`,
          authorName: "テスト 太郎",
          authorExternalId: "author-1",
          text: "テストのコメントです",
          language: "ja",
          receivedAt: new Date(),
          slaDueAt: new Date(Date.now() + 3_600_000),
          ...o,
          externalId,
        };
      }),
    )
    .returning({ id: inboxItems.id });
  return out.map((r) => r.id);
}
