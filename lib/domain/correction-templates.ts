/**
 * Drafts for the crisis communication: corrections, apologies and retractions of a published
 * post, and holding statements (issue 3, "Corrections and apologies"; DESIGN.md §6). Pure: the
 * caller passes the facts, the locale and the time zone; nothing here reads a clock or a database.
 *
 * The text is a starting point that PR edits before submitting to the fast lane — the wording
 * follows what Japanese companies publish (「【訂正とお詫び】」「【お詫び】」「【お知らせ】」):
 * name the original by its date, say plainly what was wrong and what is right, apologise once,
 * promise follow-up. No hashtags, no marketing.
 *
 * Decisions:
 * - A variable left empty shows as a bracketed placeholder (〔正しい内容〕), never as an empty
 *   string: a draft that still says 〔…〕 cannot be mistaken for a finished one. `missing` lists them.
 * - Per network: X counts CJK double against 280, so for X the compact form is used, and the
 *   excerpt of the original shrinks until the text fits (or is dropped); the caller's checks
 *   still judge the final text.
 */
import { measure, type Platform } from "./text-length";

export const CORRECTION_KINDS = ["correction", "apology", "retraction"] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];
export const TEMPLATE_KINDS = [...CORRECTION_KINDS, "statement"] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_LOCALES = ["ja", "en"] as const;
export type TemplateLocale = (typeof TEMPLATE_LOCALES)[number];

/** What happens to the original once the correction is out (the publisher carries it out). */
export const ORIGINAL_ACTIONS = ["keep", "hide", "delete"] as const;
export type OriginalAction = (typeof ORIGINAL_ACTIONS)[number];
/** How the correction goes out: as a reply to the original on each network, or as its own post. */
export const PUBLISH_AS = ["reply", "new_post"] as const;
export type PublishAs = (typeof PUBLISH_AS)[number];

export const TEMPLATE_VAR_NAMES = ["originalDate", "originalExcerpt", "wrongFact", "correctFact", "detail", "topic", "brandName"] as const;
export type TemplateVarName = (typeof TEMPLATE_VAR_NAMES)[number];
export type TemplateVars = Partial<Record<TemplateVarName, string>>;

/** The variables a person fills in for each kind (originalDate, originalExcerpt and brandName come from the original). */
export const FILLED_BY_PERSON: { readonly [K in TemplateKind]: readonly TemplateVarName[] } = {
  correction: ["wrongFact", "correctFact"],
  apology: ["detail"],
  retraction: ["detail"],
  statement: ["topic"],
};

/** The variables each kind's text uses. */
export const TEMPLATE_VARS: { readonly [K in TemplateKind]: readonly TemplateVarName[] } = {
  correction: ["originalDate", "wrongFact", "correctFact"],
  apology: ["originalDate", "originalExcerpt", "detail"],
  retraction: ["originalDate", "originalExcerpt", "detail"],
  statement: ["topic", "brandName"],
};

export const TEMPLATE_LIMITS = { varMax: 500, excerptMax: 40, compactExcerptMax: 20 } as const;

type Form = { full: string; compact: string };

/** {name} placeholders; the full form uses exactly TEMPLATE_VARS[kind], the compact one may drop the brand name. */
export const TEMPLATES: { readonly [L in TemplateLocale]: { readonly [K in TemplateKind]: Form } } = {
  ja: {
    correction: {
      full: "【訂正とお詫び】\n{originalDate}の投稿内容に誤りがありました。\n誤:{wrongFact}\n正:{correctFact}\nご迷惑をおかけしましたことを深くお詫び申し上げ、訂正いたします。",
      compact: "【訂正とお詫び】{originalDate}の投稿に誤りがありました。\n誤:{wrongFact}\n正:{correctFact}\n深くお詫び申し上げます。",
    },
    apology: {
      full: "【お詫び】\n{originalDate}の投稿「{originalExcerpt}」につきまして、{detail}。\nご不快な思いをおかけした皆さまに、心よりお詫び申し上げます。今後は確認体制を強化してまいります。",
      compact: "【お詫び】{originalDate}の投稿「{originalExcerpt}」につきまして、{detail}。心よりお詫び申し上げます。",
    },
    retraction: {
      full: "【投稿の撤回について】\n{originalDate}の投稿「{originalExcerpt}」を撤回いたします。\n{detail}\nご迷惑をおかけしましたことをお詫び申し上げます。",
      compact: "【投稿撤回】{originalDate}の投稿「{originalExcerpt}」を撤回いたします。{detail}",
    },
    statement: {
      full: "【お知らせ】\n{topic}について、現在事実関係を確認しております。\n詳細が分かり次第、改めてお知らせいたします。\n{brandName}",
      compact: "【お知らせ】{topic}について、現在事実関係を確認しております。詳細が分かり次第、改めてお知らせいたします。",
    },
  },
  en: {
    correction: {
      full: "Correction: Our post of {originalDate} contained an error.\nIncorrect: {wrongFact}\nCorrect: {correctFact}\nWe apologise for the confusion this has caused.",
      compact: "Correction to our post of {originalDate}.\nIncorrect: {wrongFact}\nCorrect: {correctFact}\nWe apologise.",
    },
    apology: {
      full: "Our apology: Regarding our post of {originalDate} (\"{originalExcerpt}\"), {detail}.\nWe sincerely apologise to everyone affected and are strengthening our review process.",
      compact: "Our apology: Regarding our post of {originalDate} (\"{originalExcerpt}\"), {detail}. We sincerely apologise.",
    },
    retraction: {
      full: "Retraction: We are withdrawing our post of {originalDate} (\"{originalExcerpt}\").\n{detail}\nWe apologise for any confusion.",
      compact: "Retraction: We withdraw our post of {originalDate} (\"{originalExcerpt}\"). {detail}",
    },
    statement: {
      full: "Notice: We are aware of {topic} and are confirming the facts.\nWe will share more information as soon as we can.\n{brandName}",
      compact: "Notice: We are aware of {topic} and are confirming the facts. More information will follow.",
    },
  },
};

