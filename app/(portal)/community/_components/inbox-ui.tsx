"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { INBOX_STATUS_TONE, PRIORITY_TONE, RISK_TONE, SENTIMENT_TONE, riskLevel } from "@/components/ui/status-tones";
import { linkify } from "@/lib/domain/inbox-shortcuts";
import type { SlaState } from "@/lib/domain/inbox-query";

/**
 * Building blocks of the inbox shared by the list and the thread view (client side).
 * What strangers wrote is only ever rendered as React text: never as HTML. Only http(s) links
 * become <a>, with rel="noopener noreferrer nofollow ugc" and a new tab.
 */
export function InertText({ text, className, lang }: { text: string; className?: string; lang?: string | null }) {
  return (
    <span className={className} lang={lang ?? undefined}>
      {linkify(text).map((p, i) =>
        p.href ? (
          <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow ugc" className="break-all text-brand-700 underline hover:text-brand-800">
            {p.text}
          </a>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

/** A clock that ticks every second (shared by every countdown on the page). */
export function useNowTick(ms = 1000, initial?: number): number {
  const [now, setNow] = useState(() => initial ?? Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}

/** 1:05:09 / 12:03 / "3日" — hours:minutes:seconds under two days, days beyond. */
function duration(ms: number, days: (n: number) => string): string {
  const s = Math.floor(Math.abs(ms) / 1000);
  if (s >= 48 * 3600) return days(Math.floor(s / 86400));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const mm = String(m).padStart(2, "0");
  const ss = String(sec).padStart(2, "0");
  return h > 0 ? `${h}:${mm}:${ss}` : `${m}:${ss}`;
}

const SLA_TONE = { breached: "danger", warning: "warning", ok: "info", none: "muted" } as const;

/** The SLA time left (or overdue), live; turns amber then red. */
export function SlaCountdown({ dueAt, firstResponseAt, status, now }: { dueAt: string | null; firstResponseAt: string | null; status: string; now: number }) {
  const t = useTranslations("community.sla");
  const awaiting = status === "open" || status === "assigned" || status === "escalated";
  if (firstResponseAt) return <Badge tone="success">{t("responded")}</Badge>;
  if (!dueAt || !awaiting) return <Badge tone="muted">{t("none")}</Badge>;
  const left = Date.parse(dueAt) - now;
  const state: SlaState = left < 0 ? "breached" : left < 30 * 60_000 ? "warning" : "ok";
  const text = duration(left, (n) => t("days", { count: n }));
  return (
    <Badge tone={SLA_TONE[state]} className="tabular-nums">
      <time dateTime={dueAt} data-testid="sla-countdown" data-sla-state={state}>
        {left < 0 ? t("overdue", { time: text }) : t("left", { time: text })}
      </time>
    </Badge>
  );
}

export function KindBadge({ kind }: { kind: string }) {
  const tc = useTranslations("common");
  return <Badge tone="muted">{tc(`inboxKinds.${kind}` as "inboxKinds.dm")}</Badge>;
}
export function StatusBadge({ status }: { status: string }) {
  const tc = useTranslations("common");
  return <Badge tone={INBOX_STATUS_TONE[status] ?? "neutral"}>{tc(`inboxStatuses.${status}` as "inboxStatuses.open")}</Badge>;
}
export function SentimentChip({ sentiment }: { sentiment: string }) {
  const tc = useTranslations("common");
  return <Badge tone={SENTIMENT_TONE[sentiment] ?? "neutral"}>{tc(`sentiments.${sentiment}` as "sentiments.neutral")}</Badge>;
}
export function PriorityChip({ priority }: { priority: string }) {
  const tc = useTranslations("common");
  return <Badge tone={PRIORITY_TONE[priority] ?? "neutral"}>{tc(`priorities.${priority}` as "priorities.normal")}</Badge>;
}
export function RiskChip({ score, reasons }: { score: number; reasons: { code: string; term?: string; weight: number }[] }) {
  const tc = useTranslations("common");
  const t = useTranslations("community.list");
  const level = riskLevel(score);
  // a matched word is shown as it was written; a reason without one (tone, sentiment) in words
  const why = reasons.map((r) => r.term ?? (t.has(`reasonCodes.${r.code}`) ? t(`reasonCodes.${r.code}` as "reasonCodes.shouting") : r.code)).filter(Boolean);
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={RISK_TONE[level]}>{tc(`risk.${level}`, { score })}</Badge>
      {why.length > 0 && (
        <span className="text-xs text-slate-600" data-testid="risk-reasons">
          <span className="sr-only">{t("riskReasons")}: </span>
          {why.slice(0, 4).map((w, i) => (
            <span key={i} className="mr-1 rounded bg-red-50 px-1 py-0.5 text-red-800">
              {w}
            </span>
          ))}
        </span>
      )}
    </span>
  );
}
