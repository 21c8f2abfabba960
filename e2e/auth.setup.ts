import { test as setup, expect } from "@playwright/test";
import { PERSONAS, storageStatePath } from "./support/personas";
import { signInViaSso } from "./support/sso";

// Every demo person signs in once through the real SSO flow; the specs reuse these sessions.
for (const p of PERSONAS) {
  setup(`sign in as ${p.loginId} through the dev IdP`, async ({ page }) => {
    await signInViaSso(page, p.loginId);
    await expect(page).toHaveURL(new RegExp(`${p.landing ?? "/no-access"}$`));
    await page.context().storageState({ path: storageStatePath(p.loginId) });
  });
}
