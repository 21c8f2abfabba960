import type { InboxListItem } from "./inbox";

/** An inbox row as JSON for the browser (dates as ISO strings). Pure. */
export type InboxItemJson = Omit<InboxListItem, "slaDueAt" | "firstResponseAt" | "receivedAt" | "createdAt"> & {
  slaDueAt: string | null;
  firstResponseAt: string | null;
  receivedAt: string;
  createdAt: string;
};

export function toInboxJson(i: InboxListItem): InboxItemJson {
  return {
    ...i,
    slaDueAt: i.slaDueAt?.toISOString() ?? null,
    firstResponseAt: i.firstResponseAt?.toISOString() ?? null,
    receivedAt: i.receivedAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
  };
}
