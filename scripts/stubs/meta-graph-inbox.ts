/**
 * The inbox part of the local Graph API stand-in (hooked into scripts/stubs/meta-graph.ts):
 * comments strangers wrote under our posts (Facebook and Instagram) and Messenger / Instagram
 * conversations, with the calls lib/channels/meta-inbox.ts makes — replies under a comment,
 * hide / unhide / delete, the Send API (/me/messages) and the reads reconciliation uses. Same
 * paths, JSON shapes and error envelope (code + error_subcode) as the Graph API.
 */
import { randomInt } from "node:crypto";

export type StubComment = {
  id: string;
  /** The account (Page id or Instagram user id) whose post it sits under. */
  account: string;
  platform: "facebook" | "instagram";
  /** The post or comment it answers. */
  parent: string;
  message: string;
  from: { id: string; name?: string };
  created_time: string;
  is_hidden: boolean;
  deleted: boolean;
};

export type StubMessage = { id: string; conversation: string; from: { id: string }; to: { id: string }; message: string; created_time: string };
export type StubConversation = { id: string; account: string; platform: "messenger" | "instagram"; userId: string; lastInboundAt: number };

/** An answer of the stub: status + body, or a Graph error [code, message, type?, subcode?]. */
export type StubAnswer = { status: number; body?: unknown; error?: [number, string, string?, number?] };

const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "+0000");
const numericId = () => `${Date.now()}${randomInt(100000, 999999)}`;
const WINDOW_MS = 24 * 3600_000;

export interface InboxStub {
  comments: StubComment[];
  messages: StubMessage[];
  conversations: StubConversation[];
  /** Seeds a stranger's comment under one of our posts (what a webhook would have told us about). */
  addComment(c: { id?: string; account: string; platform?: "facebook" | "instagram"; parent?: string; message: string; fromId?: string; fromName?: string }): StubComment;
  /** Seeds a direct message from a person to our account; returns the conversation. */
  addInboundMessage(m: { account: string; platform?: "messenger" | "instagram"; userId: string; message: string; at?: Date }): StubMessage;
  /** Replies our account wrote under a comment. */
  repliesTo(commentId: string): StubComment[];
  /** Messages our account sent to a person. */
  sentTo(userId: string): StubMessage[];
  handle(method: string, parts: string[], p: Record<string, string>): StubAnswer | null;
  /** Called by the stub when nothing else knew the object: with acceptUnknown, it becomes a comment. */
  handleUnknown(method: string, parts: string[], p: Record<string, string>): StubAnswer | null;
  reset(): void;
}

/**
 * acceptUnknown (the demo): a comment or person the stub has never seen is taken to exist — the
 * demo's inbox history was seeded into the database, not posted to this in-memory stub, and its
 * agents must still be able to answer and moderate it. Tests leave it off and seed what exists.
 */
