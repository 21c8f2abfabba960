import "server-only";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { assetDir } from "@/lib/env";

/*
 * The asset store: a local directory (ASSET_DIR, default .data/assets; never under public/).
 * Files live under server-generated names only — `ab/ab12…ef.jpg` (a random 128-bit name, sharded
 * by its first two characters) and `ab/ab12…ef.thumb.webp` — never the uploader's file name, so
 * nothing a user types reaches a path. Keys are checked against that pattern before any path is
 * built, and the resolved path must stay inside the directory.
 * Production with several app instances: point ASSET_DIR at a shared volume (NFS, EFS, a mounted
 * bucket); the files are written once and never changed.
 */

const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{32}(?:\.thumb)?\.(?:jpg|png|gif|webp|mp4|mov|webm)$/;

export function assetRoot(): string {
  return assetDir();
}

export function isStorageKey(key: string): boolean {
  return KEY_RE.test(key);
}

/** A new random key for a file of this extension, and the matching thumbnail key. */
export function newStorageKeys(ext: string): { key: string; thumbKey: string } {
  const name = randomBytes(16).toString("hex");
  return { key: `${name.slice(0, 2)}/${name}.${ext}`, thumbKey: `${name.slice(0, 2)}/${name}.thumb.webp` };
}

export function pathOf(key: string): string {
  if (!isStorageKey(key)) throw new Error("invalid storage key");
  const root = assetRoot();
  const p = path.resolve(root, key);
  if (!p.startsWith(root + path.sep)) throw new Error("storage key escapes the asset directory");
  return p;
}

/** Writes each file exclusively (never over an existing one) via a temp file + rename; removes what it wrote on failure. */
export async function writeFiles(files: readonly { key: string; bytes: Uint8Array }[]): Promise<void> {
  const written: string[] = [];
  try {
    for (const f of files) {
      const target = pathOf(f.key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      const tmp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
      await fsp.writeFile(tmp, f.bytes, { flag: "wx", mode: 0o640 });
      try {
        await fsp.link(tmp, target); // fails if the target exists: no overwrite
        written.push(target);
      } finally {
        await fsp.rm(tmp, { force: true });
      }
    }
  } catch (e) {
    await Promise.all(written.map((p) => fsp.rm(p, { force: true })));
    throw e;
  }
}

export async function removeFiles(keys: readonly (string | null | undefined)[]): Promise<void> {
  await Promise.all(keys.filter((k): k is string => !!k && isStorageKey(k)).map((k) => fsp.rm(pathOf(k), { force: true })));
}

export async function fileExists(key: string): Promise<boolean> {
  try {
    return (await fsp.stat(pathOf(key))).isFile();
  } catch {
    return false;
  }
}

/** A read stream over [start, end] (inclusive) of a stored file, and its size; null when the file is missing. */
export async function openFile(key: string, range?: { start: number; end: number }): Promise<{ stream: fs.ReadStream; size: number } | null> {
  const p = pathOf(key);
  let size: number;
  try {
    const st = await fsp.stat(p);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  return { stream: fs.createReadStream(p, range ? { start: range.start, end: range.end } : {}), size };
}
