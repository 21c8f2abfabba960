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

/**
 * Why a wording was flagged; each reason has its explanation in messages/{ja,en}/legalQueue.json
 * (automatic.reasons.<reason>), so the reviewer reads the rule, not just the word.
 */
export const CLAIM_REASONS = [
  "superlative",
  "medical_cure",
  "disease_claim",
  "spot_removal",
  "wrinkle_cure",
  "wrinkle_untested",
  "anti_aging",
  "skin_regeneration",
  "deep_penetration",
  "hair_growth",
  "slimming",
  "immunity",
  "doctor_endorsement",
  "safety_guarantee",
] as const;
export type ClaimReason = (typeof CLAIM_REASONS)[number];

export type ClaimHit = {
  /** The words as written in the text. */
  term: string;
  law: "premiums" | "pharma";
  reason: ClaimReason;
  index: number;
};

type ClaimRule = {
  law: ClaimHit["law"];
  reason: ClaimReason;
  /** Matched against the NFKC-normalised, lower-cased text. */
  pattern: RegExp;
  /** No hit when this matches within CONTEXT characters around the match (e.g. laundry for シミ抜き). */
  unlessNear?: RegExp;
  /** No hit when this matches anywhere in the same text (e.g. 効能評価試験済み for 小じわ). */
  unlessInText?: RegExp;
};

const CONTEXT = 30;
/** Latin words must stand alone: "heals" must not fire inside "wheels" or "cures" inside "manicures". */
const W = (s: string) => new RegExp(`(?<![a-z])(?:${s})(?![a-z])`, "g");
const J = (s: string) => new RegExp(s, "g");
const LAUNDRY = /洗濯|衣類|衣服|洋服|服の|シャツ|ネクタイ|スーツ|クリーニング|洗剤|漂白|生地|布|カーペット|ソファ|laundry|fabric|cloth|stain/;

/*
 * The lexicon. Sources, in short:
 * - 景品表示法 (Act against Unjustifiable Premiums and Misleading Representations): No.1, 日本一,
 *   最安 and other superlatives need objective, current evidence stated next to the claim.
 * - 薬機法 (Pharmaceutical and Medical Device Act) art. 66–68 and the 医薬品等適正広告基準: a
 *   cosmetic may only claim the 56 efficacy items of the MHLW notice (薬発第1225号 as amended); no
 *   cure or prevention of disease, no change to the body's structure or function (regeneration,
 *   rejuvenation, fat burning, hair growth), no penetration beyond the stratum corneum, no
 *   endorsement by doctors, no guarantee of safety. 「乾燥による小じわを目立たなくする」 is the 56th
 *   item and may be used only for a product that passed the efficacy evaluation test, stated as
 *   「効能評価試験済み」 next to the claim. Spots may be "prevented" only by a quasi-drug
 *   (医薬部外品: 「メラニンの生成を抑え、シミ・そばかすを防ぐ」), never "removed".
 * - 健康増進法 / 食品表示法: foods (including supplements) may not claim to cure, prevent or
 *   treat disease, boost immunity or make you slim.
 * The rules name phrases, not single characters, so that 「がんばります」「火災予防」「エアコンがよく効く」
 * or a laundry 「シミ抜き」 do not fire.
 */
