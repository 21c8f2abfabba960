/** Each person lands in their workspace, and every other workspace answers 403 with no data. */
import { test, expect } from "@playwright/test";
import { WORKSPACES, permissionsFor, type Permission } from "../../lib/auth/permissions";
import { DEMO_GROUP_MAPPINGS } from "../../db/seed/people";
import { PERSONAS, storageStatePath } from "../support/personas";

/**
 * Three workspaces are also read by people outside their role: the inbox (inbox.read — the manager,
 * PR and Legal follow escalations and spike alerts there), analytics (analytics.read — the
 * manager) and the legal queue (legal_review.read — the manager, read only). Every other workspace
 * opens with its workspace permission only.
 */
const OPENS_WITH: Record<string, Permission> = { "/community": "inbox.read", "/analytics": "analytics.read", "/legal": "legal_review.read" };
function opens(p: (typeof PERSONAS)[number], path: string, permission: Permission): boolean {
  const roles = DEMO_GROUP_MAPPINGS.filter((m) => (p.groups as readonly string[]).includes(m.group)).map((m) => m.role);
  return permissionsFor(roles).has(OPENS_WITH[path] ?? permission);
}

for (const p of PERSONAS) {
  test.describe(`${p.loginId}`, () => {
    test.use({ storageState: storageStatePath(p.loginId) });

    test("lands in their own workspace with the shell", async ({ page }) => {
      await page.goto("/");
      if (!p.landing) {
        await expect(page).toHaveURL(/\/no-access$/);
        await expect(page.getByTestId("no-access")).toContainText("まだアクセス権がありません");
        await expect(page.getByTestId("workspace-switcher")).toHaveCount(0);
        return;
      }
      await expect(page).toHaveURL(new RegExp(`${p.landing}$`));
      await expect(page.getByTestId("user-menu")).toContainText(p.name);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expect(page.getByTestId("status-404")).toHaveCount(0);
      await expect(page.getByTestId("status-403")).toHaveCount(0);
    });

    test("gets 403 and no data in every workspace that is not theirs", async ({ page }) => {
      const mine = new Set<string>(
        p.loginId === "multi" ? ["/community", "/studio"] : p.landing ? [p.landing] : [],
      );
      for (const w of WORKSPACES) {
        if (mine.has(w.path) || opens(p, w.path, w.permission)) continue;
        const res = await page.goto(w.path);
        expect(res?.status(), `${p.loginId} → ${w.path}`).toBe(403);
        await expect(page.getByTestId("status-403")).toBeVisible();
        await expect(page.locator("main table")).toHaveCount(0);
        await expect(page.locator("[data-testid^=stat-]")).toHaveCount(0);
      }
    });
  });
}

test.describe("a person with two roles", () => {
  test.use({ storageState: storageStatePath("multi") });
  test("switches between their two workspaces", async ({ page }) => {
    await page.goto("/community");
    const switcher = page.getByTestId("workspace-switcher");
    await expect(switcher).toBeVisible();
    await switcher.click();
    const items = page.getByRole("menuitem");
    await expect(items).toHaveCount(2);
    await page.getByRole("menuitem", { name: "制作スタジオ" }).click();
    await expect(page).toHaveURL(/\/studio$/);
    // keyboard: open with Enter, move with arrows, choose with Enter
    await page.getByTestId("workspace-switcher").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/(community|studio)$/);
  });
});
