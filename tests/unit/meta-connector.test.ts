/**
 * The Meta Graph connector against the local Graph API stand-in (scripts/stubs/meta-graph.ts):
 * Facebook Page posts, Instagram container → status → publish, reconciliation, removal, and the
 * classification of every failure into "certainly not applied" / "maybe applied".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { metaConnector } from "@/lib/channels/meta";
import type { ChannelRef } from "@/lib/channels/types";
import { startMetaGraphStub, type MetaGraphStub } from "@/scripts/stubs/meta-graph";

const PAGE = "100000000000003";
const IG = "17841400000000001";
let stub: MetaGraphStub;

const fb: ChannelRef = { id: "c-fb", platform: "facebook", handle: "aobafoods", connector: "meta", externalAccountId: PAGE, credentialsRef: "env:META_TEST_TOKEN" };
const ig: ChannelRef = { id: "c-ig", platform: "instagram", handle: "aoba.cafe", connector: "meta", externalAccountId: IG, credentialsRef: "env:META_TEST_TOKEN" };
const img = (n: number) => ({ kind: "image" as const, url: `https://portal.example/api/assets/${n}/file`, mimeType: "image/jpeg" });
const sig = (ms = 2000) => AbortSignal.timeout(ms);
const publish = (channel: ChannelRef, text: string, media = [] as ReturnType<typeof img>[], ms = 2000) =>
  metaConnector.publish({ channel, idempotencyKey: "k", text, media, signal: sig(ms) });

beforeAll(async () => {
  stub = await startMetaGraphStub({ tokens: ["good-token"], pages: [PAGE], igUsers: [IG], containerPolls: 2 });
  process.env.META_GRAPH_URL = stub.url;
  process.env.META_TEST_TOKEN = "good-token";
  process.env.META_CONTAINER_POLL_MS = "10";
});
afterAll(async () => {
  await stub.close();
  delete process.env.META_GRAPH_URL;
});
beforeEach(() => stub.reset());

describe("Facebook Pages", () => {
  it("a text post goes to /{page}/feed and comes back with its id and permalink", async () => {
    const r = await publish(fb, "本日より新商品を発売します。");
    expect(r.kind).toBe("published");
    if (r.kind !== "published") return;
    expect(r.externalId).toMatch(new RegExp(`^${PAGE}_\\d+$`));
    expect(r.url).toContain("facebook.com");
    expect(stub.fbPosts(PAGE)[0]?.message).toBe("本日より新商品を発売します。");
    expect(stub.calls[0]).toMatch(/^POST \/v23\.0\/100000000000003\/feed$/);
  });

  it("one photo via /photos; several as unpublished photos attached to one feed post", async () => {
    expect((await publish(fb, "写真1枚", [img(1)])).kind).toBe("published");
    expect((await publish(fb, "写真3枚", [img(1), img(2), img(3)])).kind).toBe("published");
    const multi = stub.fbPosts(PAGE).find((p) => p.message === "写真3枚");
    expect(multi?.attached).toHaveLength(3);
    expect(stub.fbPosts(PAGE)).toHaveLength(2); // the unpublished photos are not posts of their own
  });

  it("a correction as a comment of the Page on the original", async () => {
    const orig = await publish(fb, "元の投稿");
    if (orig.kind !== "published") throw new Error("no original");
    const r = await metaConnector.publish({ channel: fb, idempotencyKey: "k2", text: "【訂正】", media: [], inReplyToExternalId: orig.externalId, signal: sig() });
    expect(r.kind).toBe("published");
    expect(stub.comments[0]).toMatchObject({ parent: orig.externalId, message: "【訂正】" });
  });

  it("reconcile finds a post by its exact text among those since the attempt, and says absent otherwise", async () => {
    const since = new Date();
    await publish(fb, "探される投稿");
    const found = await metaConnector.reconcile({ channel: fb, idempotencyKey: "k", text: "探される投稿", since, signal: sig() });
    expect(found.kind).toBe("found");
    const absent = await metaConnector.reconcile({ channel: fb, idempotencyKey: "k", text: "存在しない投稿", since, signal: sig() });
    expect(absent.kind).toBe("absent");
  });

  it("delete and hide through the API", async () => {
    const a = await publish(fb, "消す投稿");
    const b = await publish(fb, "隠す投稿");
    if (a.kind !== "published" || b.kind !== "published") throw new Error("setup");
    expect(await metaConnector.remove({ channel: fb, externalId: a.externalId, mode: "delete", signal: sig() })).toEqual({ kind: "done" });
    expect(await metaConnector.remove({ channel: fb, externalId: b.externalId, mode: "hide", signal: sig() })).toEqual({ kind: "done" });
    expect(stub.fbPosts(PAGE).map((p) => p.message)).toEqual(["隠す投稿"]);
    expect(stub.fbPosts(PAGE)[0]?.is_hidden).toBe(true);
  });
});

describe("Instagram content publishing", () => {
  it("container, status until FINISHED, media_publish, permalink", async () => {
    const r = await publish(ig, "秋限定ラテ #あおばカフェ", [img(1)]);
    expect(r.kind).toBe("published");
    expect(stub.calls.filter((c) => c.startsWith("GET") && !c.includes("/media")).length).toBeGreaterThanOrEqual(2); // polled the container
    expect(stub.calls.some((c) => c.endsWith("/media_publish"))).toBe(true);
    expect(stub.igMedia(IG)[0]?.caption).toBe("秋限定ラテ #あおばカフェ");
    if (r.kind === "published") expect(r.url).toContain("instagram.com/p/");
  });

  it("a carousel of several images", async () => {
    const r = await publish(ig, "カルーセル", [img(1), img(2)]);
    expect(r.kind).toBe("published");
    expect(stub.igMedia(IG)).toHaveLength(1);
  });

  it("text only is refused before any call (Instagram needs media)", async () => {
    expect(await publish(ig, "文字だけ")).toMatchObject({ kind: "failed", code: "unsupported", retryable: false });
    expect(stub.calls).toHaveLength(0);
  });

  it("published media cannot be removed through the API: a person must do it", async () => {
    expect(await metaConnector.remove({ channel: ig, externalId: "1", mode: "delete", signal: sig() })).toMatchObject({ kind: "failed", code: "unsupported" });
  });
});

describe("failures are classified by whether they may have taken effect", () => {
  it("a bad token is a permanent auth failure; no token configured is a config failure", async () => {
    process.env.META_TEST_TOKEN = "expired-token";
    expect(await publish(fb, "x")).toMatchObject({ kind: "failed", code: "auth", retryable: false });
    process.env.META_TEST_TOKEN = "";
    expect(await publish(fb, "x")).toMatchObject({ kind: "failed", code: "config", retryable: false });
    process.env.META_TEST_TOKEN = "good-token";
  });

  it("rate limits were refused before processing: safe to retry", async () => {
    stub.fault(/feed$/, { kind: "error", status: 400, code: 32, message: "Page request limit reached" });
    expect(await publish(fb, "x")).toMatchObject({ kind: "failed", code: "rate_limited", retryable: true });
  });

  it("invalid parameters are permanent", async () => {
    stub.fault(/feed$/, { kind: "error", status: 400, code: 100, message: "Invalid parameter" });
    expect(await publish(fb, "x")).toMatchObject({ kind: "failed", code: "invalid", retryable: false });
  });

  it("a transient 5xx on a write may have been applied: unknown", async () => {
    stub.fault(/feed$/, { kind: "error", status: 500, code: 2, isTransient: true });
    expect(await publish(fb, "x")).toMatchObject({ kind: "unknown", code: "unavailable" });
  });

  it("a duplicate-status error means it is probably there already: unknown, so reconciliation looks", async () => {
    await publish(fb, "二度目");
    expect(await publish(fb, "二度目")).toMatchObject({ kind: "unknown" });
  });

  it("no answer before the timeout after sending: unknown; the work may be done (succeed_hang) and reconcile finds it", async () => {
    const since = new Date();
    stub.fault(/feed$/, { kind: "succeed_hang" });
    expect(await publish(fb, "応答なし", [], 300)).toMatchObject({ kind: "unknown", code: "timeout" });
    expect((await metaConnector.reconcile({ channel: fb, idempotencyKey: "k", text: "応答なし", since, signal: sig() })).kind).toBe("found");
  });

  it("a failure creating an Instagram container published nothing: safe to retry even when the answer was lost", async () => {
    stub.fault(/\/media$/, { kind: "hang" });
    expect(await publish(ig, "x", [img(1)], 300)).toMatchObject({ kind: "failed", retryable: true });
    expect(stub.igMedia(IG)).toHaveLength(0);
  });

  it("the network unreachable (connection refused): nothing was sent, safe to retry", async () => {
    // A port that was just free: nothing listens there.
    const net = await import("node:net");
    const srv = net.createServer();
    const port = await new Promise<number>((r) => srv.listen(0, "127.0.0.1", () => r((srv.address() as { port: number }).port)));
    await new Promise((r) => srv.close(r));
    process.env.META_GRAPH_URL = `http://127.0.0.1:${port}/v23.0`;
    expect(await publish(fb, "x")).toMatchObject({ kind: "failed", code: "network", retryable: true });
    process.env.META_GRAPH_URL = stub.url;
  });

  it("reconcile when the network is down cannot decide", async () => {
    stub.fault(/feed$/, { kind: "error", status: 503, code: 2, isTransient: true });
    const r = await metaConnector.reconcile({ channel: fb, idempotencyKey: "k", text: "x", since: new Date(), signal: sig() });
    expect(r.kind).toBe("undecidable");
  });
});
