import { describe, expect, it } from "vitest";
import { RISK_LEXICON } from "@/db/seed/demo";
import { compileRiskLexicon, type RiskTerm } from "@/lib/domain/risk";
import { detectLanguage, detectSpam, triage } from "@/lib/domain/triage";
import { evaluateRules, pickRoundRobin, policyFromRows, ruleFromRow, DEFAULT_POLICY, type InboxRule } from "@/lib/domain/inbox-policy";

const lex = compileRiskLexicon(RISK_LEXICON as RiskTerm[]);
const t = (text: string, kind: "comment" | "dm" | "mention" | "review" = "comment") => triage({ text, kind }, lex);

describe("language by script", () => {
  it.each([
    ["新作のラテ、とても美味しかったです!", "ja"],
    ["返金希望", "ja"],
    ["ｱﾚﾙｷﾞｰ表示はありますか", "ja"],
    ["Love the new latte!", "en"],
    ["Is the 抹茶 latte vegan?", "en"],
    ["맛있어요", "other"],
    ["Спасибо большое", "other"],
    ["😀😀", "ja"],
  ])("%s → %s", (text, lang) => expect(detectLanguage(text)).toBe(lang));
});

describe("triage", () => {
  it("praise is positive, low priority, no risk", () => {
    const r = t("いつも美味しいラテをありがとうございます😊");
    expect(r).toMatchObject({ language: "ja", sentiment: "positive", riskScore: 0, priority: "low", spam: false });
  });
  it("a food-safety complaint is high risk with reasons from the shared lexicon", () => {
    const r = t("パンに異物混入していました。食中毒が心配です。返金してください");
    expect(r.sentiment).toBe("negative");
    expect(r.riskScore).toBeGreaterThanOrEqual(70);
    expect(r.priority).toBe("urgent");
    expect(r.riskReasons.map((x) => x.term)).toEqual(expect.arrayContaining(["異物混入", "食中毒", "返金"]));
    expect(r.riskReasons[0]!.weight).toBe(10);
  });
  it("normalises width and kana like the content checks (ﾘｺｰﾙ = リコール)", () => {
    expect(t("これってﾘｺｰﾙ対象ですか?").riskReasons.map((x) => x.term)).toContain("リコール");
  });
  it("English complaints and inflections", () => {
    const r = t("This is a SCAM, I want a refund. Worst service ever", "dm");
    expect(r.language).toBe("en");
    expect(r.sentiment).toBe("negative");
    expect(r.riskReasons.map((x) => x.term)).toEqual(expect.arrayContaining(["scam", "refund", "worst"]));
    expect(r.priority).toBe("urgent");
  });
  it("a mildly negative DM is high priority even without lexicon terms", () => {
    const r = t("注文した商品がまだ届かないです。残念", "dm");
    expect(r).toMatchObject({ sentiment: "negative", priority: "high" });
    expect(r.riskReasons.map((x) => x.code)).toContain("negative_sentiment");
    expect(r.riskScore).toBeGreaterThan(0);
  });
  it("threats are urgent; profanity is flagged", () => {
    expect(t("店員の住所特定した。覚えとけ")).toMatchObject({ threat: true, priority: "urgent" });
    const p = t("クソみたいな対応だな");
    expect(p.profanity).toBe(true);
    expect(p.riskReasons.map((x) => x.code)).toContain("profanity");
    expect(t("fuck this").profanity).toBe(true);
    expect(t("Scunthorpe classics").profanity).toBe(false);
  });
  it("spam: money bait, shorteners, many links and handles", () => {
    expect(t("副業で月収100万円稼げる!詳しくはプロフ見てね https://bit.ly/abc").spam).toBe(true);
    expect(t("Free followers!! check my profile https://tinyurl.com/x").spam).toBe(true);
    expect(detectSpam("@a1 @b2 @c3 @d4 @e5 look https://x.example https://y.example").score).toBeGreaterThanOrEqual(4);
    expect(t("新作のラテのリンクはこちらですか? https://aoba.example/menu").spam).toBe(false);
    expect(t("副業").spam).toBe(false);
  });
  it("is deterministic and tolerates empty text", () => {
    expect(t("")).toMatchObject({ riskScore: 0, sentiment: "neutral", priority: "normal" });
    expect(t("炎上しそう")).toEqual(t("炎上しそう"));
  });
});

