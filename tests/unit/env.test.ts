import { afterEach, describe, expect, it } from "vitest";
import { env, resetEnvCache } from "@/lib/env";

const GOOD = {
  DATABASE_URL: "postgres://u:p@127.0.0.1:5432/portal",
  AUTH_SECRET: "x".repeat(40),
  AUTH_OIDC_ISSUER: "https://login.example.co.jp/realms/aoba",
  AUTH_OIDC_CLIENT_ID: "portal",
  AUTH_OIDC_CLIENT_SECRET: "s3cret",
};
const saved = { ...process.env };

function withEnv(vars: Record<string, string | undefined>) {
  for (const k of Object.keys(process.env)) if (k.startsWith("AUTH_") || k.startsWith("DATABASE_")) delete process.env[k];
  Object.assign(process.env, vars);
  resetEnvCache();
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("configuration is checked at start", () => {
  it("accepts a complete configuration and fills defaults", () => {
    withEnv(GOOD);
    const e = env();
    expect(e.DATABASE_POOL_MAX).toBe(10);
    expect(e.AUTH_OIDC_SCOPE).toBe("openid profile email");
    expect(e.DEFAULT_TIME_ZONE).toBe("Asia/Tokyo");
  });

  it.each([
    ["DATABASE_URL", undefined, /DATABASE_URL/],
    ["DATABASE_URL", "mysql://x", /DATABASE_URL must start with postgres/],
    ["AUTH_SECRET", "short", /AUTH_SECRET must be at least 32/],
    ["AUTH_OIDC_ISSUER", "not a url", /AUTH_OIDC_ISSUER/],
    ["AUTH_OIDC_CLIENT_ID", "", /AUTH_OIDC_CLIENT_ID/],
    ["DATABASE_POOL_MAX", "0", /DATABASE_POOL_MAX/],
  ])("names %s when it is %j", (key, value, message) => {
    withEnv({ ...GOOD, [key]: value });
    if (value === undefined) delete process.env[key];
    expect(() => env()).toThrow(message);
  });

  it("lists every bad variable at once", () => {
    withEnv({});
    expect(() => env()).toThrow(/DATABASE_URL[\s\S]*AUTH_SECRET[\s\S]*AUTH_OIDC_ISSUER/);
  });
});

describe("outbound e-mail settings", () => {
  it.each([
    ["SMTP_URL", "http://mail.example.co.jp", /SMTP_URL must start with smtp:\/\/ or smtps:\/\//],
    ["SMTP_URL", "not a url", /SMTP_URL must look like smtp:\/\//],
    ["PORTAL_URL", "sns-portal", /PORTAL_URL must be an absolute URL/],
  ])("names %s when it is %j", (key, value, message) => {
    withEnv({ ...GOOD, [key]: value });
    expect(() => env()).toThrow(message);
  });

  it("e-mail is on only with both SMTP_URL and SMTP_FROM; the password never shows in the redacted form", async () => {
    const { smtpSettings, redactUrl, portalBaseUrl } = await import("@/lib/notifications/settings");
    expect(smtpSettings({})).toBeNull();
    expect(smtpSettings({ SMTP_URL: "smtp://mail.example.co.jp:587" })).toBeNull();
    expect(smtpSettings({ SMTP_URL: "smtp://u:pw@mail.example.co.jp:587", SMTP_FROM: "SNS <sns@example.co.jp>" })).toEqual({
      url: "smtp://u:pw@mail.example.co.jp:587",
      from: "SNS <sns@example.co.jp>",
    });
    expect(redactUrl("smtp://u:s3cret@mail.example.co.jp:587")).toBe("smtp://u:***@mail.example.co.jp:587");
    expect(portalBaseUrl({ AUTH_URL: "https://sns.example.co.jp/" })).toBe("https://sns.example.co.jp");
    expect(portalBaseUrl({ PORTAL_URL: "https://a.example", AUTH_URL: "https://b.example" })).toBe("https://a.example");
  });
});
