/**
 * Renders a stored notification (kind + params) in one reader's language and time zone. Used by the
 * bell and the notifications page (server side), by e-mail and by webhooks (in the worker). No IO.
 *
 * Params whose name ends in "At" hold ISO instants and are shown in the reader's time zone. A kind
 * the messages do not know (or a message that fails to format) falls back to the stored plain title/body.
 */
import { createTranslator } from "use-intl/core";
import ja from "@/messages/ja/notifications.json";
import en from "@/messages/en/notifications.json";

export type NotificationParams = Record<string, string | number | null>;
export type RenderInput = { kind: string; params: NotificationParams | null | undefined; title: string; body: string | null };
export type RenderedNotification = { title: string; body: string | null };

const MESSAGES = { ja, en } as const;
type Locale = keyof typeof MESSAGES;

/** Message keys cannot contain dots (next-intl namespaces): review.requested → review_requested. */
export function kindKey(kind: string): string {
  return kind.replaceAll(".", "_");
}

export function formatInstant(value: string | number | Date, locale: Locale, timeZone: string): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  try {
    return new Intl.DateTimeFormat(locale === "ja" ? "ja-JP" : "en-GB", {
      timeZone,
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      timeZoneName: "short",
    }).format(d);
  } catch {
    return d.toISOString();
  }
}

function prepare(params: NotificationParams, locale: Locale, timeZone: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === null || v === undefined || v === "") out[k] = "—";
    else if (k.endsWith("At")) out[k] = formatInstant(v, locale, timeZone);
    else out[k] = v;
  }
  return out;
}

export function renderNotification(n: RenderInput, locale: Locale, timeZone: string): RenderedNotification {
  const key = kindKey(n.kind);
  const kinds = MESSAGES[locale].kinds as Record<string, Record<string, string>>;
  const entry = kinds[key];
  if (!entry) return { title: n.title, body: n.body };
  let failed = false;
  const t = createTranslator({
    locale,
    messages: MESSAGES[locale],
    namespace: "kinds",
    timeZone,
    onError: () => {
      failed = true;
    },
  });
  const raw = n.params ?? {};
  const given = prepare(raw, locale, timeZone);
  // A param the caller did not pass shows as a dash instead of breaking the message.
  const valuesFor = (message: string) => {
    const v = { ...given };
    for (const m of message.matchAll(/\{\s*(\w+)\s*[,}]/g)) if (!(m[1]! in v)) v[m[1]!] = "—";
    return v;
  };
  const tt = t as unknown as (k: string, v: Record<string, string | number>) => string;
  const title = tt(`${key}.title`, valuesFor(entry.title ?? ""));
  const bodyKey = raw.reason && entry.bodyWithReason ? "bodyWithReason" : "body";
  const body = entry[bodyKey] ? tt(`${key}.${bodyKey}`, valuesFor(entry[bodyKey])) : null;
  if (failed) return { title: n.title, body: n.body };
  return { title, body };
}

/** Labels around an outbound message (e-mail footer, link text), in the given language. */
export function outboundLabels(locale: Locale, settingsUrl: string): { open: string; footer: string; webhookFooter: string } {
  const o = MESSAGES[locale].outbound;
  return { open: o.open, footer: o.footer.replace("{url}", settingsUrl), webhookFooter: o.webhookFooter };
}
