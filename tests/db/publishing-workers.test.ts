/**
 * Scheduled publishing with real worker processes (`worker/index.ts`, pg-boss) on this file's
 * database: several workers racing, a worker SIGKILLed mid-call, duplicate jobs, a crisis while
 * posts are due, approvals missing at the slot. Counts are taken at the sandbox network.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { PgBoss } from "pg-boss";
import { getDb } from "@/db";
import { approvals, crisisStates, posts, postTargets, publications, sandboxPosts } from "@/db/schema";
import { createBrand, createChannel, createUser } from "@/db/seed/factories";
import { createScheduledPosts, type ScheduledPostSpec } from "@/db/seed/publishing-factories";
import { injectSandboxFault } from "@/lib/dal/sandbox-network";
import { PUBLISH_QUEUE } from "@/lib/jobs/publishing";

const db = () => getDb();
const TSX = path.resolve("node_modules/.bin/tsx");
let brandId: string;
const channelIds: string[] = [];
let people: { author: string; pr: string; manager: string };
const running: { proc: ChildProcess; out: string[]; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }[] = [];

async function startWorker(extraEnv: Record<string, string> = {}) {
  const out: string[] = [];
  const proc = spawn(TSX, ["--conditions=react-server", "worker/index.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: process.env.DATABASE_URL!,
      SANDBOX_ALLOW_CRASH: "1",
      SANDBOX_LATENCY_MS: "10",
      PUBLISH_DISPATCH_MS: "200",
      PUBLISH_TIMEOUT_MS: "10000",
      PUBLISH_CLAIM_LEASE_MS: "2500",
      DATABASE_POOL_MAX: "6",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: tsx runs the worker in a child process, and stopping must reach both.
    detached: true,
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      out.push(b.toString());
      if (out.join("").includes("[worker] ready")) resolve();
    };
    proc.stdout!.on("data", onData);
    proc.stderr!.on("data", (b: Buffer) => out.push(b.toString()));
    void exit.then(() => reject(new Error(`worker exited before ready:\n${out.join("")}`)));
  });
  const w = { proc, out, exit };
  running.push(w);
  await ready;
  return w;
}

/** tsx runs the worker in a child node process: its SIGKILL shows as the signal or as status 137. */
const killed = (e: { code: number | null; signal: NodeJS.Signals | null }) => e.signal === "SIGKILL" || e.code === 137;

