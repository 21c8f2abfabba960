import { describe, expect, it } from "vitest";
import {
  decodeCursor,
  encodeCursor,
  filterToSearchParams,
  inboxFilterSchema,
  parseFilterLenient,
  riskBand,
  searchParamsToObject,
  searchPlan,
  searchTerms,
  slaState,
  SLA_WARNING_MS,
} from "@/lib/domain/inbox-query";
import { chunk, commandFor, isTyping, linkify, moveIndex, safeHttpUrl } from "@/lib/domain/inbox-shortcuts";

const now = new Date("2026-11-29T03:00:00Z");
const at = (ms: number) => new Date(now.getTime() + ms);

describe("SLA state", () => {
  it("ok / warning / breached while a first answer is owed", () => {
    expect(slaState({ status: "open", slaDueAt: at(SLA_WARNING_MS + 1000), firstResponseAt: null }, now)).toBe("ok");
    expect(slaState({ status: "assigned", slaDueAt: at(SLA_WARNING_MS - 1000), firstResponseAt: null }, now)).toBe("warning");
    expect(slaState({ status: "escalated", slaDueAt: at(0), firstResponseAt: null }, now)).toBe("warning");
    expect(slaState({ status: "open", slaDueAt: at(-1), firstResponseAt: null }, now)).toBe("breached");
  });
  it("none without a due time, after a first answer, or when closed / waiting / hidden", () => {
    expect(slaState({ status: "open", slaDueAt: null, firstResponseAt: null }, now)).toBe("none");
    expect(slaState({ status: "open", slaDueAt: at(-1), firstResponseAt: at(-5) }, now)).toBe("none");
    for (const status of ["closed", "waiting", "hidden"]) expect(slaState({ status, slaDueAt: at(-1), firstResponseAt: null }, now)).toBe("none");
  });
});

describe("risk bands", () => {
  it("cuts at 40 and 70", () => {
    expect([0, 39, 40, 69, 70, 100].map(riskBand)).toEqual(["low", "low", "medium", "medium", "high", "high"]);
  });
});

describe("filters from the URL", () => {
  it("reads single and repeated values, dedupes, defaults the sort", () => {
    const f = inboxFilterSchema.parse(searchParamsToObject(new URLSearchParams("kind=dm&kind=comment&kind=dm&sla=breached&assignee=me&q=%E7%82%8E%E4%B8%8A")));
    expect(f).toMatchObject({ kind: ["dm", "comment"], sla: ["breached"], assignee: ["me"], q: "炎上", sort: "sla" });
  });
  it("takes several values for every multi-select filter (the filter bar's checkboxes)", () => {
    const sp = new URLSearchParams("assignee=me&assignee=unassigned&language=ja&language=und&status=open&status=waiting&risk=high&risk=low&sentiment=negative&sentiment=neutral");
    const f = inboxFilterSchema.parse(searchParamsToObject(sp));
    expect(f).toMatchObject({ assignee: ["me", "unassigned"], language: ["ja", "und"], status: ["open", "waiting"], risk: ["high", "low"], sentiment: ["negative", "neutral"] });
    expect(filterToSearchParams(f).getAll("assignee")).toEqual(["me", "unassigned"]);
    expect(inboxFilterSchema.safeParse({ language: ["ja", "english"] }).success).toBe(false);
  });
  it("refuses unknown values strictly, drops them leniently", () => {
    const sp = new URLSearchParams("kind=tweet&sentiment=negative&status=all&channel=not-a-uuid");
    expect(inboxFilterSchema.safeParse(searchParamsToObject(sp)).success).toBe(false);
    const f = parseFilterLenient(sp);
    expect(f.kind).toBeUndefined();
    expect(f.channel).toBeUndefined();
    expect(f.sentiment).toEqual(["negative"]);
    expect(f.status).toBe("all");
  });
  it("round-trips through the query string", () => {
    const f = inboxFilterSchema.parse({ kind: ["dm"], risk: ["high", "medium"], sort: "newest", tag: "返金" });
    expect(inboxFilterSchema.parse(searchParamsToObject(filterToSearchParams(f)))).toEqual(f);
    expect(filterToSearchParams(inboxFilterSchema.parse({})).toString()).toBe("");
  });
  it("caps the search text and refuses odd assignee ids", () => {
    expect(inboxFilterSchema.safeParse({ q: "あ".repeat(101) }).success).toBe(false);
    expect(inboxFilterSchema.safeParse({ assignee: "x' or 1=1" }).success).toBe(false);
  });
});

describe("keyset cursor", () => {
  it("round-trips and refuses tampering", () => {
    const c = { s: "sla" as const, k: "2026-11-29T03:00:00.000Z", id: "3f0e4a5e-1d2c-4b7a-9c1e-2a3b4c5d6e7f" };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(decodeCursor(encodeCursor({ ...c, k: null }))).toEqual({ ...c, k: null });
    expect(decodeCursor("garbage")).toBeNull();
    expect(decodeCursor(Buffer.from(JSON.stringify({ ...c, id: "1; drop table" })).toString("base64url"))).toBeNull();
    expect(decodeCursor("x".repeat(400))).toBeNull();
  });
});