const CLAIM_RULES: readonly ClaimRule[] = [
  // 景品表示法: superlatives without evidence.
  {
    law: "premiums",
    reason: "superlative",
    pattern: J("no\\.\\s?1|no1(?![0-9])|ナンバーワン|ナンバー1|日本一|世界一|業界一|最安値|最安|最高級|最高品質|唯一|業界初|世界初|日本初|絶対|効果抜群"),
  },
  // 完全予約制 / 完全個室 / 果汁100% / 綿100% are facts, not claims.
  { law: "premiums", reason: "superlative", pattern: J("完全(?!予約|個室|禁煙|週休|分煙|受注|招待|貸切|無料)") },
  { law: "premiums", reason: "superlative", pattern: J("100%"), unlessNear: /果汁|綿|コットン|ウール|シルク|麻|ポリエステル|植物由来|天然由来|還元|ストレート|生乳|再生紙|リサイクル|cotton|wool|juice/ },
  { law: "premiums", reason: "superlative", pattern: W("best in japan|cheapest|number one|no\\. ?1") },
  { law: "premiums", reason: "superlative", pattern: J("#1(?![0-9])") },

  // 薬機法: disease and cure.
  { law: "pharma", reason: "medical_cure", pattern: J("(?:ニキビ|にきび|肌荒れ|アトピー|湿疹|かぶれ|便秘|冷え性|肩こり|腰痛|頭痛|風邪|病気)(?:が|を)?(?:治る|治す|治ります|治せ|改善|解消|完治)|治る|治す|治ります|完治|治療効果") },
  { law: "pharma", reason: "medical_cure", pattern: W("cures?|heals?|cure acne|treats? acne") },
  {
    law: "pharma",
    reason: "disease_claim",
    pattern: J("(?:がん|ガン|癌|糖尿病|高血圧|認知症|花粉症|インフルエンザ|コロナ|風邪|病気)(?:に効く|に効果|を予防|の予防|予防|を防ぐ|にならない|が治る|を治す)|抗がん|制がん|血糖値を下げ|血圧を下げ|コレステロールを下げ|予防効果|に効く|に効きます|薬効"),
  },
  { law: "pharma", reason: "disease_claim", pattern: W("cures? cancer|prevents? (?:cancer|diabetes|disease|covid)|lowers? blood (?:sugar|pressure)") },

  // 薬機法: cosmetics beyond the 56 efficacy items.
  { law: "pharma", reason: "spot_removal", pattern: J("(?:シミ|しみ|そばかす|くすみ)(?:が|を)?(?:消える|消え|消す|なくなる|なくす|取れる|とれる|取る|薄くなる|薄くする|消し|除去)|シミ取り|美白効果で(?:シミ|しみ)"), unlessNear: LAUNDRY },
  { law: "pharma", reason: "spot_removal", pattern: W("removes? (?:dark )?spots|erases? (?:dark )?spots|spot remover"), unlessNear: LAUNDRY },
  { law: "pharma", reason: "wrinkle_cure", pattern: J("(?:シワ|しわ|皺|ほうれい線)(?:が|を)?(?:治る|治す|消える|消え|消す|なくなる|なくす|伸びる|取れる|改善)") },
  { law: "pharma", reason: "wrinkle_cure", pattern: W("(?:removes?|erases?|eliminates?) wrinkles|wrinkle[- ]free skin") },
  { law: "pharma", reason: "wrinkle_untested", pattern: J("(?:乾燥による)?小(?:じわ|ジワ|皺)を目立たなく(?:する|します)?"), unlessInText: /効能評価試験済/ },
  { law: "pharma", reason: "anti_aging", pattern: J("アンチエイジング|若返る|若返り|若返ら|若返っ|老化を防ぐ|老化防止|年齢を巻き戻|マイナス\\d+歳") },
  { law: "pharma", reason: "anti_aging", pattern: W("anti-?aging|reverses? (?:the signs of )?aging|rejuvenat(?:es?|ing)") },
  { law: "pharma", reason: "skin_regeneration", pattern: J("肌(?:が|を)?再生|肌再生|細胞(?:が|を)?(?:再生|活性化|生まれ変わ)|ターンオーバーを(?:促進|正常化)|新しい肌に生まれ変わ") },
  { law: "pharma", reason: "skin_regeneration", pattern: W("regenerates? (?:the )?skin|cell renewal") },
  { law: "pharma", reason: "deep_penetration", pattern: J("肌の奥(?:深く)?まで|真皮まで|細胞まで浸透|浸透して(?:シミ|シワ|しわ|細胞)") },
  { law: "pharma", reason: "hair_growth", pattern: J("育毛|発毛|毛が生える|髪が生える|薄毛(?:が|を)?(?:治る|改善|解消)|抜け毛(?:が|を)?(?:止まる|なくなる)") },
  { law: "pharma", reason: "hair_growth", pattern: W("regrows? hair|hair regrowth|stops? hair loss") },
  { law: "pharma", reason: "slimming", pattern: J("痩せる|痩せ(?:た|ます|られる)|やせる|やせ(?:た|ます|られる)|脂肪(?:を)?燃焼|脂肪(?:を)?分解|脂肪が落ち|塗るだけで(?:痩|やせ|細)|着るだけで(?:痩|やせ|細)") },
  { law: "pharma", reason: "slimming", pattern: W("weight loss|lose weight|burns? fat|fat[- ]burning|slimming") },
  { law: "pharma", reason: "immunity", pattern: J("免疫力|免疫(?:を)?(?:高め|アップ|強化)") },
  { law: "pharma", reason: "immunity", pattern: W("boosts? (?:your )?immun(?:ity|e system)|immune[- ]boost(?:ing)?") },
  { law: "pharma", reason: "doctor_endorsement", pattern: J("(?:医師|医者|皮膚科医|薬剤師|専門医)(?:も|が)?(?:推奨|おすすめ|オススメ|認めた|太鼓判|愛用)") },
  { law: "pharma", reason: "doctor_endorsement", pattern: W("doctor[- ]recommended|recommended by (?:doctors|dermatologists)") },
  { law: "pharma", reason: "safety_guarantee", pattern: J("副作用(?:なし|が?ない|ゼロ|の心配(?:なし|はありません))|安全性(?:が|を)?保証|100%安全|絶対安全") },
  { law: "pharma", reason: "safety_guarantee", pattern: W("no side effects|100% safe|guaranteed safe") },
];

