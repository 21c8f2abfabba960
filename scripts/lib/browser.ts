/**
 * Finds a Chromium for Playwright: Playwright's own build where installed, else Debian's
 * /usr/bin/chromium, installing it (and Japanese fonts) with apt-get when missing and allowed.
 */
import fs from "node:fs";
import { execSync } from "node:child_process";
import { createRequire as nodeCreateRequire } from "node:module";

const createRequire = () => nodeCreateRequire(import.meta.url);

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";

function playwrightChromium(): string | null {
  try {
    const req = createRequire();
    const { chromium } = req("playwright-core") as typeof import("playwright-core");
    const p = chromium.executablePath();
    return p && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}


export function chromiumPath(): string | null {
  if (process.env.CHROMIUM_PATH && fs.existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return playwrightChromium() ?? (fs.existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : null);
}

export function ensureBrowser(log: (m: string) => void): string | null {
  const found = chromiumPath();
  if (found) return found === DEBIAN_CHROMIUM || found === process.env.CHROMIUM_PATH ? found : null;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    throw new Error("No Chromium found. Install Debian's chromium (sudo apt-get install -y chromium fonts-noto-cjk) or run `npx playwright install chromium`.");
  }
  log("▶ installing Debian's Chromium and Japanese fonts (apt-get)");
  execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk", { stdio: "inherit" });
  if (!fs.existsSync(DEBIAN_CHROMIUM)) throw new Error("apt-get did not install /usr/bin/chromium");
  return DEBIAN_CHROMIUM;
}
