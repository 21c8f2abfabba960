/**
 * The asset library end to end: a creator uploads an image with its rights, a hostile file is
 * refused with nothing stored, the creator picks the image for an Instagram variant from the
 * keyboard, submits, and PR sees the media with its licence and likeness in the review. Direct
 * requests check the file route's headers and refusals, and that a body over the proxy's 10 MB
 * copy limit arrives whole.
 */
import fs from "node:fs";
import sharp from "sharp";
import { test, expect, request as pwRequest, type Browser, type Page } from "@playwright/test";
import { storageStatePath } from "../support/personas";
import { testSql } from "../support/db";

const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";
const CAFE = "00000000-0000-4000-8000-00000000b001";

const as = async (browser: Browser, loginId: string) => {
  const ctx = await browser.newContext({ storageState: storageStatePath(loginId) });
  return { ctx, page: await ctx.newPage() };
};

async function photo(seed: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1350"><rect width="1080" height="1350" fill="#0f766e"/><circle cx="${300 + (seed % 500)}" cy="600" r="220" fill="#fef3c7"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 80 }).toBuffer();
}

/** Screens of the library for people to look at (not compared). */
const shot = (page: Page, name: string) => page.screenshot({ path: `.data/screens-assets/${name}.png`, fullPage: true });

const assetCount = async () => (await testSql()<{ n: number }[]>`select count(*)::int n from assets`)[0]!.n;

test("a creator uploads an image, picks it for Instagram from the keyboard, and PR sees it with its rights", async ({ browser }) => {
  const stamp = Date.now();
  const name = `秋のラテ_${stamp}.jpg`;
  const creator = await as(browser, "creator");
  const pr = await as(browser, "pr");
  try {
    const page = creator.page;
    await page.goto("/studio/assets");
    await expect(page.getByRole("heading", { level: 1, name: "素材ライブラリ" })).toBeVisible();
    const upload = page.getByTestId("asset-upload");

    // A script disguised as an image is refused in the browser, and by the server when sent directly; nothing is stored.
    const before = await assetCount();
    await upload.getByLabel("ファイル").setInputFiles({ name: "logo.jpg", mimeType: "image/jpeg", buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') });
    await upload.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await page.getByTestId("asset-upload-submit").click();
    await expect(page.getByTestId("upload-error")).toContainText("SVG・HTML");
    expect(await assetCount()).toBe(before);

    // The real photo, licensed, with a person in it.
    await upload.getByLabel("ファイル").setInputFiles({ name, mimeType: "image/jpeg", buffer: await photo(stamp) });
    await upload.getByLabel("出典").selectOption("licensed");
    await upload.getByLabel("ライセンス・許諾の内容").fill(`ストックフォト 標準ライセンス ${stamp}`);
    await upload.getByLabel("ライセンス期限(最終日)").fill("2099-12-31");
    await upload.getByLabel("人物の肖像が写っている").check();
    await page.getByTestId("asset-upload-submit").click();
    await expect(page.getByTestId("upload-done")).toContainText(name);
    const card = page.getByTestId("asset-card").filter({ hasText: name });
    await expect(card).toBeVisible();
    await expect(card.getByTestId("asset-badges")).toContainText("ライセンス素材");
    await expect(card.getByTestId("asset-badges")).toContainText("人物の肖像");
    await shot(page, "library");
    const thumbOk = await card.locator("img").evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0));
    expect(thumbOk).toBe(true);
    const [row] = await testSql()<{ id: string; storage_key: string; mime_type: string }[]>`select id, storage_key, mime_type from assets where original_name = ${name}`;
    expect(row!.storage_key).toMatch(/^[0-9a-f]{2}\/[0-9a-f]{32}\.jpg$/);
    expect(row!.mime_type).toBe("image/jpeg");

    // A post for Instagram: without media the checks block; pick the photo with the keyboard only.
    await page.goto("/studio/posts/new");
    await page.getByLabel("タイトル(社内用)").fill(`素材つき投稿 ${stamp}`);
    await page.getByLabel("ブランド").selectOption({ label: "あおばカフェ" });
    await page.getByRole("checkbox", { name: /^Instagram · / }).check();
    await page.getByLabel(/^Instagramの本文/).fill("秋のラテが登場しました。ぜひお店でどうぞ。");
    await expect(page.getByTestId("checks-instagram").getByTestId("finding-media_required")).toBeVisible();
    await page.getByTestId("media-add-instagram").focus();
    await page.keyboard.press("Enter");
    const dialog = page.locator("dialog[open]");
    await expect(dialog).toBeVisible();
    await dialog.getByRole("searchbox").fill(String(stamp));
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("checkbox", { name: new RegExp(name) })).toBeFocused();
    await page.keyboard.press("Space");
    await shot(page, "picker");
    await page.keyboard.press("Enter");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId("media-selected-instagram")).toContainText(name);
    await expect(page.getByTestId("checks-instagram").getByTestId("finding-media_required")).toHaveCount(0);
    await expect(page.getByTestId("checks-legal")).toContainText("法務レビューが必要です");
    await expect(page.getByTestId("preview-instagram").locator("img")).toHaveCount(1);
    await shot(page, "editor");

    await page.getByTestId("editor-save").click();
    await expect(page).toHaveURL(/\/studio\/posts\/[0-9a-f-]{36}$/);
    const postId = page.url().split("/").pop()!;
    await expect(page.getByTestId("media-selected-instagram")).toContainText(name);
    await page.getByTestId("editor-submit").click();
    await expect(page.getByTestId("post-state")).toHaveText("レビュー中");

    // PR sees the exact media with its source, licence and likeness.
    await pr.page.goto(`/pr/reviews/${postId}`);
    const media = pr.page.getByTestId("review-variant-media").getByTestId("media-item");
    await expect(media).toHaveCount(1);
    await expect(media).toContainText(name);
    await expect(media).toContainText(`ストックフォト 標準ライセンス ${stamp}`);
    await expect(media.getByTestId("asset-badges")).toContainText("人物の肖像");
    await expect(media.getByTestId("asset-badges")).toContainText("2099");
    await shot(pr.page, "pr-review");
    await page.goto(`/studio/assets/${row!.id}`);
    await expect(page.getByTestId("asset-detail")).toBeVisible();
    await shot(page, "detail");
    expect(await media.locator("img").evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth > 0))).toBe(true);
  } finally {
    await creator.ctx.close();
    await pr.ctx.close();
  }
});

