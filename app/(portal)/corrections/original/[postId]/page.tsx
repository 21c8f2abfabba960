import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { getPostHistory } from "@/lib/dal/corrections";
import { formatOriginalDate, localeOfText } from "@/lib/domain/correction-templates";
import { PageHeader } from "@/components/ui/page-header";
import { Item, ItemList, Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { PostStateBadge, TargetStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";
import { CorrectionHistoryPanel } from "@/components/corrections/history-panel";
import { StartCorrectionForm } from "../../_components/start-correction-form";

export async function generateMetadata(): Promise<Metadata> {
  const tm = await getTranslations("corrections.original");
  return { title: tm("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

/** A post as it went out, its whole correction history, and (correction.create, published posts) the form to start a correction. */
export default async function OriginalPage({ params }: { params: Promise<{ postId: string }> }) {
  const viewer = await requirePageViewer("post.read");
  const { postId } = await params;
  const h = await pageData(getPostHistory(viewer, postId));
  const t = await getTranslations("corrections");
  const { tc, when } = await pageFormat(viewer, new Date());
  const canStart = viewer.permissions.has("correction.create") && h.state === "published";
  const sample = h.text[0]?.text ?? "";
  const locale = localeOfText(sample);
  const published = new Map(h.publications.map((p) => [p.channelId, p]));

  return (
    <div data-testid="original-page" data-post-id={h.postId}>
      <p className="mb-2 text-sm">
        <Link href="/corrections" className={link}>
          ← {t("original.back")}
        </Link>
      </p>
      <PageHeader
        title={h.title}
        subtitle={
          <span className="flex flex-wrap items-center gap-1.5">
            {h.brandName} · {h.authorName ?? "—"} <PostStateBadge state={h.state} />
            {h.kind !== "post" && <Badge tone="info">{tc(`postKinds.${h.kind}`)}</Badge>}
          </span>
        }
        meta={h.publishedAt ? t("original.published", { time: when(h.publishedAt) }) : t("original.notPublished")}
      />

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Panel id="original-text" title={t("original.textTitle")}>
            <ItemList>
              {h.text.map((v) => (
                <Item key={v.channelId}>
                  <p className="text-xs font-medium text-slate-600">
                    {tc(`platforms.${v.platform}`)}
                    {published.get(v.channelId) && <> · {published.get(v.channelId)!.channelName}</>}
                  </p>
                  <p className="mt-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-900">{v.text}</p>
                </Item>
              ))}
            </ItemList>
          </Panel>

          <Panel id="original-publications" title={t("original.publicationsTitle")}>
            <DataTable minWidth="min-w-[36rem]" columns={[t("original.colChannel"), t("original.colState"), t("original.colPublished"), t("original.colLink")]}>
              {h.publications.map((p) => (
                <tr key={p.channelId}>
                  <th scope="row" className="px-4 py-2 text-left font-normal">
                    <span className="font-medium text-slate-900">{tc(`platforms.${p.platform}`)}</span>
                    <span className="block text-xs text-slate-500">
                      {p.channelName} ({p.handle})
                    </span>
                  </th>
                  <td className="px-4 py-2">
                    <TargetStateBadge state={p.targetState} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-700">{p.publishedAt ? <time dateTime={p.publishedAt.toISOString()}>{when(p.publishedAt)}</time> : "—"}</td>
                  <td className="px-4 py-2">
                    {p.externalUrl && /^https?:\/\//.test(p.externalUrl) ? (
                      <a href={p.externalUrl} className={link} rel="noopener noreferrer" target="_blank">
                        {t("original.openOnNetwork")}
                      </a>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          </Panel>

          {canStart ? (
            <section id="start" aria-labelledby="start-heading" className="rounded-xl border border-slate-200 bg-white shadow-sm" data-testid="panel-start-correction">
              <div className="border-b border-slate-100 px-4 py-3">
                <h2 id="start-heading" className="text-base font-semibold text-slate-900">
                  {t("start.title")}
                </h2>
                <p className="mt-0.5 text-xs text-slate-500">
                  {t("start.description")} {tc("fastLaneHint")}
                </p>
              </div>
              <div className="p-4">
                <StartCorrectionForm
                  originalPostId={h.postId}
                  originalTitle={h.title}
                  originalText={sample}
                  originalDate={h.publishedAt ? formatOriginalDate(h.publishedAt, locale, viewer.timeZone) : ""}
                  locale={locale}
                  channels={h.publications.map((p) => ({
                    channelId: p.channelId,
                    platform: p.platform,
                    label: `${tc(`platforms.${p.platform}`)} · ${p.channelName}`,
                    published: p.publicationState === "published",
                    removable: p.removable,
                  }))}
                />
              </div>
            </section>
          ) : (
            viewer.permissions.has("correction.create") && (
              <p role="note" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="cannot-correct">
                {t("original.cannotCorrect")}
              </p>
            )
          )}
        </div>
        <div>
          <CorrectionHistoryPanel history={h} viewer={viewer} />
        </div>
      </div>
    </div>
  );
}
