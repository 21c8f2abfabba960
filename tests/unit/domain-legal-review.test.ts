import { describe, expect, it } from "vitest";
import {
  CHECKLIST_FOR,
  FINDING_TEMPLATES,
  LEGAL_KINDS,
  SLA,
  carryConditions,
  checkDecision,
  defaultDueAt,
  findRegulatedClaims,
  CLAIM_REASONS,
  normalizeChecklist,
  slaStatus,
  snapshotLines,
  unmetConditions,
} from "@/lib/domain/legal-review";
import { snapshotHash } from "@/lib/domain/legal-hash";

const now = new Date("2026-03-02T01:00:00Z");
const H = 3_600_000;

describe("SLA per kind", () => {
  it("due at the kind's SLA, or an earlier requested time", () => {
    expect(defaultDueAt("reply", now).getTime() - now.getTime()).toBe(SLA.reply.dueMs);
    expect(defaultDueAt("talent_usage", now).getTime() - now.getTime()).toBe(SLA.talent_usage.dueMs);
    const soon = new Date(now.getTime() + H);
    expect(defaultDueAt("ad_creative", now, soon)).toEqual(soon);
    expect(defaultDueAt("reply", now, new Date(now.getTime() + 100 * H)).getTime() - now.getTime()).toBe(SLA.reply.dueMs);
  });
  it("ok → warning within the kind's window → breached; decided reviews have none", () => {
    const due = new Date(now.getTime() + 10 * H);
    expect(slaStatus("post_revision", "open", due, now)).toBe("ok");
    expect(slaStatus("post_revision", "open", due, new Date(due.getTime() - SLA.post_revision.warnMs + 1))).toBe("warning");
    expect(slaStatus("reply", "in_progress", due, new Date(due.getTime() + 1))).toBe("breached");
    expect(slaStatus("reply", "approved", due, new Date(due.getTime() + 1))).toBe("none");
    expect(slaStatus("reply", "open", null, now)).toBe("none");
  });
});

describe("checklist per kind", () => {
  it("every kind has items; takedowns assess merit; posts check disclosure and claims", () => {
    for (const k of LEGAL_KINDS) expect(CHECKLIST_FOR[k].length).toBeGreaterThan(0);
    expect(CHECKLIST_FOR.takedown).toContain("takedown_merit");
    expect(CHECKLIST_FOR.post_revision).toEqual(expect.arrayContaining(["copyright", "disclosure", "regulated_claims", "talent_contract"]));
  });
  it("normalize keeps saved results, fills missing items, keeps unknown old items at the end", () => {
    const n = normalizeChecklist("reply", [
      { item: "trademark", result: "ok", note: "x" },
      { item: "legacy", result: "issue" },
    ]);
    expect(n.map((e) => e.item)).toEqual([...CHECKLIST_FOR.reply, "legacy"]);
    expect(n.find((e) => e.item === "trademark")).toEqual({ item: "trademark", result: "ok", note: "x" });
    expect(n.find((e) => e.item === "regulated_claims")?.result).toBeNull();
  });
});

