import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";
import { dateTimeFormat } from "./time";

/**
 * The formatting helpers every workspace page shares, bound to the viewer's time zone and to the
 * moment the page's data was read (`now`, so relative times agree with the numbers shown).
 */
export async function pageFormat(viewer: { timeZone: string }, now: Date) {
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const tz = viewer.timeZone;
  /** 1,234 in the viewer's locale. */
  const num = (n: number) => format.number(n);
  /** "showing the first 6 of 12" under a cut list; nothing when the list is complete. */
  const more = (shown: number, total: number) => (shown < total ? tc("showingFirst", { shown: num(shown), total: num(total) }) : undefined);
  /** The house date and time, e.g. 11月29日(日) 16:30. */
  const when = (d: Date) => format.dateTime(d, dateTimeFormat(tz));
  /** "in 2 hours" / "3 days ago", counted from `now`. */
  const rel = (d: Date) => format.relativeTime(d, now);
  /** The page header's "updated at 16:30". */
  const updatedAt = () => tc("updatedAt", { time: format.dateTime(now, { timeZone: tz, timeStyle: "short" }) });
  return { format, tc, tz, now, num, more, when, rel, updatedAt };
}
