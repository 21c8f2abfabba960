import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Viewer } from "@/lib/dal/viewer";
import { listActiveCrisisDetails, listCrisisScopeOptions, type CrisisDto } from "@/lib/dal/crisis-mode";
import { PLATFORMS } from "@/lib/domain/text-length";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { pageFormat } from "@/components/ui/page-format";
import { CrisisSwitch } from "./crisis-switch";
import { btnDanger } from "./ui";

/** "全体" / the brand / the channel of a crisis, as people read it. */
export async function crisisScopeText(c: Pick<CrisisDto, "scope" | "brandName" | "channelName" | "channelHandle" | "platform">): Promise<string> {
  const t = await getTranslations("crisis");
  const tc = await getTranslations("common");
  if (c.scope === "all") return t("scope.allShort");
  if (c.scope === "brand") return c.brandName ?? "—";
  return `${c.platform ? tc(`platforms.${c.platform}`) : ""} · ${c.channelName ?? ""} (${c.channelHandle ?? ""})`;
}

export async function platformNames(): Promise<Record<string, string>> {
  const tc = await getTranslations("common");
  return Object.fromEntries(PLATFORMS.map((p) => [p, tc(`platforms.${p}`)]));
}

/** The crisis switch on the manager's and PR's overview: what is active now, and the switch itself. */
export async function CrisisSwitchPanel({ viewer, className }: { viewer: Viewer; className?: string }) {
  if (!viewer.permissions.has("crisis.manage")) return null;
  const [active, options, names] = await Promise.all([listActiveCrisisDetails(viewer), listCrisisScopeOptions(viewer), platformNames()]);
  const t = await getTranslations("crisis");
  const { rel } = await pageFormat(viewer, new Date());
  const scopes = await Promise.all(active.map((c) => crisisScopeText(c)));
  return (
    <Panel
      id="crisis-switch"
      title={t("switch.title")}
      description={t("switch.description")}
      className={className}
      actions={
        <Link href="/crisis" className="text-sm text-brand-700 underline-offset-2 hover:underline" data-testid="crisis-room-link">
          {t("switch.openRoom")}
        </Link>
      }
    >
      {active.length > 0 ? (
        <ul className="mb-4 space-y-2" aria-label={t("active.title")}>
          {active.map((c, i) => (
            <li key={c.id} className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="crisis-active-summary">
              <div className="flex flex-wrap items-center gap-1.5">
                <Badge tone="danger">{scopes[i]}</Badge>
                <span className="text-xs">
                  <time dateTime={c.startedAt.toISOString()}>{rel(c.startedAt)}</time>
                  {c.stillHeld > 0 && <> · {t("active.held", { count: c.stillHeld })}</>}
                </span>
              </div>
              <p className="mt-1 whitespace-pre-wrap">{c.reason}</p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-4 text-sm text-slate-600">{t("switch.noneActive")}</p>
      )}
      <details className="group" data-testid="crisis-switch-details">
        <summary className={`${btnDanger} cursor-pointer list-none [&::-webkit-details-marker]:hidden`} data-testid="crisis-switch-open">
          <span aria-hidden className="inline-block transition-transform group-open:rotate-90">▸</span>
          {t("switch.openForm")}
        </summary>
        <div className="mt-3 rounded-lg border border-red-200 p-3">
          <CrisisSwitch options={options} platformNames={names} compact />
        </div>
      </details>
    </Panel>
  );
}
