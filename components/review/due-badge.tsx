import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";
import { dateTimeFormat } from "@/components/ui/time";
import type { DueStatus } from "@/lib/domain/due";

const TONE: Record<DueStatus, Tone> = { on_track: "neutral", due_soon: "warning", overdue: "danger" };
const KEY: Record<DueStatus, "onTrack" | "dueSoon" | "overdue"> = { on_track: "onTrack", due_soon: "dueSoon", overdue: "overdue" };

/** A review stage's due time in the viewer's zone: calm, amber when due soon, red when overdue (plus "manager notified"). */
export async function DueBadge({ dueAt, status, escalated, timeZone }: { dueAt: Date | null; status: DueStatus | null; escalated?: boolean; timeZone: string }) {
  const t = await getTranslations("notifications.due");
  const format = await getFormatter();
  if (!dueAt || !status) return <span className="text-slate-400">{t("none")}</span>;
  const time = format.dateTime(dueAt, dateTimeFormat(timeZone));
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="due-badge" data-due-status={status}>
      <Badge tone={TONE[status]}>
        <time dateTime={dueAt.toISOString()}>{t(KEY[status], { time })}</time>
      </Badge>
      {escalated && <Badge tone="muted">{t("escalated")}</Badge>}
    </span>
  );
}
