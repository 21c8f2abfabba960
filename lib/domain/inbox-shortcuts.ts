/**
 * Keyboard shortcuts of the inbox (list and thread view). Pure: decides from a key event's fields
 * which command a key means, and never while the person is typing somewhere.
 */
export const INBOX_SHORTCUTS = [
  { key: "j", command: "next" },
  { key: "k", command: "previous" },
  { key: "Enter", command: "open" },
  { key: "x", command: "select" },
  { key: "a", command: "assignToMe" },
  { key: "r", command: "reply" },
  { key: "e", command: "escalate" },
  { key: "c", command: "close" },
  { key: "/", command: "search" },
  { key: "?", command: "help" },
] as const;

export type InboxCommand = (typeof INBOX_SHORTCUTS)[number]["command"];

export type KeyLike = {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  /** The focused element's tag name, its contenteditable state and role, if any. */
  target?: { tagName?: string; isContentEditable?: boolean; role?: string | null; type?: string | null } | null;
};

const TYPING_TAGS = new Set(["INPUT", "TEXTAREA", "SELECT"]);
/** Inputs that take no text: a shortcut on a focused checkbox still works. */
const NON_TEXT_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset"]);

/** True when the key goes into a text field (or an IME is composing Japanese): no shortcut then. */
export function isTyping(e: KeyLike): boolean {
  if (e.isComposing) return true;
  const t = e.target;
  if (!t) return false;
  if (t.isContentEditable) return true;
  if (t.role === "textbox" || t.role === "combobox" || t.role === "searchbox") return true;
  const tag = (t.tagName ?? "").toUpperCase();
  if (tag === "INPUT") return !NON_TEXT_INPUTS.has((t.type ?? "text").toLowerCase());
  return TYPING_TAGS.has(tag);
}

/** The command a key press means, or null (typing, a modifier held, or not a shortcut). */
export function commandFor(e: KeyLike): InboxCommand | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (isTyping(e)) return null;
  // Enter on a focused button or link keeps its own meaning.
  if (e.key === "Enter" && e.target && ["BUTTON", "A"].includes((e.target.tagName ?? "").toUpperCase())) return null;
  return INBOX_SHORTCUTS.find((s) => s.key === e.key)?.command ?? null;
}

/** The next index for j/k in a list of `length` rows (stays within bounds; -1 = nothing focused yet). */
export function moveIndex(current: number, length: number, command: "next" | "previous"): number {
  if (length <= 0) return -1;
  if (current < 0) return command === "next" ? 0 : length - 1;
  return command === "next" ? Math.min(length - 1, current + 1) : Math.max(0, current - 1);
}

/** Splits ids into chunks for bulk work (progress is shown per chunk). */
export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Only http(s) links are made clickable; anything else (javascript:, data:, relative) stays text. */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  try {
    const u = new URL(raw);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Splits a stranger's text into plain pieces and http(s) links (rendered by React as text / <a>). */
export function linkify(text: string): { text: string; href?: string }[] {
  const out: { text: string; href?: string }[] = [];
  const re = /https?:\/\/[^\s<>"'`]+/gi;
  let last = 0;
  for (const m of text.matchAll(re)) {
    let url = m[0];
    // Trailing punctuation is usually the sentence's, not the link's.
    const trail = /[.,;:!?)\]」』。、）]+$/u.exec(url)?.[0] ?? "";
    if (trail) url = url.slice(0, -trail.length);
    const start = m.index!;
    if (start > last) out.push({ text: text.slice(last, start) });
    const href = safeHttpUrl(url);
    out.push(href ? { text: url, href } : { text: url });
    last = start + url.length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}