export function createInboxStub(opts: { pages: string[]; igUsers: string[]; inbox?: { acceptUnknown?: boolean } }): InboxStub {
  const state = { comments: [] as StubComment[], messages: [] as StubMessage[], conversations: [] as StubConversation[] };
  const doesNotExist = (id: string): StubAnswer => ({
    status: 400,
    error: [100, `(#100) Unsupported request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, "GraphMethodException", 33],
  });
  const comment = (id: string) => state.comments.find((c) => c.id === id);

  function parseJson(v: string | undefined): Record<string, unknown> | null {
    if (!v) return null;
    try {
      const o = JSON.parse(v) as unknown;
      return o && typeof o === "object" ? (o as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  const stub: InboxStub = {
    get comments() {
      return state.comments;
    },
    get messages() {
      return state.messages;
    },
    get conversations() {
      return state.conversations;
    },
    addComment(c) {
      const platform = c.platform ?? (opts.igUsers.includes(c.account) ? "instagram" : "facebook");
      const row: StubComment = {
        id: c.id ?? (platform === "facebook" ? `${numericId()}_${numericId()}` : numericId()),
        account: c.account,
        platform,
        parent: c.parent ?? `${c.account}_${numericId()}`,
        message: c.message,
        from: { id: c.fromId ?? numericId(), name: c.fromName },
        created_time: nowIso(),
        is_hidden: false,
        deleted: false,
      };
      state.comments.push(row);
      return row;
    },
    addInboundMessage(m) {
      const platform = m.platform ?? (opts.igUsers.includes(m.account) ? "instagram" : "messenger");
      let conv = state.conversations.find((c) => c.account === m.account && c.userId === m.userId && c.platform === platform);
      const at = m.at ?? new Date();
      if (!conv) {
        conv = { id: `t_${numericId()}`, account: m.account, platform, userId: m.userId, lastInboundAt: at.getTime() };
        state.conversations.push(conv);
      }
      conv.lastInboundAt = Math.max(conv.lastInboundAt, at.getTime());
      const msg: StubMessage = { id: `m_${numericId()}`, conversation: conv.id, from: { id: m.userId }, to: { id: m.account }, message: m.message, created_time: at.toISOString().replace(/\.\d{3}Z$/, "+0000") };
      state.messages.push(msg);
      return msg;
    },
    repliesTo: (commentId) => state.comments.filter((c) => c.parent === commentId && !c.deleted),
    sentTo: (userId) => state.messages.filter((m) => m.to.id === userId),

    handle(method, parts, p) {
      const [node, edge] = parts;
      if (!node) return null;
      // ── Send API and conversations ──
      if (node === "me" && edge === "messages" && method === "POST") {
        const recipient = parseJson(p.recipient);
        const message = parseJson(p.message);
        if (!recipient || typeof recipient.id !== "string") return { status: 400, error: [100, "(#100) param recipient must be non-empty."] };
        if (!message || typeof message.text !== "string" || !message.text) return { status: 400, error: [100, "(#100) param message must be non-empty."] };
        if ((message.text as string).length > 2000) return { status: 400, error: [100, "(#100) Length of param message[text] must be less than or equal to 2000"] };
        let conv = state.conversations.find((c) => c.userId === recipient.id);
        if (!conv && opts.inbox?.acceptUnknown && (opts.pages[0] ?? opts.igUsers[0])) {
          conv = { id: `t_${numericId()}`, account: (opts.pages[0] ?? opts.igUsers[0])!, platform: "messenger", userId: recipient.id, lastInboundAt: Date.now() };
          state.conversations.push(conv);
        }
        if (!conv) return { status: 400, error: [100, "(#100) No matching user found", "OAuthException", 2018001] };
        if (p.messaging_type !== "MESSAGE_TAG" && Date.now() - conv.lastInboundAt > WINDOW_MS)
          return { status: 400, error: [10, "(#10) This message is sent outside of allowed window.", "OAuthException", 2018278] };
        const msg: StubMessage = { id: `m_${numericId()}`, conversation: conv.id, from: { id: conv.account }, to: { id: conv.userId }, message: message.text as string, created_time: nowIso() };
        state.messages.push(msg);
        return { status: 200, body: { recipient_id: conv.userId, message_id: msg.id } };
      }
      if (node === "me" && edge === "conversations" && method === "GET") {
        const data = state.conversations
          .filter((c) => (!p.user_id || c.userId === p.user_id) && (!p.platform || c.platform === p.platform))
          .map((c) => ({ id: c.id, updated_time: new Date(c.lastInboundAt).toISOString() }));
        return { status: 200, body: { data, paging: {} } };
      }
      const conv = state.conversations.find((c) => c.id === node);
      if (conv && edge === "messages" && method === "GET") {
        const limit = Math.min(Number(p.limit ?? 25), 100);
        const data = state.messages
          .filter((m) => m.conversation === conv.id)
          .slice()
          .reverse()
          .slice(0, limit)
          .map((m) => ({ id: m.id, message: m.message, created_time: m.created_time, from: m.from }));
        return { status: 200, body: { data, paging: {} } };
      }
      // ── Comments ──
      const c = comment(node);
      if (!c) return null;
      if (c.deleted) return doesNotExist(node);
      const replyEdge = c.platform === "instagram" ? "replies" : "comments";
      if (method === "POST" && edge === replyEdge) {
        if (!p.message) return { status: 400, error: [100, "(#100) Missing message"] };
        if (p.message.length > 8000) return { status: 400, error: [100, "(#100) The message is too long"] };
        const id = c.platform === "facebook" ? `${c.parent.split("_")[0] ?? c.account}_${numericId()}` : numericId();
        state.comments.push({ id, account: c.account, platform: c.platform, parent: c.id, message: p.message, from: { id: c.account }, created_time: nowIso(), is_hidden: false, deleted: false });
        return { status: 200, body: { id } };
      }
      if (method === "GET" && edge === replyEdge) {
        const limit = Math.min(Number(p.limit ?? 25), 100);
        let list = state.comments.filter((x) => x.parent === c.id && !x.deleted);
        if (p.order === "reverse_chronological" || c.platform === "instagram") list = list.slice().reverse();
        const data = list
          .slice(0, limit)
          .map((x) => (c.platform === "instagram" ? { id: x.id, text: x.message, timestamp: x.created_time, from: { id: x.from.id } } : { id: x.id, message: x.message, created_time: x.created_time, from: x.from }));
        return { status: 200, body: { data, paging: {} } };
      }
      if (method === "GET" && !edge) {
        return c.platform === "instagram"
          ? { status: 200, body: { id: c.id, text: c.message, timestamp: c.created_time, hidden: c.is_hidden } }
          : { status: 200, body: { id: c.id, message: c.message, created_time: c.created_time, is_hidden: c.is_hidden, from: c.from } };
      }
      if (method === "DELETE" && !edge) {
        c.deleted = true;
        return { status: 200, body: { success: true } };
      }
      if (method === "POST" && !edge) {
        const flag = c.platform === "instagram" ? p.hide : p.is_hidden;
        if (flag !== "true" && flag !== "false") return { status: 400, error: [100, `(#100) param ${c.platform === "instagram" ? "hide" : "is_hidden"} must be a boolean`] };
        c.is_hidden = flag === "true";
        return { status: 200, body: { success: true } };
      }
      return { status: 400, error: [100, `(#100) Unsupported ${method} request on comment '${node}'`, "GraphMethodException"] };
    },

    handleUnknown(method, parts, p) {
      const [node, edge] = parts;
      if (!opts.inbox?.acceptUnknown || !node || node === "me" || opts.pages.includes(node) || opts.igUsers.includes(node)) return null;
      const ig = edge === "replies" || p.hide !== undefined || (!opts.pages.length && opts.igUsers.length > 0);
      const account = ig ? opts.igUsers[0] : opts.pages[0];
      if (!account) return null;
      stub.addComment({ id: node, account, platform: ig ? "instagram" : "facebook", message: "(known to the demo only)" });
      return stub.handle(method, parts, p);
    },

    reset() {
      state.comments = [];
      state.messages = [];
      state.conversations = [];
    },
  };
  return stub;
}
