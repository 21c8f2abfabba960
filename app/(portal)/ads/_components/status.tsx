import { getTranslations } from "next-intl/server";
import { Badge, type Tone } from "@/components/ui/badge";

export const CAMPAIGN_TONE: Record<string, Tone> = {
  draft: "muted",
  pending_approval: "warning",
  approved: "info",
  launching: "info",
  active: "success",
  paused: "neutral",
  ended: "muted",
};
export const AD_TONE: Record<string, Tone> = { draft: "muted", in_review: "warning", ready: "info", active: "success", paused: "neutral", ended: "muted", rejected: "danger" };

/** A campaign's status, with why it is paused when it is. */
export async function CampaignStatus({ status, pausedReason }: { status: string; pausedReason?: string | null }) {
  const t = await getTranslations("ads");
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="campaign-status" data-status={status}>
      <Badge tone={CAMPAIGN_TONE[status] ?? "neutral"}>{t(`statuses.${status}` as "statuses.draft")}</Badge>
      {status === "paused" && pausedReason && <Badge tone={pausedReason === "crisis" ? "danger" : "neutral"}>{t(`pauseReasons.${pausedReason}` as "pauseReasons.manual")}</Badge>}
    </span>
  );
}

export async function AdStatus({ status, pausedReason }: { status: string; pausedReason?: string | null }) {
  const t = await getTranslations("ads");
  return (
    <span className="inline-flex flex-wrap items-center gap-1" data-testid="ad-status" data-status={status}>
      <Badge tone={AD_TONE[status] ?? "neutral"}>{t(`adStatuses.${status}` as "adStatuses.draft")}</Badge>
      {status === "paused" && pausedReason && <Badge tone={pausedReason === "rule" ? "warning" : "neutral"}>{t(`pauseReasons.${pausedReason}` as "pauseReasons.manual")}</Badge>}
    </span>
  );
}
