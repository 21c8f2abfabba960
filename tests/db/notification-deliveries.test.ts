/**
 * Outbound delivery against LOCAL receivers only: an in-process SMTP server (smtp-server) and a
 * loopback HTTP server standing in for Slack and Teams incoming webhooks. Real nodemailer, real
 * fetch, real PostgreSQL: each delivery row is sent once, failures are kept and retried with backoff,
 * permanent errors stop at once, secrets never reach last_error.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { notificationDeliveries, notificationEmailPrefs, notificationWebhooks, users } from "@/db/schema";
import { seedOrganisation } from "@/db/seed/demo";
import { notify } from "@/lib/dal/notify";
import { deliverDueNotifications } from "@/lib/dal/notification-deliveries";
import { createWebhook } from "@/lib/dal/notification-webhooks";
import type { Viewer } from "@/lib/dal/viewer";
import { viewerWith } from "./helpers";

const db = () => getDb();

type Mail = { from: string; to: string[]; raw: string };
const mails: Mail[] = [];
let smtp: SMTPServer;
let smtpPort = 0;

type Hit = { path: string; body: unknown };
const hits: Hit[] = [];
const statusFor = new Map<string, number>();
let web: http.Server;
let webBase = "";

let admin: Viewer;
let alice: Viewer; // e-mail on by default for review.requested
let bob: Viewer; // opted out

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onAuth: (_auth, _session, cb) => cb(null, { user: "portal" }),
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  web = http.createServer((req, res) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => {
      const status = statusFor.get(req.url ?? "") ?? 200;
      if (status === 200) hits.push({ path: req.url ?? "", body: JSON.parse(data) });
      res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "no");
    });
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;

  process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.SMTP_FROM = "SNS Portal <sns-portal@aoba.example>";
  process.env.PORTAL_URL = "https://sns.aoba.example";
  await seedOrganisation(db());
  admin = await viewerWith(["admin"]);
  alice = await viewerWith(["legal"], { name: "Alice" });
  bob = await viewerWith(["legal"], { name: "Bob" });
  await db().update(users).set({ locale: "en" }).where(eq(users.id, alice.id));
  await db().insert(notificationEmailPrefs).values({ userId: bob.id, kind: "review.requested", enabled: false });
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  delete process.env.SMTP_FROM;
  delete process.env.PORTAL_URL;
  await new Promise<void>((r) => smtp.close(() => r()));
  await new Promise<void>((r) => web.close(() => r()));
});

beforeEach(async () => {
  mails.length = 0;
  hits.length = 0;
  statusFor.clear();
  await db().delete(notificationDeliveries).where(sql`true`);
  await db().delete(notificationWebhooks).where(sql`true`);
});

const rows = () => db().select().from(notificationDeliveries);

describe("queueing", () => {
  it("e-mail only to people who opted in (default or saved) with SMTP configured; one webhook message per event", async () => {
    await createWebhook(admin, { name: "#sns", kind: "slack", url: `${webBase}/slack`, kinds: ["review.requested"] });
    await createWebhook(admin, { name: "other", kind: "teams", url: `${webBase}/teams`, kinds: ["crisis.started"] });
    await db().transaction((tx) =>
      notify(tx, { userIds: [alice.id, bob.id], kind: "review.requested", params: { postTitle: "Autumn latte", stage: "legal" }, link: "/legal/reviews/x", dedupeKey: "q1" }),
    );
    const r = await rows();
    expect(r.filter((d) => d.channel === "email").map((d) => d.userId)).toEqual([alice.id]);
    expect(r.filter((d) => d.channel === "webhook")).toHaveLength(1);
    // The same event reported again queues nothing more.
    await db().transaction((tx) =>
      notify(tx, { userIds: [alice.id, bob.id], kind: "review.requested", params: { postTitle: "Autumn latte", stage: "legal" }, dedupeKey: "q1" }),
    );
    expect(await rows()).toHaveLength(2);
  });

  it("no SMTP configured: no e-mail rows", async () => {
    const saved = process.env.SMTP_URL;
    delete process.env.SMTP_URL;
    try {
      await db().transaction((tx) => notify(tx, { userIds: [alice.id], kind: "review.requested", params: { postTitle: "x" } }));
      expect(await rows()).toHaveLength(0);
    } finally {
      process.env.SMTP_URL = saved;
    }
  });
});

describe("sending", () => {
  it("sends each delivery exactly once, even with three workers at once", async () => {
    await createWebhook(admin, { name: "#sns", kind: "slack", url: `${webBase}/slack`, kinds: ["publish.failed"], locale: "en" });
    await createWebhook(admin, { name: "Teams", kind: "teams", url: `${webBase}/teams`, kinds: ["publish.failed"] });
    const people = [alice, ...(await Promise.all([1, 2, 3].map(() => viewerWith(["social_media_manager"]))))];
    for (let i = 0; i < 5; i++) {
      await db().transaction((tx) =>
        notify(tx, { userIds: people.map((p) => p.id), kind: "publish.failed", params: { postTitle: `P${i}`, channel: "X", error: "HTTP 503" }, link: "/manager" }),
      );
    }
    expect(await rows()).toHaveLength(5 * 4 + 5 * 2);
    const runs = await Promise.all([deliverDueNotifications(), deliverDueNotifications(), deliverDueNotifications()]);
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(30);
    expect(mails).toHaveLength(20);
    expect(hits.filter((h) => h.path === "/slack")).toHaveLength(5);
    expect(hits.filter((h) => h.path === "/teams")).toHaveLength(5);
    const ids = mails.map((m) => /Message-ID: <([^>]+)>/i.exec(m.raw)?.[1]);
    expect(new Set(ids).size).toBe(20);
    expect((await rows()).every((d) => d.state === "sent" && d.attempts === 1 && d.sentAt)).toBe(true);
    expect((await deliverDueNotifications()).claimed).toBe(0);

    const toAlice = mails.find((m) => m.to.includes(alice.email!))!;
    expect(toAlice.from).toBe("sns-portal@aoba.example");
    // English for Alice (her locale), quoted-printable on the wire.
    expect(toAlice.raw).toContain("Subject: =?UTF-8?Q?Publishing_failed=3A_=E2=80=9CP");
    expect(toAlice.raw).toContain("Open in the portal: https://sns.aoba.example/manager");
    expect(toAlice.raw).toContain("https://sns.aoba.example/manager");

    const slack = hits.find((h) => h.path === "/slack")!.body as { text: string; blocks: { type: string }[] };
    expect(slack.text).toMatch(/^Publishing failed: “P\d”\nX: HTTP 503\n<https:\/\/sns\.aoba\.example\/manager\|Open in the portal>$/);
    expect(slack.blocks.map((b) => b.type)).toEqual(["section", "actions"]);
    const teams = hits.find((h) => h.path === "/teams")!.body as { type: string; attachments: { contentType: string; content: { type: string; body: { text: string }[] } }[] };
    expect(teams.type).toBe("message");
    expect(teams.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(teams.attachments[0]!.content.type).toBe("AdaptiveCard");
    expect(teams.attachments[0]!.content.body[0]!.text).toMatch(/^公開に失敗しました: 「P\d」$/);
  });

  it("a transient failure is kept and retried with backoff; a permanent one stops at once", async () => {
    await createWebhook(admin, { name: "flaky", kind: "slack", url: `${webBase}/flaky`, kinds: ["crisis.started"] });
    await createWebhook(admin, { name: "gone", kind: "slack", url: `${webBase}/gone`, kinds: ["crisis.started"] });
    statusFor.set("/flaky", 503);
    statusFor.set("/gone", 404);
    await db().transaction((tx) => notify(tx, { kind: "crisis.started", params: { reason: "地震", scope: "全体", actorName: "佐藤" } }));
    const t0 = new Date();
    const first = await deliverDueNotifications({ now: () => t0 });
    expect(first).toMatchObject({ claimed: 2, sent: 0, retrying: 1, failed: 1 });
    const [flaky] = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.webhookId, (await hook("flaky")).id));
    const [gone] = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.webhookId, (await hook("gone")).id));
    expect(flaky).toMatchObject({ state: "pending", attempts: 1, lastError: "HTTP 503" });
    expect(flaky!.nextAttemptAt.getTime()).toBe(t0.getTime() + 60_000);
    expect(gone).toMatchObject({ state: "failed", attempts: 1 });
    expect(gone!.lastError).toMatch(/^HTTP 404/);
    expect(gone!.lastError).not.toContain(webBase);

    // Not yet due: nothing happens.
    expect((await deliverDueNotifications({ now: () => new Date(t0.getTime() + 30_000) })).claimed).toBe(0);
    statusFor.delete("/flaky");
    const second = await deliverDueNotifications({ now: () => new Date(t0.getTime() + 61_000) });
    expect(second).toMatchObject({ claimed: 1, sent: 1 });
    expect(hits.filter((h) => h.path === "/flaky")).toHaveLength(1);
    const [after] = await db().select().from(notificationDeliveries).where(eq(notificationDeliveries.id, flaky!.id));
    expect(after).toMatchObject({ state: "sent", attempts: 2, lastError: null });
  });

  it("gives up after the last attempt", async () => {
    await createWebhook(admin, { name: "down", kind: "teams", url: `${webBase}/down`, kinds: ["crisis.ended"] });
    statusFor.set("/down", 500);
    await db().transaction((tx) => notify(tx, { kind: "crisis.ended", params: { scope: "全体", actorName: "佐藤" } }));
    let t = Date.now();
    for (let i = 0; i < 10; i++) {
      await deliverDueNotifications({ now: () => new Date(t) });
      t += 5 * 3600_000;
    }
    const [row] = await rows();
    expect(row).toMatchObject({ state: "failed", attempts: 6 });
    expect(row!.lastError).toBe("HTTP 500 (after 6 of 6 attempts)");
  });

  it("SMTP unreachable: retried, and the password never reaches last_error", async () => {
    const saved = process.env.SMTP_URL;
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    process.env.SMTP_URL = `smtp://portal:s3cretPW@127.0.0.1:${deadPort}`;
    try {
      await db().transaction((tx) => notify(tx, { userIds: [alice.id], kind: "publish.needs_human_check", params: { postTitle: "x", channel: "X" } }));
      const r = await deliverDueNotifications();
      expect(r).toMatchObject({ claimed: 1, retrying: 1 });
      const [row] = await rows();
      expect(row!.state).toBe("pending");
      expect(row!.lastError).toMatch(/^SMTP /);
      expect(row!.lastError).not.toContain("s3cretPW");
    } finally {
      process.env.SMTP_URL = saved;
    }
  });

  it("a recipient deactivated after queueing is skipped; a webhook disabled meanwhile too", async () => {
    const carol = await viewerWith(["legal"]);
    await createWebhook(admin, { name: "#x", kind: "slack", url: `${webBase}/x`, kinds: ["review.overdue"] });
    await db().transaction((tx) => notify(tx, { userIds: [carol.id], kind: "review.overdue", params: { postTitle: "x" } }));
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, carol.id));
    await db().update(notificationWebhooks).set({ enabled: false }).where(sql`true`);
    const r = await deliverDueNotifications();
    expect(r).toMatchObject({ claimed: 2, skipped: 2, sent: 0 });
    expect(mails).toHaveLength(0);
    expect(hits).toHaveLength(0);
  });

  it("a row left 'sending' by a worker that died is taken again after 10 minutes, not before", async () => {
    await db().transaction((tx) => notify(tx, { userIds: [alice.id], kind: "review.overdue", params: { postTitle: "x" } }));
    const [row] = await rows();
    const died = new Date();
    await db().update(notificationDeliveries).set({ state: "sending", lockedAt: died, attempts: 1 }).where(eq(notificationDeliveries.id, row!.id));
    expect((await deliverDueNotifications({ now: () => new Date(died.getTime() + 5 * 60_000) })).claimed).toBe(0);
    expect((await deliverDueNotifications({ now: () => new Date(died.getTime() + 11 * 60_000) })).sent).toBe(1);
    expect(mails).toHaveLength(1);
  });
});

async function hook(name: string) {
  const [h] = await db().select().from(notificationWebhooks).where(inArray(notificationWebhooks.name, [name]));
  return h!;
}

describe("retention", () => {
  it("drops year-old notifications and 90-day-old finished deliveries, never pending ones", async () => {
    const { purgeOldNotifications } = await import("@/lib/dal/notification-deliveries");
    const { notifications } = await import("@/db/schema");
    for (const k of ["ret-1", "ret-2", "ret-3"]) {
      await db().transaction((tx) => notify(tx, { userIds: [alice.id], kind: "review.overdue", params: { postTitle: k }, dedupeKey: k }));
    }
    const idOf = async (k: string) => (await db().select({ id: notifications.id }).from(notifications).where(eq(notifications.dedupeKey, k)))[0]!.id;
    const [n1, n2, n3] = [await idOf("ret-1"), await idOf("ret-2"), await idOf("ret-3")];
    const daysAgo = (d: number) => new Date(Date.now() - d * 24 * 3600_000);
    await db().update(notifications).set({ createdAt: daysAgo(400) }).where(eq(notifications.id, n1));
    await db().update(notificationDeliveries).set({ createdAt: daysAgo(100) }).where(eq(notificationDeliveries.notificationId, n2)); // still pending
    await db().update(notificationDeliveries).set({ state: "sent", createdAt: daysAgo(100) }).where(eq(notificationDeliveries.notificationId, n3));
    expect(await purgeOldNotifications()).toEqual({ notifications: 1, deliveries: 1 });
    expect((await db().select({ id: notifications.id }).from(notifications).where(inArray(notifications.id, [n1, n2, n3]))).map((r) => r.id).sort()).toEqual([n2, n3].sort());
    const left = await rows();
    expect(left.map((d) => [d.notificationId, d.state])).toEqual([[n2, "pending"]]);
  });
});
