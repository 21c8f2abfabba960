/**
 * Legal review rules as pure data and functions (no IO): the kinds Legal reviews, their SLA, the
 * checklist items that fit each kind, the finding templates, and the rules of conditions.
 *
 * Decisions (documented because they are choices):
 * - One queue for every kind. Each kind has its own SLA (how long Legal has from the request) and a
 *   warning window before the breach: replies are answered in hours, talent contracts in days.
 * - A decision binds to the exact version under review: the decision carries the subject hash the
 *   reviewer saw; any other hash is refused as stale.
 * - "Approve with conditions" sends the subject back to its author with the conditions. The next
 *   version's review carries them (met = false) and cannot be approved until Legal has marked every
 *   one met, which Legal does while looking at the diff of that version. Conditions are never met
 *   by the author's own word.
 * - Rejection and approval with conditions need a reason / at least one condition; findings carry a
 *   severity; a "critical" finding that is open blocks a plain approval (approve with conditions or
 *   reject instead).
 */

export const LEGAL_KINDS = ["post_revision", "ad_creative", "reply", "takedown", "talent_usage"] as const;
export type LegalKind = (typeof LEGAL_KINDS)[number];

export const LEGAL_STATES = ["open", "in_progress", "approved", "approved_with_conditions", "rejected", "withdrawn"] as const;
export type LegalState = (typeof LEGAL_STATES)[number];
export const OPEN_STATES: readonly LegalState[] = ["open", "in_progress"];
export const DECIDED_STATES: readonly LegalState[] = ["approved", "approved_with_conditions", "rejected"];

export const LEGAL_DECISIONS = ["approved", "approved_with_conditions", "rejected"] as const;
export type LegalDecision = (typeof LEGAL_DECISIONS)[number];

export const RISKS = ["low", "medium", "high"] as const;

