import "server-only";
import { getFormatter, getTranslations } from "next-intl/server";

/** Number, percent and Tokyo-day formatting shared by the analytics pages (the viewer's locale). */
export async function analyticsFormat() {
  const format = await getFormatter();
  const t = await getTranslations("analytics");
  const na = t("notAvailable");
  return {
    na,
    num: (n: number | null | undefined) => (n === null || n === undefined ? na : format.number(n)),
    signed: (n: number | null | undefined) => (n === null || n === undefined ? na : format.number(n, { signDisplay: "exceptZero" })),
    /** A percentage given as a number of percent (12.3 → 12.3%). */
    pct: (n: number | null | undefined, digits = 1) =>
      n === null || n === undefined ? na : format.number(n / 100, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits }),
    yen: (n: number | null | undefined) => (n === null || n === undefined ? na : format.number(n, { style: "currency", currency: "JPY" })),
    /** A duration in minutes: "42.5分" under an hour, "16時間58分" from an hour on (not "1,017.9分"). */
    minutes: (n: number | null | undefined) => {
      if (n === null || n === undefined) return na;
      if (n < 60) return t("minutes", { value: format.number(n, { maximumFractionDigits: 1 }) });
      const total = Math.round(n);
      return t("hoursMinutes", { hours: format.number(Math.floor(total / 60)), minutes: total % 60 });
    },
    /** A Tokyo calendar day, printed as a date (not an instant). */
    day: (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", month: "short", day: "numeric" }),
    dayLong: (d: string) => format.dateTime(new Date(`${d}T00:00:00+09:00`), { timeZone: "Asia/Tokyo", year: "numeric", month: "short", day: "numeric", weekday: "short" }),
  };
}
