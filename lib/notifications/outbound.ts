/**
 * Outbound message bodies: an e-mail, a Slack incoming-webhook payload, a Teams (Workflows / incoming
 * webhook) Adaptive Card. Pure: text in, JSON out. The text comes from render.ts in the recipient's
 * (e-mail) or the webhook's (channel) language.
 */
import type { RenderedNotification } from "./render";

export type OutboundText = RenderedNotification & { url: string | null; footer: string; openLabel: string };

export type EmailMessage = { subject: string; text: string; html: string };

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Subjects are one line and not too long (some gateways cut at 255). */
function subjectOf(title: string): string {
  const one = title.replace(/[\r\n]+/g, " ").trim();
  return one.length > 200 ? `${one.slice(0, 199)}…` : one;
}

export function emailMessage(m: OutboundText): EmailMessage {
  const lines = [m.title, "", ...(m.body ? [m.body, ""] : []), ...(m.url ? [`${m.openLabel}: ${m.url}`, ""] : []), "--", m.footer];
  const html = [
    `<p style="font-weight:600">${escapeHtml(m.title)}</p>`,
    m.body ? `<p>${escapeHtml(m.body).replace(/\n/g, "<br>")}</p>` : "",
    m.url ? `<p><a href="${escapeHtml(m.url)}">${escapeHtml(m.openLabel)}</a></p>` : "",
    `<hr><p style="color:#666;font-size:12px">${escapeHtml(m.footer)}</p>`,
  ].join("");
  return { subject: subjectOf(m.title), text: lines.join("\n"), html };
}

/** Slack: &, < and > are control characters in mrkdwn. */
const slackEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function slackPayload(m: OutboundText): { text: string; blocks: unknown[] } {
  const title = slackEscape(m.title);
  const body = m.body ? slackEscape(m.body) : null;
  const text = [title, body, m.url ? `<${m.url}|${slackEscape(m.openLabel)}>` : null].filter(Boolean).join("\n");
  const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: [`*${title}*`, body].filter(Boolean).join("\n") } }];
  if (m.url) {
    blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: m.openLabel }, url: m.url }] });
  }
  return { text, blocks };
}

export function teamsPayload(m: OutboundText): unknown {
  return {
    type: "message",
    summary: m.title,
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            { type: "TextBlock", text: m.title, weight: "Bolder", size: "Medium", wrap: true },
            ...(m.body ? [{ type: "TextBlock", text: m.body, wrap: true }] : []),
          ],
          actions: m.url ? [{ type: "Action.OpenUrl", title: m.openLabel, url: m.url }] : [],
        },
      },
    ],
  };
}

/**
 * A webhook URL an admin may save: https anywhere, or http only on a loopback host (local receivers
 * in development and tests). No credentials in the URL, no fragments.
 */
export function isAllowedWebhookUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  if (u.username || u.password || u.hash) return false;
  if (raw.length > 2_000) return false;
  if (u.protocol === "https:") return u.hostname.length > 0;
  if (u.protocol === "http:") return u.hostname === "localhost" || u.hostname === "127.0.0.1" || u.hostname === "[::1]";
  return false;
}

/** What the admin page shows of a webhook URL: scheme, host and the last 4 characters (the rest is the secret). */
export function maskWebhookUrl(raw: string): string {
  try {
    const u = new URL(raw);
    const tail = raw.slice(-4);
    return `${u.protocol}//${u.host}/…${tail}`;
  } catch {
    return "…";
  }
}