describe("regulated claims", () => {
  const claims = (text: string) => findRegulatedClaims(text).map((h) => [h.term, h.law, h.reason]);

  it("finds superlatives (景品表示法) and health claims (薬機法), full-width and case folded, shown as written", () => {
    expect(claims("顧客満足度Ｎｏ．１！日本一おいしい。最安値に挑戦。シミが消える美容液")).toEqual([
      ["Ｎｏ．１", "premiums", "superlative"],
      ["日本一", "premiums", "superlative"],
      ["最安値", "premiums", "superlative"],
      ["シミが消える", "pharma", "spot_removal"],
    ]);
    expect(findRegulatedClaims("秋の新作をご紹介します")).toEqual([]);
  });

  it.each([
    ["この美容液でシミが消える", "シミが消える", "spot_removal"],
    ["そばかすが薄くなるクリーム", "そばかすが薄くなる", "spot_removal"],
    ["塗るだけでシワが治る", "シワが治る", "wrinkle_cure"],
    ["ほうれい線が消える", "ほうれい線が消える", "wrinkle_cure"],
    ["乾燥による小じわを目立たなくする美容液", "乾燥による小じわを目立たなくする", "wrinkle_untested"],
    ["話題のアンチエイジングクリーム", "アンチエイジング", "anti_aging"],
    ["10歳若返る肌へ", "若返る", "anti_aging"],
    ["肌が再生する新処方", "肌が再生", "skin_regeneration"],
    ["肌の奥まで届く", "肌の奥まで", "deep_penetration"],
    ["ニキビが治る洗顔料", "ニキビが治る", "medical_cure"],
    ["頭皮ケアで育毛", "育毛", "hair_growth"],
    ["飲むだけで痩せるお茶", "痩せる", "slimming"],
    ["脂肪燃焼サプリ", "脂肪燃焼", "slimming"],
    ["免疫力アップのヨーグルト", "免疫力", "immunity"],
    ["がんに効くキノコ", "がんに効く", "disease_claim"],
    ["皮膚科医も推奨", "皮膚科医も推奨", "doctor_endorsement"],
    ["副作用なしで安心", "副作用なし", "safety_guarantee"],
    ["An anti-aging serum", "anti-aging", "anti_aging"],
    ["It cures acne overnight", "cures", "medical_cure"],
    ["Boosts immunity every morning", "Boosts immunity", "immunity"],
    ["Fat-burning tea for weight loss", "Fat-burning", "slimming"],
  ])("%s → 「%s」 (%s)", (text, term, reason) => {
    const hit = findRegulatedClaims(text).find((h) => h.reason === reason);
    expect(hit, JSON.stringify(findRegulatedClaims(text))).toMatchObject({ term, law: "pharma", reason });
  });

  it("the longer claim wins where two overlap (ニキビが治る over 治る, がんに効く over に効く)", () => {
    expect(claims("ニキビが治る")).toEqual([["ニキビが治る", "pharma", "medical_cure"]]);
    expect(claims("がんに効く")).toEqual([["がんに効く", "pharma", "disease_claim"]]);
    expect(claims("シワが治る")).toEqual([["シワが治る", "pharma", "wrinkle_cure"]]);
  });

  it("小じわを目立たなくする is allowed with 効能評価試験済み in the same text", () => {
    expect(claims("乾燥による小じわを目立たなくする(効能評価試験済み)")).toEqual([]);
    expect(claims("乾燥による小じわを目立たなくする")).toHaveLength(1);
  });

  it.each([
    "シャツのシミ抜きはクリーニング店へ",
    "この洗剤なら服のシミが消える",
    "Removes spots from your favourite fabric",
    "明日もがんばります!",
    "火災予防週間のお知らせ",
    "エアコンがよく効く店内でどうぞ",
    "完全予約制のカフェです",
    "果汁100%のジュース",
    "綿100%のTシャツ",
    "新しいwheels and manicures",
    "角質層まで浸透して潤う",
    "エイジングケア(年齢に応じたお手入れ)",
  ])("no false positive: %s", (text) => {
    expect(findRegulatedClaims(text)).toEqual([]);
  });

  it("every reason has an explanation key and every hit a known reason", () => {
    const hits = findRegulatedClaims("日本一。シミが消える。小じわを目立たなくする。育毛。免疫力。副作用なし。医師も推奨。肌の奥まで。肌再生。痩せる。がんに効く。治る。若返る。シワが消える");
    expect(new Set(hits.map((h) => h.reason))).toEqual(new Set(CLAIM_REASONS));
  });
});

describe("templates", () => {
  it("each template has ja and en text and a checklist item that exists", () => {
    const all = new Set(Object.values(CHECKLIST_FOR).flat());
    for (const t of FINDING_TEMPLATES) {
      expect(t.ja.length).toBeGreaterThan(10);
      expect(t.en.length).toBeGreaterThan(10);
      expect(all.has(t.item)).toBe(true);
    }
    expect(new Set(FINDING_TEMPLATES.map((t) => t.key)).size).toBe(FINDING_TEMPLATES.length);
  });
});