describe("rules", () => {
  const ch = "00000000-0000-4000-8000-000000000001";
  const other = "00000000-0000-4000-8000-000000000002";
  const rule = (id: string, kind: string, position: number, config: unknown, enabled = true) => ruleFromRow({ id, kind, enabled, position, config })!;
  const rules: InboxRule[] = [
    rule("assign-en", "auto_assign", 3, { language: "en", mode: "user", userIds: ["u-en"] }),
    rule("assign-all", "auto_assign", 4, {}),
    rule("hide", "auto_hide", 1, { spam: true, profanity: true, channelIds: [ch] }),
    rule("esc", "auto_escalate", 2, { toRole: "pr" }),
    rule("off", "auto_escalate", 0, { toRole: "legal", minRisk: 1 }, false),
  ];
  const subject = (o: Partial<{ channelId: string; language: "ja" | "en"; spam: boolean; profanity: boolean; riskScore: number }>) => ({
    channelId: o.channelId ?? ch,
    language: o.language ?? "ja",
    triage: { spam: o.spam ?? false, profanity: o.profanity ?? false, riskScore: o.riskScore ?? 0 },
  });

  it("hide wins and stops escalation and assignment", () => {
    expect(evaluateRules(rules, subject({ spam: true, riskScore: 90 }), DEFAULT_POLICY.thresholds)).toEqual({ hide: { ruleId: "hide", reason: "spam" }, escalate: null, assign: null });
  });
  it("hide only on its channels", () => {
    expect(evaluateRules(rules, subject({ channelId: other, profanity: true }), DEFAULT_POLICY.thresholds).hide).toBeNull();
  });
  it("escalates at the policy threshold when the rule names none; disabled rules are ignored", () => {
    expect(evaluateRules(rules, subject({ riskScore: 69 }), DEFAULT_POLICY.thresholds).escalate).toBeNull();
    expect(evaluateRules(rules, subject({ riskScore: 70 }), DEFAULT_POLICY.thresholds).escalate).toEqual({ ruleId: "esc", toRole: "pr", minRisk: 70 });
  });
  it("assigns by language first, then the catch-all round robin", () => {
    expect(evaluateRules(rules, subject({ language: "en" }), DEFAULT_POLICY.thresholds).assign).toEqual({ ruleId: "assign-en", mode: "user", userIds: ["u-en"] });
    expect(evaluateRules(rules, subject({ language: "ja" }), DEFAULT_POLICY.thresholds).assign).toMatchObject({ ruleId: "assign-all", mode: "round_robin" });
  });
  it("bad configs are ignored, not fatal", () => {
    expect(ruleFromRow({ id: "x", kind: "auto_hide", enabled: true, position: 0, config: { spam: false, profanity: false } })).toBeNull();
    expect(ruleFromRow({ id: "x", kind: "nope", enabled: true, position: 0, config: {} })).toBeNull();
  });
  it("round robin picks who was assigned longest ago (never first)", () => {
    const shifts = [
      { userId: "b", lastAssignedAt: new Date("2026-01-01T10:00:00Z") },
      { userId: "a", lastAssignedAt: new Date("2026-01-01T09:00:00Z") },
      { userId: "c", lastAssignedAt: null },
    ];
    expect(pickRoundRobin(shifts)).toBe("c");
    expect(pickRoundRobin(shifts, ["a", "b"])).toBe("a");
    expect(pickRoundRobin(shifts, ["zz"])).toBeNull();
    expect(pickRoundRobin([])).toBeNull();
  });
  it("policy rows fall back to defaults per key", () => {
    const p = policyFromRows([{ key: "thresholds", value: { escalateRisk: 50, approvalRisk: 40 } }, { key: "sla", value: { broken: true } }]);
    expect(p.thresholds).toEqual({ escalateRisk: 50, approvalRisk: 40 });
    expect(p.sla).toEqual(DEFAULT_POLICY.sla);
  });
});
