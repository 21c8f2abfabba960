/**
 * Demo data for inbox replies (issue 4): the team's saved replies in Japanese and English, the
 * replies that answered the seeded inbox history (so threads show who answered and when, on the
 * sandbox network too), and a few replies waiting for PR approval on escalated items (the PR
 * workspace's queue). Idempotent: fixed ids, ON CONFLICT DO NOTHING. Runs after seedInbox.
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Db } from "@/db";
import { escalations, inboxItems, replies, savedReplies } from "@/db/schema";
import { demoUserId } from "./demo";

const id = (kind: number, n: number) => `00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-${n.toString(16).padStart(12, "0")}`;
const hash = (t: string) => createHash("sha256").update(t, "utf8").digest("hex");

export const SEED_SAVED_REPLIES: { title: string; locale: "ja" | "en"; body: string }[] = [
  { title: "お問い合わせへのお礼", locale: "ja", body: "{{name}}様、お問い合わせいただきありがとうございます。担当の{{agent}}が確認のうえ、あらためてご連絡いたします。" },
  { title: "ご不便へのお詫び", locale: "ja", body: "{{name}}様、このたびはご不便をおかけし誠に申し訳ございません。詳しい状況をお伺いしたく、DMにてご連絡させていただけますでしょうか。" },
  { title: "DMへの誘導", locale: "ja", body: "{{name}}様、ご連絡ありがとうございます。個人情報を含むため、お手数ですがDMにてご注文番号をお知らせください。" },
  { title: "再入荷のご案内", locale: "ja", body: "{{name}}様、お問い合わせありがとうございます。現在品切れとなっており、再入荷は決まり次第{{brand}}公式アカウントでお知らせいたします({{date}}時点)。" },
  { title: "前向きなコメントへのお礼", locale: "ja", body: "{{name}}様、うれしいお言葉をありがとうございます!スタッフ一同の励みになります。これからも{{brand}}をよろしくお願いいたします。" },
  { title: "調査中のご報告", locale: "ja", body: "{{name}}様、ご指摘ありがとうございます。現在、事実関係を確認しております。確認でき次第、あらためてご報告いたします。" },
  { title: "Thanks for reaching out", locale: "en", body: "Hi {{name}}, thank you for getting in touch. {{agent}} from our team will look into this and get back to you." },
  { title: "Apology for the trouble", locale: "en", body: "Hi {{name}}, we are very sorry for the trouble. Could you send us a DM with your order number so we can look into it?" },
  { title: "Thanks for the kind words", locale: "en", body: "Thank you so much, {{name}}! We will pass your kind words on to the team at {{brand}}." },
];

const ANSWERS = {
  ja: [
    "お問い合わせいただきありがとうございます。担当者が確認のうえ、DMにてご連絡いたします。",
    "うれしいお言葉をありがとうございます!スタッフ一同の励みになります。",
    "ご不便をおかけし申し訳ございません。詳しい状況をDMにてお伺いできますでしょうか。",
    "ご指摘ありがとうございます。社内で共有し、改善に努めてまいります。",
  ],
  en: [
    "Thank you for reaching out. Our team will get back to you by DM shortly.",
    "Thank you so much for the kind words! We will share them with the team.",
    "We are sorry for the trouble. Could you DM us the details so we can help?",
  ],
} as const;

const PENDING_TEXT = "このたびはご心配をおかけし、誠に申し訳ございません。現在、該当ロットについて事実関係を確認しております。確認でき次第、公式アカウントにてご報告いたします。";

export async function seedInboxReplies(db: Db): Promise<void> {
  await db
    .insert(savedReplies)
    .values(SEED_SAVED_REPLIES.map((s, i) => ({ id: id(0x310, i + 1), ...s, createdById: demoUserId(i % 2 ? "community2" : "community") })))
    .onConflictDoNothing();

  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from replies where id::text like '00000000-0000-4000-8311-%'`);
  if (n > 0) return;

  // The answered history: one sent reply per answered item, at its first response time, by its assignee.
  const answered = await db
    .select({ id: inboxItems.id, at: inboxItems.firstResponseAt, by: inboxItems.assigneeId, language: inboxItems.language })
    .from(inboxItems)
    .where(and(sql`${inboxItems.externalId} like 'seed-inbox-%'`, isNotNull(inboxItems.firstResponseAt), isNotNull(inboxItems.assigneeId)))
    .orderBy(inboxItems.receivedAt);
  const rows: (typeof replies.$inferInsert)[] = answered.map((a, i) => {
    const pool = a.language === "en" ? ANSWERS.en : ANSWERS.ja;
    const text = pool[i % pool.length]!;
    return {
      id: id(0x311, i + 1),
      inboxItemId: a.id,
      authorId: a.by!,
      text,
      state: "sent",
      approvedHash: hash(text),
      externalId: `sbx_seed_reply_${i + 1}`,
      idempotencyKey: `reply:${id(0x311, i + 1)}:${hash(text).slice(0, 16)}`,
      attempts: 1,
      createdAt: new Date(a.at!.getTime() - 30_000),
      updatedAt: a.at!,
      sentAt: a.at!,
    };
  });

  // Two replies on items escalated to PR wait for PR's approval (the PR workspace's queue).
  const escalated = await db
    .selectDistinct({ id: inboxItems.id, by: inboxItems.assigneeId, receivedAt: inboxItems.receivedAt })
    .from(inboxItems)
    .innerJoin(escalations, and(eq(escalations.inboxItemId, inboxItems.id), eq(escalations.toRole, "pr")))
    .where(and(sql`${inboxItems.externalId} like 'seed-inbox-%'`, eq(inboxItems.status, "escalated"), isNotNull(inboxItems.assigneeId), inArray(inboxItems.kind, ["comment", "dm"])))
    .orderBy(sql`${inboxItems.receivedAt} desc`)
    .limit(2);
  escalated.forEach((e, i) =>
    rows.push({
      id: id(0x311, 10_000 + i),
      inboxItemId: e.id,
      authorId: e.by!,
      text: PENDING_TEXT,
      state: "pending_approval",
      approvalRole: "pr",
      approvalReason: "escalated_pr",
      createdAt: new Date(Date.now() - (i + 1) * 7 * 60_000),
      updatedAt: new Date(Date.now() - (i + 1) * 7 * 60_000),
    }),
  );

  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 200) await tx.insert(replies).values(rows.slice(i, i + 200)).onConflictDoNothing();
    // The sandbox network shows the answers it carried (DM answers stay private).
    await tx.execute(sql`
      insert into sandbox_posts (channel_id, external_id, idempotency_key, text, in_reply_to, is_direct, created_at, updated_at)
      select i.channel_id, r.external_id, r.idempotency_key, r.text, i.external_id, i.kind = 'dm', r.sent_at, r.sent_at
      from replies r
      join inbox_items i on i.id = r.inbox_item_id
      join channels c on c.id = i.channel_id and c.connector = 'sandbox'
      where r.state = 'sent' and r.external_id like 'sbx_seed_reply_%'
      on conflict do nothing`);
  });
}
