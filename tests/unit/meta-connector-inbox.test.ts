/**
 * The Meta connector's inbox calls against the local Graph stand-in (scripts/stubs/meta-graph-inbox.ts):
 * replies under Facebook and Instagram comments, answers to direct messages through the Send API,
 * hide / unhide / delete, reconciliation after an unknown outcome, and the classification of
 * every failure into "certainly not applied" / "maybe applied".
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { metaConnector } from "@/lib/channels/meta";
import type { ChannelRef, ReplyTarget } from "@/lib/channels/types";
import { startMetaGraphStub, type MetaGraphStub } from "@/scripts/stubs/meta-graph";

const PAGE = "100000000000003";
const IG = "17841400000000001";
let stub: MetaGraphStub;

const fb: ChannelRef = { id: "c-fb", platform: "facebook", handle: "aobafoods", connector: "meta", externalAccountId: PAGE, credentialsRef: "env:META_INBOX_TEST_TOKEN" };
const ig: ChannelRef = { id: "c-ig", platform: "instagram", handle: "aoba.cafe", connector: "meta", externalAccountId: IG, credentialsRef: "env:META_INBOX_TEST_TOKEN" };
const sig = (ms = 2000) => AbortSignal.timeout(ms);
const reply = (channel: ChannelRef, target: ReplyTarget, text: string, ms = 2000) => metaConnector.reply({ channel, idempotencyKey: "k", target, text, signal: sig(ms) });

beforeAll(async () => {
  stub = await startMetaGraphStub({ tokens: ["good-token"], pages: [PAGE], igUsers: [IG] });
  process.env.META_GRAPH_URL = stub.url;
  process.env.META_INBOX_TEST_TOKEN = "good-token";
});
afterAll(async () => {
  await stub.close();
  delete process.env.META_GRAPH_URL;
});
beforeEach(() => stub.reset());

describe("replies under comments", () => {
  it("Facebook: POST /{comment-id}/comments, the Page is the author", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "いつ再入荷しますか？", fromId: "9001" });
    const r = await reply(fb, { kind: "comment", externalId: c.id }, "来週月曜に再入荷予定です。");
    expect(r.kind).toBe("sent");
    expect(stub.calls.at(-1)).toBe(`POST /v23.0/${c.id}/comments`);
    const [ours] = stub.inbox.repliesTo(c.id);
    expect(ours).toMatchObject({ message: "来週月曜に再入荷予定です。", from: { id: PAGE } });
    if (r.kind === "sent") expect(r.externalId).toBe(ours!.id);
  });

  it("Instagram: POST /{ig-comment-id}/replies", async () => {
    const c = stub.inbox.addComment({ account: IG, message: "Love this latte 😍", fromId: "7001" });
    const r = await reply(ig, { kind: "comment", externalId: c.id }, "Thank you! ☕");
    expect(r.kind).toBe("sent");
    expect(stub.calls.at(-1)).toBe(`POST /v23.0/${c.id}/replies`);
    expect(stub.inbox.repliesTo(c.id)[0]?.message).toBe("Thank you! ☕");
  });

  it("a deleted comment → failed, not retryable (nothing to answer)", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "x" });
    c.deleted = true;
    const r = await reply(fb, { kind: "comment", externalId: c.id }, "hello");
    expect(r).toMatchObject({ kind: "failed", code: "invalid", retryable: false });
  });

  it("rate limit → failed and retryable; 5xx on the write → unknown; bad token → auth", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "?" });
    stub.fault(/comments$/, { kind: "error", status: 400, code: 4, message: "(#4) Application request limit reached" });
    expect(await reply(fb, { kind: "comment", externalId: c.id }, "a")).toMatchObject({ kind: "failed", code: "rate_limited", retryable: true });
    stub.fault(/comments$/, { kind: "error", status: 500, code: 2, isTransient: true });
    expect(await reply(fb, { kind: "comment", externalId: c.id }, "a")).toMatchObject({ kind: "unknown" });
    process.env.META_INBOX_TEST_TOKEN = "wrong";
    try {
      expect(await reply(fb, { kind: "comment", externalId: c.id }, "a")).toMatchObject({ kind: "failed", code: "auth", retryable: false });
    } finally {
      process.env.META_INBOX_TEST_TOKEN = "good-token";
    }
  });

  it("no account id or token → config, no call made", async () => {
    const before = stub.calls.length;
    const r = await reply({ ...fb, credentialsRef: null }, { kind: "comment", externalId: "1_2" }, "a");
    expect(r).toMatchObject({ kind: "failed", code: "config", retryable: false });
    expect(stub.calls.length).toBe(before);
  });

  it("succeeded but the answer never came → unknown; reconcileReply finds it by our exact text", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "返金できますか" });
    const since = new Date();
    stub.fault(/comments$/, { kind: "succeed_hang" });
    const r = await reply(fb, { kind: "comment", externalId: c.id }, "DMにてご案内いたします。", 300);
    expect(r).toMatchObject({ kind: "unknown", code: "timeout" });
    expect(stub.inbox.repliesTo(c.id)).toHaveLength(1);
    const found = await metaConnector.reconcileReply({ channel: fb, idempotencyKey: "k", target: { kind: "comment", externalId: c.id }, text: "DMにてご案内いたします。", since, signal: sig() });
    expect(found).toMatchObject({ kind: "found", externalId: stub.inbox.repliesTo(c.id)[0]!.id });
    const absent = await metaConnector.reconcileReply({ channel: fb, idempotencyKey: "k", target: { kind: "comment", externalId: c.id }, text: "別の文", since, signal: sig() });
    expect(absent.kind).toBe("absent");
  });

  it("reconcile on Instagram reads /replies; a network failure there is undecidable", async () => {
    const c = stub.inbox.addComment({ account: IG, message: "?" });
    await reply(ig, { kind: "comment", externalId: c.id }, "ありがとうございます");
    const found = await metaConnector.reconcileReply({ channel: ig, idempotencyKey: "k", target: { kind: "comment", externalId: c.id }, text: "ありがとうございます", since: new Date(Date.now() - 5000), signal: sig() });
    expect(found.kind).toBe("found");
    stub.fault(/replies$/, { kind: "error", status: 503, code: 2, isTransient: true });
    const r = await metaConnector.reconcileReply({ channel: ig, idempotencyKey: "k", target: { kind: "comment", externalId: c.id }, text: "x", since: new Date(), signal: sig() });
    expect(r.kind).toBe("undecidable");
  });
});

describe("answers to direct messages (Send API)", () => {
  it("POST /me/messages with recipient, messaging_type RESPONSE and the text", async () => {
    const m = stub.inbox.addInboundMessage({ account: PAGE, userId: "PSID-1", message: "注文番号 123 の件" });
    const r = await reply(fb, { kind: "dm", externalId: m.id, recipientExternalId: "PSID-1" }, "お調べします。");
    expect(r.kind).toBe("sent");
    expect(stub.calls.at(-1)).toBe("POST /v23.0/me/messages");
    expect(stub.inbox.sentTo("PSID-1")).toEqual([expect.objectContaining({ message: "お調べします。", from: { id: PAGE } })]);
  });

  it("outside the 24-hour window → failed outside_window, not retryable", async () => {
    stub.inbox.addInboundMessage({ account: PAGE, userId: "PSID-2", message: "old", at: new Date(Date.now() - 25 * 3600_000) });
    const r = await reply(fb, { kind: "dm", externalId: "m_x", recipientExternalId: "PSID-2" }, "late");
    expect(r).toMatchObject({ kind: "failed", code: "outside_window", retryable: false });
    expect(stub.inbox.sentTo("PSID-2")).toHaveLength(0);
  });

  it("unknown recipient → failed invalid", async () => {
    const r = await reply(ig, { kind: "dm", externalId: "m_x", recipientExternalId: "nobody" }, "hi");
    expect(r).toMatchObject({ kind: "failed", retryable: false });
  });

  it("reconcile finds our message in the conversation, and only ours", async () => {
    stub.inbox.addInboundMessage({ account: IG, userId: "IGSID-9", message: "same text" });
    const target = { kind: "dm", externalId: "m_1", recipientExternalId: "IGSID-9" } as const;
    const since = new Date();
    const base = { channel: ig, idempotencyKey: "k", target, since, signal: sig() };
    // The person's own message with the same words is not ours.
    expect((await metaConnector.reconcileReply({ ...base, text: "same text" })).kind).toBe("absent");
    stub.fault(/me\/messages$/, { kind: "succeed_hang" });
    expect((await reply(ig, target, "same text", 300)).kind).toBe("unknown");
    expect((await metaConnector.reconcileReply({ ...base, text: "same text", signal: sig() })).kind).toBe("found");
  });
});

describe("moderation", () => {
  it("Facebook hide / unhide via is_hidden; delete via DELETE; a second delete → gone", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "spam spam" });
    const mod = (action: "hide" | "unhide" | "delete") => metaConnector.moderate({ channel: fb, externalId: c.id, action, signal: sig() });
    expect(await mod("hide")).toEqual({ kind: "done" });
    expect(c.is_hidden).toBe(true);
    expect(await mod("hide")).toEqual({ kind: "done" }); // idempotent
    expect(await mod("unhide")).toEqual({ kind: "done" });
    expect(c.is_hidden).toBe(false);
    expect(await mod("delete")).toEqual({ kind: "done" });
    expect(c.deleted).toBe(true);
    expect(stub.calls.at(-1)).toBe(`DELETE /v23.0/${c.id}`);
    expect(await mod("delete")).toEqual({ kind: "gone" });
  });

  it("Instagram hide uses the hide parameter", async () => {
    const c = stub.inbox.addComment({ account: IG, message: "死ね" });
    expect(await metaConnector.moderate({ channel: ig, externalId: c.id, action: "hide", signal: sig() })).toEqual({ kind: "done" });
    expect(c.is_hidden).toBe(true);
  });

  it("a hang → unknown (the caller asks again: moderation is idempotent); permissions → auth", async () => {
    const c = stub.inbox.addComment({ account: PAGE, message: "x" });
    stub.fault(new RegExp(`POST /v23.0/${c.id}$`), { kind: "succeed_hang" });
    expect(await metaConnector.moderate({ channel: fb, externalId: c.id, action: "hide", signal: sig(300) })).toMatchObject({ kind: "unknown" });
    expect(c.is_hidden).toBe(true);
    stub.fault(new RegExp(`POST /v23.0/${c.id}$`), { kind: "error", status: 403, code: 200, message: "(#200) Permissions error" });
    expect(await metaConnector.moderate({ channel: fb, externalId: c.id, action: "unhide", signal: sig() })).toMatchObject({ kind: "failed", code: "auth", retryable: false });
  });

  it("other platforms are unsupported", async () => {
    const r = await metaConnector.moderate({ channel: { ...fb, platform: "x" }, externalId: "1", action: "hide", signal: sig() });
    expect(r).toMatchObject({ kind: "failed", code: "unsupported" });
  });
});

describe("the demo stub (acceptUnknown)", () => {
  it("answers and hides comments and people it never saw; posts and containers keep their own routes", async () => {
    const demo = await startMetaGraphStub({ tokens: ["good-token"], pages: [PAGE], igUsers: [IG], inbox: { acceptUnknown: true } });
    const prev = process.env.META_GRAPH_URL;
    process.env.META_GRAPH_URL = demo.url;
    try {
      expect((await reply(fb, { kind: "comment", externalId: "seed-inbox-7" }, "ありがとうございます")).kind).toBe("sent");
      expect(demo.inbox.repliesTo("seed-inbox-7")).toHaveLength(1);
      expect((await reply(ig, { kind: "comment", externalId: "seed-inbox-8" }, "Thanks!")).kind).toBe("sent");
      expect(demo.inbox.comments.find((c) => c.id === "seed-inbox-8")?.platform).toBe("instagram");
      expect((await reply(fb, { kind: "dm", externalId: "m1", recipientExternalId: "psid-new" }, "DMです")).kind).toBe("sent");
      expect(await metaConnector.moderate({ channel: fb, externalId: "seed-inbox-9", action: "hide", signal: sig() })).toEqual({ kind: "done" });
      // A Page post is still a post, not a comment.
      const post = await metaConnector.publish({ channel: fb, idempotencyKey: "k", text: "投稿", media: [], signal: sig() });
      expect(post.kind).toBe("published");
      expect(demo.fbPosts(PAGE)).toHaveLength(1);
    } finally {
      process.env.META_GRAPH_URL = prev;
      await demo.close();
    }
  });
});
