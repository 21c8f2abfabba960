import { getFormatter, getTranslations } from "next-intl/server";
import { Badge, type Tone } from "./badge";

const MINUTE = 60_000;

/** The house formats: 11月29日(日) 16:30 and 2025年11月29日(土). */
export const dateTimeFormat = (timeZone: string) =>
  ({ timeZone, month: "short", day: "numeric", weekday: "short", hour: "2-digit", minute: "2-digit" }) as const;
export const dateFormat = (timeZone: string) => ({ timeZone, year: "numeric", month: "short", day: "numeric", weekday: "short" }) as const;

/** A date and time in the viewer's time zone, e.g. 11月29日(日) 16:30. */
export async function DateTime({ value, timeZone, dateOnly = false }: { value: Date; timeZone: string; dateOnly?: boolean }) {
  const format = await getFormatter();
  const text = format.dateTime(value, dateOnly ? dateFormat(timeZone) : dateTimeFormat(timeZone));
  return (
    <time dateTime={value.toISOString()} className="tabular-nums">
      {text}
    </time>
  );
}

/** "in 2 hours" / "3 days ago", with the exact time as a tooltip. */
export async function RelativeTime({ value, now, timeZone }: { value: Date; now: Date; timeZone: string }) {
  const format = await getFormatter();
  return (
    <time
      dateTime={value.toISOString()}
      title={format.dateTime(value, { timeZone, dateStyle: "medium", timeStyle: "short" })}
    >
      {format.relativeTime(value, now)}
    </time>
  );
}

/** The SLA clock of an item: "3 hours overdue" in red, "40 min left" in amber, otherwise calm. */
export async function SlaBadge({ dueAt, now, timeZone }: { dueAt: Date | null; now: Date; timeZone: string }) {
  const t = await getTranslations("common");
  const format = await getFormatter();
  if (!dueAt) return <Badge tone="muted">{t("sla.none")}</Badge>;
  const diffMin = Math.round((dueAt.getTime() - now.getTime()) / MINUTE);
  const abs = Math.abs(diffMin);
  const [unit, count] = abs < 60 ? (["Minutes", abs] as const) : abs < 48 * 60 ? (["Hours", Math.floor(abs / 60)] as const) : (["Days", Math.floor(abs / 1440)] as const);
  const overdue = diffMin < 0;
  const tone: Tone = overdue ? "danger" : diffMin < 60 ? "warning" : diffMin < 240 ? "info" : "neutral";
  return (
    <Badge tone={tone} title={format.dateTime(dueAt, { timeZone, dateStyle: "medium", timeStyle: "short" })}>
      <time dateTime={dueAt.toISOString()}>{t(overdue ? `sla.overdue${unit}` : `sla.left${unit}`, { count })}</time>
    </Badge>
  );
}