/** What a takedown complaint is about (db/schema/legal.ts TAKEDOWN_KINDS has the same values). */
export const TAKEDOWN_KIND_VALUES = ["copyright", "trademark", "portrait", "defamation", "privacy", "other"] as const;
export type Risk = (typeof RISKS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CHECK_RESULTS = ["ok", "issue", "n/a"] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** What legalClearance() answers for a subject version. */
export type Clearance = "approved" | "approved_with_conditions" | "rejected" | "pending" | "none";

const H = 60 * 60 * 1000;

/**
 * SLA per kind: how long Legal has from the request, and how long before the due time people are
 * warned. Replies escalated from the inbox wait on a customer; takedowns have a legal clock
 * (a platform notice gives days, our own reply should be the same business day); ad creatives and
 * posts are planned ahead; talent checks are contract work.
 */
export const SLA: Record<LegalKind, { dueMs: number; warnMs: number }> = {
  reply: { dueMs: 2 * H, warnMs: 30 * 60 * 1000 },
  takedown: { dueMs: 24 * H, warnMs: 4 * H },
  post_revision: { dueMs: 24 * H, warnMs: 4 * H },
  ad_creative: { dueMs: 48 * H, warnMs: 8 * H },
  talent_usage: { dueMs: 72 * H, warnMs: 12 * H },
};

/** The default due time of a request made at `now` (an explicit earlier due time, e.g. a post's slot, wins). */
export function defaultDueAt(kind: LegalKind, now: Date, requested?: Date | null): Date {
  const sla = new Date(now.getTime() + SLA[kind].dueMs);
  if (requested && requested.getTime() < sla.getTime()) return requested;
  return sla;
}

export type SlaStatus = "none" | "ok" | "warning" | "breached";

/** Where an open review stands against its due time. Decided reviews have no SLA status. */
export function slaStatus(kind: LegalKind, state: LegalState, dueAt: Date | null, now: Date): SlaStatus {
  if (!OPEN_STATES.includes(state) || !dueAt) return "none";
  const left = dueAt.getTime() - now.getTime();
  if (left <= 0) return "breached";
  if (left <= SLA[kind].warnMs) return "warning";
  return "ok";
}


/* ───────────── checklist ───────────── */

export const CHECKLIST_ITEMS = [
  "copyright",
  "trademark",
  "defamation_privacy",
  "disclosure",
  "talent_contract",
  "regulated_claims",
  "health_claims",
  "takedown_merit",
  "takedown_response",
] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

/** The items that fit each kind, in the order they are shown. */
export const CHECKLIST_FOR: Record<LegalKind, readonly ChecklistItem[]> = {
  post_revision: ["copyright", "trademark", "defamation_privacy", "disclosure", "talent_contract", "regulated_claims", "health_claims"],
  ad_creative: ["copyright", "trademark", "disclosure", "talent_contract", "regulated_claims", "health_claims"],
  reply: ["defamation_privacy", "regulated_claims", "health_claims", "trademark"],
  takedown: ["takedown_merit", "copyright", "trademark", "defamation_privacy", "takedown_response"],
  talent_usage: ["talent_contract", "copyright", "disclosure", "defamation_privacy"],
};

export type ChecklistEntry = {
  item: string;
  result: CheckResult | null;
  note?: string;
};

/**
 * The checklist of a review: the kind's items in order, each with what was saved (unknown saved
 * items from older data are kept at the end so nothing recorded disappears).
 */
export function normalizeChecklist(kind: LegalKind, saved: readonly ChecklistEntry[]): ChecklistEntry[] {
  const byItem = new Map(saved.map((e) => [e.item, e]));
  const out: ChecklistEntry[] = CHECKLIST_FOR[kind].map((item) => {
    const s = byItem.get(item);
    return {
      item,
      result: s?.result ?? null,
      ...(s?.note ? { note: s.note } : {}),
    };
  });
  for (const s of saved) if (!(CHECKLIST_FOR[kind] as readonly string[]).includes(s.item)) out.push(s);
  return out;
}

/* ───────────── regulated claims (景品表示法 / 薬機法) ───────────── */

export type ClaimHit = {
  term: string;
  law: "premiums" | "pharma";
  index: number;
};

/** Misleading superlatives that need objective evidence under the Act against Unjustifiable Premiums (景品表示法). */
const SUPERLATIVES = [
  "No.1",
  "No1",
  "ナンバーワン",
  "ナンバー1",
  "日本一",
  "世界一",
  "業界一",
  "最安",
  "最安値",
  "最高級",
  "最高品質",
  "唯一",
  "業界初",
  "世界初",
  "日本初",
  "完全",
  "100%",
  "絶対",
  "best in japan",
  "cheapest",
  "number one",
  "#1",
];
/** Health and pharmaceutical claims a cosmetic or food may not make (薬機法 / 健康増進法). */
const HEALTH = [
  "治る",
  "治す",
  "完治",
  "効く",
  "効果抜群",
  "シミが消える",
  "シミが消え",
  "アンチエイジング",
  "若返",
  "肌の奥まで",
  "浸透して",
  "痩せる",
  "やせる",
  "脂肪燃焼",
  "免疫力",
  "血糖値",
  "がん",
  "予防",
  "医師も推奨",
  "副作用なし",
  "cures",
  "heals",
  "anti-aging",
  "weight loss",
  "boosts immunity",
];

/** Finds regulated claims in a text (case-insensitive for Latin letters; full-width digits normalised). */
export function findRegulatedClaims(text: string): ClaimHit[] {
  const norm = text.normalize("NFKC").toLowerCase();
  const hits: ClaimHit[] = [];
  const scan = (terms: string[], law: ClaimHit["law"]) => {
    const seen = new Set<string>();
    for (const term of [...terms].sort((a, b) => b.length - a.length)) {
      const t = term.normalize("NFKC").toLowerCase();
      let from = 0;
      for (;;) {
        const i = norm.indexOf(t, from);
        if (i < 0) break;
        const key = `${i}`;
        if (!seen.has(key)) {
          seen.add(key);
          // A longer term already covering this position wins (最安値 over 最安).
          if (!hits.some((h) => h.law === law && i >= h.index && i < h.index + h.term.length)) hits.push({ term, law, index: i });
        }
        from = i + t.length;
      }
    }
  };
  scan(SUPERLATIVES, "premiums");
  scan(HEALTH, "pharma");
  return hits.sort((a, b) => a.index - b.index);
}

/* ───────────── finding templates (ja + en) ───────────── */

export type FindingTemplate = {
  key: string;
  item: ChecklistItem;
  severity: Severity;
  ja: string;
  en: string;
};

export const FINDING_TEMPLATES: readonly FindingTemplate[] = [
  {
    key: "superlative_no_evidence",
    item: "regulated_claims",
    severity: "high",
    ja: "「No.1」「日本一」「最安」等の最上級表現に客観的な根拠資料(調査機関・調査期間・対象)が示されていません。景品表示法(優良誤認・有利誤認)のおそれがあるため、根拠を注記するか表現を削除してください。",
    en: 'Superlatives such as "No.1", "best in Japan" or "cheapest" are not backed by objective evidence (survey body, period, scope). This risks misleading representation under the Act against Unjustifiable Premiums; cite the evidence or remove the claim.',
  },
  {
    key: "health_claim",
    item: "health_claims",
    severity: "high",
    ja: "化粧品・食品の効能効果の範囲を超える表現(治る・シミが消える・肌の奥まで浸透 等)です。薬機法上認められる表現(例: 角質層まで浸透)に修正してください。",
    en: 'The wording goes beyond what a cosmetic or food may claim (cures, removes spots, penetrates deep into the skin…). Rephrase within what the Pharmaceutical and Medical Device Act allows (e.g. "penetrates the stratum corneum").',
  },
  {
    key: "disclosure_missing",
    item: "disclosure",
    severity: "critical",
    ja: "広告であることの表示がありません。ステルスマーケティング規制(2023年10月施行)に従い、冒頭付近に「広告」「PR」「プロモーション」等を明瞭に表示してください。",
    en: "No advertising disclosure. Under Japan's stealth-marketing rule (Oct 2023), show a clear label such as 広告 / PR / Promotion near the start.",
  },
  {
    key: "disclosure_buried",
    item: "disclosure",
    severity: "medium",
    ja: "広告表示がハッシュタグの中に埋もれており、一般消費者が広告と認識しにくい状態です。本文の冒頭に移してください。",
    en: "The advertising label is buried among hashtags, so readers may not recognise the post as an ad. Move it to the start of the text.",
  },
  {
    key: "image_rights_unverified",
    item: "copyright",
    severity: "high",
    ja: "第三者が撮影・制作した素材の利用許諾(範囲・媒体・期間)を確認できません。許諾書を素材ライブラリに登録するか、素材を差し替えてください。",
    en: "The licence (scope, media, period) for third-party material cannot be verified. Attach the licence to the asset in the library or replace the material.",
  },
  {
    key: "credit_required",
    item: "copyright",
    severity: "low",
    ja: "許諾条件に撮影者・権利者のクレジット表記が含まれています。投稿本文または画像内に表記してください。",
    en: "The licence requires a credit to the photographer or rights holder. Add it in the text or on the image.",
  },
  {
    key: "licence_expires_soon",
    item: "copyright",
    severity: "medium",
    ja: "素材の利用期間が掲載予定期間中に終了します。期間の延長を取得するか、期限後の非公開化を予約してください。",
    en: "The asset's licence ends while the post is planned to stay up. Extend the licence or plan to take the post down before it ends.",
  },
  {
    key: "trademark_third_party",
    item: "trademark",
    severity: "medium",
    ja: "他社の登録商標が含まれています。指定商品・役務との関係と、出所混同のおそれがないことを確認してください。",
    en: "A third party's registered trademark appears. Check the designated goods/services and that no confusion of origin arises.",
  },
  {
    key: "identifiable_person",
    item: "defamation_privacy",
    severity: "high",
    ja: "特定可能な個人(顔・氏名・車両ナンバー等)が写っています。本人の同意書を確認するか、ぼかし処理をしてください。",
    en: "An identifiable person (face, name, number plate…) appears. Confirm their written consent or blur them.",
  },
  {
    key: "defamation_risk",
    item: "defamation_privacy",
    severity: "critical",
    ja: "特定の人物・企業の社会的評価を低下させるおそれのある表現です。事実の裏付けがない限り削除してください。",
    en: "The wording may lower the reputation of an identifiable person or company. Remove it unless the facts are documented.",
  },
  {
    key: "talent_window",
    item: "talent_contract",
    severity: "high",
    ja: "出演者・インフルエンサーとの契約上の使用期間(または媒体)の範囲外です。契約期間内に掲載を限定するか、追加の合意を取得してください。",
    en: "Outside the talent's or influencer's contract window (or media). Limit publication to the contract period or obtain an amendment.",
  },
  {
    key: "takedown_valid",
    item: "takedown_merit",
    severity: "high",
    ja: "申立てには理由があると判断します。対象投稿を非公開にし、申立人へ対応結果を回答してください。",
    en: "The complaint appears well-founded. Hide the post concerned and answer the complainant with what was done.",
  },
  {
    key: "takedown_unfounded",
    item: "takedown_merit",
    severity: "low",
    ja: "権利侵害を認める根拠が示されていません。申立人に根拠資料の提出を求める回答を送ってください。",
    en: "No basis for an infringement has been shown. Reply asking the complainant for supporting documents.",
  },
];

/* ───────────── conditions ───────────── */

export type Condition = {
  id: string;
  text: string;
  met: boolean;
  metById?: string | null;
  metAt?: string | null;
  metOnHash?: string | null;
  note?: string | null;
};

/** Conditions not yet marked met. */
export function unmetConditions(conditions: readonly Condition[]): Condition[] {
  return conditions.filter((c) => !c.met);
}

/** Conditions carried from a decision with conditions to the next version's review: all start unmet. */
export function carryConditions(conditions: readonly Condition[]): Condition[] {
  return conditions.map((c) => ({ id: c.id, text: c.text, met: false }));
}

export type DecisionInput = {
  decision: LegalDecision;
  /** The hash the reviewer saw. */
  subjectHash: string;
  reason?: string | null;
  conditions?: readonly string[];
};

export type DecisionRefusal =
  "not_open" | "stale_version" | "reason_required" | "conditions_required" | "conditions_unmet" | "critical_finding_open" | "self_review";

/**
 * Whether a decision may be recorded on a review. The DAL checks the permission; this checks the rules.
 */
export function checkDecision(
  review: {
    state: LegalState;
    subjectHash: string | null;
    conditionItems: readonly Condition[];
    findings: readonly { severity: Severity }[];
    requestedById: string | null;
  },
  input: DecisionInput,
  actorId: string,
): { ok: true } | { ok: false; reason: DecisionRefusal } {
  if (!OPEN_STATES.includes(review.state)) return { ok: false, reason: "not_open" };
  if (!review.subjectHash || review.subjectHash !== input.subjectHash) return { ok: false, reason: "stale_version" };
  if (review.requestedById && review.requestedById === actorId) return { ok: false, reason: "self_review" };
  const reason = input.reason?.trim() ?? "";
  if (input.decision === "rejected" && !reason) return { ok: false, reason: "reason_required" };
  if (input.decision === "approved_with_conditions" && !(input.conditions ?? []).some((c) => c.trim())) return { ok: false, reason: "conditions_required" };
  // Approving (with or without new conditions) needs the carried conditions met; a rejection does not.
  if (input.decision !== "rejected" && unmetConditions(review.conditionItems).length > 0) return { ok: false, reason: "conditions_unmet" };
  if (input.decision === "approved" && review.findings.some((f) => f.severity === "critical")) return { ok: false, reason: "critical_finding_open" };
  return { ok: true };
}

/* ───────────── diff of snapshots (for non-post kinds) ───────────── */

/** The text fields of a snapshot worth diffing, flattened to "path: value" lines. */
export function snapshotLines(snapshot: unknown, prefix = ""): string[] {
  if (snapshot === null || snapshot === undefined) return [];
  if (typeof snapshot !== "object") return [`${prefix}: ${String(snapshot)}`];
  if (Array.isArray(snapshot)) return snapshot.flatMap((v, i) => snapshotLines(v, `${prefix}[${i}]`));
  return Object.keys(snapshot as Record<string, unknown>)
    .sort()
    .flatMap((k) => snapshotLines((snapshot as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k));
}