describe("decisions", () => {
  const base = { state: "in_progress" as const, subjectHash: "h1", conditionItems: [], findings: [], requestedById: "author" };
  it("binds to the hash and needs an open review", () => {
    expect(checkDecision(base, { decision: "approved", subjectHash: "h2" }, "legal")).toEqual({ ok: false, reason: "stale_version" });
    expect(checkDecision({ ...base, state: "approved" }, { decision: "approved", subjectHash: "h1" }, "legal")).toEqual({ ok: false, reason: "not_open" });
    expect(checkDecision(base, { decision: "approved", subjectHash: "h1" }, "legal")).toEqual({ ok: true });
  });
  it("reject needs a reason; conditions need a condition; the requester cannot decide", () => {
    expect(checkDecision(base, { decision: "rejected", subjectHash: "h1", reason: " " }, "legal")).toEqual({ ok: false, reason: "reason_required" });
    expect(checkDecision(base, { decision: "approved_with_conditions", subjectHash: "h1", conditions: [""] }, "legal")).toEqual({ ok: false, reason: "conditions_required" });
    expect(checkDecision(base, { decision: "approved", subjectHash: "h1" }, "author")).toEqual({ ok: false, reason: "self_review" });
  });
  it("unmet carried conditions block approval but not rejection; a critical finding blocks a plain approval", () => {
    const carried = carryConditions([{ id: "c1", text: "クレジット表記", met: true, metById: "x" }]);
    expect(carried).toEqual([{ id: "c1", text: "クレジット表記", met: false }]);
    expect(unmetConditions(carried)).toHaveLength(1);
    const r = { ...base, conditionItems: carried };
    expect(checkDecision(r, { decision: "approved", subjectHash: "h1" }, "legal")).toEqual({ ok: false, reason: "conditions_unmet" });
    expect(checkDecision(r, { decision: "approved_with_conditions", subjectHash: "h1", conditions: ["x"] }, "legal")).toEqual({ ok: false, reason: "conditions_unmet" });
    expect(checkDecision(r, { decision: "rejected", subjectHash: "h1", reason: "no" }, "legal")).toEqual({ ok: true });
    const crit = { ...base, findings: [{ severity: "critical" as const }] };
    expect(checkDecision(crit, { decision: "approved", subjectHash: "h1" }, "legal")).toEqual({ ok: false, reason: "critical_finding_open" });
    expect(checkDecision(crit, { decision: "approved_with_conditions", subjectHash: "h1", conditions: ["削除"] }, "legal")).toEqual({ ok: true });
  });
});

describe("snapshots", () => {
  it("hash ignores key order; lines flatten sorted paths", () => {
    expect(snapshotHash({ a: 1, b: [1, { c: "x" }] })).toBe(snapshotHash({ b: [1, { c: "x" }], a: 1 }));
    expect(snapshotHash({ a: 1 })).not.toBe(snapshotHash({ a: 2 }));
    expect(snapshotLines({ text: "t", meta: { b: 2, a: [1] } })).toEqual(["meta.a[0]: 1", "meta.b: 2", "text: t"]);
  });
});

describe("workflow: Legal's approval with unmet conditions", () => {
  it("approve_legal is refused with conditions_unmet; PR's approval is not affected", async () => {
    const { transition } = await import("@/lib/domain/workflow");
    const ctx = { state: "in_review" as const, revision: { hash: "h", authorId: "a" }, requiresLegal: true, approvals: [], now, legalConditionsUnmet: true };
    expect(transition(ctx, { type: "approve_legal", actorId: "l", revisionHash: "h" })).toEqual({ ok: false, reason: "conditions_unmet" });
    expect(transition(ctx, { type: "approve_pr", actorId: "p", revisionHash: "h" }).ok).toBe(true);
    expect(transition({ ...ctx, legalConditionsUnmet: false }, { type: "approve_legal", actorId: "l", revisionHash: "h" }).ok).toBe(true);
    expect(transition(ctx, { type: "request_changes", actorId: "l", stage: "legal", revisionHash: "h", reason: "x" }).ok).toBe(true);
  });
});
