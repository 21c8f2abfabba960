import { describe, expect, it } from "vitest";
import {
  approvalRequirement,
  checkReply,
  collision,
  fillTemplate,
  hasUnfilledVariables,
  replyBackoffMs,
  templateDate,
  templateVariables,
  unknownVariables,
} from "@/lib/domain/inbox-replies";

describe("saved reply variables", () => {
  it("lists variables in order of first use, with or without spaces in the braces", () => {
    expect(templateVariables("{{name}}様、{{ date }}に{{name}}様へ")).toEqual(["name", "date"]);
  });

  it("flags unknown variables (typos) but not known ones", () => {
    expect(unknownVariables("{{nmae}} {{handle}} {{brand}} {{order_no}}")).toEqual(["nmae", "order_no"]);
    expect(unknownVariables("変数なし")).toEqual([]);
  });

  it("fills known variables; an empty or absent value stays and is reported", () => {
    const r = fillTemplate("{{name}}様（@{{handle}}）、{{date}}に発送します。担当: {{agent}}", { name: "山田", handle: "yamada_t", date: "2026年11月29日", agent: "" });
    expect(r.text).toBe("山田様（@yamada_t）、2026年11月29日に発送します。担当: {{agent}}");
    expect(r.missing).toEqual(["agent"]);
    expect(hasUnfilledVariables(r.text)).toBe(true);
    expect(hasUnfilledVariables("山田様")).toBe(false);
  });

  it("a value that itself looks like a variable is inserted literally, not re-expanded", () => {
    const r = fillTemplate("Hi {{name}}", { name: "{{handle}}", handle: "x" });
    expect(r.text).toBe("Hi {{handle}}");
  });

  it("dates per locale in the viewer's zone", () => {
    const d = new Date("2026-11-29T16:00:00Z"); // 30 Nov in Tokyo
    expect(templateDate(d, "ja", "Asia/Tokyo")).toBe("2026年11月30日");
    expect(templateDate(d, "en", "Asia/Tokyo")).toBe("30 November 2026");
  });
});

describe("approval requirement", () => {
  const base = { openEscalations: [] as string[], itemRisk: 10, replyRisk: 0, threshold: 70 };
  it("none for a calm item", () => expect(approvalRequirement(base)).toBeNull());
  it("Legal when escalated to Legal, even with PR too", () =>
    expect(approvalRequirement({ ...base, openEscalations: ["pr", "legal"] })).toEqual({ role: "legal", reason: "escalated_legal" }));
  it("PR when escalated to PR", () => expect(approvalRequirement({ ...base, openEscalations: ["pr"] })).toEqual({ role: "pr", reason: "escalated_pr" }));
  it("PR when the item's or the reply's risk reaches the threshold (inclusive)", () => {
    expect(approvalRequirement({ ...base, itemRisk: 70 })).toEqual({ role: "pr", reason: "risk" });
    expect(approvalRequirement({ ...base, itemRisk: 69 })).toBeNull();
    expect(approvalRequirement({ ...base, replyRisk: 83 })).toEqual({ role: "pr", reason: "risk" });
  });
  it("manager when escalated to the manager only", () =>
    expect(approvalRequirement({ ...base, openEscalations: ["social_media_manager"] })).toEqual({ role: "manager", reason: "escalated_manager" }));
});

describe("collision", () => {
  it("nothing changed → null", () => expect(collision({ baseVersion: 3, currentVersion: 3, lastSeenReplyId: "r1", currentLastReplyId: "r1" })).toBeNull());
  it("a new reply since load → replied (even when the version is the same)", () =>
    expect(collision({ baseVersion: 3, currentVersion: 3, lastSeenReplyId: null, currentLastReplyId: "r2" })).toBe("replied"));
  it("the item changed → changed", () => expect(collision({ baseVersion: 3, currentVersion: 4, lastSeenReplyId: null, currentLastReplyId: null })).toBe("changed"));
});

describe("retry backoff", () => {
  it("15 s, 1 min, 4 min", () => expect([1, 2, 3].map(replyBackoffMs)).toEqual([15_000, 60_000, 240_000]));
});

describe("checkReply", () => {
  const lexicon = [{ term: "炎上", lang: "ja" as const, category: "backlash", weight: 9 }];
  const rules = [
    { id: "r1", kind: "banned_term" as const, term: "絶対", replacement: null, note: null, brandId: null },
    { id: "r2", kind: "required_term" as const, term: "#あおばカフェ", replacement: null, note: null, brandId: null },
  ];
  const run = (text: string) => checkReply({ platform: "x", text, brandId: null, lexicon, rules });

  it("a calm reply passes: a brand's required campaign wording does not apply to answers", () => {
    const r = run("お問い合わせありがとうございます。");
    expect(r.blocking).toBe(false);
    expect(r.findings.map((f) => f.code)).not.toContain("required_term_missing");
  });
  it("a banned term blocks, with its span", () => {
    const r = run("絶対に大丈夫です");
    expect(r.blocking).toBe(true);
    expect(r.findings[0]).toMatchObject({ code: "banned_term", spans: [{ start: 0, end: 2 }] });
  });
  it("an unfilled variable blocks and is named", () => {
    const r = run("{{name}}様、ありがとうございます");
    expect(r.blocking).toBe(true);
    expect(r.findings[0]).toMatchObject({ code: "unfilled_variable", params: { names: "name" } });
  });
  it("risk is scored with the shared lexicon; empty and over-long texts block", () => {
    expect(run("炎上の件について").risk.score).toBeGreaterThan(0);
    expect(run("   ").blocking).toBe(true);
    expect(run("あ".repeat(2001)).blocking).toBe(true);
  });
});

describe("checkReply: single-brace placeholders", () => {
  it("an older template's {name} left in the text blocks too", () => {
    const r = checkReply({ platform: "x", text: "{name}様、ありがとうございます", brandId: null, lexicon: [], rules: [] });
    expect(r.blocking).toBe(true);
    expect(r.findings[0]).toMatchObject({ code: "unfilled_variable", params: { names: "name" } });
    expect(checkReply({ platform: "x", text: "価格は{税込}ではありません", brandId: null, lexicon: [], rules: [] }).blocking).toBe(false);
  });
});
