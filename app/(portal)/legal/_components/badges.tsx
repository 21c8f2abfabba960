import { Badge, type Tone } from "@/components/ui/badge";

/** Small badges of the legal queue; the label is always text (colour is never the only signal). */
const STATE_TONE: Record<string, Tone> = {
  open: "neutral",
  in_progress: "info",
  approved: "success",
  approved_with_conditions: "warning",
  rejected: "danger",
  withdrawn: "muted",
};
const RISK_TONE: Record<string, Tone> = { low: "muted", medium: "warning", high: "danger" };
const SLA_TONE: Record<string, Tone> = { ok: "neutral", warning: "warning", breached: "danger", none: "muted" };
const KIND_TONE: Record<string, Tone> = { post_revision: "brand", ad_creative: "info", reply: "neutral", takedown: "danger", talent_usage: "warning" };

export function StateBadge({ state, label }: { state: string; label: string }) {
  return <Badge tone={STATE_TONE[state] ?? "neutral"}>{label}</Badge>;
}
export function RiskLevelBadge({ risk, label }: { risk: string; label: string }) {
  return <Badge tone={RISK_TONE[risk] ?? "neutral"}>{label}</Badge>;
}
export function SlaBadge({ sla, label }: { sla: string; label: string }) {
  return <Badge tone={SLA_TONE[sla] ?? "neutral"}>{label}</Badge>;
}
export function KindBadge({ kind, label }: { kind: string; label: string }) {
  return <Badge tone={KIND_TONE[kind] ?? "muted"}>{label}</Badge>;
}
