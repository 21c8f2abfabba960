"use client";

import { useId, useState, useTransition, type ReactNode } from "react";
import { useTranslations } from "next-intl";
import type { PublicError } from "@/lib/errors";
import type { InboxPolicy, InboxRule } from "@/lib/domain/inbox-policy";
import { PRIORITIES, ESCALATION_ROLES } from "@/lib/domain/inbox-policy";
import { btnDangerOutline, btnPrimary, btnSecondary, input, label } from "../../../admin/_components/ui";
import { createInboxRuleAction, deleteInboxRuleAction, setInboxShiftAction, updateInboxPolicyAction, updateInboxRuleAction } from "../actions";

type Result = { ok: true } | { ok: false; error: PublicError };

function useSave() {
  const t = useTranslations("inboxSettings");
  const [pending, start] = useTransition();
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const run = (fn: () => Promise<Result>) =>
    start(async () => {
      setMsg(null);
      const r = await fn();
      setMsg(r.ok ? { ok: true, text: t("saved") } : { ok: false, text: r.error.code === "VALIDATION" ? t("invalid") : t("failed", { code: r.error.code }) });
    });
  return { pending, msg, run };
}

function Status({ msg }: { msg: { ok: boolean; text: string } | null }) {
  return (
    <span aria-live="polite" className="text-sm">
      {msg && (
        <span role={msg.ok ? "status" : "alert"} className={msg.ok ? "text-emerald-700" : "text-red-700"} data-testid={msg.ok ? "saved" : "save-error"}>
          {msg.text}
        </span>
      )}
    </span>
  );
}

function FormShell({ children, onSubmit, disabled, pending, msg, testId }: { children: ReactNode; onSubmit: () => void; disabled: boolean; pending: boolean; msg: { ok: boolean; text: string } | null; testId: string }) {
  const t = useTranslations("inboxSettings");
  return (
    <form
      noValidate
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <fieldset disabled={disabled} className="space-y-3">
        {children}
        {!disabled && (
          <div className="flex items-center gap-3">
            <button type="submit" className={btnPrimary} disabled={pending}>
              {pending ? t("saving") : t("save")}
            </button>
            <Status msg={msg} />
          </div>
        )}
      </fieldset>
    </form>
  );
}