/**
 * Finds regulated claims in a text, each with the law and the reason (see CLAIM_RULES for the
 * sources). Latin letters are case-folded and full-width characters normalised (NFKC); where two
 * hits of the same law overlap, the longer one is kept (最安値 over 最安). Indexes refer to the
 * NFKC-normalised text.
 */
export function findRegulatedClaims(text: string): ClaimHit[] {
  const norm = text.normalize("NFKC").toLowerCase();
  // Where normalising character by character gives the same text, a hit can be shown as written
  // ("No.1", not "no.1"); otherwise (combining marks merged) the normalised words are shown.
  const starts: number[] = [];
  let rebuilt = "";
  for (let i = 0; i < text.length; ) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    const n = ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < n.length; k++) starts.push(i);
    rebuilt += n;
    i += ch.length;
  }
  const asWritten = (i: number, len: number) => (rebuilt === norm ? text.slice(starts[i], i + len < starts.length ? starts[i + len] : text.length) : norm.slice(i, i + len));
  const found: ClaimHit[] = [];
  for (const rule of CLAIM_RULES) {
    if (rule.unlessInText?.test(norm)) continue;
    for (const m of norm.matchAll(new RegExp(rule.pattern.source, "g"))) {
      const term = m[0];
      if (!term) continue;
      const i = m.index;
      if (rule.unlessNear?.test(norm.slice(Math.max(0, i - CONTEXT), i + term.length + CONTEXT))) continue;
      found.push({ term, law: rule.law, reason: rule.reason, index: i });
    }
  }
  const kept: ClaimHit[] = [];
  for (const h of found.sort((a, b) => b.term.length - a.term.length || a.index - b.index)) {
    const overlaps = kept.some((k) => k.law === h.law && h.index < k.index + k.term.length && k.index < h.index + h.term.length);
    if (!overlaps) kept.push(h);
  }
  return kept.sort((a, b) => a.index - b.index).map((h) => ({ ...h, term: asWritten(h.index, h.term.length) }));
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
    key: "wrinkle_efficacy_test",
    item: "health_claims",
    severity: "high",
    ja: "「乾燥による小じわを目立たなくする」は効能評価試験(日本香粧品学会のガイドラインに基づく試験)を行った化粧品に限り表示できます。試験結果を確認のうえ「効能評価試験済み」と併記するか、表現を削除してください。",
    en: 'The claim "makes fine lines from dryness less noticeable" is allowed only for a cosmetic that passed the efficacy evaluation test (following the Japanese Cosmetic Science Society guideline). Check the test results and add "効能評価試験済み" next to it, or remove the claim.',
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
