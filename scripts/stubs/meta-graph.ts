/**
 * A local stand-in for Meta's Graph API (Facebook Pages and Instagram content publishing), for
 * the demo and the tests: the real API cannot be reached from here. It answers like the Graph API
 * does — the same paths, the same JSON shapes, the same error envelope and codes — for what the
 * connector in lib/channels/meta.ts uses. State is in memory; it listens on loopback only.
 */
import http from "node:http";
import { randomInt } from "node:crypto";
import { metaAdsRoute } from "./meta-graph-ads";
import { handleInsights } from "./meta-graph-insights";
import { createInboxStub, type InboxStub } from "./meta-graph-inbox";

export type StubFault =
  /** Answer the next matching call with this Graph error. */
  | { kind: "error"; status: number; code: number; message?: string; isTransient?: boolean }
  /** Never answer the next matching call (the client times out); nothing happens. */
  | { kind: "hang" }
  /** Do the work of the next matching call, then never answer. */
  | { kind: "succeed_hang" };

type FbPost = { id: string; message: string; created_time: string; is_hidden: boolean; deleted: boolean; permalink_url: string; attached: string[] };
type IgContainer = { id: string; owner: string; caption: string; media_type: string; url: string; children: string[]; polls: number; status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "PUBLISHED" };
type IgMedia = { id: string; owner: string; caption: string; timestamp: string; permalink: string; media_type: string };
type Comment = { id: string; parent: string; message: string; created_time: string };

export interface MetaGraphStub {
  url: string;
  port: number;
  /** Queue a fault for the next call whose "METHOD /path" matches the pattern. */
  fault(pattern: RegExp, fault: StubFault): void;
  /** Every call received, in order ("POST /v23.0/123/feed"). */
  calls: string[];
  fbPosts(pageId: string): FbPost[];
  igMedia(igUserId: string): IgMedia[];
  comments: Comment[];
  /** Strangers' comments and conversations, and our replies to them (meta-graph-inbox.ts). */
  inbox: InboxStub;
  reset(): void;
  close(): Promise<void>;
}

export interface StubOptions {
  port?: number;
  /** Access tokens the stub accepts (others get error 190). */
  tokens: string[];
  /** Facebook Page ids and Instagram user ids that exist. */
  pages: string[];
  igUsers: string[];
  /** How many status polls an Instagram container stays IN_PROGRESS. */
  containerPolls?: number;
  version?: string;
  /** The demo: comments and people the stub never saw are taken to exist (meta-graph-inbox.ts). */
  inbox?: { acceptUnknown?: boolean };
  /** Posts and media that exist before the stub starts (the demo's published history), so their insights answer. */
  existing?: { owner: string; id: string; createdTime: string; mediaType?: string }[];
}

const graphError = (res: http.ServerResponse, status: number, code: number, message: string, type = "OAuthException", isTransient = false, subcode?: number) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ error: { message, type, code, ...(subcode ? { error_subcode: subcode } : {}), is_transient: isTransient, fbtrace_id: `A${randomInt(1e9, 9e9)}` } }));
};
const ok = (res: http.ServerResponse, body: unknown) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "+0000");
const numericId = () => `${Date.now()}${randomInt(100000, 999999)}`;

