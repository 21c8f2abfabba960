import type { Db } from "@/db";
import { legalHolds, legalSettings } from "@/db/schema";
import { demoUserId } from "./demo";
import { seedId } from "./workspaces";

/*
 * Demo data for legal holds and Legal's policies (issue 5), on top of the workspace seed (which
 * already holds an inbox thread and has a released hold, and whose asset library has licences
 * ending in 12 and 20 days and one that ended): a hold on a published post (the staff
 * introduction, over a portrait-rights inquiry), a hold on everything one X account sends, and the
 * policy row (expired rights → hide; inbox retention 365 days; drafts 180 days). Idempotent.
 */
export async function seedLegalHolds(db: Db): Promise<void> {
  const hour = 3_600_000;
  const now = Date.now();
  await db
    .insert(legalHolds)
    .values([
      {
        id: seedId("legalHold", 3),
        subjectKind: "post",
        subjectRef: seedId("post", 3),
        reason: "仙台駅前店スタッフの肖像に関する本人からの照会（2026年11月）。回答まで投稿の削除・非表示を禁止。",
        placedById: demoUserId("legal"),
        placedAt: new Date(now - 26 * hour),
      },
      {
        id: seedId("legalHold", 4),
        subjectKind: "platform_user",
        subjectRef: "x:troll_aoba_9",
        reason: "脅迫的な投稿を繰り返すアカウント。警察への相談記録として全投稿を保全。",
        placedById: demoUserId("legal"),
        placedAt: new Date(now - 5 * 24 * hour),
      },
    ])
    .onConflictDoNothing();
  await db.insert(legalSettings).values({ id: 1, rightsExpiryAction: "hide", inboxRetentionDays: 365, draftRetentionDays: 180, updatedById: demoUserId("legal"), updatedAt: new Date(now - 30 * 24 * hour) }).onConflictDoNothing();
}
