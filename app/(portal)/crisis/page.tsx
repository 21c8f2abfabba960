import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getCrisisRoom, listCrisisScopeOptions } from "@/lib/dal/crisis-mode";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ChannelLabel } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { CrisisSwitch } from "@/components/crisis/crisis-switch";
import { crisisScopeText, platformNames } from "@/components/crisis/crisis-switch-panel";
import { EndCrisisButton } from "./_components/end-crisis-button";
import { HeldChoices } from "./_components/held-choices";
import { StatementForm, type StatementBrand } from "./_components/statement-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("crisis");
  return { title: t("title") };
}

/**
 * The crisis room (crisis.read: everyone sees what is going on). The switch, the end, the held
 * choices and the holding statement show to those whose permissions allow them; the DAL checks again.
 */
export default async function CrisisRoomPage() {
  const viewer = await requirePageViewer("crisis.read");
  const canManage = viewer.permissions.has("crisis.manage");
  const canState = viewer.permissions.has("statement.manage") && canManage;
  const [room, options, names] = await Promise.all([
    pageData(getCrisisRoom(viewer)),
    canManage ? pageData(listCrisisScopeOptions(viewer)) : Promise.resolve(null),
    platformNames(),
  ]);
  const t = await getTranslations("crisis");
  const { tc, num, when, rel, updatedAt } = await pageFormat(viewer, room.generatedAt);
  const [activeScopes, historyScopes] = await Promise.all([Promise.all(room.active.map((c) => crisisScopeText(c))), Promise.all(room.history.map((c) => crisisScopeText(c)))]);
  const statementBrands: StatementBrand[] =
    options?.brands.map((b) => ({
      id: b.id,
      name: b.name,
      channels: options.channels.filter((c) => c.brandId === b.id && c.status === "active").map((c) => ({ id: c.id, platform: c.platform, name: c.name })),
    })) ?? [];
  const held = room.held ?? [];

  return (
    <div data-testid="crisis-room">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      {!canManage && (
        <p role="note" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="crisis-read-only">
          {t("readOnly")}
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-2">
        <Panel id="crisis-active" title={t("active.title")} count={num(room.active.length)}>
          {room.active.length === 0 ? (
            <EmptyState>{t("active.empty")}</EmptyState>
          ) : (
            <ul className="space-y-3">
              {room.active.map((c, i) => (
                <li key={c.id} className="rounded-lg border border-red-200 bg-red-50 p-3" data-testid="crisis-active-item" data-crisis-id={c.id}>
                  <div className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <Badge tone="danger">{activeScopes[i]}</Badge>
                      <p className="mt-1.5 whitespace-pre-wrap text-sm font-medium text-red-950">{c.reason}</p>
                      <p className="mt-1 text-xs text-red-900">
                        <time dateTime={c.startedAt.toISOString()}>{t("active.since", { name: c.startedByName ?? "—", time: when(c.startedAt), relative: rel(c.startedAt) })}</time>
                        {c.stillHeld > 0 && <> · {t("active.held", { count: c.stillHeld })}</>}
                      </p>
                    </div>
                    {canManage && <EndCrisisButton crisisId={c.id} scope={activeScopes[i]!} />}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Panel>

        {canManage && options && (
          <Panel id="crisis-start" title={t("switch.title")} description={t("switch.description")}>
            <CrisisSwitch options={options} platformNames={names} />
          </Panel>
        )}

        {room.held !== null && (
          <Panel id="crisis-held" title={t("held.title")} description={t("held.description")} count={num(held.length)} className="lg:col-span-2">
            {held.length === 0 ? (
              <EmptyState>{t("held.empty")}</EmptyState>
            ) : (
              <DataTable
                minWidth="min-w-[56rem]"
                columns={[t("held.colSlot"), t("held.colPost"), t("held.colChannel"), t("held.colState"), ...(canManage ? [t("held.colChoice")] : [])]}
              >
                {held.map((h) => (
                  <tr key={h.targetId} data-testid="held-row" data-target-id={h.targetId} data-post-id={h.postId} className="align-top">
                    <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">
                      {h.slotAt ? <time dateTime={h.slotAt.toISOString()}>{when(h.slotAt)}</time> : "—"}
                      {h.slotAt && <span className="block text-xs text-slate-500">{rel(h.slotAt)}</span>}
                    </td>
                    <th scope="row" className="px-4 py-3 text-left font-normal">
                      <span className="font-medium text-slate-900">{h.postTitle}</span>
                      <span className="block text-xs text-slate-500">
                        {h.brandName}
                        {h.postKind !== "post" && <> · {tc(`postKinds.${h.postKind}`)}</>}
                      </span>
                      {h.crisisReason && <span className="mt-1 block text-xs text-slate-600">{t("held.crisis", { reason: h.crisisReason })}</span>}
                    </th>
                    <td className="px-4 py-3">
                      <ChannelLabel platform={h.platform} name={h.channelName} />
                    </td>
                    <td className="px-4 py-3">
                      {h.state === "held" ? <Badge tone="danger">{t("held.stateHeld")}</Badge> : <Badge tone="warning">{t("held.stateDue")}</Badge>}
                    </td>
                    {canManage && (
                      <td className="min-w-64 px-4 py-3">
                        <HeldChoices
                          targetId={h.targetId}
                          version={h.version}
                          covered={h.covered}
                          title={h.postTitle}
                          channel={`${tc(`platforms.${h.platform}`)} · ${h.channelName}`}
                          timeZone={viewer.timeZone}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </DataTable>
            )}
          </Panel>
        )}

        {canState && (
          <Panel
            id="crisis-statement"
            title={t("statement.title")}
            description={t("statement.description")}
            className="lg:col-span-2"
            actions={
              <Link href="/corrections" className="text-sm text-brand-700 underline-offset-2 hover:underline">
                {tc("fastLaneDetails")}
              </Link>
            }
          >
            <StatementForm brands={statementBrands} locale={viewer.locale} platformNames={names} />
          </Panel>
        )}

        <Panel id="crisis-history" title={t("history.title")} count={num(room.history.length)} className="lg:col-span-2">
          {room.history.length === 0 ? (
            <EmptyState icon="·">{t("history.empty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[52rem]" columns={[t("history.colScope"), t("history.colReason"), t("history.colPeriod"), t("history.colPeople"), t("history.colHeld")]}>
              {room.history.map((c, i) => (
                <tr key={c.id} data-testid="crisis-history-row" className="align-top">
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <Badge tone="muted">{historyScopes[i]}</Badge>
                  </th>
                  <td className="max-w-md whitespace-pre-wrap px-4 py-2 text-slate-800">{c.reason}</td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-700">
                    {t("history.period", { from: when(c.startedAt), to: c.endedAt ? when(c.endedAt) : "—" })}
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {c.startedByName ?? "—"} / {c.endedByName ?? "—"}
                  </td>
                  <td className="px-4 py-2 tabular-nums text-slate-700">{t("history.heldCount", { held: num(c.heldCount), still: num(c.stillHeld) })}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>
      </div>
    </div>
  );
}
