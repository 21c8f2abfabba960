import { describe, expect, it } from "vitest";
import { emailEnabled, EMAIL_DEFAULTS, NOTIFICATION_KINDS, nextAttemptAfter, DELIVERY_MAX_ATTEMPTS } from "@/lib/domain/notifications";
import { emailMessage, isAllowedWebhookUrl, maskWebhookUrl, slackPayload, teamsPayload } from "@/lib/notifications/outbound";
import { kindKey, renderNotification } from "@/lib/notifications/render";
import ja from "@/messages/ja/notifications.json";
import en from "@/messages/en/notifications.json";

describe("rendering per reader", () => {
  const n = { kind: "review.decided", params: { postTitle: "秋", stage: "legal", decision: "changes_requested", reviewerName: "伊藤", reason: "根拠資料を添付してください" }, title: "fallback", body: null };
  it("Japanese and English from the same row", () => {
    expect(renderNotification(n, "ja", "Asia/Tokyo")).toEqual({ title: "「秋」が差し戻されました(法務)", body: "伊藤さん: 根拠資料を添付してください" });
    expect(renderNotification(n, "en", "Asia/Tokyo")).toEqual({ title: "“秋” was sent back for changes (Legal)", body: "伊藤: 根拠資料を添付してください" });
    expect(renderNotification({ ...n, params: { ...n.params, decision: "approved", reason: null } }, "ja", "Asia/Tokyo").body).toBe("伊藤さんが判断しました。");
  });
  it("an expired post says why (the cause publishing passes)", () => {
    const r = (cause?: string) => renderNotification({ kind: "post.expired", params: { postTitle: "秋", slotAt: null, ...(cause ? { cause } : {}) }, title: "", body: null }, "ja", "Asia/Tokyo").title;
    expect(r("not_approved")).toBe("「秋」は承認が間に合わず期限切れになりました");
    expect(r("missed_window")).toBe("「秋」は予定時刻に配信できず期限切れになりました");
    expect(r()).toBe("「秋」は期限切れになりました");
  });
  it("instants in the reader's zone", () => {
    const r = { kind: "post.expired", params: { postTitle: "x", slotAt: "2026-03-02T01:00:00.000Z" }, title: "", body: null };
    expect(renderNotification(r, "ja", "Asia/Tokyo").body).toContain("10:00");
    expect(renderNotification(r, "en", "America/New_York").body).toContain("20:00");
  });
  it("a missing param shows a dash; an unknown kind falls back to the stored text", () => {
    expect(renderNotification({ kind: "publish.failed", params: { postTitle: "x" }, title: "", body: null }, "ja", "Asia/Tokyo").body).toBe("—: —");
    expect(renderNotification({ kind: "audit.chain_broken", params: {}, title: "監査ログ", body: "b" }, "en", "Asia/Tokyo")).toEqual({ title: "監査ログ", body: "b" });
  });
  it("every kind has a title and body in both languages, and a settings label", () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const m of [ja, en]) {
        const e = (m.kinds as Record<string, { title?: string; body?: string }>)[kindKey(kind)];
        expect(e?.title, kind).toBeTruthy();
        expect(e?.body, kind).toBeTruthy();
        expect((m.settings.kinds as Record<string, { label?: string }>)[kindKey(kind)]?.label, kind).toBeTruthy();
      }
    }
  });
});

describe("e-mail choices and retries", () => {
  it("defaults: act-now kinds on, routine off; a saved choice wins; unknown kinds off", () => {
    expect(emailEnabled("review.requested", undefined)).toBe(true);
    expect(emailEnabled("review.reminder", undefined)).toBe(false);
    expect(emailEnabled("review.requested", false)).toBe(false);
    expect(emailEnabled("something.else", undefined)).toBe(false);
    expect(Object.keys(EMAIL_DEFAULTS).sort()).toEqual([...NOTIFICATION_KINDS].sort());
  });
  it("backoff 1 min, 5 min, 15 min, 1 h, 4 h, then give up; permanent errors at once", () => {
    const t0 = new Date("2026-03-02T00:00:00Z");
    const waits = [1, 2, 3, 4, 5].map((a) => (nextAttemptAfter(a, t0)!.getTime() - t0.getTime()) / 60_000);
    expect(waits).toEqual([1, 5, 15, 60, 240]);
    expect(nextAttemptAfter(DELIVERY_MAX_ATTEMPTS, t0)).toBeNull();
    expect(nextAttemptAfter(1, t0, true)).toBeNull();
  });
});

describe("outbound payloads", () => {
  const text = { title: "公開に失敗しました: 「<b>秋</b> & 冬」", body: "X: HTTP 503", url: "https://sns.example/manager", footer: "footer", openLabel: "開く" };
  it("Slack: {text, blocks}, with &, < and > escaped", () => {
    const p = slackPayload(text);
    expect(p.text).toBe("公開に失敗しました: 「&lt;b&gt;秋&lt;/b&gt; &amp; 冬」\nX: HTTP 503\n<https://sns.example/manager|開く>");
    expect(p.blocks).toHaveLength(2);
  });
  it("Teams: an Adaptive Card message with an Open action", () => {
    const p = teamsPayload(text) as { type: string; attachments: { contentType: string; content: { actions: { type: string; url: string }[] } }[] };
    expect(p.type).toBe("message");
    expect(p.attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(p.attachments[0]!.content.actions[0]).toMatchObject({ type: "Action.OpenUrl", url: "https://sns.example/manager" });
  });
  it("e-mail: HTML escaped, one-line subject", () => {
    const m = emailMessage({ ...text, title: "a\nb <script>" });
    expect(m.subject).toBe("a b <script>");
    expect(m.html).toContain("a\nb &lt;script&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("開く: https://sns.example/manager");
  });
  it.each([
    ["https://hooks.slack.com/services/T/B/X", true],
    ["https://example.webhook.office.com/webhookb2/x", true],
    ["http://localhost:8080/hook", true],
    ["http://127.0.0.1:9/hook", true],
    ["http://hooks.slack.com/services/x", false],
    ["http://10.0.0.5/hook", false],
    ["https://user:pw@hooks.example.com/x", false],
    ["https://hooks.example.com/x#frag", false],
    ["javascript:alert(1)", false],
    ["ftp://x/y", false],
    ["", false],
  ])("webhook URL %s allowed: %s", (url, ok) => {
    expect(isAllowedWebhookUrl(url)).toBe(ok);
  });
  it("masks all but the host and the last 4 characters", () => {
    expect(maskWebhookUrl("https://hooks.slack.com/services/T000/B000/abcdefgh1234")).toBe("https://hooks.slack.com/…1234");
  });
});

describe("crisis texts (params as lib/dal/crisis-mode.ts sends them)", () => {
  it("names the scope", () => {
    const all = { kind: "crisis.started", params: { scopeKind: "all", scope: null, actorName: "佐藤", reason: "地震" }, title: "", body: null };
    expect(renderNotification(all, "ja", "Asia/Tokyo")).toEqual({ title: "危機対応モードが開始されました(全体)", body: "佐藤さん: 地震" });
    const brand = { kind: "crisis.ended", params: { scopeKind: "brand", scope: "あおば食品", actorName: "Sato", stillHeld: 3 }, title: "", body: null };
    expect(renderNotification(brand, "en", "Asia/Tokyo").title).toBe("Crisis mode ended (brand: あおば食品)");
    expect(renderNotification(brand, "en", "Asia/Tokyo").body).toContain("Held posts (3)");
  });
});
