import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requirePageViewer, pageData } from "@/lib/auth/page-guard";
import { listCorrectablePosts, listCrisisCommunications } from "@/lib/dal/corrections";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { Badge } from "@/components/ui/badge";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PostStateBadge } from "@/components/ui/domain-badges";
import { pageFormat } from "@/components/ui/page-format";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("corrections");
  return { title: t("title") };
}

const link = "text-brand-700 underline-offset-2 hover:underline";

/** Corrections, apologies, retractions and statements (post.read), and — for correction.create — the published posts to start one from. */
export default async function CorrectionsPage() {
  const viewer = await requirePageViewer("post.read");
  const canCorrect = viewer.permissions.has("correction.create");
  const [comms, correctable] = await Promise.all([
    pageData(listCrisisCommunications(viewer)),
    canCorrect ? pageData(listCorrectablePosts(viewer)) : Promise.resolve(null),
  ]);
  const t = await getTranslations("corrections");
  const { tc, num, when, updatedAt } = await pageFormat(viewer, new Date());

  return (
    <div data-testid="corrections-page">
      <PageHeader title={t("title")} subtitle={t("subtitle")} meta={updatedAt()} />
      <div className="space-y-4">
        <Panel id="corrections-comms" title={t("list.commsTitle")} count={num(comms.length)} description={tc("fastLaneHint")}>
          {comms.length === 0 ? (
            <EmptyState icon="·">{t("list.commsEmpty")}</EmptyState>
          ) : (
            <DataTable minWidth="min-w-[52rem]" columns={[t("list.colTitle"), t("list.colKind"), t("list.colState"), t("list.colOriginal"), t("list.colBrand"), t("list.colUpdated")]}>
              {comms.map((c) => (
                <tr key={c.postId} data-testid="comms-row" data-post-id={c.postId}>
                  <th scope="row" className="px-4 py-2 text-left font-medium">
                    <Link href={`/corrections/${c.postId}`} className={link}>
                      {c.title}
                    </Link>
                    {c.authorName && <span className="block text-xs font-normal text-slate-500">{c.authorName}</span>}
                  </th>
                  <td className="px-4 py-2">
                    <Badge tone="info">{tc(`postKinds.${c.kind}`)}</Badge>
                  </td>
                  <td className="px-4 py-2">
                    <PostStateBadge state={c.state} />
                  </td>
                  <td className="px-4 py-2 text-slate-700">
                    {c.originalPostId ? (
                      <Link href={`/corrections/original/${c.originalPostId}`} className={link}>
                        {c.originalTitle}
                      </Link>
                    ) : (
                      t("list.none")
                    )}
                  </td>
                  <td className="px-4 py-2 text-slate-700">{c.brandName}</td>
                  <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-700">
                    <time dateTime={c.updatedAt.toISOString()}>{when(c.updatedAt)}</time>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Panel>

        {correctable && (
          <Panel id="corrections-published" title={t("list.publishedTitle")} description={t("list.publishedDescription")} count={num(correctable.length)}>
            {correctable.length === 0 ? (
              <EmptyState icon="·">{t("list.publishedEmpty")}</EmptyState>
            ) : (
              <DataTable minWidth="min-w-[52rem]" columns={[t("list.colTitle"), t("list.colBrand"), t("list.colChannels"), t("list.colPublished"), t("list.colCorrections"), { label: t("list.start"), align: "right" }]}>
                {correctable.map((p) => (
                  <tr key={p.postId} data-testid="published-row" data-post-id={p.postId}>
                    <th scope="row" className="px-4 py-2 text-left font-medium">
                      <Link href={`/corrections/original/${p.postId}`} className={link}>
                        {p.title}
                      </Link>
                      {p.kind !== "post" && (
                        <span className="ml-1.5">
                          <Badge tone="info">{tc(`postKinds.${p.kind}`)}</Badge>
                        </span>
                      )}
                    </th>
                    <td className="px-4 py-2 text-slate-700">{p.brandName}</td>
                    <td className="px-4 py-2 text-xs text-slate-600">{p.platforms.map((pl) => tc(`platforms.${pl}`)).join(" / ")}</td>
                    <td className="whitespace-nowrap px-4 py-2 tabular-nums text-slate-700">
                      <time dateTime={p.publishedAt.toISOString()}>{when(p.publishedAt)}</time>
                    </td>
                    <td className="px-4 py-2">
                      {p.corrections > 0 ? (
                        <span className="flex flex-wrap gap-1">
                          <Badge tone="warning">{t("list.correctionsCount", { count: p.corrections })}</Badge>
                          {p.openCorrections > 0 && <Badge tone="info">{t("list.open", { count: p.openCorrections })}</Badge>}
                        </span>
                      ) : (
                        <span className="text-slate-400">{t("list.none")}</span>
                      )}
                    </td>
                    <td className="px-4 py-2 text-right">
                      <Link href={`/corrections/original/${p.postId}#start`} className={link} data-testid="published-start">
                        {t("list.start")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </DataTable>
            )}
          </Panel>
        )}
      </div>
    </div>
  );
}
