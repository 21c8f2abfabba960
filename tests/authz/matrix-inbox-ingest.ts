import type { EntryPoint } from "./matrix";

/**
 * Inbox ingestion (issue 4): Meta's webhook. Public — Meta calls it without a session — but guarded
 * by the app's secrets: GET echoes the challenge only with the verify token (the sample URL carries the
 * development default, which the e2e app runs with); POST without an X-Hub-Signature-256 over the raw
 * body is refused 401 before anything is read or stored, for every caller alike (publicStatuses).
 * tests/db/inbox-webhook.test.ts covers signatures, replays, batches and the database being down.
 *
 * The settings page's actions (inbox.policy_manage, the manager only) follow below.
 */
export const INBOX_INGEST_ENTRY_POINTS: EntryPoint[] = [
  {
    id: "route GET /api/webhooks/meta",
    permission: "public",
    outcomes: "PPPPPPPPPP",
    url: "/api/webhooks/meta?hub.mode=subscribe&hub.verify_token=dev-meta-verify-token&hub.challenge=1234567890",
  },
  { id: "route POST /api/webhooks/meta", permission: "public", outcomes: "PPPPPPPPPP", publicStatuses: [401] },
];

/** /community/settings (inbox.policy_manage: the manager) and the spike alert's crisis button (crisis.manage: the manager and PR). */
INBOX_INGEST_ENTRY_POINTS.push(
  { id: "action app/(portal)/community/settings/actions.ts#updateInboxPolicyAction", permission: "inbox.policy_manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/community/settings/actions.ts#createInboxRuleAction", permission: "inbox.policy_manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/community/settings/actions.ts#updateInboxRuleAction", permission: "inbox.policy_manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/community/settings/actions.ts#deleteInboxRuleAction", permission: "inbox.policy_manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/community/settings/actions.ts#setInboxShiftAction", permission: "inbox.policy_manage", outcomes: "AFFFFFFFFU" },
  { id: "action app/(portal)/community/spikes/actions.ts#startCrisisFromSpikeAction", permission: "crisis.manage", outcomes: "AFFAFFFFFU" },
);