describe("search terms (mirrors the SQL function)", () => {
  it("bigrams for Japanese runs, words for Latin, NFKC + lower-case", () => {
    expect(searchTerms("炎上")).toEqual(["炎上"]);
    expect(searchTerms("返金してください")).toEqual(["く", "さい", "して", "てく", "金し", "返金", "ださ", "くだ"].filter((t) => t !== "く").sort());
    expect(searchTerms("Refund ＰＬＥＡＳＥ!!")).toEqual(["ple*", "plea*", "pleas*", "please", "please*", "ref*", "refu*", "refun*", "refund", "refund*"]);
    // prefixes only for words of letters, of 3 to 20 letters; digits stay whole
    expect(searchTerms("ok A12345 2024")).toEqual(["2024", "a12345", "ok"]);
    expect(searchTerms("x".repeat(25)).filter((t) => t.endsWith("*")).map((t) => t.length)).toEqual([...Array(18).keys()].map((i) => i + 4));
    expect(searchTerms("ｶﾀｶﾅ")).toEqual(["カタ", "タカ", "カナ"].sort());
    expect(searchTerms("猫 と 犬")).toEqual(["と", "犬", "猫"]);
  });
  it("plans: index terms, substring fallback for one character, nothing for blank", () => {
    expect(searchPlan("  ")).toEqual({ mode: "none" });
    expect(searchPlan("炎")).toEqual({ mode: "like", pattern: "%炎%" });
    expect(searchPlan("a")).toEqual({ mode: "like", pattern: "%a%" });
    expect(searchPlan("100%")).toEqual({ mode: "terms", terms: ["100"], pieces: ["100%"] });
    expect(searchPlan("%")).toEqual({ mode: "like", pattern: "%\\%%" });
    expect(searchPlan("返金 Refund")).toEqual({ mode: "terms", terms: ["refund*", "返金"], pieces: ["返金", "refund"] });
    // English words are prefixes: "refun" looks up refun* (refund, refunds, refunded)
    expect(searchPlan("refun")).toEqual({ mode: "terms", terms: ["refun*"], pieces: ["refun"] });
    expect(searchPlan("ok 12")).toEqual({ mode: "terms", terms: ["12", "ok"], pieces: ["ok", "12"] });
    expect(searchPlan("counterrevolutionaries")).toEqual({ mode: "terms", terms: ["counterrevolutionari*"], pieces: ["counterrevolutionaries"] });
  });
});

describe("shortcuts", () => {
  it("maps keys to commands, never while typing or with modifiers", () => {
    expect(commandFor({ key: "j", target: { tagName: "BODY" } })).toBe("next");
    expect(commandFor({ key: "?", target: { tagName: "DIV" } })).toBe("help");
    expect(commandFor({ key: "j", target: { tagName: "INPUT", type: "search" } })).toBeNull();
    expect(commandFor({ key: "c", target: { tagName: "TEXTAREA" } })).toBeNull();
    expect(commandFor({ key: "a", target: { tagName: "DIV", isContentEditable: true } })).toBeNull();
    expect(commandFor({ key: "e", isComposing: true, target: { tagName: "BODY" } })).toBeNull();
    expect(commandFor({ key: "c", ctrlKey: true, target: { tagName: "BODY" } })).toBeNull();
    expect(commandFor({ key: "x", target: { tagName: "INPUT", type: "checkbox" } })).toBe("select");
    expect(commandFor({ key: "Enter", target: { tagName: "BUTTON" } })).toBeNull();
    expect(isTyping({ key: "a", target: { tagName: "SELECT" } })).toBe(true);
  });
  it("moves within bounds", () => {
    expect(moveIndex(-1, 3, "next")).toBe(0);
    expect(moveIndex(-1, 3, "previous")).toBe(2);
    expect(moveIndex(2, 3, "next")).toBe(2);
    expect(moveIndex(0, 3, "previous")).toBe(0);
    expect(moveIndex(0, 0, "next")).toBe(-1);
  });
  it("chunks", () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });
});

describe("links in strangers' text", () => {
  it("only http(s) become links; the rest stays text", () => {
    expect(safeHttpUrl("javascript:alert(1)")).toBeNull();
    expect(safeHttpUrl("data:text/html,<script>")).toBeNull();
    expect(safeHttpUrl("https://example.com/a?b=1")).toBe("https://example.com/a?b=1");
    expect(linkify("見て https://example.com/x。 javascript:alert(1) <img src=x onerror=alert(1)>")).toEqual([
      { text: "見て " },
      { text: "https://example.com/x", href: "https://example.com/x" },
      { text: "。 javascript:alert(1) <img src=x onerror=alert(1)>" },
    ]);
  });
});
