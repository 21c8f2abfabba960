/**
 * npm run screenshots — with the demo running (npm run demo), signs in as each demo person
 * through the dev SSO and saves their workspace to docs/screenshots/<workspace>.png.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { chromiumPath } from "./lib/browser";

const base = process.env.PORTAL_URL ?? "http://localhost:3000";
const SHOTS: { login: string; path: string; file: string }[] = [
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
  for (const s of SHOTS) {
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
    await page.screenshot({ path: path.join(out, `${s.file}.png`), fullPage: false });
    console.log(`✔ ${s.file}.png`);
    await page.close();
  }
} finally {
  await browser.close();
}
