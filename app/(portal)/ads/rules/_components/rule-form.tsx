"use client";

import { useId, useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import type { PublicError } from "@/lib/errors";
import { btnPrimary, input, label } from "../../../admin/_components/ui";
import { createRuleAction, toggleRuleAction } from "../../actions";
import { AdsError } from "../../_components/ads-error";

/** A new automated rule: CPA above a limit for N days, or a spike of negative comments on the boosted post. */
export function RuleForm({ campaigns }: { campaigns: { id: string; name: string }[] }) {
  const t = useTranslations("ads.rules");
  const router = useRouter();
  const [v, setV] = useState({ kind: "cpa_above" as "cpa_above" | "negative_comments_spike", name: "", campaignId: "", limitJpy: "3000", days: "2", count: "10", hours: "6", action: "pause_ad" as "pause_ad" | "notify" });
  const [error, setError] = useState<PublicError | null>(null);
  const [pending, start] = useTransition();
  const id = useId();
  const f = (k: string) => `${id}-${k}`;
  return (
    <form
      className="grid gap-3 md:grid-cols-3"
      data-testid="rule-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          setError(null);
          const base = { name: v.name, campaignId: v.campaignId, action: v.action };
          const r = v.kind === "cpa_above" ? await createRuleAction({ kind: "cpa_above", ...base, limitJpy: v.limitJpy, days: v.days }) : await createRuleAction({ kind: "negative_comments_spike", ...base, count: v.count, hours: v.hours });
          if (!r.ok) return setError(r.error);
          setV({ ...v, name: "" });
          router.refresh();
        });
      }}
    >
      <div>
        <label htmlFor={f("kind")} className={label}>{t("kind")}</label>
        <select id={f("kind")} className={input} value={v.kind} onChange={(e) => setV({ ...v, kind: e.target.value as typeof v.kind })} data-testid="rule-kind">
          <option value="cpa_above">{t("kinds.cpa_above")}</option>
          <option value="negative_comments_spike">{t("kinds.negative_comments_spike")}</option>
        </select>
      </div>
      <div>
        <label htmlFor={f("name")} className={label}>{t("name")}</label>
        <input id={f("name")} className={input} value={v.name} maxLength={120} onChange={(e) => setV({ ...v, name: e.target.value })} data-testid="rule-name" aria-invalid={!!error?.fieldErrors?.name} />
      </div>
      <div>
        <label htmlFor={f("campaign")} className={label}>{t("campaign")}</label>
        <select id={f("campaign")} className={input} value={v.campaignId} onChange={(e) => setV({ ...v, campaignId: e.target.value })} data-testid="rule-campaign">
          <option value="">{t("allCampaigns")}</option>
          {campaigns.map((c) => (
            <option key={c.id} value={c.id}>{c.name}</option>
          ))}
        </select>
      </div>
      {v.kind === "cpa_above" ? (
        <>
          <div>
            <label htmlFor={f("limit")} className={label}>{t("limitJpy")}</label>
            <input id={f("limit")} className={input} inputMode="numeric" value={v.limitJpy} onChange={(e) => setV({ ...v, limitJpy: e.target.value.replace(/[^\d]/g, "") })} data-testid="rule-limit" aria-invalid={!!error?.fieldErrors?.limitJpy} />
          </div>
          <div>
            <label htmlFor={f("days")} className={label}>{t("days")}</label>
            <input id={f("days")} className={input} type="number" min={1} max={14} value={v.days} onChange={(e) => setV({ ...v, days: e.target.value })} data-testid="rule-days" />
          </div>
        </>
      ) : (
        <>
          <div>
            <label htmlFor={f("count")} className={label}>{t("count")}</label>
            <input id={f("count")} className={input} type="number" min={1} value={v.count} onChange={(e) => setV({ ...v, count: e.target.value })} />
          </div>
          <div>
            <label htmlFor={f("hours")} className={label}>{t("hours")}</label>
            <input id={f("hours")} className={input} type="number" min={1} max={72} value={v.hours} onChange={(e) => setV({ ...v, hours: e.target.value })} />
          </div>
        </>
      )}
      <div>
        <label htmlFor={f("action")} className={label}>{t("action")}</label>
        <select id={f("action")} className={input} value={v.action} onChange={(e) => setV({ ...v, action: e.target.value as typeof v.action })}>
          <option value="pause_ad">{t("ruleActions.pause_ad")}</option>
          <option value="notify">{t("ruleActions.notify")}</option>
        </select>
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-3">
        <button type="submit" className={btnPrimary} disabled={pending} data-testid="rule-submit">
          {pending ? t("saving") : t("add")}
        </button>
        <span aria-live="polite">
          <AdsError error={error} />
        </span>
      </div>
    </form>
  );
}

export function RuleToggle({ ruleId, enabled }: { ruleId: string; enabled: boolean }) {
  const t = useTranslations("ads.rules");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<PublicError | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <label className="inline-flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          role="switch"
          checked={enabled}
          disabled={pending}
          aria-checked={enabled}
          onChange={(e) =>
            start(async () => {
              setError(null);
              const r = await toggleRuleAction({ ruleId, enabled: e.target.checked });
              if (!r.ok) return setError(r.error);
              router.refresh();
            })
          }
        />
        {enabled ? t("on") : t("off")}
      </label>
      <AdsError error={error} />
    </span>
  );
}