test("the file routes: verified type, nosniff, a generated file name, private caching; refusals for other roles", async () => {
  const [row] = await testSql()<{ id: string }[]>`select id from assets where mime_type = 'image/jpeg' order by created_at limit 1`;
  const pr = await pwRequest.newContext({ baseURL, storageState: storageStatePath("pr") });
  const analyst = await pwRequest.newContext({ baseURL, storageState: storageStatePath("analyst") });
  try {
    const res = await pr.get(`/api/assets/${row!.id}/file`);
    expect(res.status()).toBe(200);
    const h = res.headers();
    expect(h["content-type"]).toBe("image/jpeg");
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["content-disposition"]).toBe(`inline; filename="asset-${row!.id.slice(0, 8)}.jpg"`);
    expect(h["cache-control"]).toContain("private");
    expect(h["etag"]).toBeTruthy();
    expect((await res.body()).subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect((await pr.get(`/api/assets/${row!.id}/file`, { headers: { "if-none-match": h["etag"]! } })).status()).toBe(304);
    const part = await pr.get(`/api/assets/${row!.id}/file`, { headers: { range: "bytes=0-9" } });
    expect(part.status()).toBe(206);
    expect((await part.body()).length).toBe(10);
    expect((await pr.get(`/api/assets/${row!.id}/thumbnail`)).headers()["content-type"]).toBe("image/webp");
    expect((await pr.get("/api/assets/00000000-0000-4000-8000-0000000f0000/file")).status()).toBe(404);
    expect((await pr.get("/api/assets/..%2F..%2Fetc/file")).status()).toBe(404);
    expect((await analyst.get(`/api/assets/${row!.id}/file`)).status()).toBe(403);
    const before = await assetCount();
    const denied = await pr.post("/api/assets/upload", {
      headers: { origin: baseURL },
      multipart: { brandId: CAFE, source: "own", file: { name: "a.jpg", mimeType: "image/jpeg", buffer: await photo(1) } },
    });
    expect(denied.status()).toBe(403);
    expect(await assetCount()).toBe(before);
  } finally {
    await pr.dispose();
    await analyst.dispose();
  }
});

