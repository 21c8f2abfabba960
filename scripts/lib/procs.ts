/** Child processes for the launchers: prefixed output, readiness checks, clean shutdown. */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const children: ChildProcess[] = [];

export function run(
  name: string,
  cmd: string,
  args: string[],
  opts: { env?: Record<string, string | undefined>; quiet?: boolean; cwd?: string } = {},
): ChildProcess {
  const child = spawn(cmd, args, {
    cwd: opts.cwd ?? process.cwd(),
    env: { ...process.env, ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so we can stop its whole tree
  });
  const prefix = (line: string) => `[${name}] ${line}`;
  const pipe = (stream: NodeJS.ReadableStream | null, out: NodeJS.WriteStream) => {
    let buf = "";
    stream?.on("data", (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split("\n");
      buf = lines.pop() ?? "";
      if (!opts.quiet) for (const l of lines) if (l.trim()) out.write(prefix(l) + "\n");
    });
  };
  pipe(child.stdout, process.stdout);
  pipe(child.stderr, process.stderr);
  children.push(child);
  return child;
}

/** Runs a command to completion; rejects on non-zero exit. */
export function runToEnd(name: string, cmd: string, args: string[], opts: { env?: Record<string, string | undefined>; quiet?: boolean } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: opts.quiet ? "ignore" : "inherit" });
    c.on("exit", (code) => (code === 0 ? resolve(0) : reject(new Error(`${name} exited with ${code}`))));
    c.on("error", reject);
  });
}

/** Same as runToEnd but resolves with the exit code instead of rejecting. */
export function runStatus(cmd: string, args: string[], opts: { env?: Record<string, string | undefined> } = {}): Promise<number> {
  return new Promise((resolve) => {
    const c = spawn(cmd, args, { env: { ...process.env, ...opts.env }, stdio: "inherit" });
    c.on("exit", (code) => resolve(code ?? 1));
    c.on("error", () => resolve(1));
  });
}

export async function waitForUrl(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const r = await fetch(url, { redirect: "manual" });
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${url}`);
}

export async function stopAll(): Promise<void> {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.pid === undefined) return resolve();
          c.once("exit", () => resolve());
          try {
            process.kill(-c.pid, "SIGTERM");
          } catch {
            resolve();
          }
          setTimeout(() => {
            try {
              if (c.exitCode === null) process.kill(-c.pid!, "SIGKILL");
            } catch {
              /* gone */
            }
            resolve();
          }, 8000).unref();
        }),
    ),
  );
}

/** True when .next holds a production build newer than every source file. */
export function buildIsFresh(root: string): boolean {
  const idFile = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(idFile)) return false;
  const built = fs.statSync(idFile).mtimeMs;
  const dirs = ["app", "components", "lib", "messages", "db", "proxy.ts", "next.config.mjs", "instrumentation.ts", "package-lock.json"];
  const newer = (p: string): boolean => {
    if (!fs.existsSync(p)) return false;
    const st = fs.statSync(p);
    if (st.isFile()) return st.mtimeMs > built;
    return fs.readdirSync(p).some((f) => newer(path.join(p, f)));
  };
  return !dirs.some((d) => newer(path.join(root, d)));
}

export function bin(name: string): string {
  return path.resolve("node_modules", ".bin", name);
}