/** Shown in place of an empty variable. */
export const PLACEHOLDERS: { readonly [L in TemplateLocale]: Record<TemplateVarName, string> } = {
  ja: {
    originalDate: "〔投稿日〕",
    originalExcerpt: "〔元の投稿〕",
    wrongFact: "〔誤った内容〕",
    correctFact: "〔正しい内容〕",
    detail: "〔経緯と理由〕",
    topic: "〔事案の概要〕",
    brandName: "〔ブランド名〕",
  },
  en: {
    originalDate: "[date of post]",
    originalExcerpt: "[original post]",
    wrongFact: "[what was wrong]",
    correctFact: "[what is correct]",
    detail: "[what happened and why]",
    topic: "[the matter]",
    brandName: "[brand name]",
  },
};

/** Titles (internal working titles, not published). */
const TITLES: { readonly [L in TemplateLocale]: { readonly [K in TemplateKind]: string } } = {
  ja: { correction: "【訂正】{title}", apology: "【お詫び】{title}", retraction: "【撤回】{title}", statement: "【お知らせ】{title}" },
  en: { correction: "Correction: {title}", apology: "Apology: {title}", retraction: "Retraction: {title}", statement: "Notice: {title}" },
};

/** Whitespace folded to single spaces and trimmed; template variables are one line each. */
export function oneLine(s: string | null | undefined): string {
  return (s ?? "").replace(/\s+/gu, " ").trim();
}

/** The first `max` graphemes of a one-line version of text, with … when cut. */
export function excerpt(text: string, max: number = TEMPLATE_LIMITS.excerptMax): string {
  const flat = oneLine(text);
  const parts = [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(flat)].map((s) => s.segment);
  if (parts.length <= max) return flat;
  return `${parts.slice(0, Math.max(0, max - 1)).join("").trimEnd()}…`;
}

/** A post's date as a template shows it: 2026年4月1日 / April 1, 2026, in the reader's time zone. */
export function formatOriginalDate(at: Date, locale: TemplateLocale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-US", { timeZone, year: "numeric", month: "long", day: "numeric" }).format(at);
}

function fill(template: string, vars: TemplateVars, locale: TemplateLocale): { text: string; missing: TemplateVarName[] } {
  const missing: TemplateVarName[] = [];
  const text = template.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const key = name as TemplateVarName;
    const value = oneLine(vars[key]).slice(0, TEMPLATE_LIMITS.varMax);
    if (value) return value;
    if (!missing.includes(key)) missing.push(key);
    return PLACEHOLDERS[locale][key] ?? "";
  });
  return { text, missing };
}

export type RenderedTemplate = {
  text: string;
  /** Variables still shown as placeholders. */
  missing: TemplateVarName[];
  /** Which form was used. */
  form: "full" | "compact";
  /** Whether the network's length rule accepts the text (the checks judge it again). */
  fits: boolean;
};

/**
 * The draft text for one network. The full form unless the network's limit needs the compact one;
 * then the excerpt of the original is shortened, and dropped as a last resort.
 */
export function renderTemplate(kind: TemplateKind, locale: TemplateLocale, vars: TemplateVars, platform?: Platform): RenderedTemplate {
  const forms = TEMPLATES[locale][kind];
  const withExcerpt = (max: number): TemplateVars => ({ ...vars, originalExcerpt: vars.originalExcerpt ? excerpt(vars.originalExcerpt, max) : "" });
  const fits = (text: string) => (platform ? !measure(platform, text).issues.some((i) => i.severity === "error") : true);

  const attempts: { form: "full" | "compact"; vars: TemplateVars }[] = [
    { form: "full", vars: withExcerpt(TEMPLATE_LIMITS.excerptMax) },
    { form: "compact", vars: withExcerpt(TEMPLATE_LIMITS.excerptMax) },
    { form: "compact", vars: withExcerpt(TEMPLATE_LIMITS.compactExcerptMax) },
    { form: "compact", vars: withExcerpt(8) },
  ];
  let last: RenderedTemplate | null = null;
  for (const a of attempts) {
    const { text, missing } = fill(forms[a.form], a.vars, locale);
    last = { text, missing, form: a.form, fits: fits(text) };
    if (last.fits) return last;
  }
  return last!;
}

/** A working title for the new post, from the original's title (or the topic, for a statement). */
export function templateTitle(kind: TemplateKind, locale: TemplateLocale, title: string): string {
  return TITLES[locale][kind].replace("{title}", excerpt(title, 60) || PLACEHOLDERS[locale].topic);
}

/** Which locale a template should use for a text: Japanese when it has any kana or kanji, else English. */
export function localeOfText(text: string): TemplateLocale {
  return /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(text) ? "ja" : "en";
}
