/**
 * The real senders: SMTP through nodemailer, webhooks through fetch. Errors are turned into short,
 * secret-free strings (a webhook URL is a credential; an SMTP URL may hold a password) and marked
 * permanent when retrying cannot help.
 */
import nodemailer from "nodemailer";
import type { EmailMessage } from "./outbound";
import type { SmtpSettings } from "./settings";

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

export type Senders = {
  email(to: string, msg: EmailMessage, messageId: string): Promise<void>;
  webhook(url: string, payload: unknown): Promise<void>;
};

const WEBHOOK_TIMEOUT_MS = 10_000;

export function smtpSender(settings: SmtpSettings): Senders["email"] {
  const transport = nodemailer.createTransport(settings.url, { from: settings.from });
  return async (to, msg, messageId) => {
    try {
      await transport.sendMail({ to, subject: msg.subject, text: msg.text, html: msg.html, messageId });
    } catch (e) {
      const err = e as { responseCode?: number; code?: string };
      // 5xx: the server refused this message for good (unknown mailbox, policy); 4xx and network: try again.
      const permanent = typeof err.responseCode === "number" && err.responseCode >= 500;
      throw new DeliveryError(err.responseCode ? `SMTP ${err.responseCode}` : `SMTP ${err.code ?? "error"}`, permanent);
    }
  };
}

export async function postWebhook(url: string, payload: unknown): Promise<void> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
      // A redirect could lead anywhere; real Slack/Teams webhooks answer directly.
      redirect: "error",
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (e) {
    const name = (e as Error).name;
    throw new DeliveryError(name === "TimeoutError" ? "timeout" : "network error", false);
  }
  await res.body?.cancel().catch(() => {});
  if (res.ok) return;
  // 408 and 429 (rate limited) and 5xx are worth another try; any other 4xx will not change.
  const transient = res.status === 408 || res.status === 429 || res.status >= 500;
  throw new DeliveryError(`HTTP ${res.status}`, !transient);
}

/** Senders from the environment; e-mail is null when SMTP is not configured. */
export function defaultSenders(smtp: SmtpSettings | null): Senders {
  const email = smtp ? smtpSender(smtp) : null;
  return {
    email: async (to, msg, id) => {
      if (!email) throw new DeliveryError("SMTP not configured", true);
      await email(to, msg, id);
    },
    webhook: postWebhook,
  };
}
