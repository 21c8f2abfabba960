import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";

/**
 * The change against the previous period, in words and an arrow as well as colour.
 * kind "percent" compares two totals; kind "points" compares two rates (percentage points).
 */
export async function Delta({ current, previous, kind = "percent" }: { current: number | null; previous: number | null; kind?: "percent" | "points" }) {
  const t = await getTranslations("analytics");
  const format = await getFormatter();
  if (current === null || previous === null || (kind === "percent" && previous === 0)) return <Badge tone="muted">{t("delta.none")}</Badge>;
  const change = kind === "percent" ? (current - previous) / Math.abs(previous) : current - previous;
  const rounded = Math.round(change * (kind === "percent" ? 1000 : 10)) / (kind === "percent" ? 1000 : 10);
  if (rounded === 0) return <Badge tone="neutral">{t("delta.flat")}</Badge>;
  const value =
    kind === "percent"
      ? format.number(Math.abs(rounded), { style: "percent", maximumFractionDigits: 1 })
      : format.number(Math.abs(rounded), { maximumFractionDigits: 1 });
  const up = rounded > 0;
  return (
    <Badge tone={up ? "success" : "danger"}>
      <span aria-hidden>{up ? "▲" : "▼"}</span>
      {t(kind === "percent" ? (up ? "delta.up" : "delta.down") : up ? "delta.pointsUp" : "delta.pointsDown", { value })}
    </Badge>
  );
}
