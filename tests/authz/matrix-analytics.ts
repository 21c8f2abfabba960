import type { EntryPoint } from "./matrix";

/**
 * The analytics workspace (analytics-ui): CSV export, stored weekly reports, report schedules.
 * Callers: SMM CM CR PR LG DA AO AD N X. Reading analytics is analytics.read (analyst, manager);
 * everything that lets data leave the portal (CSV, report files, scheduled e-mail) is
 * analytics.export (the analyst). Samples fail validation or name nothing after authorization;
 * tests/db/analytics-ui.test.ts covers the DAL per role.
 */
export const ANALYTICS_UI_ENTRY_POINTS: EntryPoint[] = [
  { id: "route GET /api/analytics/export", permission: "analytics.export", outcomes: "FFFFFAFFFU", url: "/api/analytics/export?table=nope" },
  {
    id: "route GET /api/analytics/reports/[id]/download",
    permission: "analytics.export",
    outcomes: "FFFFFAFFFU",
    url: "/api/analytics/reports/00000000-0000-4000-8000-000000000000/download?format=pdf",
  },
  { id: "action app/(portal)/analytics/reports/actions.ts#createReportScheduleAction", permission: "analytics.export", outcomes: "FFFFFAFFFU" },
  { id: "action app/(portal)/analytics/reports/actions.ts#setReportScheduleEnabledAction", permission: "analytics.export", outcomes: "FFFFFAFFFU" },
  { id: "action app/(portal)/analytics/reports/actions.ts#generateReportNowAction", permission: "analytics.export", outcomes: "FFFFFAFFFU", sample: { brandId: "not-a-uuid" } },
];