async function stopWorkers() {
  const all = running.splice(0);
  const alive = (w: (typeof all)[number]) => w.proc.exitCode === null && w.proc.signalCode === null;
  const signal = (w: (typeof all)[number], sig: NodeJS.Signals) => {
    try {
      process.kill(-w.proc.pid!, sig);
    } catch {
      // already gone
    }
  };
  for (const w of all) if (alive(w)) signal(w, "SIGTERM");
  await Promise.all(all.map((w) => Promise.race([w.exit, new Promise((r) => setTimeout(r, 15_000))])));
  // Whatever is left of each group (a child that ignored SIGTERM) goes now: no orphan keeps publishing.
  for (const w of all) signal(w, "SIGKILL");
}

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await fn()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}\n${running.map((w) => w.out.join("").slice(-2000)).join("\n---\n")}`);
}

function specs(n: number, o: Partial<ScheduledPostSpec> = {}): ScheduledPostSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    brandId,
    channelIds: [channelIds[i % channelIds.length]!],
    authorId: people.author,
    prReviewerId: people.pr,
    finalReviewerId: people.manager,
    slotAt: new Date(Date.now() + 1500),
    ...o,
  }));
}

const targetIdsOf = (created: { targetIds: string[] }[]) => created.flatMap((c) => c.targetIds);

async function statesOf(targetIds: string[]) {
  const rows = await db().select({ state: postTargets.state, n: sql<number>`count(*)::int` }).from(postTargets).where(inArray(postTargets.id, targetIds)).groupBy(postTargets.state);
  return Object.fromEntries(rows.map((r) => [r.state, r.n])) as Record<string, number>;
}

/** Posts on the sandbox network for these targets, counted at the network. */
async function networkPosts(targetIds: string[]) {
  const keys = await db().select({ k: postTargets.idempotencyKey }).from(postTargets).where(inArray(postTargets.id, targetIds));
  const [row] = await db()
    .select({ posts: sql<number>`count(*)::int`, keys: sql<number>`count(distinct ${sandboxPosts.idempotencyKey})::int` })
    .from(sandboxPosts)
    .where(inArray(sandboxPosts.idempotencyKey, keys.map((k) => k.k)));
  return row!;
}

beforeAll(async () => {
  brandId = (await createBrand(db())).id;
  for (const p of ["x", "facebook", "instagram", "line", "tiktok"] as const) channelIds.push((await createChannel(db(), { brandId, platform: p })).id);
  people = {
    author: (await createUser(db(), { roles: ["content_creator"] })).id,
    pr: (await createUser(db(), { roles: ["pr"] })).id,
    manager: (await createUser(db(), { roles: ["social_media_manager"] })).id,
  };
}, 120_000);

afterEach(stopWorkers, 60_000);
afterAll(stopWorkers, 60_000);

describe("publishing with real workers", () => {
  it("4 workers, 500 targets due in the same second: each published exactly once", async () => {
    await Promise.all([startWorker(), startWorker(), startWorker(), startWorker()]);
    const slotAt = new Date(Date.now() + 2000);
    const created = await createScheduledPosts(db(), specs(500, { slotAt }));
    const ids = targetIdsOf(created);
    await waitFor("500 published", async () => (await statesOf(ids)).published === 500, 120_000);
    const net = await networkPosts(ids);
    expect(net).toEqual({ posts: 500, keys: 500 });
    // On a loaded machine a call may time out and be reconciled and retried: still one post per key, none lost.
    const [unsettled] = await db().select({ n: sql<number>`count(*)::int` }).from(publications).where(and(inArray(publications.targetId, ids), sql`${publications.state} <> 'published'`));
    expect(unsettled!.n).toBe(0);
    // The work was shared: more than one worker process published.
    const workers = await db().selectDistinct({ w: postTargets.claimedBy }).from(postTargets).where(inArray(postTargets.id, ids));
    expect(workers.length).toBeGreaterThanOrEqual(2);
    const [postsDone] = await db().select({ n: sql<number>`count(*)::int` }).from(posts).where(and(inArray(posts.id, created.map((c) => c.postId)), eq(posts.state, "published")));
    expect(postsDone!.n).toBe(500);
  }, 180_000);

  it("a worker SIGKILLed after the remote success and before the commit: reconciled, not re-posted", async () => {
    const w = await startWorker();
    await injectSandboxFault("crash_after", { channelId: channelIds[0] });
    const created = await createScheduledPosts(db(), specs(1, { channelIds: [channelIds[0]!], slotAt: new Date(Date.now() + 500) }));
    const ids = targetIdsOf(created);
    expect(killed(await w.exit)).toBe(true);
    expect((await statesOf(ids)).publishing).toBe(1);
    expect((await networkPosts(ids)).posts).toBe(1);
    await startWorker();
    await waitFor("recovered", async () => (await statesOf(ids)).published === 1, 120_000);
    expect((await networkPosts(ids)).posts).toBe(1);
    const [pub] = await db().select().from(publications).where(eq(publications.targetId, ids[0]!));
    expect(pub!.resolvedBy).toBe("reconcile");
  }, 180_000);

  it("a worker SIGKILLed before the remote call: published once after recovery", async () => {
    const w = await startWorker();
    await injectSandboxFault("crash_before", { channelId: channelIds[1] });
    const created = await createScheduledPosts(db(), specs(1, { channelIds: [channelIds[1]!], slotAt: new Date(Date.now() + 500) }));
    const ids = targetIdsOf(created);
    expect(killed(await w.exit)).toBe(true);
    expect((await networkPosts(ids)).posts).toBe(0);
    await startWorker();
    await waitFor("recovered", async () => (await statesOf(ids)).published === 1, 120_000);
    expect((await networkPosts(ids)).posts).toBe(1);
  }, 180_000);

  it("duplicate jobs for one target publish once", async () => {
    const created = await createScheduledPosts(db(), specs(1, { slotAt: new Date(Date.now() - 200) }));
    const ids = targetIdsOf(created);
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL!, schema: "pgboss", max: 2 });
    await boss.start();
    await boss.createQueue(PUBLISH_QUEUE, { policy: "short" });
    // Five copies under different keys, as a buggy or replayed enqueue would make.
    for (let i = 0; i < 5; i++) await boss.send(PUBLISH_QUEUE, { targetId: ids[0] }, { singletonKey: `dup-${i}` });
    await boss.stop({ graceful: false });
    await Promise.all([startWorker(), startWorker()]);
    await waitFor("published", async () => (await statesOf(ids)).published === 1);
    await new Promise((r) => setTimeout(r, 1500)); // let every copy run
    expect((await networkPosts(ids)).posts).toBe(1);
  }, 120_000);

  it("crisis mode on while posts are due: none publish, none lost", async () => {
    const [crisis] = await db().insert(crisisStates).values({ scope: "brand", brandId, reason: "炎上対応テスト", startedById: people.manager }).returning({ id: crisisStates.id });
    const created = await createScheduledPosts(db(), specs(50, { slotAt: new Date(Date.now() + 1000) }));
    const ids = targetIdsOf(created);
    await Promise.all([startWorker(), startWorker()]);
    await waitFor("50 held", async () => (await statesOf(ids)).held === 50);
    expect((await networkPosts(ids)).posts).toBe(0);
    // The crisis ends; nothing fires by itself.
    await db().update(crisisStates).set({ endedAt: new Date() }).where(eq(crisisStates.id, crisis!.id));
    await new Promise((r) => setTimeout(r, 2000));
    expect(await statesOf(ids)).toEqual({ held: 50 });
    expect((await networkPosts(ids)).posts).toBe(0);
  }, 120_000);

  it("approval missing at the slot → expired, never published", async () => {
    const created = await createScheduledPosts(db(), specs(3, { slotAt: new Date(Date.now() + 1000) }));
    await db().update(approvals).set({ voidedAt: new Date() }).where(eq(approvals.postId, created[0]!.postId));
    const unapproved = await createScheduledPosts(db(), specs(1, { state: "in_review", slotAt: new Date(Date.now() + 1000) }));
    await startWorker();
    const ids = targetIdsOf(created);
    await waitFor("settled", async () => {
      const s = await statesOf(ids);
      return s.published === 2 && s.expired === 1;
    });
    await waitFor("unapproved expired", async () => {
      const [p] = await db().select({ state: posts.state }).from(posts).where(eq(posts.id, unapproved[0]!.postId));
      return p!.state === "expired";
    });
    expect((await networkPosts([ids[0]!])).posts).toBe(0);
  }, 120_000);
});