export async function startMetaGraphStub(opts: StubOptions): Promise<MetaGraphStub> {
  const version = opts.version ?? "v23.0";
  const containerPolls = opts.containerPolls ?? 1;
  const faults: { pattern: RegExp; fault: StubFault }[] = [];
  const calls: string[] = [];
  let feed = new Map<string, FbPost[]>();
  let containers = new Map<string, IgContainer>();
  let media = new Map<string, IgMedia[]>();
  let comments: Comment[] = [];
  const hanging = new Set<http.ServerResponse>();
  const inbox = createInboxStub(opts);

  for (const e of opts.existing ?? []) {
    const created_time = e.createdTime.replace(/\.\d{3}Z$|Z$/, "+0000");
    if (opts.pages.includes(e.owner))
      feed.set(e.owner, [...(feed.get(e.owner) ?? []), { id: e.id, message: "", created_time, is_hidden: false, deleted: false, permalink_url: `https://www.facebook.com/${e.id}`, attached: [] }]);
    else if (opts.igUsers.includes(e.owner))
      media.set(e.owner, [...(media.get(e.owner) ?? []), { id: e.id, owner: e.owner, caption: "", timestamp: created_time, permalink: `https://www.instagram.com/p/${e.id}/`, media_type: e.mediaType ?? "IMAGE" }]);
  }
  const findFbPost = (id: string) => [...feed.values()].flat().find((p) => p.id === id && !p.deleted);
  const findIgMedia = (id: string) => [...media.values()].flat().find((m) => m.id === id);
  const postsOf = (owner: string) => [...(feed.get(owner)?.filter((p) => !p.deleted).map((p) => p.id) ?? []), ...(media.get(owner)?.map((m) => m.id) ?? [])];

  async function readParams(req: http.IncomingMessage, url: URL): Promise<Record<string, string>> {
    const params: Record<string, string> = Object.fromEntries(url.searchParams);
    if (req.method === "GET") return params;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    if ((req.headers["content-type"] ?? "").includes("application/json") && raw) Object.assign(params, JSON.parse(raw));
    else Object.assign(params, Object.fromEntries(new URLSearchParams(raw)));
    return params;
  }

  /** Runs the call; returns the answer to send (so succeed_hang can drop it). */
  function handle(method: string, parts: string[], p: Record<string, string>): { status: number; body?: unknown; error?: [number, string, string?, number?] } {
    const inboxAnswer = inbox.handle(method, parts, p);
    if (inboxAnswer) return inboxAnswer;
    const insightsAnswer = handleInsights(method, parts, p, { pages: opts.pages, igUsers: opts.igUsers, findFbPost, findIgMedia, postsOf });
    if (insightsAnswer) return insightsAnswer;
    const [node, edge] = parts;
    if (!node) return { status: 400, error: [100, "Unsupported request"] };
    const adsAnswer = metaAdsRoute(opts, method, parts, p);
    if (adsAnswer) return adsAnswer;
    // ── Facebook Page ──
    if (opts.pages.includes(node)) {
      const list = feed.get(node) ?? [];
      feed.set(node, list);
      if (method === "POST" && edge === "feed") {
        if (!p.message && !Object.keys(p).some((k) => k.startsWith("attached_media"))) return { status: 400, error: [100, "(#100) Missing message or attachment"] };
        if (list.some((x) => !x.deleted && x.message === p.message && Date.now() - Date.parse(x.created_time) < 60_000))
          return { status: 400, error: [506, "(#506) Duplicate status message"] };
        const id = `${node}_${numericId()}`;
        const attached = Object.keys(p).filter((k) => k.startsWith("attached_media")).map((k) => JSON.parse(p[k]!).media_fbid as string);
        list.unshift({ id, message: p.message ?? "", created_time: nowIso(), is_hidden: false, deleted: false, permalink_url: `https://www.facebook.com/${id}`, attached });
        return { status: 200, body: { id } };
      }
      if (method === "POST" && (edge === "photos" || edge === "videos")) {
        if (!p.url && !p.file_url) return { status: 400, error: [100, "(#100) url or file_url is required"] };
        const objId = numericId();
        if (edge === "photos" && p.published === "false") return { status: 200, body: { id: objId } };
        const id = `${node}_${objId}`;
        list.unshift({ id, message: p.caption ?? p.description ?? "", created_time: nowIso(), is_hidden: false, deleted: false, permalink_url: `https://www.facebook.com/${id}`, attached: [objId] });
        return { status: 200, body: edge === "photos" ? { id: objId, post_id: id } : { id: objId } };
      }
      if (method === "GET" && (edge === "feed" || edge === "posts")) {
        const since = p.since ? Number(p.since) * 1000 : 0;
        const limit = Math.min(Number(p.limit ?? 25), 100);
        const data = list
          .filter((x) => !x.deleted && Date.parse(x.created_time) >= since)
          .slice(0, limit)
          .map((x) => ({ id: x.id, message: x.message, created_time: x.created_time, permalink_url: x.permalink_url }));
        return { status: 200, body: { data, paging: {} } };
      }
      if (method === "GET" && !edge) return { status: 200, body: { id: node, name: `Page ${node}` } };
    }
    // ── Instagram user ──
    if (opts.igUsers.includes(node)) {
      if (method === "POST" && edge === "media") {
        const type = p.media_type ?? "IMAGE";
        if (type === "CAROUSEL") {
          const children = (p.children ?? "").split(",").filter(Boolean);
          if (children.length < 2 || children.some((c) => !containers.has(c))) return { status: 400, error: [100, "(#100) Invalid children"] };
          const id = numericId();
          containers.set(id, { id, owner: node, caption: p.caption ?? "", media_type: type, url: "", children, polls: 0, status: "IN_PROGRESS" });
          return { status: 200, body: { id } };
        }
        const url = p.image_url ?? p.video_url;
        if (!url) return { status: 400, error: [100, "(#100) Only photo or video can be accepted as media type."] };
        if ((p.caption ?? "").length > 2200) return { status: 400, error: [100, "(#100) The caption is too long"] };
        const id = numericId();
        containers.set(id, { id, owner: node, caption: p.caption ?? "", media_type: p.video_url ? type : "IMAGE", url, children: [], polls: 0, status: "IN_PROGRESS" });
        return { status: 200, body: { id } };
      }
      if (method === "POST" && edge === "media_publish") {
        const c = containers.get(p.creation_id ?? "");
        if (!c || c.owner !== node) return { status: 400, error: [100, "(#100) Invalid parameter creation_id"] };
        if (c.status === "PUBLISHED") return { status: 400, error: [9007, "(#9007) The media has already been published"] };
        if (c.status !== "FINISHED") return { status: 400, error: [9007, "(#9007) Media ID is not available"] };
        c.status = "PUBLISHED";
        const id = numericId();
        const list = media.get(node) ?? [];
        list.unshift({ id, owner: node, caption: c.caption, timestamp: nowIso(), permalink: `https://www.instagram.com/p/${id.slice(-11)}/`, media_type: c.media_type });
        media.set(node, list);
        return { status: 200, body: { id } };
      }
      if (method === "GET" && edge === "media") {
        const limit = Math.min(Number(p.limit ?? 25), 100);
        const data = (media.get(node) ?? []).slice(0, limit).map((m) => ({ id: m.id, caption: m.caption, timestamp: m.timestamp, permalink: m.permalink }));
        return { status: 200, body: { data, paging: {} } };
      }
      if (method === "GET" && !edge) return { status: 200, body: { id: node, username: `ig_${node}` } };
    }
    // ── Objects by id ──
    const c = containers.get(node);
    if (c && method === "GET" && !edge) {
      if (c.status === "IN_PROGRESS" && ++c.polls >= containerPolls) c.status = "FINISHED";
      return { status: 200, body: { id: c.id, status_code: c.status } };
    }
    const fb = findFbPost(node);
    if (fb) {
      if (method === "GET" && !edge) return { status: 200, body: { id: fb.id, message: fb.message, created_time: fb.created_time, permalink_url: fb.permalink_url, is_hidden: fb.is_hidden } };
      if (method === "DELETE" && !edge) return (fb.deleted = true), { status: 200, body: { success: true } };
      if (method === "POST" && !edge && p.is_hidden !== undefined) return (fb.is_hidden = p.is_hidden === "true"), { status: 200, body: { success: true } };
    }
    const ig = findIgMedia(node);
    if (ig && method === "GET" && !edge) return { status: 200, body: { id: ig.id, caption: ig.caption, timestamp: ig.timestamp, permalink: ig.permalink } };
    if ((fb || ig) && method === "POST" && edge === "comments") {
      if (!p.message) return { status: 400, error: [100, "(#100) Missing message"] };
      const id = `${node}_${numericId()}`;
      comments.push({ id, parent: node, message: p.message, created_time: nowIso() });
      return { status: 200, body: { id } };
    }
    const late = inbox.handleUnknown(method, parts, p);
    if (late) return late;
    return { status: 400, error: [100, `(#100) Unsupported ${method} request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, "GraphMethodException"] };
  }

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const segs = url.pathname.split("/").filter(Boolean);
      if (segs[0] !== version) return graphError(res, 400, 2635, `Unknown API version ${segs[0] ?? ""}`);
      const parts = segs.slice(1);
      const line = `${req.method} /${segs.join("/")}`;
      calls.push(line);
      const auth = req.headers.authorization ?? "";
      const params = await readParams(req, url);
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : params.access_token;
      if (!token || !opts.tokens.includes(token)) return graphError(res, 400, 190, "Invalid OAuth access token - Cannot parse access token");
      const fi = faults.findIndex((f) => f.pattern.test(line));
      const fault = fi >= 0 ? faults.splice(fi, 1)[0]!.fault : null;
      if (fault?.kind === "error") return graphError(res, fault.status, fault.code, fault.message ?? "An unexpected error has occurred. Please retry your request later.", "OAuthException", fault.isTransient ?? false);
      if (fault?.kind === "hang") return void hanging.add(res);
      const out = handle(req.method ?? "GET", parts, params);
      if (fault?.kind === "succeed_hang") return void hanging.add(res);
      if (out.error) return graphError(res, out.status, out.error[0], out.error[1], out.error[2], false, out.error[3]);
      ok(res, out.body);
    } catch (e) {
      graphError(res, 500, 1, `An unknown error has occurred. ${(e as Error).message}`, "OAuthException", true);
    }
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://localhost:${port}/${version}`,
    port,
    calls,
    fault: (pattern, fault) => faults.push({ pattern, fault }),
    fbPosts: (pageId) => (feed.get(pageId) ?? []).filter((p) => !p.deleted),
    igMedia: (id) => media.get(id) ?? [],
    get comments() {
      return comments;
    },
    inbox,
    reset() {
      feed = new Map();
      containers = new Map();
      media = new Map();
      comments = [];
      inbox.reset();
      faults.length = 0;
      calls.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const r of hanging) r.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
