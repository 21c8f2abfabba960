import { getTranslations } from "next-intl/server";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { getSchedulePanel } from "@/lib/dal/scheduling";
import { Panel } from "@/components/ui/panel";
import { pageFormat } from "@/components/ui/page-format";
import { ScheduleForm } from "./schedule-form";

/**
 * The manager's schedule panel next to the final decision: once the post is approved, pick or
 * confirm the slot (the planned one by default) and arm it; change or cancel a reservation;
 * blackout windows ahead in the post's scope are listed, and a refusal names the window.
 */
export async function SchedulePanel({ postId }: { postId: string }) {
  const viewer = await requirePageViewer("post.schedule");
  const panel = await pageData(getSchedulePanel(viewer, postId));
  const t = await getTranslations("calendar.schedule");
  const { when } = await pageFormat(viewer, new Date());
  return (
    <Panel id="schedule" title={t("title")} description={t("description", { zone: viewer.timeZone })}>
      <ScheduleForm
        postId={panel.postId}
        state={panel.state}
        slotAt={panel.slotAt?.toISOString() ?? null}
        fullyApproved={panel.fullyApproved}
        timeZone={viewer.timeZone}
        armed={panel.targets.filter((x) => x.state === "scheduled").length}
        targets={panel.targets.length}
      />
      {panel.blackouts.length > 0 && (
        <div className="mt-4 border-t border-slate-100 pt-3" data-testid="schedule-blackouts">
          <p className="mb-1 text-xs font-medium text-slate-600">{t("blackoutsAhead")}</p>
          <ul className="space-y-1 text-xs text-slate-700">
            {panel.blackouts.map((w) => (
              <li key={w.id} className="rounded bg-red-50 px-2 py-1 text-red-900">
                <span className="tabular-nums">
                  {when(w.startsAt)} 〜 {when(w.endsAt)}
                </span>
                <span className="block">{w.reason}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </Panel>
  );
}
