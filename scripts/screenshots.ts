/**
 * npm run screenshots — with the demo running (npm run demo), signs in as each demo person
 * through the dev SSO and saves their workspace to docs/screenshots/<workspace>.png.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { chromiumPath } from "./lib/browser";

const base = process.env.PORTAL_URL ?? "http://localhost:3000";
/** `follow`: open the first link matching this selector (a detail page whose id the demo data decides). */
const SHOTS: { login: string; path: string; file: string; follow?: string }[] = [
  { login: "manager", path: "/manager", file: "manager" },
  { login: "manager", path: "/manager/publishing", file: "manager-publishing" },
  { login: "manager", path: "/calendar", file: "calendar" },
  { login: "pr", path: "/crisis", file: "crisis-room" },
  { login: "creator", path: "/studio/assets", file: "studio-assets" },
  { login: "creator", path: "/sandbox", file: "sandbox" },
  { login: "pr", path: "/notifications", file: "notifications" },
  { login: "community", path: "/community", file: "community" },
  { login: "creator", path: "/studio", file: "studio" },
  { login: "creator", path: "/studio/posts/new", file: "studio-editor" },
  { login: "pr", path: "/pr", file: "pr" },
  { login: "pr", path: "/pr/reviews", file: "pr-reviews" },
  { login: "legal", path: "/legal", file: "legal" },
  { login: "analyst", path: "/analytics", file: "analytics" },
  { login: "adops", path: "/ads", file: "ads" },
  { login: "admin", path: "/admin", file: "admin" },
  { login: "admin", path: "/admin/users", file: "admin-users" },
  { login: "admin", path: "/admin/audit", file: "admin-audit" },
  { login: "newcomer", path: "/no-access", file: "no-access" },
  { login: "community", path: "/community", file: "community-thread", follow: 'a[href^="/community/items/"]' },
  { login: "community", path: "/community/saved-replies", file: "community-saved-replies" },
  { login: "manager", path: "/community/settings", file: "community-settings" },
  { login: "legal", path: "/legal", file: "legal-review", follow: 'a[href^="/legal/queue/"]' },
  { login: "legal", path: "/legal/holds", file: "legal-holds" },
  { login: "legal", path: "/legal/rights", file: "legal-rights" },
  { login: "analyst", path: "/analytics/trends", file: "analytics-trends" },
  { login: "analyst", path: "/analytics/response", file: "analytics-response" },
  { login: "adops", path: "/ads/campaigns", file: "ads-campaign", follow: 'main a[href^="/ads/campaigns/"]:not([href$="/new"])' },
  { login: "manager", path: "/manager/ad-budgets", file: "manager-ad-budgets" },
];

const out = path.resolve("docs", "screenshots");
fs.mkdirSync(out, { recursive: true });
const executablePath = chromiumPath() ?? undefined;
const browser = await chromium.launch({
  executablePath,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
try {
  const sessions = new Map<string, import("playwright-core").BrowserContext>();
  const only = process.env.SHOTS?.split(",");
  for (const s of SHOTS.filter((x) => !only || only.includes(x.file))) {
    let ctx = sessions.get(s.login);
    if (!ctx) {
      ctx = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" });
      const page = await ctx.newPage();
      await page.goto(`${base}/sign-in`);
      await page.getByRole("button", { name: /会社のアカウントでサインイン/ }).click();
      await page.getByLabel(/ログインID/).fill(s.login);
      await page.getByLabel(/パスワード/).fill("demo");
      await page.getByRole("button", { name: /サインイン \/ Sign in/ }).click();
      await page.waitForURL((u) => u.origin === new URL(base).origin && !u.pathname.startsWith("/api/"));
      await page.close();
      sessions.set(s.login, ctx);
    }
    const page = await ctx.newPage();
    await page.goto(`${base}${s.path}`);
    await page.waitForLoadState("networkidle");
    if (s.follow) {
      await page.locator(s.follow).first().click();
      await page.waitForURL((u) => u.pathname !== s.path);
      await page.locator("main h1").first().waitFor();
      await page.waitForLoadState("networkidle");
    }
    await page.screenshot({ path: path.join(out, `${s.file}.png`), fullPage: false });
    console.log(`✔ ${s.file}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
