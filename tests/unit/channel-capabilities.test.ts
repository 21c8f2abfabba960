/**
 * lib/channels/capabilities.ts says what the UI and the DAL offer; the connectors must agree:
 * Meta cannot take Instagram media down (unsupported, no network call), can on Facebook; the
 * sandbox can everywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canRemovePublished } from "@/lib/channels/capabilities";
import { metaConnector } from "@/lib/channels/meta";
import type { ChannelRef, Platform } from "@/lib/channels/types";

const PLATFORMS: Platform[] = ["x", "instagram", "facebook", "line", "tiktok", "youtube"];

describe("canRemovePublished", () => {
  it("sandbox: everywhere; meta: Facebook only (Instagram media cannot be hidden or deleted through the API)", () => {
    for (const p of PLATFORMS) expect(canRemovePublished("sandbox", p), p).toBe(true);
    expect(Object.fromEntries(PLATFORMS.map((p) => [p, canRemovePublished("meta", p)]))).toEqual({ x: false, instagram: false, facebook: true, line: false, tiktok: false, youtube: false });
  });

  describe("the Meta connector agrees", () => {
    const saved = { url: process.env.META_GRAPH_URL, token: process.env.META_ACCESS_TOKEN };
    beforeAll(() => {
      // Nothing listens here: a call that reached the network would fail as network/unknown, not unsupported.
      process.env.META_GRAPH_URL = "http://127.0.0.1:9";
      process.env.META_ACCESS_TOKEN = "capabilities-test";
    });
    afterAll(() => {
      for (const [k, v] of [["META_GRAPH_URL", saved.url], ["META_ACCESS_TOKEN", saved.token]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    });
    it("Instagram: remove answers unsupported for hide and delete, without calling the network", async () => {
      const ig: ChannelRef = { id: "c-ig", platform: "instagram", handle: "aoba.cafe", connector: "meta", externalAccountId: "17841400000000001", credentialsRef: "env:META_ACCESS_TOKEN" };
      for (const mode of ["hide", "delete"] as const) {
        const r = await metaConnector.remove({ channel: ig, externalId: "1789", mode, signal: AbortSignal.timeout(2000) });
        expect(r).toMatchObject({ kind: "failed", code: "unsupported", retryable: false });
      }
      expect(canRemovePublished("meta", "instagram")).toBe(false);
    });
  });
});