export function SlaForm({ value, canManage }: { value: InboxPolicy["sla"]; canManage: boolean }) {
  const t = useTranslations("inboxSettings");
  const [v, setV] = useState(value);
  const s = useSave();
  return (
    <FormShell testId="sla-form" disabled={!canManage} pending={s.pending} msg={s.msg} onSubmit={() => s.run(() => updateInboxPolicyAction({ key: "sla", value: v }) as Promise<Result>)}>
      <table className="min-w-full text-sm">
        <thead>
          <tr className="text-left text-xs text-slate-500">
            <th scope="col" className="py-1 pr-3 font-medium">{t("sla.priority")}</th>
            <th scope="col" className="py-1 pr-3 font-medium">{t("sla.minutes")}</th>
            <th scope="col" className="py-1 font-medium">{t("sla.clock")}</th>
          </tr>
        </thead>
        <tbody>
          {PRIORITIES.map((p) => (
            <tr key={p}>
              <th scope="row" className="py-1 pr-3 text-left font-medium text-slate-700">{t(`priorities.${p}`)}</th>
              <td className="py-1 pr-3">
                <input
                  type="number"
                  min={5}
                  max={20160}
                  className={`${input} w-28`}
                  aria-label={`${t(`priorities.${p}`)} ${t("sla.minutes")}`}
                  value={v[p].minutes}
                  onChange={(e) => setV({ ...v, [p]: { ...v[p], minutes: Number(e.target.value) } })}
                  data-testid={`sla-${p}-minutes`}
                />
              </td>
              <td className="py-1">
                <select className={`${input} w-40`} aria-label={`${t(`priorities.${p}`)} ${t("sla.clock")}`} value={v[p].clock} onChange={(e) => setV({ ...v, [p]: { ...v[p], clock: e.target.value as "24h" | "business" } })}>
                  <option value="24h">{t("sla.clock24h")}</option>
                  <option value="business">{t("sla.clockBusiness")}</option>
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </FormShell>
  );
}

export function HoursForm({ value, canManage }: { value: InboxPolicy["businessHours"]; canManage: boolean }) {
  const t = useTranslations("inboxSettings");
  const [v, setV] = useState(value);
  const s = useSave();
  const ids = { start: useId(), end: useId(), tz: useId(), hol: useId() };
  return (
    <FormShell testId="hours-form" disabled={!canManage} pending={s.pending} msg={s.msg} onSubmit={() => s.run(() => updateInboxPolicyAction({ key: "business_hours", value: v }) as Promise<Result>)}>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={ids.start} className={label}>{t("hours.start")}</label>
          <input id={ids.start} type="time" className={input} value={v.start} onChange={(e) => setV({ ...v, start: e.target.value })} />
        </div>
        <div>
          <label htmlFor={ids.end} className={label}>{t("hours.end")}</label>
          <input id={ids.end} type="time" className={input} value={v.end} onChange={(e) => setV({ ...v, end: e.target.value })} />
        </div>
        <div>
          <label htmlFor={ids.tz} className={label}>{t("hours.timeZone")}</label>
          <select id={ids.tz} className={input} value={v.timeZone} onChange={(e) => setV({ ...v, timeZone: e.target.value })}>
            {["Asia/Tokyo", "Asia/Seoul", "Asia/Singapore", "UTC", "Europe/London", "America/New_York"].map((z) => (
              <option key={z} value={z}>{z}</option>
            ))}
          </select>
        </div>
      </div>
      <fieldset>
        <legend className={label}>{t("hours.days")}</legend>
        <div className="flex flex-wrap gap-3">
          {[1, 2, 3, 4, 5, 6, 7].map((d) => (
            <label key={d} className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" checked={v.days.includes(d)} onChange={(e) => setV({ ...v, days: e.target.checked ? [...v.days, d].sort() : v.days.filter((x) => x !== d) })} />
              {t(`weekdays.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor={ids.hol} className="inline-flex items-center gap-2 text-sm">
        <input id={ids.hol} type="checkbox" checked={v.holidays} onChange={(e) => setV({ ...v, holidays: e.target.checked })} />
        {t("hours.holidays")}
      </label>
    </FormShell>
  );
}

function NumberField({ id, text, value, onChange, min, max, step }: { id: string; text: string; value: number; onChange: (n: number) => void; min: number; max: number; step?: number }) {
  return (
    <div>
      <label htmlFor={id} className={label}>{text}</label>
      <input id={id} type="number" min={min} max={max} step={step ?? 1} className={input} value={value} onChange={(e) => onChange(Number(e.target.value))} />
    </div>
  );
}

export function ThresholdsForm({ value, canManage }: { value: InboxPolicy["thresholds"]; canManage: boolean }) {
  const t = useTranslations("inboxSettings");
  const [v, setV] = useState(value);
  const s = useSave();
  const ids = { a: useId(), b: useId() };
  return (
    <FormShell testId="thresholds-form" disabled={!canManage} pending={s.pending} msg={s.msg} onSubmit={() => s.run(() => updateInboxPolicyAction({ key: "thresholds", value: v }) as Promise<Result>)}>
      <div className="grid gap-3 sm:grid-cols-2">
        <NumberField id={ids.a} text={t("thresholds.escalateRisk")} value={v.escalateRisk} min={1} max={100} onChange={(n) => setV({ ...v, escalateRisk: n })} />
        <NumberField id={ids.b} text={t("thresholds.approvalRisk")} value={v.approvalRisk} min={1} max={100} onChange={(n) => setV({ ...v, approvalRisk: n })} />
      </div>
    </FormShell>
  );
}

export function SpikeForm({ value, canManage }: { value: InboxPolicy["spike"]; canManage: boolean }) {
  const t = useTranslations("inboxSettings");
  const [v, setV] = useState(value);
  const s = useSave();
  const ids = { w: useId(), b: useId(), m: useId(), f: useId() };
  return (
    <FormShell testId="spike-form" disabled={!canManage} pending={s.pending} msg={s.msg} onSubmit={() => s.run(() => updateInboxPolicyAction({ key: "spike", value: v }) as Promise<Result>)}>
      <div className="grid gap-3 sm:grid-cols-4">
        <NumberField id={ids.w} text={t("spike.windowMinutes")} value={v.windowMinutes} min={5} max={1440} onChange={(n) => setV({ ...v, windowMinutes: n })} />
        <NumberField id={ids.b} text={t("spike.baselineWindows")} value={v.baselineWindows} min={4} max={336} onChange={(n) => setV({ ...v, baselineWindows: n })} />
        <NumberField id={ids.m} text={t("spike.minCount")} value={v.minCount} min={2} max={10000} onChange={(n) => setV({ ...v, minCount: n })} />
        <NumberField id={ids.f} text={t("spike.factor")} value={v.factor} min={1.5} max={50} step={0.5} onChange={(n) => setV({ ...v, factor: n })} />
      </div>
    </FormShell>
  );
}

type Named = { id: string; name: string | null };

export function RuleRowActions({ rule, first, last }: { rule: InboxRule; first: boolean; last: boolean }) {
  const t = useTranslations("inboxSettings");
  const s = useSave();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <label className="inline-flex items-center gap-1 text-sm">
        <input type="checkbox" checked={rule.enabled} disabled={s.pending} onChange={(e) => s.run(() => updateInboxRuleAction({ id: rule.id, enabled: e.target.checked }) as Promise<Result>)} data-testid="rule-enabled" />
        {t("rules.enabled")}
      </label>
      <button type="button" className={btnSecondary} disabled={first || s.pending} onClick={() => s.run(() => updateInboxRuleAction({ id: rule.id, move: "up" }) as Promise<Result>)} aria-label={t("rules.up")}>
        ↑
      </button>
      <button type="button" className={btnSecondary} disabled={last || s.pending} onClick={() => s.run(() => updateInboxRuleAction({ id: rule.id, move: "down" }) as Promise<Result>)} aria-label={t("rules.down")}>
        ↓
      </button>
      <button
        type="button"
        className={btnDangerOutline}
        disabled={s.pending}
        onClick={() => {
          if (window.confirm(t("rules.confirmDelete"))) s.run(() => deleteInboxRuleAction({ id: rule.id }) as Promise<Result>);
        }}
        data-testid="rule-delete"
      >
        {t("rules.delete")}
      </button>
      {s.msg && !s.msg.ok && <Status msg={s.msg} />}
    </div>
  );
}

export function AddRuleForm({ channels, agents }: { channels: { id: string; name: string }[]; agents: Named[] }) {
  const t = useTranslations("inboxSettings");
  const [kind, setKind] = useState<InboxRule["kind"]>("auto_hide");
  const [channelId, setChannelId] = useState("");
  const [language, setLanguage] = useState("");
  const [mode, setMode] = useState<"round_robin" | "user">("round_robin");
  const [userId, setUserId] = useState(agents[0]?.id ?? "");
  const [spam, setSpam] = useState(true);
  const [profanity, setProfanity] = useState(false);
  const [minRisk, setMinRisk] = useState("");
  const [toRole, setToRole] = useState<(typeof ESCALATION_ROLES)[number]>("pr");
  const s = useSave();
  const ids = { kind: useId(), ch: useId(), lang: useId(), mode: useId(), user: useId(), min: useId(), role: useId() };
  const channelIds = channelId ? [channelId] : [];
  const submit = () =>
    s.run(
      () =>
        (kind === "auto_assign"
          ? createInboxRuleAction({ kind, config: { channelIds, language: language || null, mode, userIds: mode === "user" && userId ? [userId] : [] } })
          : kind === "auto_hide"
            ? createInboxRuleAction({ kind, config: { channelIds, spam, profanity } })
            : createInboxRuleAction({ kind, config: { channelIds, minRisk: minRisk ? Number(minRisk) : null, toRole } })) as Promise<Result>,
    );
  return (
    <FormShell testId="rule-form" disabled={false} pending={s.pending} msg={s.msg} onSubmit={submit}>
      <div className="grid gap-3 sm:grid-cols-3">
        <div>
          <label htmlFor={ids.kind} className={label}>{t("rules.kind")}</label>
          <select id={ids.kind} className={input} value={kind} onChange={(e) => setKind(e.target.value as InboxRule["kind"])} data-testid="rule-kind">
            {(["auto_hide", "auto_escalate", "auto_assign"] as const).map((k) => (
              <option key={k} value={k}>{t(`kinds.${k}`)}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={ids.ch} className={label}>{t("rules.channels")}</label>
          <select id={ids.ch} className={input} value={channelId} onChange={(e) => setChannelId(e.target.value)}>
            <option value="">{t("rules.allChannels")}</option>
            {channels.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
        </div>
        {kind === "auto_hide" && (
          <fieldset className="flex items-end gap-4 pb-1">
            <legend className="sr-only">{t("kinds.auto_hide")}</legend>
            <label className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" checked={spam} onChange={(e) => setSpam(e.target.checked)} /> {t("rules.spam")}
            </label>
            <label className="inline-flex items-center gap-1 text-sm">
              <input type="checkbox" checked={profanity} onChange={(e) => setProfanity(e.target.checked)} /> {t("rules.profanity")}
            </label>
          </fieldset>
        )}
        {kind === "auto_escalate" && (
          <>
            <div>
              <label htmlFor={ids.min} className={label}>{t("rules.minRisk")}</label>
              <input id={ids.min} type="number" min={1} max={100} className={input} value={minRisk} onChange={(e) => setMinRisk(e.target.value)} />
            </div>
            <div>
              <label htmlFor={ids.role} className={label}>{t("rules.toRole")}</label>
              <select id={ids.role} className={input} value={toRole} onChange={(e) => setToRole(e.target.value as (typeof ESCALATION_ROLES)[number])}>
                {ESCALATION_ROLES.map((r) => (
                  <option key={r} value={r}>{t(`roles.${r}`)}</option>
                ))}
              </select>
            </div>
          </>
        )}
        {kind === "auto_assign" && (
          <>
            <div>
              <label htmlFor={ids.lang} className={label}>{t("rules.language")}</label>
              <select id={ids.lang} className={input} value={language} onChange={(e) => setLanguage(e.target.value)}>
                <option value="">{t("rules.anyLanguage")}</option>
                {(["ja", "en", "other"] as const).map((l) => (
                  <option key={l} value={l}>{t(`languages.${l}`)}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={ids.mode} className={label}>{t("rules.mode")}</label>
              <select id={ids.mode} className={input} value={mode} onChange={(e) => setMode(e.target.value as "round_robin" | "user")}>
                <option value="round_robin">{t("rules.roundRobin")}</option>
                <option value="user">{t("rules.oneUser")}</option>
              </select>
            </div>
            {mode === "user" && (
              <div>
                <label htmlFor={ids.user} className={label}>{t("rules.user")}</label>
                <select id={ids.user} className={input} value={userId} onChange={(e) => setUserId(e.target.value)}>
                  {agents.map((a) => (
                    <option key={a.id} value={a.id}>{a.name ?? a.id}</option>
                  ))}
                </select>
              </div>
            )}
          </>
        )}
      </div>
    </FormShell>
  );
}

export function ShiftToggle({ userId, name, onShift, canManage }: { userId: string; name: string; onShift: boolean; canManage: boolean }) {
  const t = useTranslations("inboxSettings");
  const s = useSave();
  return (
    <span className="inline-flex items-center gap-2">
      <input
        type="checkbox"
        checked={onShift}
        disabled={!canManage || s.pending}
        aria-label={`${name}: ${t("shifts.onShift")}`}
        onChange={(e) => s.run(() => setInboxShiftAction({ userId, onShift: e.target.checked }) as Promise<Result>)}
        data-testid="shift-toggle"
      />
      {s.msg && !s.msg.ok && <Status msg={s.msg} />}
    </span>
  );
}
