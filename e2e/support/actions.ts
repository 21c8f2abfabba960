/**
 * Calls a Server Action over plain HTTP, as an attacker with a valid session could: the action
 * id comes from the build's server-reference manifest, the body is the RSC JSON encoding.
 */
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };

export function actionIndex(): Map<string, { id: string; pages: string[] }> {
  const file = path.resolve(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json");
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, ManifestEntry> };
  const out = new Map<string, { id: string; pages: string[] }>();
  for (const [id, e] of Object.entries(manifest.node)) {
    if (!e.filename || !e.exportedName) continue;
    const pages = Object.keys(e.workers)
      .filter((w) => w.endsWith("/page") && !w.includes("["))
      .map((w) => "/" + w.replace(/^app\//, "").replace(/\/page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/"))
      .map((p) => (p === "/" ? "/" : p.replace(/\/$/, "")));
    out.set(`action ${e.filename}#${e.exportedName}`, { id, pages });
  }
  return out;
}

export type ActionCall = { status: number; location: string | null; code: string | null; ok: boolean; body: string };

export async function callAction(ctx: APIRequestContext, baseURL: string, pagePath: string, actionId: string, input: unknown): Promise<ActionCall> {
  const res = await ctx.post(pagePath, {
    headers: {
      "next-action": actionId,
      accept: "text/x-component",
      "content-type": "text/plain;charset=UTF-8",
      origin: baseURL,
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
    failOnStatusCode: false,
  });
  const body = await res.text();
  return {
    status: res.status(),
    location: res.headers()["location"] ?? null,
    code: body.match(/"code":"([A-Z_]+)"/)?.[1] ?? null,
    ok: /"ok":true/.test(body),
    body,
  };
}
