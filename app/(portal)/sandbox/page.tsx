import type { Metadata } from "next";
import Link from "next/link";
import clsx from "clsx";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getSandboxTimeline, listSandboxChannels } from "@/lib/dal/publishing-ops";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { pageFormat } from "@/components/ui/page-format";
import { ChannelLabel } from "@/components/ui/domain-badges";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("publishing.sandbox");
  return { title: t("title") };
}

const STATE_TONE = { live: "success", hidden: "warning", deleted: "muted" } as const;
/** Handles are stored as the network writes them (some with @, some without): show one @. */
const at = (handle: string) => `@${handle.replace(/^@/, "")}`;

export default async function SandboxPage({ searchParams }: { searchParams: Promise<{ channel?: string | string[] }> }) {
  const viewer = await requirePageViewer("sandbox.read");
  const { channel } = await searchParams;
  const channels = await pageData(listSandboxChannels(viewer));
  const selectedId = typeof channel === "string" ? channel : channels[0]?.id;
  const timeline = selectedId ? await pageData(getSandboxTimeline(viewer, selectedId)) : null;
  const t = await getTranslations("publishing.sandbox");
  const { when, rel } = await pageFormat(viewer, new Date());

  return (
    <div data-testid="sandbox-network">
      <PageHeader title={t("title")} subtitle={t("subtitle")} />
      <div className="grid gap-4 lg:grid-cols-[16rem_1fr]">
        <nav aria-label={t("channels")} className="rounded-xl border border-slate-200 bg-white p-2 shadow-sm">
          {channels.length === 0 ? (
            <EmptyState>{t("noChannels")}</EmptyState>
          ) : (
            <ul className="space-y-1">
              {channels.map((c) => (
                <li key={c.id}>
                  <Link
                    href={`/sandbox?channel=${c.id}`}
                    aria-current={c.id === selectedId ? "page" : undefined}
                    className={clsx(
                      "block rounded-md px-3 py-2 text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-600",
                      c.id === selectedId && "bg-brand-50 font-medium text-brand-900",
                    )}
                  >
                    <ChannelLabel platform={c.platform} name={c.displayName} />
                    <span className="mt-0.5 block text-xs text-slate-500">
                      {c.brandName} · {at(c.handle)}
                    </span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </nav>
        {timeline ? (
          <Panel id="sandbox-timeline" title={t("timeline", { name: timeline.channel.displayName })} description={at(timeline.channel.handle)}>
            {timeline.posts.length === 0 ? (
              <EmptyState>{t("empty")}</EmptyState>
            ) : (
              <ol className="space-y-3" aria-label={t("timeline", { name: timeline.channel.displayName })}>
                {timeline.posts.map((p) => (
                  <li key={p.externalId} data-testid="sandbox-post" className={clsx("rounded-lg border border-slate-200 p-3", p.state !== "live" && "opacity-70")}>
                    <div className="mb-1 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
                      <span className="font-medium text-slate-700">
                        {timeline.channel.displayName} <span className="font-normal">{at(timeline.channel.handle)}</span>
                      </span>
                      <span className="flex items-center gap-2">
                        {p.inReplyTo && <Badge tone="info">{t("reply")}</Badge>}
                        <Badge tone={STATE_TONE[p.state]}>{t(`states.${p.state}`)}</Badge>
                        <time dateTime={p.createdAt.toISOString()} title={when(p.createdAt)}>
                          {rel(p.createdAt)}
                        </time>
                      </span>
                    </div>
                    <p className={clsx("whitespace-pre-wrap text-sm text-slate-900", p.state === "deleted" && "line-through")}>{p.text}</p>
                    {p.postId && (
                      <p className="mt-2 text-xs text-slate-500">
                        {viewer.permissions.has("workspace.manager") ? (
                          <Link href={`/manager/approvals/${p.postId}`} className="underline-offset-2 hover:underline">
                            {t("ours", { title: p.postTitle ?? "" })}
                          </Link>
                        ) : (
                          t("ours", { title: p.postTitle ?? "" })
                        )}
                      </p>
                    )}
                  </li>
                ))}
              </ol>
            )}
          </Panel>
        ) : (
          <EmptyState>{t("pick")}</EmptyState>
        )}
      </div>
    </div>
  );
}
