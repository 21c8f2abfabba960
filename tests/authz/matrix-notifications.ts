import type { EntryPoint } from "./matrix";

/**
 * Entry points of notifications: the bell's feed, the reader's own read markers and e-mail choices
 * (every role), and the admin's outbound channels. Samples fail validation after authorization,
 * so exercising them changes nothing.
 */
export const NOTIFICATION_ENTRY_POINTS: EntryPoint[] = [
  { id: "route GET /api/notifications", permission: "notification.read", outcomes: "AAAAAAAAFU", url: "/api/notifications?limit=3" },
  { id: "action app/(portal)/notifications/actions.ts#markNotificationReadAction", permission: "notification.read", outcomes: "AAAAAAAAFU" },
  { id: "action app/(portal)/notifications/actions.ts#markAllNotificationsReadAction", permission: "notification.read", outcomes: "AAAAAAAAFU", sample: { before: "not-a-date" } },
  { id: "action app/(portal)/notifications/actions.ts#updateEmailPreferencesAction", permission: "notification.read", outcomes: "AAAAAAAAFU", sample: { enabled: ["not-a-kind"] } },
  { id: "action app/(portal)/admin/notifications/actions.ts#createWebhookAction", permission: "notification_channel.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/notifications/actions.ts#updateWebhookAction", permission: "notification_channel.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/notifications/actions.ts#deleteWebhookAction", permission: "notification_channel.manage", outcomes: "FFFFFFFAFU" },
  { id: "action app/(portal)/admin/notifications/actions.ts#testWebhookAction", permission: "notification_channel.manage", outcomes: "FFFFFFFAFU" },
];