test("uploads bypass the proxy's 1 MiB cap and 10 MB body copy: a 12 MB video arrives whole; bad input is a clear 4xx with nothing stored", async () => {
  const creator = await pwRequest.newContext({ baseURL, storageState: storageStatePath("creator") });
  try {
    // A valid MP4 grown past 10 MB with a `free` box (zeros) before its other boxes.
    const mp4 = fs.readFileSync("tests/fixtures/media/tiny.mp4");
    const pad = Buffer.alloc(12 * 1024 * 1024);
    pad.writeUInt32BE(pad.length, 0);
    pad.write("free", 4, "latin1");
    const ftypLen = mp4.readUInt32BE(0);
    const big = Buffer.concat([mp4.subarray(0, ftypLen), pad, mp4.subarray(ftypLen)]);
    // Unique bytes (the library refuses the same file twice per brand).
    big.writeUInt32BE(Date.now() % 2 ** 32, ftypLen + 100);
    const ok = await creator.post("/api/assets/upload", {
      headers: { origin: baseURL },
      multipart: { brandId: CAFE, source: "own", file: { name: "long.mp4", mimeType: "video/mp4", buffer: big } },
    });
    expect(ok.status(), await ok.text()).toBe(201);
    const { asset } = (await ok.json()) as { asset: { id: string } };
    const [row] = await testSql()<{ size_bytes: string }[]>`select size_bytes from assets where id = ${asset.id}`;
    expect(Number(row!.size_bytes)).toBe(big.length);

    const before = await assetCount();
    const cases: [Record<string, unknown>, number, string][] = [
      [{ brandId: CAFE, source: "own", file: { name: "x.html", mimeType: "text/html", buffer: Buffer.from("<html><script>alert(1)</script>") } }, 422, "markup"],
      [{ brandId: CAFE, source: "own", file: { name: "x.png", mimeType: "image/png", buffer: await photo(2) } }, 422, "extension_mismatch"],
      [{ brandId: CAFE, source: "licensed", file: { name: "x.jpg", mimeType: "image/jpeg", buffer: await photo(3) } }, 422, "invalid_input"],
      [{ brandId: "nope", source: "own", file: { name: "x.jpg", mimeType: "image/jpeg", buffer: await photo(4) } }, 422, "invalid_input"],
      [{ brandId: CAFE, source: "own" }, 422, "file_required"],
    ];
    for (const [multipart, status, message] of cases) {
      const r = await creator.post("/api/assets/upload", { headers: { origin: baseURL }, multipart: multipart as never });
      expect(r.status(), message).toBe(status);
      expect(((await r.json()) as { error: { message: string } }).error.message).toBe(message);
    }
    const notMultipart = await creator.post("/api/assets/upload", { headers: { origin: baseURL, "content-type": "application/json" }, data: { file: "x" } });
    expect(notMultipart.status()).toBe(422);
    const crossSite = await creator.post("/api/assets/upload", { headers: { origin: "https://evil.example" }, multipart: { brandId: CAFE, source: "own" } });
    expect(crossSite.status()).toBe(403);
    expect(await assetCount()).toBe(before);
  } finally {
    await creator.dispose();
  }
});

test("PR reads the library at /assets without upload or edit; the analyst is refused", async ({ browser }) => {
  const pr = await as(browser, "pr");
  const analyst = await as(browser, "analyst");
  try {
    await pr.page.goto("/assets?status=expiring");
    await expect(pr.page.getByRole("heading", { level: 1, name: "素材ライブラリ" })).toBeVisible();
    await expect(pr.page.getByTestId("asset-upload")).toHaveCount(0);
    const cards = pr.page.getByTestId("asset-card");
    await expect(cards.first()).toBeVisible();
    await expect(pr.page.locator('nav a[href="/assets"]')).toHaveAttribute("aria-current", "page");
    await cards.first().getByRole("link").first().click();
    await expect(pr.page).toHaveURL(/\/assets\/[0-9a-f-]{36}$/);
    await expect(pr.page.getByTestId("asset-detail")).toBeVisible();
    await expect(pr.page.getByTestId("asset-edit")).toHaveCount(0);
    const res = await analyst.page.goto("/assets");
    expect(res?.status()).toBe(403);
  } finally {
    await pr.ctx.close();
    await analyst.ctx.close();
  }
});
