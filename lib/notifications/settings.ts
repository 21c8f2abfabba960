/**
 * Outbound notification settings from the environment (documented in .env.example and README).
 * Read on their own (not through env()) so the worker and the DAL can ask "is SMTP configured?"
 * without requiring every app setting; lib/env.ts validates the same variables at app start-up.
 */
import { z } from "zod";

export const smtpEnvSchema = z.object({
  SMTP_URL: z
    .url("SMTP_URL must look like smtp://user:password@mail.example.co.jp:587 or smtps://…:465")
    .refine((u) => /^smtps?:\/\//.test(u), "SMTP_URL must start with smtp:// or smtps://")
    .optional(),
  SMTP_FROM: z.string().min(3, "SMTP_FROM must be an address such as SNS Portal <sns-portal@example.co.jp>").optional(),
  /** Absolute base for links in e-mail and webhook messages. */
  PORTAL_URL: z.url("PORTAL_URL must be an absolute URL such as https://sns.example.co.jp").optional(),
});

export type SmtpSettings = { url: string; from: string };

/** SMTP settings when both SMTP_URL and SMTP_FROM are set and valid; otherwise null (e-mail off). */
export function smtpSettings(source: Record<string, string | undefined> = process.env): SmtpSettings | null {
  const parsed = smtpEnvSchema.safeParse({ SMTP_URL: source.SMTP_URL || undefined, SMTP_FROM: source.SMTP_FROM || undefined });
  if (!parsed.success || !parsed.data.SMTP_URL || !parsed.data.SMTP_FROM) return null;
  return { url: parsed.data.SMTP_URL, from: parsed.data.SMTP_FROM };
}

/** The portal's public base URL for links sent outside it (no trailing slash). */
export function portalBaseUrl(source: Record<string, string | undefined> = process.env): string {
  const raw = source.PORTAL_URL || source.AUTH_URL || "http://localhost:3000";
  return raw.replace(/\/+$/, "");
}

/** smtp://user:secret@host:587 → smtp://user:***@host:587, for logs and the admin page. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(invalid URL)";
  }
}
