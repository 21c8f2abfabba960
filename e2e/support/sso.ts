import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** A context with no session, whatever the surrounding test.use({ storageState }) says. */
export function freshContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ storageState: { cookies: [], origins: [] } });
}

/** Signs in through the real flow: portal sign-in page → dev IdP login page → callback. */
export async function signInViaSso(page: Page, loginId: string, password = "demo", callbackUrl?: string): Promise<void> {
  await page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
  await page.getByRole("button", { name: /会社のアカウントでサインイン|Sign in with company SSO/ }).click();
  await expect(page.getByLabel(/ログインID/)).toBeVisible();
  await page.getByLabel(/ログインID/).fill(loginId);
  await page.getByLabel(/パスワード/).fill(password);
  await page.getByRole("button", { name: /サインイン \/ Sign in/ }).click();
  const portal = new URL(process.env.E2E_BASE_URL ?? "http://localhost:3100").origin;
  await page.waitForURL((u) => u.origin === portal && !u.pathname.startsWith("/api/auth"), { timeout: 30_000 });
}
