import { getTranslations } from "next-intl/server";
import { Badge } from "./badge";
import { INBOX_STATUS_TONE, POST_STATE_TONE, PRIORITY_TONE, RISK_TONE, SENTIMENT_TONE, TARGET_STATE_TONE, riskLevel } from "./status-tones";

/** Chips for the shared status vocabularies: words from common.json, colour from status-tones. */

export async function PostStateBadge({ state }: { state: string }) {
  const t = await getTranslations("common");
  return <Badge tone={POST_STATE_TONE[state] ?? "neutral"}>{t(`postStates.${state}`)}</Badge>;
}

export async function TargetStateBadge({ state }: { state: string }) {
  const t = await getTranslations("common");
  return <Badge tone={TARGET_STATE_TONE[state] ?? "neutral"}>{t(`targetStates.${state}`)}</Badge>;
}

export async function InboxStatusBadge({ status }: { status: string }) {
  const t = await getTranslations("common");
  return <Badge tone={INBOX_STATUS_TONE[status] ?? "neutral"}>{t(`inboxStatuses.${status}`)}</Badge>;
}

export async function SentimentBadge({ sentiment }: { sentiment: string }) {
  const t = await getTranslations("common");
  return <Badge tone={SENTIMENT_TONE[sentiment] ?? "neutral"}>{t(`sentiments.${sentiment}`)}</Badge>;
}

export async function PriorityBadge({ priority }: { priority: string }) {
  const t = await getTranslations("common");
  return <Badge tone={PRIORITY_TONE[priority] ?? "neutral"}>{t(`priorities.${priority}`)}</Badge>;
}

export async function RiskBadge({ score }: { score: number }) {
  const t = await getTranslations("common");
  const level = riskLevel(score);
  return <Badge tone={RISK_TONE[level]}>{t(`risk.${level}`, { score })}</Badge>;
}

/** "Instagram · あおばカフェ" — the network name from messages, then the account. */
export async function ChannelLabel({ platform, name }: { platform: string; name: string }) {
  const t = await getTranslations("common");
  return (
    <span className="whitespace-nowrap text-xs text-slate-600">
      <span className="font-medium text-slate-700">{t(`platforms.${platform}`)}</span>
      <span aria-hidden> · </span>
      <span className="sr-only">, </span>
      {name}
    </span>
  );
}
