import { describe, expect, it } from "vitest";
import { metaWebhookSecrets, parseMetaPayload, platformTime, signBody, signatureHeaderWellFormed, verifyHandshake, verifySignature } from "@/lib/domain/meta-webhook";

describe("Meta webhook (pure)", () => {
  it("signature: exact sha256=<hex> over the raw bytes", () => {
    const raw = new TextEncoder().encode('{"a":"😀"}');
    const sig = signBody(raw, "s3cret");
    expect(verifySignature(raw, sig, "s3cret")).toBe(true);
    expect(verifySignature(raw, sig.toUpperCase().replace("SHA256=", "sha256="), "s3cret")).toBe(true);
    expect(verifySignature(raw, sig, "other")).toBe(false);
    expect(verifySignature(raw, sig.slice(0, -2), "s3cret")).toBe(false);
    expect(verifySignature(raw, null, "s3cret")).toBe(false);
    expect(signatureHeaderWellFormed("sha1=abc")).toBe(false);
    expect(signatureHeaderWellFormed(sig)).toBe(true);
  });
  it("handshake echoes digits only, with the right token", () => {
    const p = (q: string) => new URLSearchParams(q);
    expect(verifyHandshake(p("hub.mode=subscribe&hub.verify_token=t&hub.challenge=123"), "t")).toBe("123");
    expect(verifyHandshake(p("hub.mode=subscribe&hub.verify_token=t&hub.challenge=12a"), "t")).toBeNull();
    expect(verifyHandshake(p("hub.mode=subscribe&hub.verify_token=x&hub.challenge=123"), "t")).toBeNull();
  });
  it("secrets: development defaults, none in production", () => {
    expect(metaWebhookSecrets({})).not.toBeNull();
    expect(metaWebhookSecrets({ NODE_ENV: "production" })).toBeNull();
    expect(metaWebhookSecrets({ NODE_ENV: "production", META_APP_SECRET: "a", META_WEBHOOK_VERIFY_TOKEN: "b" })).toEqual({ appSecret: "a", verifyToken: "b" });
  });
  it("platform times: seconds, milliseconds, Graph ISO", () => {
    expect(platformTime(1_760_000_000)?.toISOString()).toBe("2025-10-09T08:53:20.000Z");
    expect(platformTime(1_760_000_000_123)?.getTime()).toBe(1_760_000_000_123);
    expect(platformTime("2025-03-01T10:00:00+0000")?.toISOString()).toBe("2025-03-01T10:00:00.000Z");
    expect(platformTime("garbage")).toBeNull();
  });
  it("page feed: comments kept, own comments, removals and other items skipped; ratings become reviews", () => {
    const r = parseMetaPayload({
      object: "page",
      entry: [
        {
          id: "P",
          time: 1_760_000_000,
          changes: [
            { field: "feed", value: { item: "comment", verb: "add", comment_id: "P_1_c1", post_id: "P_1", parent_id: "P_1", from: { id: "u", name: "A" }, message: "hi", created_time: 1_760_000_001 } },
            { field: "feed", value: { item: "comment", verb: "add", comment_id: "P_1_c2", post_id: "P_1", parent_id: "P_1_c1", from: { id: "u2" }, message: "re" } },
            { field: "feed", value: { item: "comment", verb: "remove", comment_id: "P_1_c3", post_id: "P_1" } },
            { field: "feed", value: { item: "comment", verb: "add", comment_id: "P_1_c4", post_id: "P_1", from: { id: "P" }, message: "our reply" } },
            { field: "feed", value: { item: "like", verb: "add" } },
            { field: "ratings", value: { item: "rating", verb: "add", review_id: "rv1", reviewer_id: "u3", reviewer_name: "B", review_text: "まずい", recommendation_type: "negative" } },
          ],
        },
      ],
    });
    expect(r.skipped).toBe(3);
    expect(r.entries.map((e) => [e.externalId, e.kind, e.threadKey, e.parentExternalId])).toEqual([
      ["P_1_c1", "comment", "facebook:P_1", "P_1"],
      ["P_1_c2", "comment", "facebook:P_1", "P_1_c1"],
      ["rating:rv1", "review", "facebook:review:rv1", null],
    ]);
    expect(r.entries[1]!.receivedAt.getTime()).toBe(1_760_000_000_000);
  });
  it("envelopes that are not Meta's throw; texts are clipped", () => {
    expect(() => parseMetaPayload({ foo: 1 })).toThrow();
    expect(() => parseMetaPayload({ object: "page", entry: [{}] })).toThrow();
    const long = parseMetaPayload({ object: "instagram", entry: [{ id: "I", changes: [{ field: "comments", value: { id: "c", text: "あ".repeat(20_000), media: { id: "m" } } }] }] });
    expect(long.entries[0]!.text).toHaveLength(10_000);
  });
});
