import type { EntryPoint } from "./matrix";

/**
 * The inbox list, thread view moves, bulk actions and export (issue 4, inbox-ui). Reading needs
 * inbox.read (manager, community, PR, Legal — the analyst has none: aggregates belong to
 * analytics); triage needs inbox.assign / inbox.escalate (community managers). The default sample
 * `{}` fails validation after authorization. tests/db/inbox.test.ts covers rows, DM redaction and audit.
 */
export const INBOX_ENTRY_POINTS: EntryPoint[] = [
  { id: "route GET /api/inbox", permission: "inbox.read", outcomes: "AAFAAFFFFU", url: "/api/inbox?limit=1" },
  { id: "route GET /api/inbox/new", permission: "inbox.read", outcomes: "AAFAAFFFFU", url: "/api/inbox/new?since=2026-01-01T00:00:00Z" },
  { id: "route GET /api/inbox/export", permission: "inbox.read", outcomes: "AAFAAFFFFU", url: "/api/inbox/export?tag=authz-matrix-none" },
  { id: "action app/(portal)/community/actions.ts#assignInboxAction", permission: "inbox.assign", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/actions.ts#tagInboxAction", permission: "inbox.assign", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/actions.ts#setInboxStatusAction", permission: "inbox.assign", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/actions.ts#escalateInboxAction", permission: "inbox.escalate", outcomes: "FAFFFFFFFU" },
  { id: "action app/(portal)/community/actions.ts#bulkInboxAction", permission: "inbox.assign", outcomes: "FAFFFFFFFU" },
];
