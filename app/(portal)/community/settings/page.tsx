import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { pageData, requirePageViewer } from "@/lib/auth/page-guard";
import { getInboxSettings } from "@/lib/dal/inbox-policy";
import { listSpikeAlerts } from "@/lib/dal/inbox-monitor";
import type { InboxRule } from "@/lib/domain/inbox-policy";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DateTime } from "@/components/ui/time";
import { card, link, td, th } from "../../admin/_components/ui";
import { AddRuleForm, HoursForm, RuleRowActions, ShiftToggle, SlaForm, SpikeForm, ThresholdsForm } from "./_components/policy-forms";

export async function generateMetadata() {
  const t = await getTranslations("inboxSettings");
  return { title: t("title") };
}

/** /community/settings — the inbox policy: SLA, hours, thresholds, rules, shifts (inbox.policy_manage edits; inbox.read reads). */
export default async function InboxSettingsPage() {
  const viewer = await requirePageViewer("inbox.read");
  const [s, spikes] = await pageData(Promise.all([getInboxSettings(viewer), listSpikeAlerts(viewer, { limit: 5 })]));
  const t = await getTranslations("inboxSettings");
  const tz = viewer.timeZone;
  const channelName = new Map(s.channels.map((c) => [c.id, c.name]));
  const agentName = new Map(s.agents.map((a) => [a.id, a.name ?? a.id]));
  const chList = (ids: string[]) => (ids.length ? ids.map((id) => channelName.get(id) ?? "?").join("、") : t("rules.allChannels"));
  const summary = (r: InboxRule) => {
    if (r.kind === "auto_assign")
      return t("rules.summaryAssign", {
        channels: chList(r.config.channelIds),
        language: r.config.language ? t(`languages.${r.config.language}`) : t("rules.anyLanguage"),
        target: r.config.mode === "user" ? (agentName.get(r.config.userIds[0] ?? "") ?? "?") : t("rules.roundRobin"),
      });
    if (r.kind === "auto_hide")
      return t("rules.summaryHide", {
        channels: chList(r.config.channelIds),
        what: [r.config.spam ? t("rules.spam") : null, r.config.profanity ? t("rules.profanity") : null].filter(Boolean).join("・"),
      });
    return t("rules.summaryEscalate", { channels: chList(r.config.channelIds), min: r.config.minRisk ?? s.policy.thresholds.escalateRisk, role: t(`roles.${r.config.toRole}`) });
  };
  const shiftOf = new Map(s.shifts.map((x) => [x.userId, x]));
  const people = s.agents.map((a) => ({ id: a.id, name: a.name ?? a.id, onShift: shiftOf.get(a.id)?.onShift ?? false, last: shiftOf.get(a.id)?.lastAssignedAt ?? null }));

  const section = (id: string, title: string, children: React.ReactNode, hint?: string) => (
    <section className={`${card} p-4`} aria-labelledby={id} data-testid={id}>
      <h2 id={id} className="font-semibold text-slate-900">{title}</h2>
      {hint && <p className="mb-3 mt-1 text-sm text-slate-600">{hint}</p>}
      <div className={hint ? "" : "mt-3"}>{children}</div>
    </section>
  );

  return (
    <div>
      <PageHeader title={t("title")} subtitle={t("lead")} />
      {!s.canManage && (
        <p className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="note" data-testid="read-only">
          {t("readOnly")}
        </p>
      )}
      <div className="grid gap-6 xl:grid-cols-2">
        {section("sla-title", t("sla.title"), <SlaForm value={s.policy.sla} canManage={s.canManage} />, t("sla.hint"))}
        <div className="space-y-6">
          {section("hours-title", t("hours.title"), <HoursForm value={s.policy.businessHours} canManage={s.canManage} />)}
          {section("thresholds-title", t("thresholds.title"), <ThresholdsForm value={s.policy.thresholds} canManage={s.canManage} />)}
        </div>
      </div>

      <div className="mt-6 space-y-6">
        {section(
          "rules-title",
          t("rules.title"),
          <>
            {s.rules.length === 0 ? (
              <div data-testid="rules-empty">
                <EmptyState icon="∅">
                  <span>
                    <strong className="block text-slate-700">{t("rules.empty")}</strong>
                    {t("rules.emptyHint")}
                  </span>
                </EmptyState>
              </div>
            ) : (
              <div className="overflow-x-auto">
                <table className="min-w-full divide-y divide-slate-200" data-testid="rules-table">
                  <thead className="bg-slate-50">
                    <tr>
                      <th scope="col" className={`${th} w-10`}>#</th>
                      <th scope="col" className={`${th} w-44`}>{t("rules.kind")}</th>
                      <th scope="col" className={th}>{t("rules.summary")}</th>
                      {s.canManage && <th scope="col" className={`${th} w-72`}>{t("rules.actions")}</th>}
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {s.rules.map((r, i) => (
                      <tr key={r.id} data-testid="rule-row" className={r.enabled ? "" : "text-slate-400"}>
                        <td className={td}>{i + 1}</td>
                        <td className={td}>
                          {t(`kinds.${r.kind}`)}
                          {!r.enabled && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-500">{t("rules.disabled")}</span>}
                        </td>
                        <td className={td}>{summary(r)}</td>
                        {s.canManage && (
                          <td className={td}>
                            <RuleRowActions rule={r} first={i === 0} last={i === s.rules.length - 1} />
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {s.canManage && (
              <div className="mt-4 border-t border-slate-100 pt-4">
                <h3 className="mb-2 text-sm font-semibold text-slate-700">{t("rules.add")}</h3>
                <AddRuleForm channels={s.channels} agents={s.agents} />
              </div>
            )}
          </>,
          t("rules.hint"),
        )}

        <div className="grid gap-6 xl:grid-cols-2">
          {section(
            "shifts-title",
            t("shifts.title"),
            people.length === 0 ? (
              <EmptyState icon="∅">{t("shifts.empty")}</EmptyState>
            ) : (
              <table className="min-w-full divide-y divide-slate-200" data-testid="shifts-table">
                <thead className="bg-slate-50">
                  <tr>
                    <th scope="col" className={th}>{t("shifts.person")}</th>
                    <th scope="col" className={`${th} w-28`}>{t("shifts.onShift")}</th>
                    <th scope="col" className={`${th} w-48`}>{t("shifts.lastAssigned")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {people.map((p) => (
                    <tr key={p.id}>
                      <td className={td}>{p.name}</td>
                      <td className={td}>
                        <ShiftToggle userId={p.id} name={p.name} onShift={p.onShift} canManage={s.canManage} />
                      </td>
                      <td className={td}>{p.last ? <DateTime value={p.last} timeZone={tz} /> : t("shifts.never")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ),
            t("shifts.hint"),
          )}
          <div className="space-y-6">
            {section("spike-title", t("spike.title"), <SpikeForm value={s.policy.spike} canManage={s.canManage} />, t("spike.hint"))}
            {section(
              "spikes-title",
              t("spikes.title"),
              spikes.length === 0 ? (
                <p className="text-sm text-slate-500">{t("spikes.empty")}</p>
              ) : (
                <ul className="divide-y divide-slate-100" data-testid="spike-list">
                  {spikes.map((a) => (
                    <li key={a.id} className="flex items-center justify-between gap-3 py-2 text-sm">
                      <span>
                        <DateTime value={a.windowStart} timeZone={tz} /> — {t("spikes.row", { channel: a.channelName, count: a.count, baseline: a.baseline })}
                      </span>
                      <Link href={`/community/spikes/${a.id}`} className={link}>{t("spikes.open")}</Link>
                    </li>
                  ))}
                </ul>
              ),
            )}
            {section(
              "webhook-title",
              t("webhook.title"),
              s.deliveries.last24h === 0 ? (
                <p className="text-sm text-slate-500">{t("webhook.none")}</p>
              ) : (
                <p className="text-sm text-slate-700" data-testid="webhook-stats">
                  {t("webhook.deliveries", { count: s.deliveries.last24h })} · {t("webhook.stored", { count: s.deliveries.stored24h })}
                  {s.deliveries.lastAt && (
                    <>
                      {" · "}
                      {t("webhook.last", { at: "" })}
                      <DateTime value={s.deliveries.lastAt} timeZone={tz} />
                    </>
                  )}
                </p>
              ),
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
