import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listPostPublications } from "@/lib/dal/publishing-ops";
import type { Viewer } from "@/lib/dal/viewer";
import { PUBLISH_ERROR_CODES } from "@/lib/channels/types";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { ChannelLabel, TargetStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";

const SHOWN = new Set(["scheduled", "held", "publishing", "published", "failed", "needs_human_check", "expired"]);

/**
 * Where a post went out: one row per channel with its state, when it was published and how late,
 * a link to it on the network (the sandbox timeline for sandbox channels), and why it failed.
 * Renders nothing while no channel is past planning.
 */
export async function PublicationsPanel({ viewer, postId }: { viewer: Viewer; postId: string }) {
  const rows = await listPostPublications(viewer, postId);
  if (!rows.some((r) => SHOWN.has(r.targetState))) return null;
  const t = await getTranslations("publishing");
  const { when } = await pageFormat(viewer, new Date());
  return (
    <Panel id="post-publications" title={t("post.title")} description={t("post.description")}>
      <ItemList>
        {rows.map((r) => (
          <Item key={r.targetId}>
            <div className="flex flex-wrap items-center justify-between gap-2" data-testid={`publication-${r.platform}`} data-state={r.targetState}>
              <ChannelLabel platform={r.platform} name={r.handle} />
              <TargetStateBadge state={r.targetState} />
            </div>
            <p className="mt-0.5 text-xs text-slate-600">
              {r.publishedAt ? (
                <time dateTime={r.publishedAt.toISOString()}>{t("post.published", { time: when(r.publishedAt) })}</time>
              ) : r.slotAt ? (
                <time dateTime={r.slotAt.toISOString()}>{when(r.slotAt)}</time>
              ) : null}
              {r.lagMs !== null && r.targetState === "published" ? ` · ${t("post.lag", { seconds: (r.lagMs / 1000).toFixed(1) })}` : ""}
              {r.resolvedBy === "human" ? ` · ${t("post.resolvedByHuman")}` : r.resolvedBy === "reconcile" ? ` · ${t("post.resolvedByReconcile")}` : ""}
            </p>
            {r.errorCode && r.targetState !== "published" && (
              <p className="mt-0.5 text-xs text-red-700">{t(`errors.${(PUBLISH_ERROR_CODES as readonly string[]).includes(r.errorCode) ? r.errorCode : "unknown"}`)}</p>
            )}
            {r.targetState === "published" &&
              (r.connector === "sandbox" && viewer.permissions.has("sandbox.read") ? (
                <Link href={`/sandbox?channel=${r.channelId}`} className="mt-0.5 inline-block text-xs text-brand-700 underline-offset-2 hover:underline">
                  {t("post.viewOnNetwork")}
                </Link>
              ) : r.externalUrl && /^https:\/\//.test(r.externalUrl) ? (
                <a href={r.externalUrl} target="_blank" rel="noreferrer noopener" className="mt-0.5 inline-block text-xs text-brand-700 underline-offset-2 hover:underline">
                  {t("post.viewOnNetwork")}
                </a>
              ) : null)}
          </Item>
        ))}
      </ItemList>
    </Panel>
  );
}
